package egaml.features;

import egaml.core.SeedSequence;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;
import egaml.preprocess.BaselineLevel;
import egaml.preprocess.ScaledRun;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.SplittableRandom;

/**
 * The 3,704 base GBT features of one sample (method.md 7.1-7.6): 8 per-ion statistics and 9 peak
 * features for each m/z 0-99 on the randomly trimmed, baseline-offset, scaled series; 20 prevalence
 * windows per m/z on the raw cleaned rows; and 4 global features. Column layout: kind-major
 * ({@code ion_mean_mz0 .. ion_mean_mz99, ion_share_mz0, ...}), then prevalence, then the globals.
 */
public final class FeatureExtractor {
    public static final int IONS = 100;
    public static final int WINDOWS = 20;
    public static final double WINDOW_WIDTH = 50;
    /** Sentinels of temperature-valued features. */
    public static final float TEMP_MISSING = -500f;
    public static final float TEMP_AT_END = 5000f;

    static final String[] ION_KINDS = {"ion_mean", "ion_share", "ion_max", "ion_max_rel", "ion_peak_ratio",
        "ion_peak_temp", "ion_halfwidth", "ion_jitter"};
    static final String[] PEAK_KINDS = {"pk0_temp", "pk0_prom", "pk0_height", "pk1_temp", "pk1_prom", "pk1_height",
        "pk2_temp", "pk2_prom", "pk2_height"};
    static final String[] GLOBALS = {"ramp_rate", "mean_abundance", "max_abundance", "rows_per_ion"};

    public static final int ION_BLOCK = 0;
    public static final int PEAK_BLOCK = ION_KINDS.length * IONS;
    public static final int PREVALENCE_BLOCK = PEAK_BLOCK + PEAK_KINDS.length * IONS;
    public static final int GLOBAL_BLOCK = PREVALENCE_BLOCK + WINDOWS * IONS;

    /** Column of m/z 0 for every per-ion and peak kind. */
    private static final Map<String, Integer> KIND_OFFSETS = kindOffsets();

    private static Map<String, Integer> kindOffsets() {
        Map<String, Integer> out = new HashMap<>();
        for (int k = 0; k < ION_KINDS.length; k++) {
            out.put(ION_KINDS[k], ION_BLOCK + k * IONS);
        }
        for (int k = 0; k < PEAK_KINDS.length; k++) {
            out.put(PEAK_KINDS[k], PEAK_BLOCK + k * IONS);
        }
        return Map.copyOf(out);
    }

    /** Number of base features: 3,704. */
    public static final int COUNT = GLOBAL_BLOCK + GLOBALS.length;

    private static final List<String> NAMES = buildNames();
    private static final boolean[] TEMPERATURE_VALUED = temperatureValued();

    private final BaselineLevel level;

    /** @param level the baseline level of the per-ion series (the reference's random ~1 % level) */
    public FeatureExtractor(BaselineLevel level) {
        this.level = level;
    }

    public FeatureExtractor() {
        this(BaselineLevel.randomReference());
    }

    /** Column names, in column order. */
    public static List<String> names() {
        return NAMES;
    }

    /** Index of an ion-kind column, e.g. column("ion_mean", 44). */
    public static int ionColumn(String kind, int mz) {
        Integer offset = KIND_OFFSETS.get(kind);
        if (offset == null) {
            throw new IllegalArgumentException("unknown feature kind " + kind);
        }
        return offset + mz;
    }

    /** Columns of m/z 0 of the top-three peaks' temperature, prominence and height. */
    private static final int[] PEAK_TEMP = {ionColumn("pk0_temp", 0), ionColumn("pk1_temp", 0), ionColumn("pk2_temp", 0)};
    private static final int[] PEAK_PROM = {ionColumn("pk0_prom", 0), ionColumn("pk1_prom", 0), ionColumn("pk2_prom", 0)};
    private static final int[] PEAK_HEIGHT = {ionColumn("pk0_height", 0), ionColumn("pk1_height", 0),
        ionColumn("pk2_height", 0)};

    /** Column of the temperature of peak {@code p} (0 = most prominent, up to 2) of m/z {@code mz}. */
    public static int peakTempColumn(int p, int mz) {
        return PEAK_TEMP[p] + mz;
    }

    /** Column of the prominence of peak {@code p} of m/z {@code mz}. */
    public static int peakPromColumn(int p, int mz) {
        return PEAK_PROM[p] + mz;
    }

    /** Column of the height of peak {@code p} of m/z {@code mz}. */
    public static int peakHeightColumn(int p, int mz) {
        return PEAK_HEIGHT[p] + mz;
    }

