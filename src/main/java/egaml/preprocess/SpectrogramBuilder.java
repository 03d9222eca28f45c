package egaml.preprocess;

import egaml.core.Quantiles;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds the spectrogram of method.md 3.4 from a scaled run: per channel a second baseline over the
 * grid window, linear interpolation onto the 1 C grid (ties in temperature merged by their mean,
 * zero outside the measured range), and mean-binning.
 */
public final class SpectrogramBuilder {
    private final TemperatureGrid grid;
    private final BaselineLevel level;

    public SpectrogramBuilder(TemperatureGrid grid, BaselineLevel level) {
        this.grid = grid;
        this.level = level;
    }

    public TemperatureGrid grid() {
        return grid;
    }

    /**
     * Builds the matrix. Channels are visited in increasing m/z, each taking one level draw from rng.
     */
    public Spectrogram build(ScaledRun scaled, SplittableRandom rng) {
        CleanRun run = scaled.run();
        int channels = run.channelLimit();
        double[][] out = new double[grid.bins()][channels];
        double[] gridValues = new double[grid.span()];
        for (int mz = 0; mz < channels; mz++) {
            double[] v = scaled.values()[mz];
            if (v == null) {
                continue;
            }
            double q = level.draw(rng);
            ChannelSeries series = run.channel(mz);
            if (interpolate(series.temp(), v, q, gridValues)) {
                binInto(gridValues, out, mz);
            }
        }
        return new Spectrogram(run.sampleId(), grid, out, scaled.empty(), scaled.flat());
    }

    /**
     * Second baseline and interpolation of one channel onto the grid.
     *
     * @return false when the channel has fewer than two distinct temperatures (a zero column)
     */
    boolean interpolate(float[] temp, double[] values, double q, double[] gridValues) {
        int n = values.length;
        int lo = grid.offset();
        int hi = grid.offset() + grid.span() - 1; // window [O, O + span - 1)
        // second baseline: quantile over the points inside the window; none inside: subtract nothing
        double[] inside = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (temp[i] >= lo && temp[i] < hi) {
                inside[k++] = values[i];
            }
        }
        double base = k == 0 ? 0.0 : Quantiles.linear(inside, 0, k, q);

        // stable sort by temperature, then merge exact ties by their mean
        int[] order = stableOrder(temp);
        double[] xs = new double[n];
        double[] ys = new double[n];
        int m = 0;
        int i = 0;
        while (i < n) {
            float t = temp[order[i]];
            double sum = 0;
            int count = 0;
            while (i < n && temp[order[i]] == t) {
                sum += values[order[i]];
                count++;
                i++;
            }
            xs[m] = t;
            ys[m] = sum / count - base;
            m++;
        }
        if (m < 2) {
            return false;
        }
        // linear interpolation onto integer temperatures O .. O + span - 1; 0 outside [xs[0], xs[m-1]]
        int j = 0;
        for (int g = 0; g < gridValues.length; g++) {
            double x = lo + g;
            if (x < xs[0] || x > xs[m - 1]) {
                gridValues[g] = 0.0;
                continue;
            }
            while (j < m - 2 && xs[j + 1] < x) {
                j++;
            }
            double x0 = xs[j];
            double x1 = xs[j + 1];
            if (x <= x0) {
                gridValues[g] = ys[j];
            } else if (x >= x1) {
                gridValues[g] = ys[j + 1];
            } else {
                gridValues[g] = ys[j] + (ys[j + 1] - ys[j]) * (x - x0) / (x1 - x0);
            }
        }
        return true;
    }

    private void binInto(double[] gridValues, double[][] out, int mz) {
        int w = grid.binWidth();
        for (int b = 0; b < grid.bins(); b++) {
            double sum = 0;
            int from = b * w;
            for (int g = from; g < from + w; g++) {
                sum += gridValues[g];
            }
            out[b][mz] = sum / w;
        }
    }

    /** Indices that sort temp ascending, ties kept in file order. */
    static int[] stableOrder(float[] temp) {
        int n = temp.length;
        int[] order = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (i > 0 && temp[i] < temp[i - 1]) {
                sorted = false;
            }
        }
        if (sorted) {
            return order;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) sortableBits(temp[i]) << 32) | i;
        }
        Arrays.sort(keys);
        for (int i = 0; i < n; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** Float bits as a signed int whose order matches the float order. */
    private static int sortableBits(float f) {
        int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
