package egaml.core;

import java.util.Arrays;

/** Linear-interpolation quantiles (method.md notation: read position (n - 1) q of the sorted values). */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * Quantile at level q of values[from, to); the input is not modified. NaN when the range is empty. The two
     * order statistics it needs are found by selection (expected linear time) rather than by sorting; the result is
     * the same as {@link #ofSorted} of the sorted range.
     */
    public static double linear(double[] values, int from, int to, double q) {
        if (q < 0 || q > 1 || Double.isNaN(q)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + q);
        }
        int n = to - from;
        if (n <= 0) {
            return Double.NaN;
        }
        double[] work = Arrays.copyOfRange(values, from, to);
        for (double v : work) {
            if (Double.isNaN(v) || v == 0.0 && Double.doubleToRawLongBits(v) != 0L) {
                Arrays.sort(work); // NaN and -0.0 keep Arrays.sort's order
                return ofSorted(work, q);
            }
        }
        double pos = (n - 1) * q;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double frac = pos - lo;
        double low = select(work, lo);
        double high = low;
        if (hi != lo) {
            // after selection every value right of lo is >= work[lo]: the next order statistic is their minimum
            high = Double.POSITIVE_INFINITY;
            for (int i = lo + 1; i < n; i++) {
                high = Math.min(high, work[i]);
            }
        }
        return low + (high - low) * frac;
    }

    /**
     * The k-th smallest value (0-based) of a (no NaN), partially reordering a so that a[k] holds it, everything
     * left of k is <= it and everything right of k is >= it (Hoare's selection, median-of-three pivots).
     */
    static double select(double[] a, int k) {
        int left = 0;
        int right = a.length - 1;
        while (right > left) {
            if (right - left < 16) {
                Arrays.sort(a, left, right + 1);
                return a[k];
            }
            int mid = (left + right) >>> 1;
            if (a[mid] < a[left]) {
                swap(a, mid, left);
            }
            if (a[right] < a[left]) {
                swap(a, right, left);
            }
            if (a[right] < a[mid]) {
                swap(a, right, mid);
            }
            double pivot = a[mid];
            int i = left;
            int j = right;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
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
