package egaml.report;

import egaml.core.InstrumentType;
import egaml.core.Quantiles;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;
import egaml.ingest.IngestConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the realism report measures on one commercial run, every current divided by the run's median helium
 * current so that set-ups and runs compare: for each release ion, its background-subtracted profile over
 * temperature, its main release (peak temperature, height, width), its background, drift and noise; and the
 * fragment ratios of each gas at that gas's own release peak.
 *
 * @param profile    [ion][bin]: mean of (current / He - background) over the scans in each {@value #BIN_C} C
 *                   bin from {@value #PROFILE_LOW_C} C; NaN where the run has no scan
 * @param peakTemp   [ion]: temperature (C) of the highest 3-scan average in the 60-1050 C window
 * @param peakHeight [ion]: that average above the background, per He
 * @param fwhm       [ion]: width (C) where the release stays above half its height (to the window's edge)
 * @param background [ion]: the ion's 5th percentile in the window, per He
 * @param drift      [ion]: log10 of the 10th percentile of the last quarter of the run over that of the first
 * @param noise      [ion]: robust scan-to-scan standard deviation (second differences), per He
 * @param ratios     [ratio]: fragment / main ion above background at the main ion's peak (NaN if that peak is
 *                   under {@value #RATIO_MIN_SNR} noise sd)
 */
public record RunMeasures(String sampleId, double[][] profile, double[] peakTemp, double[] peakHeight, double[] fwhm,
                          double[] background, double[] drift, double[] noise, double[] ratios) {

    /** The main ions of the released gases: water, CO2, CO (and N2), O2, SO2, HCl. */
    public static final int[] RELEASE_IONS = {18, 44, 28, 32, 64, 36};
    public static final double PROFILE_LOW_C = 0;
    public static final double BIN_C = 20;
    public static final int BINS = 50; // 0 .. 1000 C
    static final double WINDOW_LOW = DatasetStats.WINDOW_LOW;
    static final double WINDOW_HIGH = DatasetStats.WINDOW_HIGH;
    static final double RATIO_MIN_SNR = 50;

    /** A fragment ratio of one gas (ega-physics.md section 4): fragment ion over main ion. */
    public record Ratio(String gas, int main, int fragment) {
        public String name() {
            return gas + " " + fragment + "/" + main;
        }
    }

    public static final List<Ratio> RATIOS = List.of(new Ratio("H2O", 18, 17), new Ratio("H2O", 18, 16),
            new Ratio("CO2", 44, 12), new Ratio("CO2", 44, 16), new Ratio("CO2", 44, 28), new Ratio("CO2", 44, 45),
            new Ratio("SO2", 64, 48), new Ratio("SO2", 64, 66), new Ratio("O2", 32, 16), new Ratio("O2", 32, 34),
            new Ratio("HCl", 36, 38), new Ratio("HCl", 36, 35));

    public static int ionIndex(int mz) {
        for (int i = 0; i < RELEASE_IONS.length; i++) {
            if (RELEASE_IONS[i] == mz) {
                return i;
            }
        }
        return -1;
    }

    /** The run's measures, or null when it is not a commercial run with helium (SAM runs have no helium). */
    public static RunMeasures of(CleanRun run) {
        ChannelSeries he = run.channel(IngestConfig.HELIUM_MZ);
        if (run.summary().detectedType() != InstrumentType.COMMERCIAL || he == null) {
            return null;
        }
        double heMedian = Quantiles.linear(he.abundance(), 0.5);
        if (!(heMedian > 0)) {
            return null;
        }
        int n = RELEASE_IONS.length;
        double[][] profile = new double[n][];
        double[] peakTemp = new double[n];
        double[] peakHeight = new double[n];
        double[] fwhm = new double[n];
        double[] background = new double[n];
        double[] drift = new double[n];
        double[] noise = new double[n];
        // each channel measured once, whether for its own release or as a ratio's main ion or fragment
        java.util.Map<Integer, Ion> ions = new java.util.HashMap<>();
        java.util.function.IntFunction<Ion> ion = mz -> ions.computeIfAbsent(mz, m -> Ion.of(run.channel(m), heMedian));
        for (int k = 0; k < n; k++) {
            Ion release = ion.apply(RELEASE_IONS[k]);
            profile[k] = release == null ? nanArray(BINS) : release.profile();
            peakTemp[k] = release == null ? Double.NaN : release.peakTemp;
            peakHeight[k] = release == null ? Double.NaN : release.height;
            fwhm[k] = release == null ? Double.NaN : release.fwhm;
            background[k] = release == null ? Double.NaN : release.background;
            drift[k] = release == null ? Double.NaN : release.drift();
            noise[k] = release == null ? Double.NaN : release.noise();
        }
        double[] ratios = new double[RATIOS.size()];
        for (int r = 0; r < ratios.length; r++) {
            Ratio ratio = RATIOS.get(r);
            ratios[r] = ratioAtPeak(ion.apply(ratio.main()), ion.apply(ratio.fragment()));
        }
        return new RunMeasures(run.sampleId(), profile, peakTemp, peakHeight, fwhm, background, drift, noise, ratios);
    }

    private static double ratioAtPeak(Ion main, Ion fragment) {
        if (main == null || fragment == null || main.size() != fragment.size()
                || !(main.height > RATIO_MIN_SNR * main.noise())) {
            return Double.NaN;
        }
        return (fragment.smooth[main.peakIndex] - fragment.background) / main.height;
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** One channel divided by helium, with its release and background figures. */
    private static final class Ion {
        final float[] temp;
        final double[] x;
        final double[] smooth;
        final double background;
        final int peakIndex;
        final double peakTemp;
        final double height;
        final double fwhm;

        private Ion(ChannelSeries c, double he) {
            temp = c.temp();
            x = new double[c.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = c.abundance()[i] / he;
            }
            smooth = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                int lo = Math.max(0, i - 1);
                int hi = Math.min(x.length - 1, i + 1);
                double s = 0;
                for (int j = lo; j <= hi; j++) {
                    s += x[j];
                }
                smooth[i] = s / (hi - lo + 1);
            }
            List<Double> inWindow = new ArrayList<>();
            int arg = -1;
            for (int i = 0; i < x.length; i++) {
                if (temp[i] >= WINDOW_LOW && temp[i] <= WINDOW_HIGH) {
                    inWindow.add(x[i]);
                    if (arg < 0 || smooth[i] > smooth[arg]) {
                        arg = i;
                    }
                }
            }
            background = Quantiles.linear(inWindow.stream().mapToDouble(Double::doubleValue).toArray(), 0.05);
            peakIndex = arg;
            peakTemp = temp[arg];
            height = smooth[arg] - background;
            double half = background + height / 2;
            int left = arg;
            while (left > 0 && smooth[left - 1] >= half && temp[left - 1] >= WINDOW_LOW) {
                left--;
            }
            int right = arg;
            while (right < x.length - 1 && smooth[right + 1] >= half && temp[right + 1] <= WINDOW_HIGH) {
                right++;
            }
            fwhm = Math.max(temp[right] - temp[left], 0);
        }

        /** Null when the run lacks the channel or has fewer than 3 scans of it in the window. */
        static Ion of(ChannelSeries c, double he) {
            if (c == null) {
                return null;
            }
            int inWindow = 0;
            for (float t : c.temp()) {
                if (t >= WINDOW_LOW && t <= WINDOW_HIGH) {
                    inWindow++;
                }
            }
            return inWindow < 3 ? null : new Ion(c, he);
        }

        int size() {
            return x.length;
        }

        double[] profile() {
            double[] sum = new double[BINS];
            int[] count = new int[BINS];
            for (int i = 0; i < x.length; i++) {
                int b = (int) Math.floor((temp[i] - PROFILE_LOW_C) / BIN_C);
                if (b >= 0 && b < BINS) {
                    sum[b] += x[i] - background;
                    count[b]++;
                }
            }
            double[] p = new double[BINS];
            for (int b = 0; b < BINS; b++) {
                p[b] = count[b] == 0 ? Double.NaN : sum[b] / count[b];
            }
            return p;
        }

        double drift() {
            int q = x.length / 4;
            if (q < 3) {
                return Double.NaN;
            }
            double first = Quantiles.linear(Arrays.copyOfRange(x, 0, q), 0.1);
            double last = Quantiles.linear(Arrays.copyOfRange(x, x.length - q, x.length), 0.1);
            return first > 0 && last > 0 ? Math.log10(last / first) : Double.NaN;
        }

        /** 1.4826 x median |x_i - (x_{i-1} + x_{i+1}) / 2| / sqrt(1.5): the sd of white noise, robust to releases. */
        double noise() {
            if (x.length < 3) {
                return Double.NaN;
            }
            double[] d = new double[x.length - 2];
            for (int i = 1; i < x.length - 1; i++) {
                d[i - 1] = Math.abs(x[i] - 0.5 * (x[i - 1] + x[i + 1]));
            }
            return 1.4826 * Quantiles.linear(d, 0.5) / Math.sqrt(1.5);
        }
    }
}
