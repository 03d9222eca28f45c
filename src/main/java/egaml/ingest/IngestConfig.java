package egaml.ingest;

import java.util.Locale;

/**
 * Settings of the row filter of method.md 3.1. They are part of the cache key.
 *
 * @param fractionalMz    what to do with non-integer m/z: {@code DROP} (the reference) or {@code ROUND}
 *                        (assign readings within {@code roundTolerance} of an integer to it, as the 1st place did)
 * @param roundTolerance  distance to the nearest integer accepted by {@code ROUND} (0.3)
 * @param keepHelium      keep m/z 4, the carrier gas (false; the reference tried it and dropped it)
 * @param channelLimit    channels are the integer m/z 0 .. channelLimit - 1 (100)
 * @param sparseFraction  a channel is kept only if its row count exceeds this fraction of the
 *                        {@code sparseQuantile} quantile of the channels' row counts (0.1)
 * @param sparseQuantile  the quantile level of the sparse-channel filter (0.98)
 */
public record IngestConfig(FractionalMz fractionalMz, double roundTolerance, boolean keepHelium,
                           int channelLimit, double sparseFraction, double sparseQuantile) {

    /** m/z of helium, the carrier gas. */
    public static final int HELIUM_MZ = 4;

    /** What to do with fractional m/z readings. */
    public enum FractionalMz { DROP, ROUND }

    public IngestConfig {
        if (fractionalMz == null) {
            throw new IllegalArgumentException("fractionalMz must be DROP or ROUND");
        }
        if (!(roundTolerance >= 0 && roundTolerance < 0.5)) {
            throw new IllegalArgumentException("roundTolerance must be in [0, 0.5), got " + roundTolerance);
        }
        if (channelLimit < 5 || channelLimit > 1000) {
            throw new IllegalArgumentException("channelLimit must be in [5, 1000], got " + channelLimit);
        }
        if (!(sparseFraction >= 0 && sparseFraction < 1)) {
            throw new IllegalArgumentException("sparseFraction must be in [0, 1), got " + sparseFraction);
        }
        if (!(sparseQuantile >= 0 && sparseQuantile <= 1)) {
            throw new IllegalArgumentException("sparseQuantile must be in [0, 1], got " + sparseQuantile);
        }
    }

    /** The reference's settings. */
    public static IngestConfig defaults() {
        return new IngestConfig(FractionalMz.DROP, 0.3, false, 100, 0.1, 0.98);
    }

    public IngestConfig withFractionalMz(FractionalMz mode) {
        return new IngestConfig(mode, roundTolerance, keepHelium, channelLimit, sparseFraction, sparseQuantile);
    }

    public IngestConfig withKeepHelium(boolean keep) {
        return new IngestConfig(fractionalMz, roundTolerance, keep, channelLimit, sparseFraction, sparseQuantile);
    }

    /** A stable text that changes whenever a setting changes (used in cache keys). */
    public String fingerprint() {
        return String.format(Locale.ROOT, "fmz=%s,tol=%s,he=%s,lim=%d,sf=%s,sq=%s", fractionalMz,
                Double.toString(roundTolerance), keepHelium, channelLimit, Double.toString(sparseFraction),
                Double.toString(sparseQuantile));
    }
}
