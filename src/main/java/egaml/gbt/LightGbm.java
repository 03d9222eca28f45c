package egaml.gbt;

import com.microsoft.ml.lightgbm.PredictionType;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
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
        return fit(x, labels, params, seed, 255, null);
    }

    /**
     * Fits one binary model with {@code maxBin} histogram bins per feature. With {@code featureNames} (one per column)
     * the text model names its inputs, so that LightGBM elsewhere can match them to an exported feature table;
     * without, LightGBM calls them Column_0, Column_1, ... The names do not change the fit.
     */
    public static String fit(Matrix x, float[] labels, GbtParams params, long seed, int maxBin,
                             java.util.List<String> featureNames) {
        ensureLoaded();
        if (featureNames != null && featureNames.size() != x.cols()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + x.cols() + " columns");
        }
        try (LGBMDataset ds = LGBMDataset.createFromMat(x.data(), x.rows(), x.cols(), true, datasetParams(maxBin), null)) {
            ds.setField("label", labels);
            if (featureNames != null) {
                ds.setFeatureNames(featureNames.toArray(String[]::new));
            }
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

    /**
     * Probabilities of a text model for every row. The rows go to LightGBM one at a time as Java arrays that the
     * native code reads in place (the single-row "fast" calls of LightGBM's SWIG interface), because
     * lightgbm4j's whole-matrix call copies the matrix into native memory one element per JNI call, which dominated
     * the GBT member's prediction time. The probabilities are the same: LightGBM reads float and double
     * inputs as doubles.
     */
    public static double[] predict(String model, Matrix x) {
        float[] data = x.data();
        int cols = x.cols();
        return predict(model, x.rows(), cols, (r, row) -> {
            for (int c = 0; c < cols; c++) {
                row[c] = data[r * cols + c];
            }
        });
    }

    /** Writes the features of row {@code r} into {@code row} (NaN = missing). */
    @FunctionalInterface
    public interface RowFiller {
        void fill(int r, double[] row);
    }

    /** Probabilities of a text model for {@code rows} rows of {@code cols} features, each written by {@code filler}. */
    public static double[] predict(String model, int rows, int cols, RowFiller filler) {
        return predict(model, rows, cols, filler, false);
    }

    /**
     * Raw scores (log-odds before the sigmoid) of a text model, the numbers to compare when another LightGBM
     * recomputes egaml's predictions.
     */
    public static double[] predictRaw(String model, int rows, int cols, RowFiller filler) {
        return predict(model, rows, cols, filler, true);
    }

    private static double[] predict(String model, int rows, int cols, RowFiller filler, boolean raw) {
        ensureLoaded(); // before the native constants are read
        double[][] out = predict(model, rows, cols, filler,
                raw ? lightgbmlibConstants.C_API_PREDICT_RAW_SCORE : lightgbmlibConstants.C_API_PREDICT_NORMAL, 1);
        double[] flat = new double[rows];
        for (int r = 0; r < rows; r++) {
            flat[r] = out[r][0];
        }
        return flat;
    }

    /**
     * LightGBM's exact tree SHAP contributions (its C API's contribution prediction) in raw-score units: per row, one
     * value per input column and, last, the expected raw score; the row's values add up to its raw score.
     */
    public static double[][] contributions(String model, int rows, int cols, RowFiller filler) {
        ensureLoaded(); // before the native constants are read
        return predict(model, rows, cols, filler, lightgbmlibConstants.C_API_PREDICT_CONTRIB, cols + 1);
    }

    private static double[][] predict(String model, int rows, int cols, RowFiller filler, int type, int width) {
        ensureLoaded();
        SWIGTYPE_p_p_void handle = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        SWIGTYPE_p_double result = lightgbmlib.new_doubleArray(width);
        SWIGTYPE_p_p_void fastConfig = lightgbmlib.new_voidpp();
        try {
            check(lightgbmlib.LGBM_BoosterLoadModelFromString(model, iterations, handle), "loading a model", rows, cols);
            SWIGTYPE_p_void booster = lightgbmlib.voidpp_value(handle);
            try {
                // the prediction settings are parsed once (LightGBM's "fast" single-row interface), not once per row
                check(lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit(booster, type,
                        0, -1, lightgbmlibConstants.C_API_DTYPE_FLOAT64,
                        cols, "num_threads=1", fastConfig), "preparing to predict", rows, cols);
                SWIGTYPE_p_void fast = lightgbmlib.voidpp_value(fastConfig);
                try {
                    double[] row = new double[cols];
                    double[][] out = new double[rows][width];
                    for (int r = 0; r < rows; r++) {
                        filler.fill(r, row);
                        check(lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(row, fast, length, result),
                                "predicting", rows, cols);
                        for (int k = 0; k < width; k++) {
                            out[r][k] = lightgbmlib.doubleArray_getitem(result, k);
                        }
                    }
                    return out;
                } finally {
                    lightgbmlib.LGBM_FastConfigFree(fast);
                }
            } finally {
                lightgbmlib.LGBM_BoosterFree(booster);
            }
        } finally {
            lightgbmlib.delete_voidpp(fastConfig);
            lightgbmlib.delete_doubleArray(result);
            lightgbmlib.delete_int64_tp(length);
            lightgbmlib.delete_intp(iterations);
            lightgbmlib.delete_voidpp(handle);
        }
    }

    private static void check(int status, String what, int rows, int cols) {
        if (status != 0) {
            throw new IllegalStateException("LightGBM failed while " + what + " (" + rows + " rows x " + cols
                    + " features): " + lightgbmlib.LGBM_GetLastError());
        }
    }

    /** The same probabilities through lightgbm4j's whole-matrix call (kept to check {@link #predict}). */
    static double[] predictWholeMatrix(String model, Matrix x) {
        ensureLoaded();
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(model)) {
            return booster.predictForMat(x.data(), x.rows(), x.cols(), true, PredictionType.C_API_PREDICT_NORMAL,
                    "num_threads=1");
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM failed while predicting " + x.rows() + " rows: " + e.getMessage(), e);
        }
    }
}
