package egaml.ensemble;

import egaml.core.Label;
import egaml.member.FamilyScores;
import egaml.core.SeedSequence;
import egaml.cv.LogLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * Which families earn their place in the ensemble (method.md 14.2: members chosen by out-of-fold gain and low
 * correlation): each family's out-of-fold log loss, the correlation of every two families' out-of-fold logits (the
 * mean over labels of Pearson's r), and the greedy curve: starting from nothing, the family whose addition gives the
 * stacker (the model's own stacker settings, refitted and cross-fitted each time) the lowest out-of-fold log loss is
 * added, until all are in.
 *
 * @param loss        per family, its own out-of-fold aggregated log loss
 * @param correlation [family][family] mean Pearson correlation of the logits
 * @param greedy      the families in the order added, with the ensemble's out-of-fold log loss after each
 */
public record FamilySelection(List<String> families, double[] loss, double[][] correlation, List<Step> greedy) {

    public record Step(String added, double ensembleLoss) {
    }

    /** @param z family logits [family][sample][label] of the labelled samples */
    public static FamilySelection of(List<String> families, double[][][] z, int[][] y, StackerConfig config, long seed) {
        int k = families.size();
        double[] loss = new double[k];
        double[][] corr = new double[k][k];
        for (int a = 0; a < k; a++) {
            loss[a] = LogLoss.aggregated(y, FamilyScores.sigmoid(z[a]));
            for (int b = 0; b < k; b++) {
                double r = 0;
                for (int l = 0; l < Label.COUNT; l++) {
                    r += pearson(z[a], z[b], l);
                }
                corr[a][b] = r / Label.COUNT;
            }
        }
        List<Step> steps = new ArrayList<>();
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < k) {
            int best = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (chosen.contains(c)) {
                    continue;
                }
                List<Integer> trial = new ArrayList<>(chosen);
                trial.add(c);
                List<String> names = trial.stream().map(families::get).toList();
                double[][][] zs = trial.stream().map(i -> z[i]).toArray(double[][][]::new);
                StackerTrainer.Result r = new StackerTrainer(config).fit(names, zs, y,
                        new SeedSequence(seed).child(ModelTrainer.STACKER_STREAM));
                double l = LogLoss.aggregated(y, r.oof());
                if (l < bestLoss) {
                    bestLoss = l;
                    best = c;
                }
            }
            chosen.add(best);
            steps.add(new Step(families.get(best), bestLoss));
        }
        return new FamilySelection(List.copyOf(families), loss, corr, List.copyOf(steps));
    }

    private static double pearson(double[][] a, double[][] b, int l) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i][l];
            mb += b[i][l];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i][l] - ma;
            double db = b[i][l] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }
}
