package egaml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He, 2018) as a DJL block: input [N, channels, ...], the channels split into
 * {@code groups} consecutive groups; each (row, group) is normalised over its channels and positions to
 * mean 0 and variance 1 (biased variance, eps inside the square root), then scaled and shifted per channel.
 * DJL has no group norm; this one runs the engine's fused layer norm over a [N x groups, rest] view.
 */
public final class GroupNorm extends AbstractBlock {
    public static final float EPSILON = 1e-5f;

    private final int groups;
    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;

    public GroupNorm(int groups, int channels) {
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels cannot be split into " + groups + " groups");
        }
        this.groups = groups;
        this.channels = channels;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    /**
     * Normalises {@code x} [N, channels, positions...] over (group, positions) and applies the per-channel
     * affine {@code gamma}, {@code beta} (each [channels]).
     */
    public static NDArray apply(NDArray x, int groups, NDArray gamma, NDArray beta) {
        Shape shape = x.getShape();
        long n = shape.get(0);
        long perGroup = shape.size() / n / groups;
        NDArray normalised = normaliseRows(x.reshape(n * groups, perGroup));
        long[] affineShape = new long[shape.dimension() - 1];
        java.util.Arrays.fill(affineShape, 1);
        affineShape[0] = shape.get(1);
        Shape a = new Shape(affineShape);
        return normalised.reshape(shape).mul(gamma.reshape(a)).add(beta.reshape(a));
    }

    /** Each row of a 2-d array normalised to mean 0, variance 1 (no affine). */
    static NDArray normaliseRows(NDArray rows) {
        long width = rows.getShape().get(1);
        NDArray ones = rows.getManager().ones(new Shape(width), rows.getDataType());
        NDArray zeros = rows.getManager().zeros(new Shape(width), rows.getDataType());
        return LayerNorm.layerNorm(rows, new Shape(width), ones, zeros, EPSILON).singletonOrThrow();
    }

    public int groups() {
        return groups;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() < 2 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("group norm expects [N, " + channels + ", ...], got " + x.getShape());
        }
        return new NDList(apply(x, groups, store.getValue(gamma, x.getDevice(), training),
                store.getValue(beta, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        // parameters have fixed shapes
    }

    /** Sets gamma to 1 and beta to 0 (the reference's initial values). */
    public void initializeDefaults(ai.djl.ndarray.NDManager manager) {
        gamma.setArray(manager.ones(new Shape(channels), DataType.FLOAT32));
        beta.setArray(manager.zeros(new Shape(channels), DataType.FLOAT32));
    }
}
