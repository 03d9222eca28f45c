package egaml.gbt;

import egaml.core.Label;
import egaml.core.Logistic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A per-family, per-label shift of the GBT's logits that corrects its low out-of-fold bias: boosted trees fitted
 * to a few hundred runs give positives they have not seen low scores, so the family probabilities average below
 * the label frequencies. The shift a minimises the log loss of sigmoid(logit(p) + a) over the out-of-fold rows.
 * Its own out-of-fold rows are corrected by cross-fitting: each fold's rows with the shift fitted on the other
 * folds' rows, so no row is corrected with its own label. New samples use the shift fitted on all rows.
 *
 * @param shifts family name to the shift per label (in {@link Label} order)
 */
public record FamilyCalibration(Map<String, double[]> shifts) {
    /** Probabilities are clipped to [CLIP, 1 - CLIP] before the logit, as the stacker does. */
    static final double CLIP = 1e-6;

    public FamilyCalibration {
        Map<String, double[]> copy = new LinkedHashMap<>();
        shifts.forEach((k, v) -> copy.put(k, v.clone()));
        shifts = java.util.Collections.unmodifiableMap(copy);
    }

    /** No shift for any family. */
    public static FamilyCalibration none() {
        return new FamilyCalibration(Map.of());
    }

    /** The calibrated out-of-fold families (cross-fitted over {@code foldOf}) and the shifts fitted on all rows. */
    public record CrossFitted(Map<String, double[][]> families, FamilyCalibration calibration) {
    }

    /**
     * Cross-fits the shifts: rows with {@code foldOf[i] == k} are corrected with the shift fitted on the rows of the
     * other folds.
     */
    public static CrossFitted crossFit(Map<String, double[][]> families, int[][] y, int[] foldOf) {
        int folds = 0;
        for (int f : foldOf) {
            folds = Math.max(folds, f + 1);
        }
        Map<String, double[][]> calibrated = new LinkedHashMap<>();
        Map<String, double[]> shifts = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : families.entrySet()) {
            double[][] p = e.getValue();
            int n = p.length;
            double[][] out = new double[n][Label.COUNT];
            double[] all = new double[Label.COUNT];
            for (int l = 0; l < Label.COUNT; l++) {
                double[] z = new double[n];
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    z[i] = Logistic.logit(p[i][l], CLIP);
                    labels[i] = y[i][l];
                }
                all[l] = fitShift(z, labels, null, -1);
                for (int k = 0; k < folds; k++) {
                    double a = fitShift(z, labels, foldOf, k);
                    for (int i = 0; i < n; i++) {
                        if (foldOf[i] == k) {
                            out[i][l] = Logistic.sigmoid(z[i] + a);
                        }
                    }
                }
            }
            calibrated.put(e.getKey(), out);
            shifts.put(e.getKey(), all);
        }
        return new CrossFitted(calibrated, new FamilyCalibration(shifts));
    }

    /**
     * The shift a minimising the mean log loss of sigmoid(z + a) over the rows not in fold {@code skip} (all rows when
     * {@code foldOf} is null), by Newton's method; 0 when those rows hold only one class.
     */
    static double fitShift(double[] z, int[] y, int[] foldOf, int skip) {
        int positives = 0;
        int rows = 0;
        for (int i = 0; i < z.length; i++) {
            if (foldOf == null || foldOf[i] != skip) {
                positives += y[i];
                rows++;
            }
        }
        if (positives == 0 || positives == rows) {
            return 0;
        }
        double a = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            double gradient = 0;
            double curvature = 0;
            for (int i = 0; i < z.length; i++) {
                if (foldOf == null || foldOf[i] != skip) {
                    double q = Logistic.sigmoid(z[i] + a);
                    gradient += q - y[i];
                    curvature += q * (1 - q);
                }
            }
            double step = gradient / Math.max(curvature, 1e-12);
            step = Math.max(-2, Math.min(2, step)); // damped: the loss is convex, a full step can overshoot from far
            a -= step;
            if (Math.abs(step) < 1e-10) {
                break;
            }
        }
        return a;
    }

    /** The families with their shifts applied (a family without a shift is returned as it is). */
    public Map<String, double[][]> apply(Map<String, double[][]> families) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : families.entrySet()) {
            double[] a = shifts.get(e.getKey());
            if (a == null) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            double[][] p = e.getValue();
            double[][] q = new double[p.length][Label.COUNT];
            for (int i = 0; i < p.length; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    q[i][l] = Logistic.sigmoid(Logistic.logit(p[i][l], CLIP) + a[l]);
                }
            }
            out.put(e.getKey(), q);
        }
        return out;
    }
}
