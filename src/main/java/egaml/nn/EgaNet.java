package egaml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reference network of method.md 5.1 as one DJL block: seven dilated stems over temperature shared
 * across m/z and scalings, GroupNorm, a strided second convolution, a linear layer across m/z and a linear
 * head to the ten logits.
 *
 * <p>The parameters have the shapes and meaning of the method (stem d: [8, 1, 3]; second convolution
 * [16, 56C, 3] with input channel (dilation, scaling, filter); m/z linear [256, 100]; head [10, 40960] over
 * (conv channel, temperature position, m/z feature)). The computation is arranged for speed on a CPU
 * without changing the function:
 * <ul>
 *   <li>The stems read their taps directly (method.md 5.2): the input is the [7, rows, 3] tap table built
 *       by {@link TapTable} with rows (sample, m/z, position, scaling), so the seven stems are one batched
 *       matrix product and no series is padded.</li>
 *   <li>The stem output stays in a (dilation, sample x m/z, position, scaling, filter) layout, where each
 *       GroupNorm group is one contiguous row.</li>
 *   <li>The second convolution (stride 2, taps 2j, 2j+1, 2j+2) splits positions into even and odd: taps 0
 *       and 1 read one (even, odd) pair and tap 2 the next pair's even value, so it is one batched matrix
 *       product followed by a one-position shift of 16-channel outputs.</li>
 *   <li>The m/z linear multiplies a transposed view; no tensor is permuted in memory on the big path.</li>
 * </ul>
 */
public final class EgaNet extends AbstractBlock {
    public static final int[] DILATIONS = {1, 2, 5, 10, 20, 50, 100};
    public static final int TEMPERATURES = 40;
    public static final int IONS = 100;
    public static final int LABELS = 10;
    public static final int STEM_FILTERS = 8;
    public static final int STEM_POSITIONS = 20;
    public static final int REDUCE_CHANNELS = 16;
    public static final int REDUCE_POSITIONS = 10;
    public static final int ION_FEATURES = 256;
    public static final int HEAD_INPUTS = REDUCE_CHANNELS * REDUCE_POSITIONS * ION_FEATURES;

    private final int scalings;
    private final java.util.Map<String, Shape> shapes = new java.util.HashMap<>();
    private final NnArchitecture architecture;
    private final Parameter[] stems = new Parameter[DILATIONS.length];
    private final Parameter norm1Gamma;
    private final Parameter norm1Beta;
    private final Parameter conv2;
    private final Parameter norm2Gamma;
    private final Parameter norm2Beta;
    private final Parameter ionLinear;
    private final Parameter norm3Gamma;
    private final Parameter norm3Beta;
    private final Parameter headWeight;
    private final Parameter headBias;

    public EgaNet(NnArchitecture architecture) {
        this.architecture = architecture;
        this.scalings = architecture.scalings();
        int c = scalings;
        for (int k = 0; k < DILATIONS.length; k++) {
            stems[k] = weight("stem_d" + DILATIONS[k], new Shape(STEM_FILTERS, 1, 3));
        }
        norm1Gamma = param("norm1_gamma", Parameter.Type.GAMMA, new Shape(56L * c));
        norm1Beta = param("norm1_beta", Parameter.Type.BETA, new Shape(56L * c));
        conv2 = weight("conv2", new Shape(REDUCE_CHANNELS, 56L * c, 3));
        norm2Gamma = param("norm2_gamma", Parameter.Type.GAMMA, new Shape(REDUCE_CHANNELS));
        norm2Beta = param("norm2_beta", Parameter.Type.BETA, new Shape(REDUCE_CHANNELS));
        ionLinear = weight("ion_linear", new Shape(ION_FEATURES, IONS));
        norm3Gamma = param("norm3_gamma", Parameter.Type.GAMMA, new Shape(ION_FEATURES));
        norm3Beta = param("norm3_beta", Parameter.Type.BETA, new Shape(ION_FEATURES));
        headWeight = weight("head_weight", new Shape(LABELS, HEAD_INPUTS));
        headBias = param("head_bias", Parameter.Type.BIAS, new Shape(LABELS));
    }

