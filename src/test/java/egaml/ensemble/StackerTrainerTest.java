package egaml.ensemble;

import egaml.core.Label;
import egaml.core.SeedSequence;
import egaml.cv.LogLoss;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class StackerTrainerTest {
    /**
     * Four families: three informative but overconfident ones with independent noise (as model families are),
     * and one of pure noise. Averaging the informative ones with weights below 1 beats each of them.
     */
    private static double[][][] families(int[][] y, SplittableRandom rng) {
        int n = y.length;
        double[][][] z = new double[4][n][Label.COUNT];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < Label.COUNT; j++) {
                double signal = y[i][j] == 1 ? 3 : -5;
                for (int f = 0; f < 3; f++) {
                    z[f][i][j] = signal + 3 * rng.nextGaussian();
                }
                z[3][i][j] = 3 * rng.nextGaussian();
            }
        }
        return z;
    }

    private static int[][] labels(int n, SplittableRandom rng) {
        int[][] y = new int[n][Label.COUNT];
        for (int[] row : y) {
            for (int j = 0; j < Label.COUNT; j++) {
                row[j] = rng.nextDouble() < 0.2 ? 1 : 0;
            }
        }
        return y;
    }

    @Test
    void learnsToTrustTheInformativeFamilyAndBeatsEachInput() {
        SplittableRandom rng = new SplittableRandom(2);
        int[][] y = labels(600, rng);
        double[][][] z = families(y, rng);
        StackerTrainer.Result r = new StackerTrainer(StackerConfig.preset(egaml.core.Preset.FAST))
                .fit(List.of("a", "b", "c", "noise"), z, y, new SeedSequence(3));
        double stacked = LogLoss.aggregated(y, r.oof());
        for (int f = 0; f < 4; f++) {
            double[][] p = new double[y.length][Label.COUNT];
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < Label.COUNT; j++) {
                    p[i][j] = 1 / (1 + Math.exp(-z[f][i][j]));
                }
            }
            assertThat(stacked).as("family %d", f).isLessThan(LogLoss.aggregated(y, p));
        }
        for (int j = 0; j < Label.COUNT; j++) {
            assertThat(r.weights()[j][0]).isGreaterThan(r.weights()[j][3]);
            assertThat(r.weights()[j][3]).isLessThan(0.05);
            double total = r.weights()[j][0] + r.weights()[j][1] + r.weights()[j][2] + r.weights()[j][3];
            // soft cap: the effective sum may exceed 1 but not sqrt(3) (at least one of the 4 families is dropped)
            assertThat(total).isBetween(0.2, Math.sqrt(3));
            assertThat(r.weights()[j][0]).as("an overconfident family is shrunk").isLessThan(1);
        }
        // same seed, same result
        StackerTrainer.Result again = new StackerTrainer(StackerConfig.preset(egaml.core.Preset.FAST))
                .fit(List.of("a", "b", "c", "noise"), z, y, new SeedSequence(3));
        assertThat(again.oof()).isDeepEqualTo(r.oof());
        assertThat(Ensemble.stack(r.weights(), r.intercepts(), z)).hasNumberOfRows(y.length);
        assertThat(r.intercepts()).containsOnly(0.0); // off by default, as in the reference
    }

    @Test
    void theInterceptOptionCorrectsFamiliesThatAreBiasedLow() {
        SplittableRandom rng = new SplittableRandom(8);
        int[][] y = labels(800, rng);
        double[][][] z = new double[2][y.length][Label.COUNT];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < Label.COUNT; j++) {
                double truth = (y[i][j] == 1 ? 2.0 : -2.0) + rng.nextGaussian();
                z[0][i][j] = truth - 1.5; // both families under-predict by 1.5 logits
                z[1][i][j] = truth - 1.5 + 0.5 * rng.nextGaussian();
            }
        }
        StackerConfig plain = StackerConfig.preset(egaml.core.Preset.FAST);
        StackerTrainer.Result without = new StackerTrainer(plain).fit(List.of("a", "b"), z, y, new SeedSequence(1));
        StackerTrainer.Result with = new StackerTrainer(plain.withIntercept(true)).fit(List.of("a", "b"), z, y,
                new SeedSequence(1));
        assertThat(LogLoss.aggregated(y, with.oof())).isLessThan(LogLoss.aggregated(y, without.oof()) - 0.01);
        for (double b : with.intercepts()) {
            assertThat(b).isBetween(0.2, 3.0); // upwards: about the weights times the 1.5-logit bias
        }
    }

    @Test
    void aFoldFitNeverSeesTheLabelsOfItsHeldOutRows() {
        SplittableRandom rng = new SplittableRandom(5);
        int[][] y = labels(300, rng);
        double[][][] z = families(y, rng);
        double[][] zl = StackerTrainer.column(z, 0);
        int[] yl = new int[300];
        for (int i = 0; i < 300; i++) {
            yl[i] = y[i][0];
        }
        int[] train = java.util.stream.IntStream.range(0, 200).toArray();
        StackerTrainer trainer = new StackerTrainer(StackerConfig.preset(egaml.core.Preset.FULL));
        StackerTrainer.FoldFit a = trainer.fitFold(zl, yl, train, new SplittableRandom(9));
        int[] flipped = yl.clone();
        for (int i = 200; i < 300; i++) {
            flipped[i] = 1 - flipped[i]; // the held-out rows' labels change...
        }
        StackerTrainer.FoldFit b = trainer.fitFold(zl, flipped, train, new SplittableRandom(9));
        assertThat(b.effective()).containsExactly(a.effective()); // ...and nothing the fold learns does
        assertThat(b.alpha()).isEqualTo(a.alpha());
    }
}
