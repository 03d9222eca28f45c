package egaml.report;

import egaml.core.Quantiles;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What a person looks at first in a run: its strongest ions and where they peak. */
public final class RunProfile {
    /** Baseline quantile used for peak heights (the method's ~1% level, fixed). */
    public static final double BASELINE_LEVEL = 0.01;

    /** One ion's release: peak height above its 1% quantile baseline, and the peak's temperature. */
    public record IonPeak(int mz, double height, double peakTemp, double baseline) {
    }

    private RunProfile() {
    }

    /** A channel's baseline: its {@value #BASELINE_LEVEL} quantile. */
    public static double baseline(ChannelSeries c) {
        return Quantiles.linear(c.abundance(), BASELINE_LEVEL);
    }

    /** The n ions with the highest baseline-corrected peaks (helium is never among them). */
    public static List<IonPeak> strongestIons(CleanRun run, int n) {
        List<IonPeak> peaks = new ArrayList<>();
        for (ChannelSeries c : run.presentChannels()) {
            double[] a = c.abundance();
            double base = baseline(c);
            int arg = 0;
            for (int i = 1; i < a.length; i++) {
                if (a[i] > a[arg]) {
                    arg = i;
                }
            }
            peaks.add(new IonPeak(c.mz(), a[arg] - base, c.temp()[arg], base));
        }
        peaks.sort(Comparator.comparingDouble(IonPeak::height).reversed().thenComparingInt(IonPeak::mz));
        return peaks.subList(0, Math.min(n, peaks.size()));
    }
}
