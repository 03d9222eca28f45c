package egaml.cv;

import egaml.core.Label;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CvTest {
    /** Labels drawn with the real label frequencies (method.md 1.4). */
    private static int[][] labels(int n, long seed) {
        double[] freq = {0.119, 0.127, 0.122, 0.221, 0.039, 0.236, 0.317, 0.136, 0.194, 0.047};
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] y = new int[n][Label.COUNT];
        for (int[] row : y) {
            for (int j = 0; j < Label.COUNT; j++) {
                row[j] = rng.nextDouble() < freq[j] ? 1 : 0;
            }
        }
        return y;
    }

    @Test
    void foldsPartitionTheRowsAndKeepLabelFrequencies() {
        int[][] y = labels(763, 11);
        for (boolean pairs : new boolean[] {false, true}) {
            List<Fold> folds = new MultilabelStratifiedKFold(5, pairs).split(y, 42);
            assertThat(folds).hasSize(5);
            int[] seen = new int[y.length];
            for (Fold f : folds) {
                // the size term balances rows plus positive labels, so row counts vary a little
                assertThat(f.test().length).isBetween(140, 166);
                assertThat(f.train().length + f.test().length).isEqualTo(y.length);
                for (int i : f.test()) {
                    seen[i]++;
                }
                assertThat(f.test()).isSorted();
                assertThat(f.train()).isSorted();
                for (int j = 0; j < Label.COUNT; j++) {
                    double whole = mean(y, j, null);
                    assertThat(mean(y, j, f.test())).as("fold %d label %d", f.index(), j).isCloseTo(whole, within(0.02));
                }
            }
            assertThat(seen).containsOnly(1);
        }
    }

    private static double mean(int[][] y, int label, int[] rows) {
        if (rows == null) {
            return Arrays.stream(y).mapToInt(r -> r[label]).average().orElseThrow();
        }
        return Arrays.stream(rows).map(i -> y[i][label]).average().orElseThrow();
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        int[][] y = labels(300, 5);
        MultilabelStratifiedKFold k = new MultilabelStratifiedKFold(5, false);
        assertThat(k.assign(y, 1)).containsExactly(k.assign(y, 1));
        assertThat(k.assign(y, 1)).isNotEqualTo(k.assign(y, 2));
    }

    @Test
    void stratifiedFoldsBeatRandomFoldsOnRareLabels() {
        int[][] y = labels(400, 9);
        int[] fold = new MultilabelStratifiedKFold(5, false).assign(y, 3);
        // oxalate (rare): every fold holds its share of positives, within one
        int total = Arrays.stream(y).mapToInt(r -> r[Label.OXALATE.ordinal()]).sum();
        for (int k = 0; k < 5; k++) {
            int inFold = 0;
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == k) {
                    inFold += y[i][Label.OXALATE.ordinal()];
                }
            }
            assertThat(inFold).isBetween(total / 5 - 1, total / 5 + 2);
        }
    }

    @Test
    void logLossByHand() {
        int[][] y = {{1, 0}, {0, 0}};
        double[][] p = {{0.8, 0.3}, {0.1, 0.0}};
        double[] per = LogLoss.perLabel(y, p);
        assertThat(per[0]).isCloseTo((-Math.log(0.8) - Math.log(0.9)) / 2, within(1e-15));
        assertThat(per[1]).isCloseTo((-Math.log(0.7) - Math.log(1 - 1e-15)) / 2, within(1e-15));
        assertThat(LogLoss.aggregated(y, p)).isCloseTo((per[0] + per[1]) / 2, within(1e-15));
        assertThat(LogLoss.binary(1, 0.0)).isCloseTo(-Math.log(1e-15), within(1e-9));
        assertThat(LogLoss.binary(0, 1.0)).isEqualTo(-Math.log(1 - (1 - 1e-15))); // 1 - 1e-15 is not exact in binary
    }

    @Test
    void labelPriorScoresTheEntropyOfTheFrequencies() {
        int[][] y = labels(2000, 4);
        double[][] prior = LogLoss.priorPredictions(y, y.length);
        double expected = 0;
        for (int j = 0; j < Label.COUNT; j++) {
            double f = mean(y, j, null);
            expected += -(f * Math.log(f) + (1 - f) * Math.log(1 - f));
        }
        assertThat(LogLoss.aggregated(y, prior)).isCloseTo(expected / Label.COUNT, within(1e-12));
    }
}
