package egaml.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The peak finder of method.md 7.3, step by step (the semantics of SciPy's standard peak finder with
 * height = mean(x), distance = 8 samples, prominence = 0.03 max(x), width = 1 sample at half prominence),
 * followed by the relative prominence filter and the choice of the top three peaks.
 * Positions are sample indices, not temperatures.
 */
public final class PeakFinder {
    /** Minimum distance between peaks, in samples. */
    public static final int DISTANCE = 8;
    /** Minimum prominence as a fraction of the series maximum. */
    public static final double PROMINENCE_FRACTION = 0.03;
    /** Minimum width in samples, measured at half prominence. */
    public static final double MIN_WIDTH = 1;
    /** Peaks must have a prominence above this fraction of (sum of prominences - the largest). */
    public static final double RELATIVE_FRACTION = 0.2;

    /** A peak: its index, prominence and height (the series value there). */
    public record Peak(int index, double prominence, double height) {
    }

    private PeakFinder() {
    }

    /** The top three peaks by prominence (ties: the later peak first). */
    public static List<Peak> topPeaks(double[] x) {
        List<Peak> peaks = filtered(x);
        peaks.sort(Comparator.comparingDouble(Peak::prominence).reversed()
                .thenComparing(Comparator.comparingInt(Peak::index).reversed()));
        return peaks.subList(0, Math.min(3, peaks.size()));
    }

    /** All peaks that pass steps 1-6, in index order. */
    static List<Peak> filtered(double[] x) {
        int n = x.length;
        if (n < 3) {
            return new ArrayList<>();
        }
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            sum += v;
            max = Math.max(max, v);
        }
        double mean = sum / n;
        double minProminence = PROMINENCE_FRACTION * max;
        int[] candidates = localMaxima(x);
        // 2. height
        int[] byHeight = Arrays.stream(candidates).filter(p -> x[p] >= mean).toArray();
        // 3. distance
        int[] spaced = byDistance(x, byHeight);
        // 4. prominence and 5. width
        List<Peak> kept = new ArrayList<>();
        for (int p : spaced) {
            double[] prom = prominence(x, p);
            if (prom[0] < minProminence) {
                continue;
            }
            if (width(x, p, prom[0], (int) prom[1], (int) prom[2]) < MIN_WIDTH) {
                continue;
            }
            kept.add(new Peak(p, prom[0], x[p]));
        }
        // 6. relative filter
        if (kept.size() <= 1) {
            return kept;
        }
        double total = 0;
        double largest = Double.NEGATIVE_INFINITY;
        for (Peak pk : kept) {
            total += pk.prominence();
            largest = Math.max(largest, pk.prominence());
        }
        double threshold = RELATIVE_FRACTION * (total - largest);
        List<Peak> out = new ArrayList<>();
        for (Peak pk : kept) {
            if (pk.prominence() > threshold) {
                out.add(pk);
            }
        }
        return out;
    }

    /** 1. Local maxima, plateaus reported at their middle (left of the two middles). */
    static int[] localMaxima(double[] x) {
        int n = x.length;
        int[] out = new int[n];
        int count = 0;
        int i = 1;
        int last = n - 1;
        while (i < last) {
            if (x[i - 1] < x[i]) {
                int ahead = i + 1;
                while (ahead < last && x[ahead] == x[i]) {
                    ahead++;
                }
                if (x[ahead] < x[i]) {
                    out[count++] = (i + ahead - 1) / 2;
                    i = ahead;
                }
            }
            i++;
        }
        return Arrays.copyOf(out, count);
    }

    /** 3. Highest first (equal heights: later first); each kept peak removes others closer than DISTANCE. */
    static int[] byDistance(double[] x, int[] peaks) {
        int n = peaks.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // stable ascending by height; walking it backwards visits equal heights later-first
        Arrays.sort(order, Comparator.comparingDouble(i -> x[peaks[i]]));
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        for (int r = n - 1; r >= 0; r--) {
            int j = order[r];
            if (!keep[j]) {
                continue;
            }
            for (int k = j - 1; k >= 0 && peaks[j] - peaks[k] < DISTANCE; k--) {
                keep[k] = false;
            }
            for (int k = j + 1; k < n && peaks[k] - peaks[j] < DISTANCE; k++) {
                keep[k] = false;
            }
        }
        int[] out = new int[n];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[c++] = peaks[i];
            }
        }
        return Arrays.copyOf(out, c);
    }

    /** 4. {prominence, left base, right base}. */
    static double[] prominence(double[] x, int p) {
        double leftMin = x[p];
        int leftBase = p;
        for (int i = p; i >= 0 && x[i] <= x[p]; i--) {
            if (x[i] < leftMin) {
                leftMin = x[i];
                leftBase = i;
            }
        }
        double rightMin = x[p];
        int rightBase = p;
        for (int i = p; i < x.length && x[i] <= x[p]; i++) {
            if (x[i] < rightMin) {
                rightMin = x[i];
                rightBase = i;
            }
        }
        return new double[] {x[p] - Math.max(leftMin, rightMin), leftBase, rightBase};
    }

    /** 5. Width at half prominence, with linear interpolation of the crossings. */
    static double width(double[] x, int p, double prominence, int leftBase, int rightBase) {
        double h = x[p] - 0.5 * prominence;
        int i = p;
        while (i > leftBase && x[i] > h) {
            i--;
        }
        double left = i;
        if (x[i] < h) {
            left += (h - x[i]) / (x[i + 1] - x[i]);
        }
        i = p;
        while (i < rightBase && x[i] > h) {
            i++;
        }
        double right = i;
        if (x[i] < h) {
            right -= (h - x[i]) / (x[i - 1] - x[i]);
        }
        return right - left;
    }
}
