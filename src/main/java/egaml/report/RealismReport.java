package egaml.report;

import egaml.core.Label;
import egaml.core.Quantiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Real and simulated runs side by side (issue 18): per label and release ion, where and how strongly the
 * label's runs release; per ion, background, drift and noise; per gas, fragment ratios; and per label one
 * distance between how the label shows in real runs and how it shows in simulated ones.
 *
 * <p>The distance compares the label's <em>signature</em>, the mean of z = log10(1 + profile / 1e-5) over the
 * runs that have the label minus its mean over those that do not, cell by cell over the six release ions and
 * 20 C bins from 60 to 1000 C: 1 - cosine(real signature, simulated signature). It is 0 when the label changes
 * the same ions at the same temperatures in the same proportions, 1 when the patterns are unrelated and up to 2
 * when they are opposite. It is the contrast a classifier trained on one side can use on the other, which is
 * why it is the report's single number per label (amplitudes are compared separately by the peak heights).
 */
public final class RealismReport {
    /** The ions whose releases are compared for each label (its gases, ega-physics.md section 2). */
    public static final Map<Label, int[]> LABEL_IONS = labelIons();
    static final double Z_FLOOR = 1e-5;
    static final int FIRST_SIGNATURE_BIN = 3; // 60 C

    private static Map<Label, int[]> labelIons() {
        Map<Label, int[]> m = new EnumMap<>(Label.class);
        m.put(Label.BASALT, new int[] {18});
        m.put(Label.CARBONATE, new int[] {44});
        m.put(Label.CHLORIDE, new int[] {36, 18});
        m.put(Label.IRON_OXIDE, new int[] {18});
        m.put(Label.OXALATE, new int[] {28, 44, 18});
        m.put(Label.OXYCHLORINE, new int[] {32, 36});
        m.put(Label.PHYLLOSILICATE, new int[] {18});
        m.put(Label.SILICATE, new int[] {18});
        m.put(Label.SULFATE, new int[] {64, 18});
        m.put(Label.SULFIDE, new int[] {64});
        return m;
    }

    /** One dataset's measured runs with their 0/1 labels (same order). */
    public record Side(List<RunMeasures> runs, List<int[]> labels) {
        public List<RunMeasures> singleLabel(Label label) {
            return where(y -> Arrays.stream(y).sum() == 1 && y[label.ordinal()] == 1);
        }

        /** The runs without the label; with null, the runs with no label at all. */
        public List<RunMeasures> without(Label label) {
            return where(y -> label == null ? Arrays.stream(y).sum() == 0 : y[label.ordinal()] == 0);
        }

        public List<RunMeasures> with(Label label) {
            return where(y -> y[label.ordinal()] == 1);
        }

