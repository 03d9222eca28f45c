package egaml.report;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Quantiles;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;
import egaml.ingest.IngestConfig;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Simple statistics of a dataset, defined as in ega-physics.md section 2, so that a simulated dataset
 * can be compared with the real one: for single-label samples, the peak temperature and height of each
 * family's main ion; per run, the rows, the signal's dynamic range and the maximum abundance.
 * Runs must be loaded with helium kept (heights are relative to the helium current).
 */
public final class DatasetStats {
    /** The ion that carries each family's main release (ega-physics.md section 2). */
    public static final Map<Label, Integer> MAIN_ION = mainIons();
    /** Temperature window of the peak search (section 2: 60-1050 C). */
    public static final double WINDOW_LOW = 60;
    public static final double WINDOW_HIGH = 1050;

    private static Map<Label, Integer> mainIons() {
        Map<Label, Integer> m = new EnumMap<>(Label.class);
        m.put(Label.BASALT, 18);
        m.put(Label.CARBONATE, 44);
        m.put(Label.CHLORIDE, 36);
        m.put(Label.IRON_OXIDE, 18);
        m.put(Label.OXALATE, 28);
        m.put(Label.OXYCHLORINE, 32);
        m.put(Label.PHYLLOSILICATE, 18);
        m.put(Label.SILICATE, 18);
        m.put(Label.SULFATE, 64);
        m.put(Label.SULFIDE, 64);
        return m;
    }

    /** Per-label figures over single-label commercial samples. */
    public record LabelFigures(Label label, int ion, int samples, double[] peakTemps, double[] heightsPerHelium) {
    }

    /** Per-run figures. */
    public record RunFigures(InstrumentType type, long rows, double maxAbundance, double dynamicRangeDecades) {
    }

    private DatasetStats() {
    }

    /** Peak temperature and height above the 5th percentile of an ion inside the window, or null. */
    static double[] peak(ChannelSeries c) {
        if (c == null) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        double bestValue = Double.NEGATIVE_INFINITY;
        double bestTemp = Double.NaN;
        for (int i = 0; i < c.size(); i++) {
            float t = c.temp()[i];
            if (t >= WINDOW_LOW && t <= WINDOW_HIGH) {
                values.add(c.abundance()[i]);
                if (c.abundance()[i] > bestValue) {
                    bestValue = c.abundance()[i];
                    bestTemp = t;
                }
            }
        }
        if (values.size() < 3) {
            return null;
        }
        double p5 = Quantiles.linear(values.stream().mapToDouble(Double::doubleValue).toArray(), 0.05);
        return new double[] {bestTemp, bestValue - p5};
    }

    public static List<LabelFigures> perLabel(List<CleanRun> runs, List<int[]> labels) {
        List<LabelFigures> out = new ArrayList<>();
        for (Label label : Label.all()) {
            int ion = MAIN_ION.get(label);
            List<Double> temps = new ArrayList<>();
            List<Double> heights = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                int[] y = labels.get(i);
                CleanRun run = runs.get(i);
                if (y == null || run.summary().detectedType() != InstrumentType.COMMERCIAL
                        || java.util.Arrays.stream(y).sum() != 1 || y[label.ordinal()] != 1) {
                    continue;
                }
                double[] p = peak(run.channel(ion));
                ChannelSeries he = run.channel(IngestConfig.HELIUM_MZ);
                if (p == null || he == null) {
                    continue;
                }
                temps.add(p[0]);
                heights.add(p[1] / Quantiles.linear(he.abundance(), 0.5));
            }
            out.add(new LabelFigures(label, ion, temps.size(), temps.stream().mapToDouble(Double::doubleValue).toArray(),
                    heights.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out;
    }

    /**
     * Per-run figures. The dynamic range is the number of decades between the strongest ion's peak
     * height and the median peak height over the run's channels (helium excluded), heights above each
     * channel's 5th percentile in the 60-1050 C window.
     */
    public static List<RunFigures> perRun(List<CleanRun> runs) {
        List<RunFigures> out = new ArrayList<>();
        for (CleanRun run : runs) {
            List<Double> heights = new ArrayList<>();
            for (ChannelSeries c : run.presentChannels()) {
                if (c.mz() == IngestConfig.HELIUM_MZ) {
                    continue;
                }
                double[] p = peak(c);
                if (p != null && p[1] > 0) {
                    heights.add(p[1]);
                }
            }
            double range = Double.NaN;
            if (heights.size() >= 2) {
                double[] h = heights.stream().mapToDouble(Double::doubleValue).toArray();
                double max = java.util.Arrays.stream(h).max().orElseThrow();
                range = Math.log10(max / Quantiles.linear(h, 0.5));
            }
            out.add(new RunFigures(run.summary().detectedType(), run.summary().rows(), run.summary().abundanceMax(), range));
        }
        return out;
    }
}
