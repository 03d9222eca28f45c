package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RandomizedReluTest {

    @Test
    void predictionUsesTheMeanSlope() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = m.create(new float[] {-48, 0, 3});
            float[] y = RandomizedRelu.apply(x, NnActivation.RRELU_REFERENCE, false, null).toFloatArray();
            assertThat((double) y[0]).isCloseTo(-48 * 11.0 / 48, within(1e-4)); // (1/8 + 1/3) / 2 = 11/48
            assertThat(y[1]).isZero();
            assertThat(y[2]).isEqualTo(3f);
        }
    }

    @Test
    void trainingDrawsOneSlopePerNegativeElement() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            int n = 10_000;
            NDArray x = m.full(new Shape(n), -1f);
            NoiseSource noise = new NoiseSource(new SplittableRandom(4));
            float[] y = RandomizedRelu.apply(x, NnActivation.RRELU_REFERENCE, true, noise).toFloatArray();
            Set<Float> distinct = new HashSet<>();
            double mean = 0;
            for (float v : y) {
                assertThat((double) -v).isBetween(1.0 / 8, 1.0 / 3);
                distinct.add(v);
                mean -= v / n;
            }
            assertThat(distinct.size()).isGreaterThan(n * 9 / 10);
            assertThat(mean).isCloseTo(11.0 / 48, within(0.005));
            float[] positive = RandomizedRelu.apply(m.full(new Shape(5), 2f), NnActivation.RRELU_REFERENCE, true, noise).toFloatArray();
            assertThat(positive).containsOnly(2f);
            // the same seed gives the same slopes
            float[] again = RandomizedRelu.apply(x, NnActivation.RRELU_REFERENCE, true, new NoiseSource(new SplittableRandom(4))).toFloatArray();
            assertThat(again).containsExactly(y);
            assertThatThrownBy(() -> RandomizedRelu.apply(x, NnActivation.RRELU_REFERENCE, true, null))
                    .hasMessageContaining("noise");
        }
    }

    @Test
    void leakyAlternativeAndParsing() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            float[] y = RandomizedRelu.apply(m.create(new float[] {-2, 2}), NnActivation.LEAKY_REFERENCE, true, null).toFloatArray();
            assertThat((double) y[0]).isCloseTo(-0.02, within(1e-7));
            assertThat(y[1]).isEqualTo(2f);
        }
        assertThat(NnActivation.parse("rrelu(1/8, 1/3)")).isEqualTo(NnActivation.RRELU_REFERENCE);
        assertThat(NnActivation.parse("leaky(0.2)").inferenceSlope()).isEqualTo(0.2);
        assertThatThrownBy(() -> NnActivation.parse("relu6")).hasMessageContaining("activation must be");
        assertThatThrownBy(() -> NnActivation.parse("rrelu(0.5,0.2)")).hasMessageContaining("lower <= upper");
    }
}
