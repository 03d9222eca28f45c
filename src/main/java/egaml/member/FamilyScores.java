package egaml.member;

import egaml.core.Label;
import egaml.core.Logistic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one currency between members and the stacker: per family, logits [sample][label]. Families keep the order in
 * which the member produced them. The arrays are not copied and must not be changed.
 */
public record FamilyScores(Map<String, double[][]> logits) {
    /** Probabilities are clipped to [eps, 1 - eps] before taking logits, so a 0 or 1 cannot give an infinite logit. */
    public static final double PROBABILITY_CLIP = 1e-7;

    public FamilyScores {
        logits = Collections.unmodifiableMap(new LinkedHashMap<>(logits));
        int n = -1;
        for (Map.Entry<String, double[][]> e : logits.entrySet()) {
            if (n >= 0 && e.getValue().length != n) {
                throw new IllegalArgumentException("family " + e.getKey() + " has " + e.getValue().length
                        + " samples, the others " + n);
            }
            n = e.getValue().length;
        }
    }

    /** Families whose values are probabilities: each becomes logit(clip(p)), with p clipped to [eps, 1 - eps]. */
    public static FamilyScores ofProbabilities(Map<String, double[][]> probabilities, double eps) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        probabilities.forEach((family, p) -> out.put(family, map(p, v -> Logistic.logit(v, eps))));
        return new FamilyScores(out);
    }

    /** The scores of the named families only, in that order. */
    public FamilyScores only(List<String> families) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (String f : families) {
            out.put(f, get(f));
        }
        return new FamilyScores(out);
    }

    /** The scores of the given samples only, in that order (rows shared, not copied). */
    public FamilyScores rows(List<Integer> samples) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        logits.forEach((f, z) -> out.put(f, samples.stream().map(i -> z[i]).toArray(double[][]::new)));
        return new FamilyScores(out);
    }

    public List<String> names() {
        return new ArrayList<>(logits.keySet());
    }

    public double[][] get(String family) {
        double[][] z = logits.get(family);
        if (z == null) {
            throw new IllegalArgumentException("no scores for family " + family + " (have " + logits.keySet() + ")");
        }
        return z;
    }

    public int samples() {
        return logits.isEmpty() ? 0 : logits.values().iterator().next().length;
    }

    /** The logits of the named families z[family][sample][label], in that order (the arrays themselves). */
    public double[][][] columns(List<String> families) {
        double[][][] z = new double[families.size()][][];
        for (int f = 0; f < z.length; f++) {
            z[f] = get(families.get(f));
        }
        return z;
    }

    /** These families followed by {@code other}'s; a name in both is an error. */
    public FamilyScores and(FamilyScores other) {
        Map<String, double[][]> out = new LinkedHashMap<>(logits);
        for (Map.Entry<String, double[][]> e : other.logits.entrySet()) {
            if (out.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("two members produce family " + e.getKey());
            }
        }
        return new FamilyScores(out);
    }

    /** The member's logits: the mean of its families' logits. */
    public double[][] meanLogits() {
        return mean(new ArrayList<>(logits.values()));
    }

    /** Probabilities of every family. */
    public Map<String, double[][]> probabilities() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        logits.forEach((family, z) -> out.put(family, sigmoid(z)));
        return out;
    }

    /** The member's probabilities: the sigmoid of the mean family logit. */
    public double[][] memberProbabilities() {
        return sigmoid(meanLogits());
    }

    /**
     * The element-wise mean of [sample][label] tables; each adds value / count in list order, so the result is
     * reproducible bit for bit. The one averaging helper of egaml's family and member tables.
     */
    public static double[][] mean(List<double[][]> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no table to average");
        }
        int n = tables.get(0).length;
        double[][] mean = new double[n][Label.COUNT];
        for (double[][] values : tables) {
            if (values.length != n) {
                throw new IllegalArgumentException("tables differ in samples: " + values.length + " vs " + n);
            }
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    mean[i][l] += values[i][l] / tables.size();
                }
            }
        }
        return mean;
    }

    public static double[][] sigmoid(double[][] z) {
        return map(z, Logistic::sigmoid);
    }

    private static double[][] map(double[][] in, java.util.function.DoubleUnaryOperator f) {
        double[][] out = new double[in.length][];
        for (int i = 0; i < in.length; i++) {
            out[i] = new double[in[i].length];
            for (int l = 0; l < in[i].length; l++) {
                out[i][l] = f.applyAsDouble(in[i][l]);
            }
        }
        return out;
    }
}
