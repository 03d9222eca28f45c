package egaml.gbt;

import egaml.core.Label;

import java.util.List;

/**
 * One final GBT model: the (realisation, repeat, fold, label) it was trained for, the ion list of its
 * pair features, and its LightGBM text model; or, when its training fold had only one class, the
 * constant prior it predicts.
 *
 * @param model the LightGBM text model, or null for a constant-prior model
 * @param prior the constant prediction when model is null, else NaN
 */
public record FoldModel(int realisation, int repeat, int fold, Label label, List<Integer> pairIons, String model,
                        double prior) {

    public FoldModel {
        pairIons = List.copyOf(pairIons);
    }

    /** File name of the LightGBM model inside a saved member. */
    public String fileName() {
        return String.format(java.util.Locale.ROOT, "r%d_rep%d_f%d_%s.txt", realisation, repeat, fold, label.columnName());
    }

    /**
     * Probabilities for the rows: base features of one realisation, as floats and as doubles (the double copies are
     * made once and shared by all the models of the realisation).
     */
    double[] predict(float[][] baseRows, double[][] wideBaseRows) {
        if (model == null) {
            double[] p = new double[baseRows.length];
            java.util.Arrays.fill(p, prior);
            return p;
        }
        return LightGbm.predict(model, baseRows.length, inputCount(), inputs(baseRows, wideBaseRows));
    }

    /**
     * LightGBM's raw scores (log-odds) for the rows; what another LightGBM, given {@link BoosterInputs}, must
     * reproduce. A constant-prior model has none.
     */
    public double[] rawScores(float[][] baseRows) {
        double[][] wide = new double[baseRows.length][];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = widen(baseRows[i]);
        }
        return rawScores(baseRows, wide);
    }

    /** As {@link #rawScores(float[][])}, with the rows already widened. */
    double[] rawScores(float[][] baseRows, double[][] wideBaseRows) {
        if (model == null) {
            throw new IllegalStateException(fileName() + " is a constant prior, not a LightGBM model");
        }
        return LightGbm.predictRaw(model, baseRows.length, inputCount(), inputs(baseRows, wideBaseRows));
    }

    /**
     * LightGBM's tree SHAP contributions per row: one per input column ({@link #inputNames()} order), then the expected
     * raw score; a row's values add up to its raw score. A constant-prior model has none.
     */
    double[][] contributions(float[][] baseRows, double[][] wideBaseRows) {
        if (model == null) {
            throw new IllegalStateException(fileName() + " is a constant prior, not a LightGBM model");
        }
        return LightGbm.contributions(model, baseRows.length, inputCount(), inputs(baseRows, wideBaseRows));
    }

    /** The names of the model's inputs, in column order: the base features, then its pair features. */
    public List<String> inputNames() {
        return GbtCrossValidation.featureNames(new PairFeatures(label, pairIons));
    }

    private int inputCount() {
        return egaml.features.FeatureExtractor.COUNT + new PairFeatures(label, pairIons).count();
    }

    private LightGbm.RowFiller inputs(float[][] baseRows, double[][] wideBaseRows) {
        PairFeatures pairs = new PairFeatures(label, pairIons);
        int base = egaml.features.FeatureExtractor.COUNT;
        return (r, row) -> {
            System.arraycopy(wideBaseRows[r], 0, row, 0, base);
            float[] p = pairs.compute(baseRows[r]);
            for (int c = 0; c < p.length; c++) {
                row[base + c] = p[c];
            }
        };
    }

    static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
