package egaml.aug;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
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
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, Parameter> params = new LinkedHashMap<>();

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
