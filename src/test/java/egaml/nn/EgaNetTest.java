package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EgaNetTest {

    @ParameterizedTest
    @CsvSource({"1, 438722", "2, 441522", "3, 444322"})
    void parameterCountsMatchTheMethod(int scalings, long expected) {
        EgaNet net = new EgaNet(NnArchitecture.of(scalings, NnActivation.LEAKY_REFERENCE, 0, 0));
        assertThat(net.parameterCount()).isEqualTo(expected);
        assertThat(net.shapeOf("stem_d100")).isEqualTo(new Shape(8, 1, 3));
        assertThat(net.shapeOf("conv2")).isEqualTo(new Shape(16, 56L * scalings, 3));
        assertThat(net.shapeOf("ion_linear")).isEqualTo(new Shape(256, 100));
        assertThat(net.shapeOf("head_weight")).isEqualTo(new Shape(10, 40960));
    }

    @ParameterizedTest
    @CsvSource({"1, leaky", "2, rrelu", "3, leaky"})
    void fastForwardEqualsTheLayerByLayerDefinition(int c, String activation) {
        NnActivation act = NnActivation.parse(activation);
        EgaNet net = new EgaNet(NnArchitecture.of(c, act, 0.1, 0.1));
        int batch = 2;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            net.initialize(manager, new SplittableRandom(7));
            // non-default GroupNorm affine values so that the channel order matters
            SplittableRandom r = new SplittableRandom(3);
            for (Parameter p : net.parameterList()) {
                if (p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA) {
                    float[] v = p.getArray().toFloatArray();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (p.getType() == Parameter.Type.GAMMA ? 0.5 + r.nextDouble() : r.nextDouble() - 0.5);
                    }
                    p.getArray().set(v);
                }
            }
            List<float[]> inputs = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                float[] x = new float[c * 100 * 40];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextDouble() < 0.3 ? 0f : (float) r.nextDouble();
                }
                inputs.add(x);
            }
            NDArray taps = TapTable.build(manager, inputs, c, TapTable.InputDropout.NONE, null);
            float[] fast = net.logits(taps, false, null).toFloatArray();
            for (int b = 0; b < batch; b++) {
                double[] expected = ReferenceForward.logits(net, inputs.get(b), c, act.inferenceSlope());
                for (int l = 0; l < 10; l++) {
                    assertThat((double) fast[b * 10 + l]).as("sample %d label %d", b, l).isCloseTo(expected[l], within(2e-3));
                }
            }
        }
    }

    @Test
    void saveAndLoadGiveTheSameLogits() throws Exception {
        NnArchitecture arch = NnArchitecture.of(2, NnActivation.LEAKY_REFERENCE, 0, 0);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            EgaNet net = new EgaNet(arch);
            net.initialize(manager, new SplittableRandom(11));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                net.save(out);
            }
            EgaNet copy = new EgaNet(arch);
            copy.load(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            float[] x = new float[2 * 100 * 40];
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextDouble();
            }
            NDArray taps = TapTable.build(manager, List.of(x), 2, TapTable.InputDropout.NONE, null);
            assertThat(copy.logits(taps, false, null).toFloatArray()).containsExactly(net.logits(taps, false, null).toFloatArray());

            EgaNet wrong = new EgaNet(NnArchitecture.of(3, NnActivation.LEAKY_REFERENCE, 0, 0));
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    wrong.load(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                    .hasMessageContaining("norm1_gamma");
        }
    }

    @Test
    void initialisationFollowsFanIn() {
        EgaNet net = new EgaNet(NnArchitecture.of(3, NnActivation.LEAKY_REFERENCE, 0, 0));
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            net.initialize(manager, new SplittableRandom(1));
            for (Parameter p : net.parameterList()) {
                float[] v = p.getArray().toFloatArray();
                switch (p.getName()) {
                    case "stem_d1" -> assertThat(max(v)).isLessThanOrEqualTo((float) (1 / Math.sqrt(3)));
                    case "conv2" -> assertThat(max(v)).isLessThanOrEqualTo((float) (1 / Math.sqrt(168 * 3))).isGreaterThan(0.04f);
                    case "head_bias", "head_weight" -> assertThat(max(v)).isLessThanOrEqualTo((float) (1 / Math.sqrt(40960)));
                    case "norm1_gamma" -> assertThat(v).containsOnly(1f);
                    case "norm1_beta" -> assertThat(v).containsOnly(0f);
                    default -> { }
                }
            }
        }
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
