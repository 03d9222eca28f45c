package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GroupNormTest {

    @Test
    void normalisesEachGroupOverItsChannelsAndPositions() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // one row, 4 channels x 2 positions, 2 groups: {1,2,3,4} and {10,10,10,30}
            NDArray x = m.create(new float[] {1, 2, 3, 4, 10, 10, 10, 30}, new Shape(1, 4, 2));
            NDArray gamma = m.create(new float[] {1, 2, 1, 1});
            NDArray beta = m.create(new float[] {0, 0, 0, 5});
            float[] y = GroupNorm.apply(x, 2, gamma, beta).toFloatArray();
            // group 1: mean 2.5, variance 1.25
            double s1 = Math.sqrt(1.25 + 1e-5);
            assertThat((double) y[0]).isCloseTo(-1.5 / s1, within(1e-5));
            assertThat((double) y[1]).isCloseTo(-0.5 / s1, within(1e-5));
            assertThat((double) y[2]).isCloseTo(2 * 0.5 / s1, within(1e-5)); // channel 1 scaled by 2
            assertThat((double) y[3]).isCloseTo(2 * 1.5 / s1, within(1e-5));
            // group 2: mean 15, variance (3 * 25 + 225) / 4 = 75
            double s2 = Math.sqrt(75 + 1e-5);
            assertThat((double) y[4]).isCloseTo(-5 / s2, within(1e-5));
            assertThat((double) y[7]).isCloseTo(15 / s2 + 5, within(1e-5)); // channel 3 shifted by 5
        }
    }

    @Test
    void blockUsesItsParameters() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            GroupNorm block = new GroupNorm(2, 4);
            block.initializeDefaults(m);
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(1, 4, 2));
            float[] y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            double mean = 0;
            for (int i = 0; i < 4; i++) {
                mean += y[i];
            }
            assertThat(mean).isCloseTo(0, within(1e-5));
            assertThat(block.groups()).isEqualTo(2);
        }
    }
}
