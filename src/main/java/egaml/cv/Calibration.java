package egaml.cv;

import java.util.ArrayList;
import java.util.List;

/**
 * Reliability of probabilities: predictions pooled over labels (or one label) in equal-width probability
 * bins, with the mean prediction and the observed frequency of each bin, and the expected calibration
 * error (bin-size-weighted mean absolute gap).
 */
public final class Calibration {
    /** One bin: [low, high), how many predictions, their mean, and the share of positives among them. */
    public record Bin(double low, double high, int count, double meanPredicted, double observed) {
    }

    private Calibration() {
    }

    /** Bins for label column j, or pooled over all labels when j &lt; 0. */
    public static List<Bin> bins(int[][] y, double[][] p, int label, int count) {
        int[] n = new int[count];
        double[] sumP = new double[count];
        double[] sumY = new double[count];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y[i].length; j++) {
                if (label >= 0 && j != label) {
                    continue;
                }
                int b = Math.min(count - 1, (int) (p[i][j] * count));
                n[b]++;
                sumP[b] += p[i][j];
                sumY[b] += y[i][j];
            }
        }
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            out.add(new Bin((double) b / count, (double) (b + 1) / count, n[b], n[b] == 0 ? Double.NaN : sumP[b] / n[b],
                    n[b] == 0 ? Double.NaN : sumY[b] / n[b]));
        }
        return out;
    }

    /** Expected calibration error of the bins. */
    public static double expectedError(List<Bin> bins) {
        double total = 0;
        double err = 0;
        for (Bin b : bins) {
            if (b.count() > 0) {
                total += b.count();
                err += b.count() * Math.abs(b.meanPredicted() - b.observed());
            }
        }
        return total == 0 ? Double.NaN : err / total;
    }
}