        private List<RunMeasures> where(java.util.function.Predicate<int[]> labelled) {
            List<RunMeasures> out = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (labelled.test(labels.get(i))) {
                    out.add(runs.get(i));
                }
            }
            return out;
        }
    }

    /** Median and quartiles of a figure over runs (NaN values left out); n counts the runs with a value. */
    public record Spread(int n, double median, double q25, double q75) {
        static Spread of(List<RunMeasures> runs, ToDoubleFunction<RunMeasures> f) {
            double[] v = runs.stream().mapToDouble(f).filter(Double::isFinite).toArray();
            if (v.length == 0) {
                return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Spread(v.length, Quantiles.linear(v, 0.5), Quantiles.linear(v, 0.25), Quantiles.linear(v, 0.75));
        }
    }

    /** A label's release on one ion in its single-label runs: peak temperature, log10 height per He, width. */
    public record Release(Label label, int ion, Spread realTemp, Spread simTemp, Spread realLogHeight,
                          Spread simLogHeight, Spread realFwhm, Spread simFwhm) {
    }

    /** Background (log10 per He), drift (decades over the run) and noise (log10 per He) of an ion over all runs. */
    public record IonLevels(int ion, Spread realBackground, Spread simBackground, Spread realDrift, Spread simDrift,
                            Spread realNoise, Spread simNoise) {
    }

    public record RatioFigures(RunMeasures.Ratio ratio, Spread real, Spread sim) {
    }

    /**
     * @param largestGap the cell where the unit-length signatures differ most, as ion, temperature bin and both
     *                   signature values
     */
    public record Distance(Label label, int realRuns, int simRuns, double distance, int gapIon, double gapFromC,
                           double realGap, double simGap) {
    }

    /** The median profile per ion of a group of runs (for pictures): [ion][bin], NaN where no run has the bin. */
    public static double[][] medianProfile(List<RunMeasures> runs) {
        double[][] out = new double[RunMeasures.RELEASE_IONS.length][RunMeasures.BINS];
        for (int k = 0; k < out.length; k++) {
            for (int b = 0; b < RunMeasures.BINS; b++) {
                final int kk = k;
                final int bb = b;
                double[] v = runs.stream().mapToDouble(r -> r.profile()[kk][bb]).filter(Double::isFinite).toArray();
                out[k][b] = v.length == 0 ? Double.NaN : Quantiles.linear(v, 0.5);
            }
        }
        return out;
    }

    public record Report(List<Release> releases, List<IonLevels> ions, List<RatioFigures> ratios,
                         List<Distance> distances) {
    }

    private RealismReport() {
    }

    public static Report compare(Side real, Side sim) {
        List<Release> releases = new ArrayList<>();
        for (Label label : Label.all()) {
            List<RunMeasures> r = real.singleLabel(label);
            List<RunMeasures> s = sim.singleLabel(label);
            for (int ion : LABEL_IONS.get(label)) {
                int k = RunMeasures.ionIndex(ion);
                releases.add(new Release(label, ion, Spread.of(r, m -> m.peakTemp()[k]), Spread.of(s, m -> m.peakTemp()[k]),
                        Spread.of(r, m -> log10(m.peakHeight()[k])), Spread.of(s, m -> log10(m.peakHeight()[k])),
                        Spread.of(r, m -> m.fwhm()[k]), Spread.of(s, m -> m.fwhm()[k])));
            }
        }
        List<IonLevels> ions = new ArrayList<>();
        for (int k = 0; k < RunMeasures.RELEASE_IONS.length; k++) {
            final int kk = k;
            ions.add(new IonLevels(RunMeasures.RELEASE_IONS[k],
                    Spread.of(real.runs(), m -> log10(m.background()[kk])), Spread.of(sim.runs(), m -> log10(m.background()[kk])),
                    Spread.of(real.runs(), m -> m.drift()[kk]), Spread.of(sim.runs(), m -> m.drift()[kk]),
                    Spread.of(real.runs(), m -> log10(m.noise()[kk])), Spread.of(sim.runs(), m -> log10(m.noise()[kk]))));
        }
        List<RatioFigures> ratios = new ArrayList<>();
        for (int i = 0; i < RunMeasures.RATIOS.size(); i++) {
            final int ii = i;
            ratios.add(new RatioFigures(RunMeasures.RATIOS.get(i), Spread.of(real.runs(), m -> m.ratios()[ii]),
                    Spread.of(sim.runs(), m -> m.ratios()[ii])));
        }
        List<Distance> distances = new ArrayList<>();
        for (Label label : Label.all()) {
            distances.add(distance(label, real, sim));
        }
        return new Report(releases, ions, ratios, distances);
    }

    /** The label's signature: mean z of its runs minus mean z of the others, [ion][bin] (0 before 60 C). */
    public static double[][] signature(Side side, Label label) {
        double[][] with = meanZ(side.with(label));
        double[][] without = meanZ(side.without(label));
        double[][] sig = new double[with.length][RunMeasures.BINS];
        for (int k = 0; k < sig.length; k++) {
            for (int b = FIRST_SIGNATURE_BIN; b < RunMeasures.BINS; b++) {
                double d = with[k][b] - without[k][b];
                sig[k][b] = Double.isFinite(d) ? d : 0;
            }
        }
        return sig;
    }

    static Distance distance(Label label, Side real, Side sim) {
        int realRuns = real.with(label).size();
        int simRuns = sim.with(label).size();
        if (realRuns == 0 || simRuns == 0 || realRuns == real.runs().size() || simRuns == sim.runs().size()) {
            return new Distance(label, realRuns, simRuns, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN);
        }
        double[][] a = signature(real, label);
        double[][] b = signature(sim, label);
        double na = norm(a);
        double nb = norm(b);
        double dot = 0;
        double gap = -1;
        int gapIon = -1;
        int gapBin = -1;
        for (int k = 0; k < a.length; k++) {
            for (int t = 0; t < a[k].length; t++) {
                dot += a[k][t] * b[k][t];
                double g = Math.abs(a[k][t] / na - b[k][t] / nb);
                if (g > gap) {
                    gap = g;
                    gapIon = k;
                    gapBin = t;
                }
            }
        }
        double cosine = na > 0 && nb > 0 ? dot / (na * nb) : 0;
        return new Distance(label, realRuns, simRuns, 1 - cosine, RunMeasures.RELEASE_IONS[gapIon],
                RunMeasures.PROFILE_LOW_C + gapBin * RunMeasures.BIN_C, a[gapIon][gapBin], b[gapIon][gapBin]);
    }

    private static double[][] meanZ(List<RunMeasures> runs) {
        int ions = RunMeasures.RELEASE_IONS.length;
        double[][] sum = new double[ions][RunMeasures.BINS];
        int[][] count = new int[ions][RunMeasures.BINS];
        for (RunMeasures r : runs) {
            for (int k = 0; k < ions; k++) {
                for (int b = 0; b < RunMeasures.BINS; b++) {
                    double p = r.profile()[k][b];
                    if (Double.isFinite(p)) {
                        sum[k][b] += Math.log10(1 + Math.max(p, 0) / Z_FLOOR);
                        count[k][b]++;
                    }
                }
            }
        }
        for (int k = 0; k < ions; k++) {
            for (int b = 0; b < RunMeasures.BINS; b++) {
                sum[k][b] = count[k][b] == 0 ? Double.NaN : sum[k][b] / count[k][b];
            }
        }
        return sum;
    }

    private static double norm(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static double log10(double v) {
        return v > 0 ? Math.log10(v) : Double.NaN;
    }
}
