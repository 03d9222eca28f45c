package egaml.preprocess;

import egaml.core.Quantiles;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;

import java.util.SplittableRandom;

/**
 * A run after the baseline offset and global scaling of method.md 3.3: each channel minus its own
 * low quantile (not clipped at 0), then everything divided by the largest value of the sample.
 *
 * @param values indexed by m/z like {@link CleanRun#channels()}; null where the channel is absent
 * @param scale  the divisor applied (smax), or NaN when it was skipped
 * @param flat   true when smax was not positive and finite, so no division was done (method.md 3.5)
 */
public record ScaledRun(CleanRun run, double[][] values, double scale, boolean flat) {

    /**
     * Applies the baseline offset and the global scaling. Channels are visited in increasing m/z, each
     * taking one level draw from {@code rng}.
     */
    public static ScaledRun of(CleanRun run, BaselineLevel level, SplittableRandom rng) {
        ChannelSeries[] channels = run.channels();
        double[][] values = new double[channels.length][];
        for (int mz = 0; mz < channels.length; mz++) {
            if (channels[mz] != null) {
                values[mz] = channels[mz].abundance().clone();
            }
        }
        double smax = scaleInPlace(values, level, rng);
        return new ScaledRun(run, values, smax, Double.isNaN(smax));
    }

    /**
     * The baseline offset and global scaling of method.md 3.3 on plain series (null = absent channel),
     * in place: each series minus its own quantile at a level drawn in increasing index order, then all
     * divided by the largest value.
     *
     * @return the divisor smax, or NaN when it was not positive and finite (no division done)
     */
    public static double scaleInPlace(double[][] values, BaselineLevel level, SplittableRandom rng) {
        double smax = Double.NEGATIVE_INFINITY;
        for (double[] v : values) {
            if (v == null) {
                continue;
            }
            double base = Quantiles.linear(v, level.draw(rng));
            for (int i = 0; i < v.length; i++) {
                v[i] -= base;
                if (v[i] > smax) {
                    smax = v[i];
                }
            }
        }
        if (!(smax > 0) || !Double.isFinite(smax)) {
            return Double.NaN;
        }
        double inv = 1.0 / smax;
        for (double[] v : values) {
            if (v != null) {
                for (int i = 0; i < v.length; i++) {
                    v[i] *= inv;
                }
            }
        }
        return smax;
    }

    /** Whether the run had no channel left after cleaning. */
    public boolean empty() {
        for (double[] v : values) {
            if (v != null) {
                return false;
            }
        }
        return true;
    }
}
