package egaml.report;

import egaml.core.InstrumentType;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;

import java.util.Arrays;

/**
 * The facts of one run that say whether it is like a model's training runs: temperature range, which m/z channels it
 * has, signal level, dynamic range, points per ion, whether helium was measured, and the instrument type.
 *
 * @param tempMin       lowest temperature (°C) of the cleaned run
 * @param tempMax       highest temperature (°C)
 * @param channels      [m/z 0-99] whether the cleaned run has the channel
 * @param signal        log10 of the largest abundance
 * @param dynamicRange  log10 of the largest abundance over the median of the channels' medians
 * @param pointsPerIon  median number of points per channel
 * @param helium        whether the file had helium rows (m/z 4, removed by cleaning unless kept)
 */
public record RunFacts(InstrumentType type, double tempMin, double tempMax, boolean[] channels, double signal,
                       double dynamicRange, double pointsPerIon, boolean helium) {
    public static final int IONS = 100;

    public static RunFacts of(CleanRun run, InstrumentType type) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double max = 0;
        boolean[] channels = new boolean[IONS];
        int present = 0;
        double[] medians = new double[IONS];
        double[] sizes = new double[IONS];
        for (ChannelSeries c : run.presentChannels()) {
            if (c.mz() < IONS && c.size() > 0) {
                channels[c.mz()] = true;
                double[] v = c.abundance().clone();
                Arrays.sort(v);
                medians[present] = v[v.length / 2];
                sizes[present] = c.size();
                present++;
            }
            for (int i = 0; i < c.size(); i++) {
                lo = Math.min(lo, c.temp()[i]);
                hi = Math.max(hi, c.temp()[i]);
                max = Math.max(max, c.abundance()[i]);
            }
        }
        double median = median(Arrays.copyOf(medians, present));
        double signal = max > 0 ? Math.log10(max) : Double.NaN;
        double range = max > 0 && median > 0 ? Math.log10(max / median) : Double.NaN;
        return new RunFacts(type, lo, hi, channels, signal, range, median(Arrays.copyOf(sizes, present)),
                run.summary() != null && run.summary().excludedHelium() > 0);
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