    private Parameter weight(String name, Shape shape) {
        return param(name, Parameter.Type.WEIGHT, shape);
    }

    private Parameter param(String name, Parameter.Type type, Shape shape) {
        shapes.put(name, shape);
        return addParameter(Parameter.builder().setName(name).setType(type).build());
    }

    public NnArchitecture architecture() {
        return architecture;
    }

    /** The shape of a named parameter (method.md 5.1). */
    public Shape shapeOf(String name) {
        Shape s = shapes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return s;
    }

    /** All parameters in a fixed order. */
    public List<Parameter> parameterList() {
        return new ArrayList<>(getParameters().values());
    }

    /** The number of trainable values (444,322 for three scalings). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameterList()) {
            n += shapes.get(p.getName()).size();
        }
        return n;
    }

    /**
     * Initialises every parameter as the reference's framework does (method.md 5.3): weights and the head's
     * bias uniform in +-1/sqrt(fan_in), GroupNorm scale 1 and shift 0; drawn from {@code random}.
     */
    public void initialize(NDManager manager, SplittableRandom random) {
        ParameterArrays.initialize(manager, parameterList(), shapes::get,
                p -> p == headBias ? HEAD_INPUTS : ParameterArrays.fanIn(shapes.get(p.getName())), random);
    }

    /** Writes the parameters in DJL's parameter encoding. */
    public void save(DataOutputStream out) throws IOException {
        ParameterArrays.save(parameterList(), out);
    }

    /** Reads parameters written by {@link #save}; names and shapes must match this network. */
    public void load(NDManager manager, DataInputStream in) throws IOException {
        ParameterArrays.load(manager, parameterList(), shapes::get, in);
    }

