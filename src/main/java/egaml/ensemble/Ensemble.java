package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Logistic;

import java.util.List;
import java.util.Map;

/**
 * The final combination of family predictions (method.md 10.7 and 11): the stacker's family weight table
 * for every sample, then the SAM rule for SAM testbed samples.
 *
 * @param families family names in the weight table's column order
 * @param weights    [label][family] effective weights
 * @param intercepts per-label bias in logits (0 unless the stacker's intercept option was on)
 * @param clip       final probability bounds per instrument type (none by default)
 */
public record Ensemble(List<String> families, double[][] weights, double[] intercepts, SamMode samMode, ProbabilityClip clip) {
    /** Probabilities are clipped here before taking logits, so a 0 or 1 cannot give an infinite logit. */
    static final double LOGIT_CLIP = 1e-7;

    public Ensemble(List<String> families, double[][] weights, double[] intercepts, SamMode samMode) {
        this(families, weights, intercepts, samMode, ProbabilityClip.NONE);
    }

    public Ensemble {
        families = List.copyOf(families);
        if (clip == null) {
            clip = ProbabilityClip.NONE;
        }
        if (samMode == SamMode.BLEND && families.stream().noneMatch(f -> f.startsWith("nn"))) {
            throw new IllegalArgumentException("SAM mode blend needs NN families; this model has only " + families
                    + " (use average or stacker)");
        }
    }

    /** Family probabilities [sample][label] by name to logits z[family][sample][label] in column order. */
    public double[][][] logits(Map<String, double[][]> familyProbabilities) {
        double[][][] z = new double[families.size()][][];
        for (int f = 0; f < families.size(); f++) {
            double[][] p = familyProbabilities.get(families.get(f));
            if (p == null) {
                throw new IllegalStateException("no predictions for family " + families.get(f));
            }
            z[f] = new double[p.length][Label.COUNT];
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < Label.COUNT; j++) {
                    z[f][i][j] = logit(p[i][j]);
                }
            }
        }
        return z;
    }

    /** The ensemble's probabilities for samples of the given instrument types. */
    public double[][] predict(Map<String, double[][]> familyProbabilities, List<InstrumentType> types) {
        double[][][] z = logits(familyProbabilities);
        double[][] p = StackerTrainer.predict(weights, intercepts, z);
        return applySamRule(p, z, types);
    }

    /** Replaces the rows of SAM samples according to the SAM mode, then applies the clip bounds. */
    public double[][] applySamRule(double[][] stacked, double[][][] z, List<InstrumentType> types) {
        double[][] out = new double[stacked.length][];
        String nn3Prefix = families.stream().anyMatch(f -> f.startsWith("nn_max+share+ion")) ? "nn_max+share+ion" : "nn";
        for (int i = 0; i < stacked.length; i++) {
            out[i] = stacked[i].clone();
            if (types.get(i) != InstrumentType.SAM_TESTBED || samMode == SamMode.STACKER) {
                clip(out[i], types.get(i));
                continue;
            }
            for (int j = 0; j < Label.COUNT; j++) {
                if (samMode == SamMode.AVERAGE) {
                    double mean = 0;
                    for (double[][] family : z) {
                        mean += family[i][j] / z.length;
                    }
                    out[i][j] = Logistic.sigmoid(mean);
                } else {
                    double gbt = meanOver(z, i, j, "gbt");
                    double nn3 = meanOver(z, i, j, nn3Prefix);
                    double sam = Logistic.sigmoid(0.45 * gbt + 0.25 * nn3);
                    out[i][j] = (stacked[i][j] + 2 * sam) / 3;
                }
            }
            clip(out[i], types.get(i));
        }
        return out;
    }

    private void clip(double[] row, InstrumentType type) {
        if (!clip.isNone()) {
            for (int j = 0; j < row.length; j++) {
                row[j] = clip.apply(row[j], type);
            }
        }
    }

    private double meanOver(double[][][] z, int i, int j, String prefix) {
        double sum = 0;
        int n = 0;
        for (int f = 0; f < families.size(); f++) {
            if (families.get(f).startsWith(prefix)) {
                sum += z[f][i][j];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    static double logit(double p) {
        return Logistic.logit(p, LOGIT_CLIP);
    }
}
