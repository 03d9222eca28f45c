package egaml.baseline;

import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;

/**
 * The challenge benchmark's features (method.md 13): for every 100 C temperature bin and m/z 0-99, the largest
 * abundance above the channel's minimum (its baseline), divided by the run's largest such value, so every run's
 * features lie in [0, 1]. Readings below 0 C go to the first bin, above 1100 C to the last.
 */
public final class BinFeatures {
    public static final int BIN_WIDTH = 100;
    public static final int BINS = 12;
    public static final int CHANNELS = 100;
    public static final int COUNT = BINS * CHANNELS;

    private BinFeatures() {
    }

    /** Feature index of (bin, m/z). */
    public static int index(int bin, int mz) {
        return bin * CHANNELS + mz;
    }

    /** A feature's name, e.g. {@code max_300-400C_mz44}. */
    public static String name(int index) {
        int bin = index / CHANNELS;
        return "max_" + bin * BIN_WIDTH + "-" + (bin + 1) * BIN_WIDTH + "C_mz" + index % CHANNELS;
    }

    public static float[] of(CleanRun run) {
        float[] f = new float[COUNT];
        for (ChannelSeries c : run.presentChannels()) {
            if (c.mz() >= CHANNELS || c.size() == 0) {
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            for (double a : c.abundance()) {
                min = Math.min(min, a);
            }
            for (int k = 0; k < c.size(); k++) {
                int bin = (int) Math.floor(c.temp()[k] / BIN_WIDTH);
                bin = Math.max(0, Math.min(BINS - 1, bin));
                int i = index(bin, c.mz());
                f[i] = (float) Math.max(f[i], c.abundance()[k] - min);
            }
        }
        float max = 0;
        for (float v : f) {
            max = Math.max(max, v);
        }
        if (max > 0) {
            for (int i = 0; i < f.length; i++) {
                f[i] /= max;
            }
        }
        return f;
    }
}