    /**
     * The logits [B, 10] for a tap table [7, B x 100 x 20 x C, 3] (input dropout already applied).
     * Training draws the dropout masks and activation slopes from {@code noise}.
     */
    public NDArray logits(NDArray taps, boolean training, NoiseSource noise) {
        int c = scalings;
        long rows = taps.getShape().get(1);
        long bm = rows / (STEM_POSITIONS * c);
        long b = bm / IONS;
        if (taps.getShape().get(0) != DILATIONS.length || taps.getShape().get(2) != 3 || b * IONS * STEM_POSITIONS * c != rows) {
            throw new IllegalArgumentException("tap table must be [7, B x 100 x 20 x " + c + ", 3], got " + taps.getShape());
        }
        NnActivation act = architecture.activation();
        NDManager m = taps.getManager();
        // in prediction the fresh normalised tensors are scaled in place (the same arithmetic, less memory traffic),
        // unless gradients are taken with respect to the input (attributions), which needs them kept
        boolean copy = training || taps.hasGradient();

        // 2. stems: [7, rows, 3] x [7, 3, 8]
        NDList stemWeights = new NDList(DILATIONS.length);
        for (Parameter p : stems) {
            stemWeights.add(p.getArray().reshape(STEM_FILTERS, 3));
        }
        NDArray w = NDArrays.stack(stemWeights).transpose(0, 2, 1);
        NDArray h = taps.batchMatMul(w);
        // 4. GroupNorm, one group per dilation: row (dilation, sample x m/z) over (position, scaling, filter)
        h = GroupNorm.normaliseRows(h.reshape(DILATIONS.length * bm, (long) STEM_POSITIONS * c * STEM_FILTERS));
        Shape affine1 = new Shape(DILATIONS.length, 1, 1, c, STEM_FILTERS);
        h = h.reshape(DILATIONS.length, bm, STEM_POSITIONS, c, STEM_FILTERS);
        h = copy ? h.mul(norm1Gamma.getArray().reshape(affine1)).add(norm1Beta.getArray().reshape(affine1))
                : h.muli(norm1Gamma.getArray().reshape(affine1)).addi(norm1Beta.getArray().reshape(affine1));
        // 5. activation, stem dropout
        h = RandomizedRelu.apply(h, act, training, noise);
        h = dropout(h, architecture.stemDropout(), training, noise);

        // 6. second convolution over (even, odd) position pairs
        NDArray k = conv2.getArray().reshape(REDUCE_CHANNELS, DILATIONS.length, c * STEM_FILTERS, 3).transpose(1, 3, 2, 0);
        NDArray evenOdd = k.get(":, 0:2").reshape(DILATIONS.length, 2L * c * STEM_FILTERS, REDUCE_CHANNELS);
        NDArray nextEven = k.get(":, 2:3").concat(m.zeros(new Shape(DILATIONS.length, 1, (long) c * STEM_FILTERS,
                REDUCE_CHANNELS), k.getDataType()), 1).reshape(DILATIONS.length, 2L * c * STEM_FILTERS, REDUCE_CHANNELS);
        NDArray pairs = h.reshape(DILATIONS.length, bm * REDUCE_POSITIONS, 2L * c * STEM_FILTERS);
        NDArray both = pairs.batchMatMul(evenOdd.concat(nextEven, 2)).sum(new int[] {0})
                .reshape(bm, REDUCE_POSITIONS, 2 * REDUCE_CHANNELS);
        NDArray own = both.get(":, :, 0:16");
        NDArray shifted = both.get(":, 1:, 16:").concat(m.zeros(new Shape(bm, 1, REDUCE_CHANNELS), both.getDataType()), 1);
        NDArray h2 = own.add(shifted).transpose(0, 2, 1); // [BM, 16, 10]
        // 7. GroupNorm (8 groups of 2 channels), activation, reduce dropout
        h2 = GroupNorm.apply(h2, 8, norm2Gamma.getArray(), norm2Beta.getArray());
        h2 = RandomizedRelu.apply(h2, act, training, noise);
        h2 = dropout(h2, architecture.reduceDropout(), training, noise);

        // 8-10. rows (sample, conv channel, position) of 100 m/z values; m/z dropout; linear across m/z
        NDArray perIon = h2.reshape(b, IONS, (long) REDUCE_CHANNELS * REDUCE_POSITIONS).transpose(0, 2, 1);
        perIon = dropout(perIon, architecture.ionDropout(), training, noise);
        NDArray z = perIon.matMul(ionLinear.getArray().transpose()); // [B, 160, 256]
        // 11. GroupNorm over the 256 features (8 groups of 32) per row; activation
        z = GroupNorm.normaliseRows(z.reshape(b * REDUCE_CHANNELS * REDUCE_POSITIONS * 8, ION_FEATURES / 8))
                .reshape(b, (long) REDUCE_CHANNELS * REDUCE_POSITIONS, ION_FEATURES);
        z = copy ? z.mul(norm3Gamma.getArray()).add(norm3Beta.getArray())
                : z.muli(norm3Gamma.getArray()).addi(norm3Beta.getArray());
        z = RandomizedRelu.apply(z, act, training, noise);
        // 12-14. flatten (conv channel, position, feature), final dropout, head
        NDArray flat = dropout(z.reshape(b, HEAD_INPUTS), architecture.finalDropout(), training, noise);
        return flat.matMul(headWeight.getArray().transpose()).add(headBias.getArray());
    }

    private static NDArray dropout(NDArray x, double p, boolean training, NoiseSource noise) {
        if (!training || p <= 0) {
            return x;
        }
        return x.mul(noise.dropoutMultiplier(x.getManager(), x.getShape(), p));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NoiseSource noise = params == null ? null : (NoiseSource) params.get("noise");
        return new NDList(logits(inputs.singletonOrThrow(), training, noise));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = inputShapes[0].get(1);
        return new Shape[] {new Shape(rows / ((long) STEM_POSITIONS * scalings * IONS), LABELS)};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        // parameters have fixed shapes
    }
}
