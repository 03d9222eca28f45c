package egaml.gbt;

import egaml.features.FeatureExtractor;

import java.util.SplittableRandom;

/**
 * The training-table augmentation of method.md 8.2, one draw per label model, in place: temperature
 * noise on the temperature-valued base features, 5 % per-column dropout of per-ion base columns, and a
 * random tenth of all columns dropped. Dropped columns become entirely missing (NaN).
 * Features of samples being predicted are never altered.
 */
public final class Augmentation {
    public static final double MAX_TEMP_NOISE = 5;
    public static final double COLUMN_DROPOUT = 0.05;

    private Augmentation() {
    }

    /**
     * @param x      training matrix: the {@link FeatureExtractor#COUNT} base columns first, then the pair columns
     * @return the number of columns made missing
     */
    public static int apply(LightGbm.Matrix x, SplittableRandom rng) {
        int cols = x.cols();
        int rows = x.rows();
        float[] d = x.data();
        double sigma = MAX_TEMP_NOISE * rng.nextDouble();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < FeatureExtractor.COUNT; c++) {
                if (FeatureExtractor.isTemperature(c)) {
                    float v = d[r * cols + c];
                    if (v > FeatureExtractor.TEMP_MISSING && v < FeatureExtractor.TEMP_AT_END) {
                        d[r * cols + c] = (float) (v + sigma * rng.nextGaussian());
                    }
                }
            }
        }
        boolean[] drop = new boolean[cols];
        for (int c = 0; c < FeatureExtractor.COUNT; c++) {
            if (FeatureExtractor.isPerIon(c) && rng.nextDouble() < COLUMN_DROPOUT) {
                drop[c] = true;
            }
        }
        // a random floor(K / 10) of all K columns (partial Fisher-Yates)
        int[] order = new int[cols];
        for (int c = 0; c < cols; c++) {
            order[c] = c;
        }
        for (int k = 0; k < cols / 10; k++) {
            int j = k + rng.nextInt(cols - k);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
            drop[order[k]] = true;
        }
        int dropped = 0;
        for (int c = 0; c < cols; c++) {
            if (drop[c]) {
                dropped++;
                for (int r = 0; r < rows; r++) {
                    d[r * cols + c] = Float.NaN;
                }
            }
        }
        return dropped;
    }
}
