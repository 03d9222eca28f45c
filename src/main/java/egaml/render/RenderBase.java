package egaml.render;

import egaml.core.InstrumentType;
import egaml.core.Quantiles;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;

import java.util.Arrays;

/**
 * What every rendering of one run needs, computed once (method.md 14.2): per m/z, the mean reading in each
 * 4 C temperature bin, and the run's background levels (the 0.1, 5, 10 and 20 % quantiles of the channel's
 * readings). A commercial scan falls within one or two bins, so choosing a bin for a column is choosing a scan;
 * SAM runs are averaged into the same bins, as the 1st place did before rendering. A rendering then costs a
 * few thousand additions, not a pass over the run's readings.
 *
 * @param bins        per m/z (0-99), the mean reading per bin, NaN where the bin has none; null for an absent channel
 * @param backgrounds per m/z, the quantiles at {@link #BACKGROUND_LEVELS}; null for an absent channel
 */
public record RenderBase(String sampleId, InstrumentType type, float[][] bins, float[][] backgrounds) {
    public static final int IONS = 100;
    public static final double BIN_WIDTH = 4;
    /**
     * Lower edge of the first bin: bins cover 8-1000 C with centres 10, 14, ..., so that each 12 C column (centres
     * 30, 42, ..., 978 C) is exactly three bins and a scan drawn within 16 C of a column is one of nine.
     */
    public static final double FIRST_EDGE = 8;
    public static final int BINS = 248;
    public static final double[] BACKGROUND_LEVELS = {0.001, 0.05, 0.10, 0.20};

    /** Centre temperature of bin k. */
    public static double binCentre(int k) {
        return FIRST_EDGE + (k + 0.5) * BIN_WIDTH;
    }

    public static RenderBase of(CleanRun run) {
        float[][] bins = new float[IONS][];
        float[][] backgrounds = new float[IONS][];
        double[] sum = new double[BINS];
        int[] count = new int[BINS];
        for (int mz = 0; mz < IONS; mz++) {
            ChannelSeries c = run.channel(mz);
            if (c == null || c.size() == 0) {
                continue;
            }
            Arrays.fill(sum, 0);
            Arrays.fill(count, 0);
            float[] temp = c.temp();
            double[] abundance = c.abundance();
            for (int i = 0; i < abundance.length; i++) {
                int k = (int) Math.floor((temp[i] - FIRST_EDGE) / BIN_WIDTH);
                if (k >= 0 && k < BINS && Double.isFinite(abundance[i])) {
                    sum[k] += abundance[i];
                    count[k]++;
                }
            }
            float[] mean = new float[BINS];
            for (int k = 0; k < BINS; k++) {
                mean[k] = count[k] == 0 ? Float.NaN : (float) (sum[k] / count[k]);
            }
            bins[mz] = mean;
            double[] sorted = abundance.clone();
            Arrays.sort(sorted);
            float[] q = new float[BACKGROUND_LEVELS.length];
            for (int j = 0; j < q.length; j++) {
                q[j] = (float) Quantiles.ofSorted(sorted, BACKGROUND_LEVELS[j]);
            }
            backgrounds[mz] = q;
        }
        return new RenderBase(run.sampleId(), run.summary().detectedType(), bins, backgrounds);
    }
}
