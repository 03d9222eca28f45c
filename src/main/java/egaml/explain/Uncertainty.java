package egaml.explain;

import egaml.core.Label;
import egaml.core.Logistic;

import java.util.List;

/**
 * How much the ensemble's families agree on one sample: per label the lowest and highest family probability and their
 * standard deviation. The families are differently built models (tree realisations, network configurations, ...), so
 * a wide range means the evidence is read differently by different views of the run.
 *
 * @param low      [label] the lowest family probability
 * @param high     [label] the highest family probability
 * @param spread   [label] standard deviation of the family probabilities
 * @param disagree [label] true when some family says below 0.25 and another above 0.75 (the members disagree strongly)
 */
public record Uncertainty(double[] low, double[] high, double[] spread, boolean[] disagree) implements java.io.Serializable {
    /** Disagreement: one family at most this probability while another is at least 1 - this. */
    public static final double DISAGREEMENT = 0.25;

    /** Of sample {@code i} of a prediction, over the ensemble's families {@code names}. */
    public static Uncertainty of(egaml.member.FamilyScores families, List<String> names, int i) {
        List<double[]> familyLogits = new java.util.ArrayList<>(names.size());
        for (String f : names) {
            familyLogits.add(families.get(f)[i]);
        }
        return of(familyLogits);
    }

    /** From the family logits of one sample: z[family][label]. */
    public static Uncertainty of(List<double[]> familyLogits) {
        double[] low = new double[Label.COUNT];
        double[] high = new double[Label.COUNT];
        double[] spread = new double[Label.COUNT];
        boolean[] disagree = new boolean[Label.COUNT];
        int f = familyLogits.size();
        for (int l = 0; l < Label.COUNT; l++) {
            double lo = 1;
            double hi = 0;
            double sum = 0;
            double sq = 0;
            for (double[] z : familyLogits) {
                double p = Logistic.sigmoid(z[l]);
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
                sum += p;
                sq += p * p;
            }
            double mean = sum / Math.max(1, f);
            low[l] = lo;
            high[l] = hi;
            spread[l] = Math.sqrt(Math.max(0, sq / Math.max(1, f) - mean * mean));
            disagree[l] = lo <= DISAGREEMENT && hi >= 1 - DISAGREEMENT;
        }
        return new Uncertainty(low, high, spread, disagree);
    }
}
