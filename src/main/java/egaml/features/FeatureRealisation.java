package egaml.features;

import egaml.core.SeedSequence;

/**
 * A feature realisation (method.md 7.1): a trim range R (C) and a prevalence window offset W (C),
 * fixed for all samples. R cycles 10, 5, 50, 20 with the realisation index; W is drawn from the seed.
 */
public record FeatureRealisation(int index, int trimRange, int windowOffset) {
    /** Trim ranges in the order egaml uses them (descending weight of their family in the reference). */
    public static final int[] TRIM_CYCLE = {10, 5, 50, 20};
    private static final long STREAM = 0x7EA7L;

    public FeatureRealisation {
        if (index < 0) {
            throw new IllegalArgumentException("realisation index must be >= 0, got " + index);
        }
        if (trimRange < 0 || trimRange > 500) {
            throw new IllegalArgumentException("trim range must be in [0, 500] C, got " + trimRange);
        }
        if (windowOffset < 0 || windowOffset > 99) {
            throw new IllegalArgumentException("window offset must be in [0, 99] C, got " + windowOffset);
        }
    }

    /** Realisation number {@code index} of a master seed. */
    public static FeatureRealisation of(int index, SeedSequence seeds) {
        int w = seeds.random(STREAM, index).nextInt(100);
        return new FeatureRealisation(index, TRIM_CYCLE[index % TRIM_CYCLE.length], w);
    }

    /** The random stream of one sample in this realisation (trim draws and baseline levels). */
    public java.util.SplittableRandom sampleRandom(SeedSequence seeds, String sampleId) {
        return seeds.random(STREAM, index, SeedSequence.keyOf(sampleId));
    }
}
