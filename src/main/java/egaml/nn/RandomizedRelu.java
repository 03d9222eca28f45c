package egaml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The activation of method.md 5.3 as a DJL block. Training with {@code rrelu}: each negative element is
 * multiplied by its own slope drawn from U(lower, upper) at every forward pass (the slopes come from the
 * {@link NoiseSource} passed as parameter {@code "noise"}); otherwise, and always at prediction, a fixed
 * slope (leaky's, or the mean of lower and upper).
 */
public final class RandomizedRelu extends AbstractBlock {
    private final NnActivation activation;

    public RandomizedRelu(NnActivation activation) {
        this.activation = activation;
    }

    public static NDArray apply(NDArray x, NnActivation activation, boolean training, NoiseSource noise) {
        if (!training || !activation.randomized()) {
            float slope = (float) (training ? activation.lower() : activation.inferenceSlope());
            return ai.djl.nn.Activation.leakyRelu(x, slope);
        }
        if (noise == null) {
            throw new IllegalStateException("training a randomized ReLU needs a noise source");
        }
        NDArray slopes = noise.slopes(x.getManager(), x.getShape(), activation.lower(), activation.upper());
        // y = x * f with f = 1 where x >= 0 and the slope elsewhere; f is piecewise constant in x, so the
        // gradient is the upstream gradient times f and f itself needs no gradient.
        // (slopes are below 1, so max(1{x >= 0}, slope) is 1 where x >= 0 and the slope elsewhere)
        NDArray factor = x.stopGradient().gte(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).maximum(slopes);
        return x.mul(factor);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NoiseSource noise = params == null ? null : (NoiseSource) params.get("noise");
        return new NDList(apply(inputs.singletonOrThrow(), activation, training, noise));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
