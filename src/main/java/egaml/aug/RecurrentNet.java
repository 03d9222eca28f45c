package egaml.aug;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import egaml.nn.NoiseSource;
import egaml.nn.ParameterArrays;
import egaml.render.Renderer;

import java.util.SplittableRandom;

/**
 * A bidirectional GRU over the image's 80 temperature columns (method.md 14.1's recurrent family): each column (its
 * 100 m/z values and its position) is projected to {@code width} features (layer norm, GELU), then read in heating
 * order and in reverse by a GRU of {@code width / 2} units each way. The head (after a layer norm) sees the outputs
 * averaged over ten segments of eight columns, their maximum over all columns and the two final states: the segments
 * keep where a gas comes off, which a GRU read through a pooled summary alone learned far more slowly. A recurrence
 * carries what was released earlier into what it reads later (a water release before an SO2 one, say), which
 * neither the reference network nor the temporal CNN's fixed receptive fields do, so its errors are meant to differ
 * from theirs.
 *
 * <p>The GRU is PyTorch's own ({@code torch.gru} through DJL), with its parameters in PyTorch's order and layout
 * (weight_ih, weight_hh, bias_ih, bias_hh per direction), so a saved network maps onto {@code torch.nn.GRU} directly.
 */
public final class RecurrentNet extends NetworkParameters {
    public static final String NAME = "gru";
    private static final String[] DIRECTIONS = {"", "_reverse"};
    private static final float NORM_EPSILON = 1e-5f;
    private static final int SEGMENTS = 10;
    /** The recurrence learns more slowly than the temporal CNN at the same rate (docs/design.md). */
    static final double LEARNING_RATE_SCALE = 3;
    private static final long FEATURES = SEGMENTS + 2;

    private final int hidden;

    /**
     * @param width   features per column after the projection, and the two directions' units together (even)
     * @param dropout dropout rate before the head, in training
     */
    public RecurrentNet(int width, double dropout) {
        super(width, dropout);
        this.hidden = width / 2;
        declare("proj_weight", Parameter.Type.WEIGHT, new Shape(width, TemporalCnn.INPUT_CHANNELS));
        declare("proj_bias", Parameter.Type.BIAS, new Shape(width));
        declare("proj_norm_gamma", Parameter.Type.GAMMA, new Shape(width));
        declare("proj_norm_beta", Parameter.Type.BETA, new Shape(width));
        for (String d : DIRECTIONS) {
            declare("weight_ih_l0" + d, Parameter.Type.WEIGHT, new Shape(3L * hidden, width));
            declare("weight_hh_l0" + d, Parameter.Type.WEIGHT, new Shape(3L * hidden, hidden));
            declare("bias_ih_l0" + d, Parameter.Type.BIAS, new Shape(3L * hidden));
            declare("bias_hh_l0" + d, Parameter.Type.BIAS, new Shape(3L * hidden));
        }
        declare("head_norm_gamma", Parameter.Type.GAMMA, new Shape(FEATURES * width));
        declare("head_norm_beta", Parameter.Type.BETA, new Shape(FEATURES * width));
        declare("head_weight", Parameter.Type.WEIGHT, new Shape(TemporalCnn.LABELS, FEATURES * width));
        declare("head_bias", Parameter.Type.BIAS, new Shape(TemporalCnn.LABELS));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "bidirectional GRU over 80 columns of (100 m/z + position), width " + width;
    }

    @Override
    public double learningRateScale() {
        return LEARNING_RATE_SCALE;
    }

    /** PyTorch's defaults: the GRU uniform in +-1/sqrt(units), the linear layers in +-1/sqrt(fan_in). */
    @Override
    public void initialize(NDManager manager, SplittableRandom random) {
        initialize(manager, p -> {
            String name = p.getName();
            if (name.contains("_l0")) {
                return hidden;
            }
            return switch (name) {
                case "proj_bias" -> TemporalCnn.INPUT_CHANNELS;
                case "head_bias" -> FEATURES * width;
                default -> ParameterArrays.fanIn(shapeOf(name));
            };
        }, random);
    }

    @Override
    public NDArray logits(NDArray x, boolean training, NoiseSource noise) {
        long batch = x.getShape().get(0);
        NDArray columns = x.transpose(0, 2, 1); // [B, 80, 101]
        NDArray projected = Activation.gelu(LayerNorm.layerNorm(
                columns.matMul(array("proj_weight").transpose()).add(array("proj_bias")), new Shape(width),
                array("proj_norm_gamma"), array("proj_norm_beta"), NORM_EPSILON).get(0));
        NDList weights = new NDList();
        for (String d : DIRECTIONS) {
            weights.add(array("weight_ih_l0" + d));
            weights.add(array("weight_hh_l0" + d));
            weights.add(array("bias_ih_l0" + d));
            weights.add(array("bias_hh_l0" + d));
        }
        NDArray start = x.getManager().zeros(new Shape(2, batch, hidden), x.getDataType());
        NDList out = projected.getNDArrayInternal().gru(projected, start, weights, true, 1, 0.0, training, true, true);
        NDArray sequence = out.get(0); // [B, 80, 2 * hidden]
        NDArray last = out.get(1).transpose(1, 0, 2).reshape(batch, 2L * hidden); // both directions' final states
        NDArray segments = sequence.reshape(batch, SEGMENTS, Renderer.COLUMNS / SEGMENTS, width).mean(new int[] {2})
                .reshape(batch, SEGMENTS * (long) width);
        NDArray features = LayerNorm.layerNorm(segments.concat(sequence.max(new int[] {1}), 1).concat(last, 1),
                new Shape(FEATURES * width), array("head_norm_gamma"), array("head_norm_beta"), NORM_EPSILON).get(0);
        return dropped(features, training, noise).matMul(array("head_weight").transpose()).add(array("head_bias"));
    }
}
