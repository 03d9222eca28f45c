package egaml.nn;

import egaml.core.Label;
import egaml.core.Logistic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Averages model logits into family logits (method.md 6.7): a sample's family logit is the mean over the
 * family's models that predicted it; the member's logit is the mean of its family logits; probabilities are
 * their sigmoids. Families keep the order in which they were first seen.
 */
final class FamilyLogits {
    private final int samples;
    private final Map<String, double[][]> sums = new LinkedHashMap<>();
    private final Map<String, int[]> counts = new LinkedHashMap<>();

    FamilyLogits(int samples) {
        this.samples = samples;
    }

    /** Adds one model's logits for the given rows. */
    void add(String family, int[] rows, float[][] logits) {
        double[][] sum = sums.computeIfAbsent(family, k -> new double[samples][Label.COUNT]);
        int[] count = counts.computeIfAbsent(family, k -> new int[samples]);
        for (int j = 0; j < rows.length; j++) {
            for (int l = 0; l < Label.COUNT; l++) {
                sum[rows[j]][l] += logits[j][l];
            }
            count[rows[j]]++;
        }
    }

    /** The mean logits per family; every sample must have been predicted by each family. */
    Map<String, double[][]> means() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : sums.entrySet()) {
            int[] count = counts.get(e.getKey());
            double[][] logit = new double[samples][Label.COUNT];
            for (int i = 0; i < samples; i++) {
                if (count[i] == 0) {
                    throw new IllegalStateException("sample " + i + " got no prediction from family " + e.getKey());
                }
                for (int l = 0; l < Label.COUNT; l++) {
                    logit[i][l] = e.getValue()[i][l] / count[i];
                }
            }
            out.put(e.getKey(), logit);
        }
        return out;
    }

    static double[][] sigmoid(double[][] logits) {
        double[][] p = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            p[i] = new double[logits[i].length];
            for (int l = 0; l < logits[i].length; l++) {
                p[i][l] = Logistic.sigmoid(logits[i][l]);
            }
        }
        return p;
    }

    static Map<String, double[][]> sigmoid(Map<String, double[][]> logits) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        logits.forEach((k, v) -> out.put(k, sigmoid(v)));
        return out;
    }
}
