package egaml.aug;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import egaml.nn.NoiseSource;
import egaml.nn.ParameterArrays;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * A network's named parameters and their shapes, in the order they were declared: the one order they are initialised,
 * saved and loaded in. Families extend it and declare their parameters in their constructors.
 */
abstract class NetworkParameters implements AugNetwork {
    /** Features or channels of the network's layers. */
    protected final int width;
    private final double dropout;
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, Parameter> params = new LinkedHashMap<>();

    /**
     * @param width   a multiple of 8 in [8, 1024]
     * @param dropout dropout rate before the head, in training, in [0, 1)
     */
    protected NetworkParameters(int width, double dropout) {
        if (width < 8 || width % 8 != 0 || width > 1024) {
            throw new IllegalArgumentException("width must be a multiple of 8 in [8, 1024], got " + width);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        this.width = width;
        this.dropout = dropout;
    }

    public final int width() {
        return width;
    }

    /** The head's input with dropout applied in training (masks from {@code noise}), unchanged otherwise. */
    protected final NDArray dropped(NDArray features, boolean training, NoiseSource noise) {
        if (!training || dropout == 0) {
            return features;
        }
        return features.mul(noise.dropoutMultiplier(features.getManager(), features.getShape(), dropout));
    }

    protected final void declare(String name, Parameter.Type type, Shape shape) {
        shapes.put(name, shape);
        params.put(name, Parameter.builder().setName(name).setType(type).build());
    }

    @Override
    public final List<Parameter> parameterList() {
        return new ArrayList<>(params.values());
    }

    public final Shape shapeOf(String name) {
        return shapes.get(name);
    }

    protected final NDArray array(String name) {
        return params.get(name).getArray();
    }

    @Override
    public final long parameterCount() {
        return shapes.values().stream().mapToLong(Shape::size).sum();
    }

    /** Weights and biases uniform in +-1/sqrt(fanIn), gammas 1 and betas 0; drawn from {@code random}. */
    protected final void initialize(NDManager manager, ToLongFunction<Parameter> fanIn, SplittableRandom random) {
        ParameterArrays.initialize(manager, parameterList(), shapes::get, fanIn, random);
    }

    /** Writes the parameters: their count, then each name and DJL's encoding of its array. */
    @Override
    public final void save(DataOutputStream out) throws IOException {
        ParameterArrays.save(parameterList(), out);
    }

    /** Reads parameters written by {@link #save}; names and shapes must match. */
    @Override
    public final void load(NDManager manager, DataInputStream in) throws IOException {
        ParameterArrays.load(manager, parameterList(), shapes::get, in);
    }
}
