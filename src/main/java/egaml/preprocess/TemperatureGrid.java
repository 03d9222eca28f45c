package egaml.preprocess;

import java.util.SplittableRandom;

/**
 * The NN temperature grid of method.md 3.4: 1 degree C points O, O+1, ..., O + span - 1, cut into
 * {@code bins} consecutive blocks of {@code binWidth} points whose means form the spectrogram rows.
 * The reference is (O, 25, 40) with O drawn from [80, 119]; the 1st place's finer grid is (30, 12, 80).
 */
public record TemperatureGrid(int offset, int binWidth, int bins) {
    /** Lowest and highest grid start drawn by the reference. */
    public static final int OFFSET_MIN = 80;
    public static final int OFFSET_MAX = 119;

    public TemperatureGrid {
        if (offset < -273 || offset > 2000) {
            throw new IllegalArgumentException("grid start must be in [-273, 2000] C, got " + offset);
        }
        if (binWidth < 1 || binWidth > 500) {
            throw new IllegalArgumentException("bin width must be in [1, 500] C, got " + binWidth);
        }
        if (bins < 1 || bins > 2000) {
            throw new IllegalArgumentException("number of bins must be in [1, 2000], got " + bins);
        }
    }

    /** The reference grid: 40 bins of 25 C from the given start. */
    public static TemperatureGrid reference(int offset) {
        return new TemperatureGrid(offset, 25, 40);
    }

    /** A grid start drawn uniformly from [80, 119], as the reference does once per NN configuration. */
    public static int drawOffset(SplittableRandom rng) {
        return OFFSET_MIN + rng.nextInt(OFFSET_MAX - OFFSET_MIN + 1);
    }

    /** Number of 1 C grid points (bins x binWidth). */
    public int span() {
        return bins * binWidth;
    }

    /** Lowest integer temperature of bin k. */
    public int binStart(int k) {
        return offset + k * binWidth;
    }

    /** Centre temperature of bin k. */
    public double binCentre(int k) {
        return binStart(k) + (binWidth - 1) / 2.0;
    }
}
