package egaml.cv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The greedy multilabel stratifier of method.md 9. Rows are shuffled with the seed and assigned
 * one at a time to the fold whose label frequencies move closest to the whole set's, with a size
 * term that keeps folds balanced in rows and positive labels.
 *
 * @param folds number of folds K (at least 2)
 * @param pairs whether to stratify on the 45 pairwise label products too
 */
public record MultilabelStratifiedKFold(int folds, boolean pairs) {

    public MultilabelStratifiedKFold {
        if (folds < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + folds);
        }
    }

    /** Fold number (0 .. K-1) of every row. */
    public int[] assign(int[][] y, long seed) {
        int n = y.length;
        if (n < folds) {
            throw new IllegalArgumentException("cannot make " + folds + " folds from " + n + " rows");
        }
        int labels = y[0].length;
        double[][] x = extended(y, labels);
        int cols = x[0].length;

        double[] f = new double[cols];
        double rowSumTotal = 0;
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                f[j] += row[j];
                rowSumTotal += row[j];
            }
        }
        double[] gf = new double[cols];
        for (int j = 0; j < cols; j++) {
            f[j] /= n;
            gf[j] = g(f[j]);
        }
        double lambda = Math.pow(n / 5.0, -0.5) / (1 + rowSumTotal / n);

        int[] order = StratifiedKFold.shuffled(n, new SplittableRandom(seed));
        double[][] c = new double[folds][cols];
        int[] size = new int[folds];
        int[] positives = new int[folds];
        int[] fold = new int[n];
        double[] a = new double[folds];
        double[] p = new double[folds];
        for (int r : order) {
            double[] row = x[r];
            for (int k = 0; k < folds; k++) {
                double ak = 0;
                double pk = 0;
                for (int j = 0; j < cols; j++) {
                    double pre = size[k] == 0 ? 0 : c[k][j] / size[k];
                    double post = (c[k][j] + row[j]) / (size[k] + 1);
                    double da = g(pre) - gf[j];
                    double dp = g(post) - gf[j];
                    ak += da * da;
                    pk += dp * dp;
                }
                a[k] = ak;
                p[k] = pk;
            }
            double s = populationStd(a);
            int best = 0;
            double bestDelta = Double.POSITIVE_INFINITY;
            for (int k = 0; k < folds; k++) {
                double delta = p[k] - a[k] + s * lambda * (size[k] + positives[k]);
                if (delta < bestDelta) {
                    bestDelta = delta;
                    best = k;
                }
            }
            fold[r] = best;
            size[best]++;
            for (int j = 0; j < cols; j++) {
                c[best][j] += row[j];
            }
            for (int j = 0; j < labels; j++) {
                positives[best] += y[r][j];
            }
        }
        return fold;
    }

    /** The K folds, training and held-out rows each listed in original row order. */
    public List<Fold> split(int[][] y, long seed) {
        int[] fold = assign(y, seed);
        List<Fold> out = new ArrayList<>(folds);
        for (int k = 0; k < folds; k++) {
            int testCount = 0;
            for (int v : fold) {
                if (v == k) {
                    testCount++;
                }
            }
            int[] test = new int[testCount];
            int[] train = new int[fold.length - testCount];
            int ti = 0;
            int tr = 0;
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == k) {
                    test[ti++] = i;
                } else {
                    train[tr++] = i;
                }
            }
            out.add(new Fold(k, train, test));
        }
        return out;
    }

    private double[][] extended(int[][] y, int labels) {
        int cols = pairs ? labels + labels * (labels - 1) / 2 : labels;
        double[][] x = new double[y.length][cols];
        for (int i = 0; i < y.length; i++) {
            if (y[i].length != labels) {
                throw new IllegalArgumentException("row " + i + " has " + y[i].length + " labels, expected " + labels);
            }
            for (int j = 0; j < labels; j++) {
                x[i][j] = y[i][j];
            }
            if (pairs) {
                int col = labels;
                for (int a = 0; a < labels; a++) {
                    for (int b = a + 1; b < labels; b++) {
                        x[i][col++] = y[i][a] * y[i][b];
                    }
                }
            }
        }
        return x;
    }

    private static double g(double v) {
        return Math.log(0.99 * v + 0.01);
    }

    private static double populationStd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return Math.sqrt(ss / v.length);
    }
}
