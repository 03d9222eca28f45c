package egaml.cv;

/**
 * The challenge metric (method.md 1.5): per label the mean binary cross-entropy over samples with p
 * clipped to [1e-15, 1 - 1e-15]; aggregated = the plain mean over labels.
 */
public final class LogLoss {
    public static final double CLIP = 1e-15;

    private LogLoss() {
    }

    /** Binary log loss of one prediction. */
    public static double binary(int y, double p) {
        double q = Math.min(Math.max(p, CLIP), 1 - CLIP);
        return y == 1 ? -Math.log(q) : -Math.log(1 - q);
    }

    /** Per-label log loss of predictions p[sample][label] against 0/1 labels y[sample][label]. */
    public static double[] perLabel(int[][] y, double[][] p) {
        if (y.length != p.length) {
            throw new IllegalArgumentException(y.length + " label rows but " + p.length + " prediction rows");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("no samples to score");
        }
        int labels = y[0].length;
        double[] out = new double[labels];
        for (int i = 0; i < y.length; i++) {
            if (y[i].length != labels || p[i].length != labels) {
                throw new IllegalArgumentException("row " + i + " has a different number of labels");
            }
            for (int j = 0; j < labels; j++) {
                if (y[i][j] != 0 && y[i][j] != 1) {
                    throw new IllegalArgumentException("label at row " + i + ", column " + j + " is not 0/1: " + y[i][j]);
                }
                if (Double.isNaN(p[i][j])) {
                    throw new IllegalArgumentException("prediction at row " + i + ", column " + j + " is NaN");
                }
                out[j] += binary(y[i][j], p[i][j]);
            }
        }
        for (int j = 0; j < labels; j++) {
            out[j] /= y.length;
        }
        return out;
    }

    /** Aggregated log loss: the mean of the per-label losses. */
    public static double aggregated(int[][] y, double[][] p) {
        double[] per = perLabel(y, p);
        double sum = 0;
        for (double v : per) {
            sum += v;
        }
        return sum / per.length;
    }

    /** Predictions that always output each label's frequency in y (the label prior). */
    public static double[][] priorPredictions(int[][] y, int rows) {
        int labels = y[0].length;
        double[] freq = new double[labels];
        for (int[] row : y) {
            for (int j = 0; j < labels; j++) {
                freq[j] += row[j];
            }
        }
        double[][] out = new double[rows][labels];
        for (int j = 0; j < labels; j++) {
            freq[j] /= y.length;
        }
        for (double[] row : out) {
            System.arraycopy(freq, 0, row, 0, labels);
        }
        return out;
    }
}