    public static int prevalenceColumn(int window, int mz) {
        return PREVALENCE_BLOCK + window * IONS + mz;
    }

    /** Whether column c holds temperatures (its missing value is -500 and augmentation adds noise to it). */
    public static boolean isTemperature(int c) {
        return TEMPERATURE_VALUED[c];
    }

    /** Whether column c is a per-ion base column (subject to per-column dropout), i.e. not a global. */
    public static boolean isPerIon(int c) {
        return c < GLOBAL_BLOCK;
    }

    private static List<String> buildNames() {
        List<String> names = new ArrayList<>(COUNT);
        for (String k : ION_KINDS) {
            for (int m = 0; m < IONS; m++) {
                names.add(k + "_mz" + m);
            }
        }
        for (String k : PEAK_KINDS) {
            for (int m = 0; m < IONS; m++) {
                names.add(k + "_mz" + m);
            }
        }
        for (int w = 0; w < WINDOWS; w++) {
            for (int m = 0; m < IONS; m++) {
                names.add(String.format(java.util.Locale.ROOT, "prevalence_w%02d_mz%d", w, m));
            }
        }
        names.addAll(Arrays.asList(GLOBALS));
        return Collections.unmodifiableList(names);
    }

    private static boolean[] temperatureValued() {
        boolean[] t = new boolean[COUNT];
        for (int m = 0; m < IONS; m++) {
            t[ionColumn("ion_peak_temp", m)] = true;
            for (int p = 0; p < 3; p++) {
                t[ionColumn("pk" + p + "_temp", m)] = true;
            }
        }
        return t;
    }

