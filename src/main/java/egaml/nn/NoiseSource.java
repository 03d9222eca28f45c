package egaml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The random numbers of training (dropout masks, randomized-ReLU slopes), drawn in Java from an explicit
 * seed. PyTorch's generator is process-wide, so two models trained at once would interleave its draws;
 * drawing here keeps every model's noise a function of its own seed, whatever runs beside it.
 *
 * <p>Dropout keeps an element when a 32-bit uniform integer is at least p.2^32. Slopes are drawn on a grid
 * of 2^24 levels across [lower, upper), the resolution of a float's mantissa.
 */
public final class NoiseSource {
    private final SplittableRandom random;

    public NoiseSource(SplittableRandom random) {
        this.random = random;
    }

    public SplittableRandom random() {
        return random;
    }

    /** True with probability 1 - p: whether an element survives dropout with rate p. */
    public boolean keep(double p) {
        return p <= 0 || (random.nextInt() & 0xffffffffL) >= threshold(p);
    }

    private static long threshold(double p) {
        return (long) Math.ceil(p * 4294967296.0);
    }

    /**
     * An inverted-dropout multiplier of the given shape: 0 for dropped elements, 1/(1 - p) for the rest.
     */
    public NDArray dropoutMultiplier(NDManager manager, Shape shape, double p) {
        int n = Math.toIntExact(shape.size());
        byte[] mask = new byte[n];
        long threshold = threshold(p);
        int i = 0;
        while (i < n) {
            long bits = random.nextLong();
            mask[i++] = (byte) ((bits & 0xffffffffL) >= threshold ? 1 : 0);
            if (i < n) {
                mask[i++] = (byte) ((bits >>> 32) >= threshold ? 1 : 0);
            }
        }
        NDArray m = manager.create(ByteBuffer.wrap(mask), shape, DataType.UINT8);
        return m.toType(DataType.FLOAT32, false).muli((float) (1.0 / (1.0 - p)));
    }

    /** Slopes drawn uniformly from [lower, upper) (on a grid of 2^24 levels), of the given shape. */
    public NDArray slopes(NDManager manager, Shape shape, double lower, double upper) {
        int n = Math.toIntExact(shape.size());
        ByteBuffer buffer = manager.allocateDirect(4 * n);
        java.nio.FloatBuffer floats = buffer.asFloatBuffer();
        float scale = (float) ((upper - lower) / 16777216.0);
        float offset = (float) lower;
        int i = 0;
        while (i + 2 <= n) {
            long bits = random.nextLong();
            floats.put(offset + scale * (int) (bits & 0xffffff));
            floats.put(offset + scale * (int) ((bits >>> 40) & 0xffffff));
            i += 2;
        }
        if (i < n) {
            floats.put(offset + scale * (int) (random.nextLong() & 0xffffff));
        }
        return manager.create(buffer, shape, DataType.FLOAT32);
    }
}
