package egaml.ensemble;

import egaml.core.Label;
import egaml.core.Preset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FamilySelectionTest {
    @Test
    void theInformativeFamilyComesFirstAndCorrelationsAreSymmetric() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 200;
        int[][] y = new int[n][Label.COUNT];
        double[][][] z = new double[3][n][Label.COUNT];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < Label.COUNT; l++) {
                y[i][l] = rng.nextDouble() < 0.3 ? 1 : 0;
                double signal = y[i][l] == 1 ? 2 : -2;
                z[0][i][l] = rng.nextGaussian();                          // noise
                z[1][i][l] = signal + rng.nextGaussian();                 // informative
                z[2][i][l] = signal + 0.5 * z[1][i][l] + rng.nextGaussian(); // informative, correlated with [1]
            }
        }
        FamilySelection s = FamilySelection.of(List.of("noise", "good", "alike"), z, y,
                StackerConfig.preset(Preset.SMOKE), 1);
        assertThat(s.loss()[0]).isGreaterThan(s.loss()[1]);
        assertThat(s.greedy().get(0).added()).isNotEqualTo("noise");
        assertThat(s.greedy()).hasSize(3);
        assertThat(s.greedy().get(2).added()).isEqualTo("noise");
        for (int a = 0; a < 3; a++) {
            assertThat(s.correlation()[a][a]).isCloseTo(1, within(1e-12));
            for (int b = 0; b < 3; b++) {
                assertThat(s.correlation()[a][b]).isCloseTo(s.correlation()[b][a], within(1e-12));
            }
        }
        assertThat(s.correlation()[1][2]).isGreaterThan(0.8);
        assertThat(Math.abs(s.correlation()[0][1])).isLessThan(0.2);
    }
}
