package egaml.gbt;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;

import java.io.IOException;

/**
 * egaml's thin interface to LightGBM (through lightgbm4j): binary classifiers on dense float matrices
 * (row-major, NaN = missing), returned as LightGBM text models. Native handles never escape this class.
 */
public final class LightGbm {
    /** Dataset parameters: the bins, and no pre-filtering, so one dataset serves every min_data_in_leaf. */
    static String datasetParams(int maxBin) {
        return "max_bin=" + maxBin + " feature_pre_filter=false verbosity=-1";
    }

    private LightGbm() {
    }

    static void ensureLoaded() {
        try {
            LGBMBooster.loadNative();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot load LightGBM's native library: " + e, e);
        }
    }

    /** A training set: features (rows x cols, row-major) and 0/1 labels. */
    public record Matrix(float[] data, int rows, int cols) {
        public Matrix {
            if ((long) rows * cols != data.length) {
                throw new IllegalArgumentException("matrix of " + rows + " x " + cols + " needs " + (long) rows * cols
                        + " values, got " + data.length);
            }
        }

        /** The given rows, in the given order. */
        public Matrix select(int[] which) {
            float[] out = new float[which.length * cols];
            for (int i = 0; i < which.length; i++) {
                System.arraycopy(data, which[i] * cols, out, i * cols, cols);
            }
            return new Matrix(out, which.length, cols);
        }
    }

    /** Fits one binary model and returns it in LightGBM's text format. */
    public static String fit(Matrix x, float[] labels, GbtParams params, long seed) {
        return fit(x, labels, params, seed, 255);
    }

    /** Fits one binary model with {@code maxBin} histogram bins per feature. */
    public static String fit(Matrix x, float[] labels, GbtParams params, long seed, int maxBin) {
        ensureLoaded();
        try (LGBMDataset ds = LGBMDataset.createFromMat(x.data(), x.rows(), x.cols(), true, datasetParams(maxBin), null)) {
            ds.setField("label", labels);
            try (LGBMBooster booster = LGBMBooster.create(ds, params.toLightGbm(seed) + " max_bin=" + maxBin)) {
                for (int i = 0; i < params.trees(); i++) {
                    if (booster.updateOneIter()) {
                        break; // no further split possible
                    }
                }
                return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
            }
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed while fitting a model on " + x.rows() + " x " + x.cols()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Probabilities of a text model for every row. */
    public static double[] predict(String model, Matrix x) {
        ensureLoaded();
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(model)) {
            return booster.predictForMat(x.data(), x.rows(), x.cols(), true, PredictionType.C_API_PREDICT_NORMAL,
                    "num_threads=1");
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed while predicting " + x.rows() + " rows: " + e.getMessage(), e);
        }
    }
}
