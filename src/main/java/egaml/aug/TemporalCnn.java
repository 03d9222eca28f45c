package egaml.aug;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import egaml.nn.GroupNorm;
import egaml.nn.NoiseSource;
import egaml.nn.ParameterArrays;
import egaml.render.Renderer;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A compact convolutional network over the rendered image's 80 temperature columns with the 100 m/z rows as input
 * channels (plus one channel holding the column's position), so that ions are mixed from the first layer on: the
 * reference network instead convolves every ion's series alone and mixes ions only afterwards, which is what makes
 * this family's errors differ from it. Five 1-D convolutions of kernel 3 (the second, fourth and fifth with stride 2,
 * the third dilated and residual), each followed by GroupNorm (8 groups) and GELU, keep the temperature positions
 * (10 at the end) and a linear head reads them all, since where a gas is released is the evidence.
 *
 * <p>Input: x[sample, 101, 80] from {@link #inputs}; output: the ten logits.
 */
public final class TemporalCnn extends NetworkParameters {
    public static final String NAME = "tcnn";
    public static final int LABELS = 10;
    public static final int INPUT_CHANNELS = Renderer.IONS + 1;
    static final int GROUPS = 8;

    /**
     * @param width   channels of every convolution (a multiple of 8, so of the GroupNorm's {@value #GROUPS} groups)
     * @param dropout dropout rate before the head, in training
     */
    public TemporalCnn(int width, double dropout) {
        super(width, dropout);
        declare("conv1", Parameter.Type.WEIGHT, new Shape(width, INPUT_CHANNELS, 3));
        for (int k = 1; k <= 5; k++) {
            if (k > 1) {
                declare("conv" + k, Parameter.Type.WEIGHT, new Shape(width, width, 3));
            }
            declare("norm" + k + "_gamma", Parameter.Type.GAMMA, new Shape(width));
            declare("norm" + k + "_beta", Parameter.Type.BETA, new Shape(width));
        }
        declare("head_weight", Parameter.Type.WEIGHT, new Shape(LABELS, width * 10L));
        declare("head_bias", Parameter.Type.BIAS, new Shape(LABELS));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "temporal CNN over 80 columns x (100 m/z + position) channels, width " + width;
    }

    @Override
    public double learningRateScale() {
        return 1;
    }

    /** Weights uniform in +-1/sqrt(fan_in) (PyTorch's default), GroupNorm 1 and 0; drawn from {@code random}. */
    @Override
    public void initialize(NDManager manager, SplittableRandom random) {
        initialize(manager,
                p -> p.getName().equals("head_bias") ? width * 10L : ParameterArrays.fanIn(shapeOf(p.getName())),
                random);
    }

    /**
     * The network's input for rendered images ([m/z][column], log10 in [-4, 0]): values mapped to [0, 1] and a
     * last channel with the column position in [0, 1].
     */
    public static NDArray inputs(NDManager manager, List<float[]> images) {
        int columns = Renderer.COLUMNS;
        float[] x = new float[images.size() * INPUT_CHANNELS * columns];
        for (int i = 0; i < images.size(); i++) {
            float[] image = images.get(i);
            int base = i * INPUT_CHANNELS * columns;
            for (int k = 0; k < image.length; k++) {
                x[base + k] = image[k] / 4f + 1f;
            }
            for (int c = 0; c < columns; c++) {
                x[base + Renderer.IONS * columns + c] = c / (float) (columns - 1);
            }
        }
        return manager.create(x, new Shape(images.size(), INPUT_CHANNELS, columns));
    }

    @Override
    public NDArray logits(NDArray x, boolean training, NoiseSource noise) {
        NDArray h = block(x, 1, 1, 1, 1);
        h = block(h, 2, 2, 1, 1);
        h = block(h, 3, 1, 2, 2).add(h);
        h = block(h, 4, 2, 1, 1);
        h = block(h, 5, 2, 1, 1);
        NDArray flat = h.reshape(h.getShape().get(0), width * 10L);
        return dropped(flat, training, noise).matMul(array("head_weight").transpose()).add(array("head_bias"));
    }

    /**
     * A 1-d convolution without bias, written as one matrix product over the three shifted views of the zero-padded
     * input (weight [out, in, 3] as [out, in * 3]). DJL's {@code Conv1d.conv1d} on the PyTorch engine, called with
     * these arguments, disagreed with a direct sum by up to 3 on unit-scale data and returned NaN in about one
     * prediction in four; this form matches the direct sum to float rounding (tested).
     */
    static NDArray convolve(NDArray x, NDArray weight, int stride, int padding, int dilation) {
        long batch = x.getShape().get(0);
        long in = x.getShape().get(1);
        long length = x.getShape().get(2);
        long taps = weight.getShape().get(2);
        long out = (length + 2L * padding - dilation * (taps - 1) - 1) / stride + 1;
        NDArray padded = x;
        if (padding > 0) {
            NDArray zeros = x.getManager().zeros(new Shape(batch, in, padding), x.getDataType());
            padded = zeros.concat(x, 2).concat(zeros, 2);
        }
        NDList shifted = new NDList();
        for (long j = 0; j < taps; j++) {
            long from = j * dilation;
            long to = from + (out - 1) * stride + 1;
            shifted.add(padded.get(new NDIndex(":, :, {}:{}:{}", from, to, stride)));
        }
        // [batch, in, taps, out] -> [batch, in * taps, out], matching the weight's [out, in, taps] order
        NDArray columns = NDArrays.stack(shifted, 2).reshape(batch, in * taps, out);
        return weight.reshape(weight.getShape().get(0), in * taps).matMul(columns);
    }

    private NDArray block(NDArray x, int k, int stride, int padding, int dilation) {
        NDArray h = convolve(x, array("conv" + k), stride, padding, dilation);
        h = GroupNorm.apply(h, GROUPS, array("norm" + k + "_gamma"), array("norm" + k + "_beta"));
        return Activation.gelu(h);
    }
}
