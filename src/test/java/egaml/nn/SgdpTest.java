package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** SGDP on small examples worked by hand (learning rate 0.1, weight decay 0.1, delta 0.1, wd ratio 0.1). */
class SgdpTest {
    private static final Sgdp.Settings S = new Sgdp.Settings(0.1, 0.1, 0, 0, false, 0.1, 1e-8, 0.1);

    @Test
    void channelViewProjectsOutTheRadialPart() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray p = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray g = m.create(new float[] {0.01f, 1, 1, 0.01f}, new Shape(2, 2));
            Sgdp opt = new Sgdp(S);
            opt.update("w", p, g);
            // cosines 0.01/1.00005 < 0.1/sqrt(2): D = G minus its component along each row of P = [[0, 1], [1, 0]];
            // P <- P (1 - 0.1 * 0.1 * 0.1) - 0.1 D
            assertValues(p, 0.999, -0.1, -0.1, 0.999);
            assertThat(opt.lastStep("w")).isEqualTo(new Sgdp.StepInfo("channel", 0.1f));
        }
    }

    @Test
    void layerViewWhenOnlyTheWholeTensorIsOrthogonal() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray p = m.create(new float[] {1, 0, -1, 0}, new Shape(2, 2));
            NDArray g = m.create(new float[] {1, 0, 1, 0}, new Shape(2, 2));
            Sgdp opt = new Sgdp(S);
            opt.update("w", p, g);
            // rows are parallel (cosine 1), the layer is orthogonal (<G, P> = 0): no change to D, decay weakened
            assertValues(p, 0.999 - 0.1, 0, -0.999 - 0.1, 0);
            assertThat(opt.lastStep("w").view()).isEqualTo("layer");
        }
    }

    @Test
    void noProjectionForAParallelGradient() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray p = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray g = p.duplicate();
            Sgdp opt = new Sgdp(S);
            opt.update("w", p, g);
            // P (1 - 0.1 * 0.1) - 0.1 P = 0.89 P
            assertValues(p, 0.89, 1.78, 2.67, 3.56);
            assertThat(opt.lastStep("w")).isEqualTo(new Sgdp.StepInfo("none", 1f));
        }
    }

    @Test
    void vectorsGetPlainDecoupledDecay() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray b = m.create(new float[] {1, 2});
            Sgdp opt = new Sgdp(S);
            opt.update("b", b, m.create(new float[] {0.5f, 0.5f}));
            assertValues(b, 0.94, 1.93);
        }
    }

    @Test
    void aScheduledRateScalesTheStepAndTheDecay() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray b = m.create(new float[] {1, 2});
            Sgdp opt = new Sgdp(S);
            opt.scaleLearningRate(0.5); // lr 0.05: b (1 - 0.05 wd) - 0.05 g
            opt.update("b", b, m.create(new float[] {0.5f, 0.5f}));
            assertValues(b, 0.97, 1.965);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> opt.scaleLearningRate(1.5))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void momentumAndNesterov() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Sgdp.Settings s = new Sgdp.Settings(0.1, 0, 0.5, 0, false, 0.1, 1e-8, 0.1);
            NDArray b = m.create(new float[] {1});
            Sgdp opt = new Sgdp(s);
            opt.update("b", b, m.create(new float[] {1})); // buffer 1: 1 - 0.1 = 0.9
            opt.update("b", b, m.create(new float[] {1})); // buffer 1.5: 0.9 - 0.15 = 0.75
            assertValues(b, 0.75);
            Sgdp nesterov = new Sgdp(new Sgdp.Settings(0.1, 0, 0.5, 0, true, 0.1, 1e-8, 0.1));
            NDArray c = m.create(new float[] {1});
            nesterov.update("c", c, m.create(new float[] {1})); // D = 1 + 0.5 * 1: 1 - 0.15
            assertValues(c, 0.85);
            opt.close();
            nesterov.close();
        }
    }

    private static void assertValues(NDArray a, double... expected) {
        float[] v = a.toFloatArray();
        assertThat(v).hasSize(expected.length);
        for (int i = 0; i < v.length; i++) {
            assertThat((double) v[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
