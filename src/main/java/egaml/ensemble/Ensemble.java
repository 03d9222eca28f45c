package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Logistic;
import egaml.member.Family;
import egaml.member.FamilyScores;
import egaml.member.SamRole;

import java.util.List;
import java.util.function.Predicate;

/**
 * The final combination of family logits (method.md 10.7 and 11): the stacker's family weight table for every sample,
 * then the SAM rule for SAM testbed samples, then the probability clip.
 *
 * @param families   the families in the weight table's column order, with their declared SAM roles
 * @param weights    [label][family] effective weights
 * @param intercepts per-label bias in logits (0 unless the stacker's intercept option was on)
 * @param clip       final probability bounds per instrument type (none by default)
 */
public record Ensemble(List<Family> families, double[][] weights, double[] intercepts, SamMode samMode, ProbabilityClip clip) {

    public Ensemble {
        families = List.copyOf(families);
        if (clip == null) {
            clip = ProbabilityClip.NONE;
        }
        if (samMode == SamMode.BLEND && (!has(families, SamRole.TREES) || networkRole(families) == null)) {
            throw new IllegalArgumentException("SAM mode blend needs tree and network families (the gbt and nn members); "
                    + "this model has " + names(families) + " (use average or stacker)");
        }
    }

    /** The mode a model gets when none is asked for: the reference's blend when it can run, else the average. */
    public static SamMode defaultSamMode(List<Family> families) {
        return has(families, SamRole.TREES) && networkRole(families) != null ? SamMode.BLEND : SamMode.AVERAGE;
    }

    public List<String> names() {
        return names(families);
    }

    /** The families' logits z[family][sample][label] in column order (the arrays themselves, not copies). */
    public double[][][] columns(FamilyScores scores) {
        return scores.columns(names());
    }

    /** The ensemble's probabilities for samples of the given instrument types. */
    public double[][] predict(FamilyScores scores, List<InstrumentType> types) {
        double[][][] z = columns(scores);
        return applySamRule(stack(weights, intercepts, z), z, types);
    }

    /** The stacker's probabilities from a weight table: p = sigmoid(b + sum_k w_k z_k) per label. */
    public static double[][] stack(double[][] weights, double[] intercepts, double[][][] z) {
        int n = z[0].length;
        double[][] p = new double[n][Label.COUNT];
        for (int j = 0; j < Label.COUNT; j++) {
            double[] prob = StackerObjective.predict(StackerTrainer.column(z, j), weights[j], intercepts[j]);
            for (int i = 0; i < n; i++) {
                p[i][j] = prob[i];
            }
        }
        return p;
    }

    /** Replaces the rows of SAM samples according to the SAM mode, then applies the clip bounds. */
    public double[][] applySamRule(double[][] stacked, double[][][] z, List<InstrumentType> types) {
        double[][] out = new double[stacked.length][];
        SamRole network = networkRole(families);
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
                    double trees = meanOver(z, i, j, f -> f.samRole() == SamRole.TREES);
                    double nets = meanOver(z, i, j, f -> f.samRole() == network);
                    double sam = Logistic.sigmoid(0.45 * trees + 0.25 * nets);
                    out[i][j] = (stacked[i][j] + 2 * sam) / 3;
                }
            }
            clip(out[i], types.get(i));
        }
        return out;
    }

    /**
     * The weights of the family logits inside the SAM blend's sigmoid (0.45 x the mean tree logit + 0.25 x the mean
     * network logit), per family in column order; zero for families outside both terms.
     */
    public double[] blendWeights() {
        double[] w = new double[families.size()];
        SamRole network = networkRole(families);
        long trees = families.stream().filter(f -> f.samRole() == SamRole.TREES).count();
        long nets = network == null ? 0 : families.stream().filter(f -> f.samRole() == network).count();
        for (int f = 0; f < w.length; f++) {
            SamRole role = families.get(f).samRole();
            w[f] = role == SamRole.TREES ? 0.45 / trees : network != null && role == network ? 0.25 / nets : 0;
        }
        return w;
    }

    /** The families of the blend's network term: the preferred ones if any, else all network families, else none. */
    private static SamRole networkRole(List<Family> families) {
        return has(families, SamRole.NETWORK_PREFERRED) ? SamRole.NETWORK_PREFERRED
                : has(families, SamRole.NETWORK) ? SamRole.NETWORK : null;
    }

    private static boolean has(List<Family> families, SamRole role) {
        return families.stream().anyMatch(f -> f.samRole() == role);
    }

    private static List<String> names(List<Family> families) {
        return families.stream().map(Family::name).toList();
    }

    private void clip(double[] row, InstrumentType type) {
        if (!clip.isNone()) {
            for (int j = 0; j < row.length; j++) {
                row[j] = clip.apply(row[j], type);
            }
        }
    }

    private double meanOver(double[][][] z, int i, int j, Predicate<Family> which) {
        double sum = 0;
        int n = 0;
        for (int f = 0; f < families.size(); f++) {
            if (which.test(families.get(f))) {
                sum += z[f][i][j];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
