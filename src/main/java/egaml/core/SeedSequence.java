package egaml.core;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from one master seed and the indices of a unit of work
 * (configuration, repeat, fold, label, sample...), never from call order, so the same seed gives
 * the same result whatever the execution order or parallelism (method.md 2.2).
 *
 * <p>Mixing uses the SplitMix64 finaliser, applied once per index.
 */
public record SeedSequence(long master) {

    /** A child seed for the given path of indices. */
    public long derive(long... indices) {
        long h = mix(master ^ 0x6A09E667F3BCC909L);
        for (long index : indices) {
            h = mix(h ^ mix(index + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** A child sequence rooted at the given path of indices. */
    public SeedSequence child(long... indices) {
        return new SeedSequence(derive(indices));
    }

    /** A random generator for the given path of indices. */
    public SplittableRandom random(long... indices) {
        return new SplittableRandom(derive(indices));
    }

    /** A stable 64-bit key for a text (e.g. a sample id), independent of the JVM's String hash. */
    public static long keyOf(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
