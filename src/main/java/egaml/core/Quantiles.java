package egaml.core;

import java.util.Arrays;

/** Linear-interpolation quantiles (method.md notation: read position (n - 1) q of the sorted values). */
public final class Quantiles {
    private Quantiles() {
    }

    /** Quantile at level q of values[from, to); the input is not modified. NaN when the range is empty. */
    public static double linear(double[] values, int from, int to, double q) {
        int n = to - from;
        if (n <= 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        return ofSorted(sorted, q);
    }

    /** Quantile at level q of all values; the input is not modified. */
    public static double linear(double[] values, double q) {
        return linear(values, 0, values.length, q);
    }

    /** Quantile at level q of already sorted values. */
    public static double ofSorted(double[] sorted, double q) {
        if (q < 0 || q > 1 || Double.isNaN(q)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + q);
        }
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double pos = (n - 1) * q;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}