    /** The features of one run in a realisation. */
    public float[] extract(CleanRun run, FeatureRealisation realisation, SeedSequence seeds) {
        double[] f = new double[COUNT];
        Arrays.fill(f, Double.NaN);
        SplittableRandom rng = realisation.sampleRandom(seeds, run.sampleId());
        int limit = Math.min(IONS, run.channelLimit());

        // untrimmed rows: range, globals, prevalence
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = Double.NEGATIVE_INFINITY;
        double timeMin = Double.POSITIVE_INFINITY;
        double timeMax = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        long rows = 0;
        List<Double> counts = new ArrayList<>();
        for (ChannelSeries c : run.presentChannels()) {
            counts.add((double) c.size());
            for (int i = 0; i < c.size(); i++) {
                tMin = Math.min(tMin, c.temp()[i]);
                tMax = Math.max(tMax, c.temp()[i]);
                timeMin = Math.min(timeMin, c.time()[i]);
                timeMax = Math.max(timeMax, c.time()[i]);
                sum += c.abundance()[i];
                max = Math.max(max, c.abundance()[i]);
            }
            rows += c.size();
        }
        if (rows > 0) {
            f[GLOBAL_BLOCK] = timeMax > timeMin ? (tMax - tMin) / (timeMax - timeMin) : Double.NaN;
            f[GLOBAL_BLOCK + 1] = sum / rows;
            f[GLOBAL_BLOCK + 2] = max;
            f[GLOBAL_BLOCK + 3] = egaml.core.Quantiles.linear(counts.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
        }
        prevalence(run, realisation.windowOffset(), limit, f);

        // random trim, then scaled series (method.md 7.1 steps 2-3)
        double lo = tMin + realisation.trimRange() * rng.nextDouble();
        double hi = tMax - realisation.trimRange() * rng.nextDouble();
        double[][] temps = new double[limit][];
        double[][] values = new double[limit][];
        for (int m = 0; m < limit; m++) {
            ChannelSeries c = run.channel(m);
            if (c == null) {
                continue;
            }
            int k = 0;
            double[] t = new double[c.size()];
            double[] v = new double[c.size()];
            for (int i = 0; i < c.size(); i++) {
                if (c.temp()[i] >= lo && c.temp()[i] < hi) {
                    t[k] = c.temp()[i];
                    v[k] = c.abundance()[i];
                    k++;
                }
            }
            if (k > 0) {
                temps[m] = Arrays.copyOf(t, k);
                values[m] = Arrays.copyOf(v, k);
            }
        }
        ScaledRun.scaleInPlace(values, level, rng);
        ionFeatures(temps, values, f);

        float[] out = new float[COUNT];
        for (int c = 0; c < COUNT; c++) {
            double v = f[c];
            out[c] = Double.isFinite(v) ? (float) v : (TEMPERATURE_VALUED[c] ? TEMP_MISSING : 0f);
        }
        return out;
    }

    /** Per-ion statistics (7.2) and peak features (7.3). */
    static void ionFeatures(double[][] temps, double[][] values, double[] f) {
        double tot = 0;
        double sm = 0;
        for (double[] v : values) {
            if (v != null) {
                double s = 0;
                for (double x : v) {
                    s += x;
                }
                tot += s;
                sm += s / v.length;
            }
        }
        for (int m = 0; m < values.length; m++) {
            double[] v = values[m];
            if (v == null) {
                for (String k : ION_KINDS) {
                    f[ionColumn(k, m)] = k.equals("ion_peak_temp") ? TEMP_MISSING : 0;
                }
                setPeaks(f, m, List.of(), null);
                continue;
            }
            double[] t = temps[m];
            double s = 0;
            double mx = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[i];
                if (v[i] > mx) {
                    mx = v[i];
                    arg = i;
                }
            }
            double mean = s / v.length;
            f[ionColumn("ion_mean", m)] = round(mean, 5);
            f[ionColumn("ion_share", m)] = round(s / tot, 4);
            double ionMax = round(mx, 4);
            f[ionColumn("ion_max", m)] = ionMax;
            f[ionColumn("ion_max_rel", m)] = round(mx / sm, 2);
            f[ionColumn("ion_peak_ratio", m)] = s > 0 ? round(mx / mean, 1) : 0;
            double peakT = t[arg];
            f[ionColumn("ion_peak_temp", m)] = peakT <= t[0] ? TEMP_MISSING : peakT >= t[t.length - 1] ? TEMP_AT_END
                    : round(peakT, 1);
            double hwLo = Double.POSITIVE_INFINITY;
            double hwHi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < v.length; i++) {
                if (v[i] > 0.5 * mx) {
                    hwLo = Math.min(hwLo, t[i]);
                    hwHi = Math.max(hwHi, t[i]);
                }
            }
            f[ionColumn("ion_halfwidth", m)] = hwHi >= hwLo ? hwHi - hwLo : Double.NaN;
            f[ionColumn("ion_jitter", m)] = diffStd(v);
            boolean peaks = ionMax > 0.001 && m != 1 && m != 4;
            setPeaks(f, m, peaks ? PeakFinder.topPeaks(v) : List.of(), t);
        }
    }

    private static void setPeaks(double[] f, int m, List<PeakFinder.Peak> peaks, double[] t) {
        for (int p = 0; p < 3; p++) {
            boolean has = p < peaks.size();
            f[peakTempColumn(p, m)] = has ? round(t[peaks.get(p).index()], 1) : TEMP_MISSING;
            f[peakPromColumn(p, m)] = has ? peaks.get(p).prominence() : 0;
            f[peakHeightColumn(p, m)] = has ? peaks.get(p).height() : 0;
        }
    }

    /** Sample standard deviation (n - 1) of the first differences; NaN for fewer than 3 points. */
    static double diffStd(double[] v) {
        int n = v.length - 1;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = (v[n] - v[0]) / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = v[i + 1] - v[i] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (n - 1));
    }

    /** Prevalence (7.4): each ion's share of the mean raw signal in 50 C windows W + 50k .. W + 50k + 50. */
    static void prevalence(CleanRun run, int offset, int limit, double[] f) {
        double[][] sums = new double[WINDOWS][limit];
        int[][] counts = new int[WINDOWS][limit];
        for (int m = 0; m < limit; m++) {
            ChannelSeries c = run.channel(m);
            if (c == null) {
                continue;
            }
            for (int i = 0; i < c.size(); i++) {
                double t = c.temp()[i];
                int kLo = (int) Math.max(0, Math.ceil((t - offset - WINDOW_WIDTH) / WINDOW_WIDTH));
                int kHi = (int) Math.min(WINDOWS - 1, Math.floor((t - offset) / WINDOW_WIDTH));
                for (int k = kLo; k <= kHi; k++) {
                    double start = offset + WINDOW_WIDTH * k;
                    if (t >= start && t <= start + WINDOW_WIDTH) {
                        sums[k][m] += c.abundance()[i];
                        counts[k][m]++;
                    }
                }
            }
        }
        for (int k = 0; k < WINDOWS; k++) {
            double total = 0;
            for (int m = 0; m < limit; m++) {
                if (counts[k][m] > 0) {
                    total += sums[k][m] / counts[k][m];
                }
            }
            for (int m = 0; m < IONS; m++) {
                double share = m < limit && counts[k][m] > 0 ? sums[k][m] / counts[k][m] / total : 0;
                f[prevalenceColumn(k, m)] = Double.isFinite(share) ? share : 0;
            }
        }
    }

    /** Round-half-even of the exact binary value to d decimals (non-finite values pass through). */
    static double round(double v, int d) {
        if (!Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).setScale(d, RoundingMode.HALF_EVEN).doubleValue();
    }
}
