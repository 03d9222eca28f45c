package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TapTableTest {

    @Test
    void readsTheTapsOfEveryStem() {
        int c = 2;
        float[] x = new float[c * 100 * 40];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1; // every value distinct and non-zero
        }
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            float[] taps = TapTable.build(m, List.of(x), c, TapTable.InputDropout.NONE, null).toFloatArray();
            int rows = 100 * 20 * c;
            for (int k = 0; k < 7; k++) {
                int d = EgaNet.DILATIONS[k];
                for (int ion : new int[] {0, 37, 99}) {
                    for (int j = 0; j < 20; j++) {
                        for (int s = 0; s < c; s++) {
                            int row = (ion * 20 + j) * c + s;
                            for (int tap = 0; tap < 3; tap++) {
                                int pos = 2 * j + 1 + (tap - 1) * d;
                                float expected = pos < 0 || pos >= 40 ? 0f : x[(s * 100 + ion) * 40 + pos];
                                assertThat(taps[(k * rows + row) * 3 + tap]).isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void seriesDropoutZeroesWholeSeries() {
        float[] x = new float[100 * 40];
        java.util.Arrays.fill(x, 1f);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            float[] taps = TapTable.build(m, List.of(x), 1, new TapTable.InputDropout(TapTable.InputDropout.Mode.SERIES, 0.5),
                    new NoiseSource(new SplittableRandom(2))).toFloatArray();
            int dropped = 0;
            for (int ion = 0; ion < 100; ion++) {
                // the centre tap of dilation 1 reads odd positions: all zero or all 1/(1 - 0.5) within a series
                float first = taps[(ion * 20) * 3 + 1];
                assertThat(first).isIn(0f, 2f);
                for (int j = 0; j < 20; j++) {
                    assertThat(taps[(ion * 20 + j) * 3 + 1]).isEqualTo(first);
                }
                dropped += first == 0f ? 1 : 0;
            }
            assertThat(dropped).isBetween(30, 70);
        }
    }
}
