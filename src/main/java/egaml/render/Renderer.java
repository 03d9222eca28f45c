package egaml.render;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Renders a {@link RenderBase} into the image of method.md 14.2, [m/z][column] row-major (100 x 80 floats, log10 of
 * the reading over the image maximum, in [-4, 0]). The canonical rendering is fixed; a random one draws a scan
 * per column, a background mix per m/z and the gains from the given stream, so the same seed gives the same
 * image.
 */
public final class Renderer {
    public static final int IONS = RenderBase.IONS;
    public static final int COLUMNS = RenderSettings.COLUMNS;
    /** Bin of each column's centre. */
    private static final int[] CENTRE_BIN = new int[COLUMNS];

    static {
        for (int c = 0; c < COLUMNS; c++) {
            CENTRE_BIN[c] = (int) Math.round((RenderSettings.columnCentre(c) - RenderBase.binCentre(0)) / RenderBase.BIN_WIDTH);
        }
    }

    private Renderer() {
    }

    /** The canonical image: each column the mean of its three bins, each m/z minus the mean of its background levels. */
    public static float[] canonical(RenderBase base) {
        float[] raw = new float[IONS * COLUMNS];
        for (int m = 0; m < IONS; m++) {
            float[] bins = base.bins()[m];
            if (bins == null) {
                continue;
            }
            float bg = mean(base.backgrounds()[m]);
            for (int c = 0; c < COLUMNS; c++) {
                int k = CENTRE_BIN[c];
                double sum = 0;
                int n = 0;
                for (int j = k - 1; j <= k + 1; j++) {
                    if (!Float.isNaN(bins[j])) {
                        sum += bins[j];
                        n++;
                    }
                }
                float v = n > 0 ? (float) (sum / n) : nearest(bins, k, 4);
                raw[m * COLUMNS + c] = Float.isNaN(v) ? 0 : Math.max(0, v - bg);
            }
        }
        return logScale(raw);
    }

    /** A random rendering with the settings' augmentations, drawn from {@code rng}. */
    public static float[] random(RenderBase base, RenderSettings settings, SplittableRandom rng) {
        int reach = (int) Math.floor(settings.scanJitter() / RenderBase.BIN_WIDTH);
        double[] weights = new double[2 * reach + 1];
        for (int d = -reach; d <= reach; d++) {
            weights[d + reach] = 1.0 / (12 + Math.abs(d) * RenderBase.BIN_WIDTH);
        }
        int[] chosen = new int[COLUMNS];
        for (int c = 0; c < COLUMNS; c++) {
            chosen[c] = CENTRE_BIN[c] + draw(weights, rng) - reach; // one scan for every m/z of the column
        }
        double runGain = Math.pow(2, settings.runGainSigma() * rng.nextGaussian());
        float[] raw = new float[IONS * COLUMNS];
        double[] mix = new double[RenderBase.BACKGROUND_LEVELS.length];
        for (int m = 0; m < IONS; m++) {
            float[] bins = base.bins()[m];
            // every m/z takes its draws whether present or not, so one channel's absence does not shift the others'
            double gain = runGain * Math.pow(2, settings.ionGainSigma() * rng.nextGaussian());
            double total = 0;
            for (int j = 0; j < mix.length; j++) {
                mix[j] = settings.mixBackgrounds() ? -Math.log(1 - rng.nextDouble()) : 1;
                total += mix[j];
            }
            if (bins == null) {
                continue;
            }
            double bg = 0;
            for (int j = 0; j < mix.length; j++) {
                bg += mix[j] / total * base.backgrounds()[m][j];
            }
            for (int c = 0; c < COLUMNS; c++) {
                float v = bins[chosen[c]];
                if (Float.isNaN(v)) {
                    v = nearest(bins, chosen[c], 4);
                }
                raw[m * COLUMNS + c] = Float.isNaN(v) ? 0 : (float) (Math.max(0, v - bg) * gain);
            }
        }
        return logScale(raw);
    }

    /** Divides by the maximum, clips to [1e-4, 1] and takes log10, in place; an image without signal is all -4. */
    static float[] logScale(float[] raw) {
        float max = 0;
        for (float v : raw) {
            max = Math.max(max, v);
        }
        float floor = (float) Math.log10(RenderSettings.FLOOR);
        if (!(max > 0) || !Float.isFinite(max)) {
            Arrays.fill(raw, floor);
            return raw;
        }
        for (int i = 0; i < raw.length; i++) {
            float v = raw[i] / max;
            raw[i] = v <= RenderSettings.FLOOR ? floor : (float) Math.log10(Math.min(1f, v));
        }
        return raw;
    }

    private static int draw(double[] weights, SplittableRandom rng) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** The non-empty bin nearest to k within {@code reach} bins (the lower one on a tie), or NaN. */
    private static float nearest(float[] bins, int k, int reach) {
        for (int d = 1; d <= reach; d++) {
            if (k - d >= 0 && !Float.isNaN(bins[k - d])) {
                return bins[k - d];
            }
            if (k + d < bins.length && !Float.isNaN(bins[k + d])) {
                return bins[k + d];
            }
        }
        return Float.NaN;
    }

    private static float mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return (float) (s / v.length);
    }
}
