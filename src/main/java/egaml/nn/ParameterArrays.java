package egaml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What egaml's networks do alike with their explicit parameter lists: PyTorch's default initialisation drawn from a
 * Java stream, and saving and loading in DJL's encoding (the count, then each parameter's name and array).
 */
public final class ParameterArrays {
    private ParameterArrays() {
    }

    /**
     * Weights and biases uniform in +-1/sqrt(fan_in), GroupNorm scales 1 and shifts 0, in list order, drawn from
     * {@code random}; every array requires a gradient.
     */
    public static void initialize(NDManager manager, List<Parameter> params, Function<String, Shape> shapeOf,
                                  ToLongFunction<Parameter> fanIn, SplittableRandom random) {
        for (Parameter p : params) {
            Shape shape = shapeOf.apply(p.getName());
            NDArray array;
            switch (p.getType()) {
                case GAMMA -> array = manager.ones(shape, DataType.FLOAT32);
                case BETA -> array = manager.zeros(shape, DataType.FLOAT32);
                default -> {
                    double bound = 1.0 / Math.sqrt(fanIn.applyAsLong(p));
                    float[] values = new float[Math.toIntExact(shape.size())];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
                    }
                    array = manager.create(values, shape);
                }
            }
            array.setRequiresGradient(true);
            p.setArray(array);
        }
    }

    /** The fan-in of a weight: its size over its first dimension. */
    public static long fanIn(Shape weight) {
        return weight.size() / weight.get(0);
    }

    public static void save(List<Parameter> params, DataOutputStream out) throws IOException {
        out.writeInt(params.size());
        for (Parameter p : params) {
            out.writeUTF(p.getName());
            p.save(out);
        }
    }

    /** The parameters saved by {@link #save}, as bytes. */
    public static byte[] encode(List<Parameter> params) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            save(params, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads parameters written by {@link #save}; their number, names and shapes must match. */
    public static void load(NDManager manager, List<Parameter> params, Function<String, Shape> shapeOf,
                            DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != params.size()) {
            throw new IOException("expected " + params.size() + " parameters, found " + n);
        }
        for (Parameter p : params) {
            String name = in.readUTF();
            if (!name.equals(p.getName())) {
                throw new IOException("expected parameter " + p.getName() + ", found " + name);
            }
            Shape expected = shapeOf.apply(name);
            try {
                p.load(manager, in);
            } catch (ai.djl.MalformedModelException e) {
                throw new IOException("parameter " + name + ": " + e.getMessage(), e);
            }
            if (!p.getArray().getShape().equals(expected)) {
                throw new IOException("parameter " + name + " has shape " + p.getArray().getShape() + ", expected " + expected);
            }
        }
    }
}
