package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.RunSummary;
import egaml.report.IonNames;
import egaml.report.RunPlot;
import egaml.report.RunProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml inspect RUN}: a summary of one run, and optionally its picture. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Summarises one EGA-MS run: rows, time and temperature range, instrument type, m/z channels, "
                + "rows excluded by the cleaning rules, and the strongest ions with their peak temperatures.",
            "With --png, also draws the spectrogram (temperature x m/z, log-scaled) and the strongest ions' "
                + "release curves."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run CSV (time,temp,m/z,abundance), plain or .csv.gz.")
    Path run;

    @Option(names = "--png", paramLabel = "FILE", description = "Write the picture of the run to this PNG file.")
    Path png;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "How many strongest ions to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, got " + top);
        }
        String id = Dataset.sampleIdOf(run);
        CleanRun clean = ingest.loader().load(id, run);
        PrintWriter out = spec.commandLine().getOut();
        print(out, run, clean, top);
        if (png != null) {
            AtomicFiles.write(png, o -> RunPlot.writePng(clean, id + "  (" + clean.summary().detectedType()
                    + ", " + clean.summary().rows() + " rows)", o));
            out.println("picture      " + png.toAbsolutePath());
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, Path file, CleanRun run, int top) {
        RunSummary s = run.summary();
        double shared = s.rows() == 0 ? 0 : 100.0 * s.sharedTimeRows() / s.rows();
        double duration = s.timeMax() - s.timeMin();
        out.printf(Locale.ROOT, "run          %s%n", file);
        out.printf(Locale.ROOT, "sample       %s%n", run.sampleId());
        out.printf(Locale.ROOT, "instrument   %s (from the layout: %.0f%% of rows share the previous row's time; "
                + "max abundance %.3g)%n", s.detectedType(), shared, s.abundanceMax());
        out.printf(Locale.ROOT, "rows         %,d%n", s.rows());
        out.printf(Locale.ROOT, "time         %.2f .. %.2f s%n", s.timeMin(), s.timeMax());
        out.printf(Locale.ROOT, "temperature  %.1f .. %.1f C%s; decreases between rows: %,d%n", s.tempMin(),
                s.tempMax(), duration > 0 ? String.format(Locale.ROOT, " (mean ramp %.1f C/min)",
                        (s.tempMax() - s.tempMin()) / duration * 60) : "", s.tempDecreases());
        out.printf(Locale.ROOT, "m/z          %d distinct values, max %s; %,d rows with fractional m/z%n",
                s.distinctMz(), trim(s.mzMax()), s.fractionalRows());
        out.printf(Locale.ROOT, "channels     %d kept of m/z 0..%d%s%n", run.presentChannels().size(),
                run.channelLimit() - 1, s.sparseChannels().isEmpty() ? "" : "; sparse channels removed: " + s.sparseChannels());
        out.printf(Locale.ROOT, "excluded     helium (m/z 4) %,d; m/z >= %d %,d; fractional m/z %,d; sparse channels %,d "
                        + "rows (kept %,d of %,d)%n", s.excludedHelium(), run.channelLimit(), s.excludedAboveLimit(),
                s.excludedFractional(), s.excludedSparse(), s.keptRows(), s.rows());
        out.printf(Locale.ROOT, "negative     %,d rows (%.2f%%)%n", s.negativeRows(),
                s.rows() == 0 ? 0 : 100.0 * s.negativeRows() / s.rows());
        out.printf(Locale.ROOT, "strongest ions (peak above the channel's 1%% quantile; helium excluded):%n");
        out.printf(Locale.ROOT, "  %-16s %12s %12s%n", "ion", "peak height", "peak temp C");
        for (RunProfile.IonPeak p : RunProfile.strongestIons(run, top)) {
            out.printf(Locale.ROOT, "  %-16s %12.4g %12.1f%n", IonNames.label(p.mz()), p.height(), p.peakTemp());
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
