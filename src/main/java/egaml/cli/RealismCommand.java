package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.core.Label;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.report.IonNames;
import egaml.report.RealismPlot;
import egaml.report.RealismReport;
import egaml.report.RunMeasures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml realism --real DIR --sim DIR}: how alike real and simulated runs are (issue 18). */
@Command(name = "realism", mixinStandardHelpOptions = true,
        description = {"Puts real and simulated runs side by side, every current per the run's helium current: per "
                + "label, where and how its gases are released in single-label runs (peak temperature, height, "
                + "width); per ion, background, drift over the run and scan-to-scan noise; per gas, fragment ratios "
                + "at its release peak; and per label one distance, 1 - cosine between the label's real and "
                + "simulated signatures (mean log profile of runs with the label minus runs without it: 0 alike, 1 "
                + "unrelated), with the temperature and ion where they differ most.",
            "Commercial runs only (SAM runs have no helium to scale by). With --out, also writes realism.csv (every "
                + "figure) and one PNG per label with the median profiles of real and simulated runs."})
final class RealismCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "DIR", description = "A labelled dataset of real runs.")
    Path realDir;

    @Option(names = "--sim", required = true, paramLabel = "DIR",
            description = "A labelled dataset to compare with it (e.g. from egaml simulate).")
    Path simDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for realism.csv and the per-label PNGs.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ingest.keepHelium = true;
        RealismReport.Side real = measure(realDir, "real runs");
        RealismReport.Side sim = measure(simDir, "simulated runs");
        RealismReport.Report report = RealismReport.compare(real, sim);
        PrintWriter pw = spec.commandLine().getOut();
        print(pw, report, real, sim);
        if (out != null) {
            AtomicFiles.write(out.resolve("realism.csv"), o -> o.write(csv(report).getBytes(StandardCharsets.UTF_8)));
            AtomicFiles.write(out.resolve("realism_profiles.csv"),
                    o -> o.write(profilesCsv(real, sim).getBytes(StandardCharsets.UTF_8)));
            for (Label label : Label.all()) {
                AtomicFiles.write(out.resolve("realism_" + label.columnName() + ".png"),
                        o -> RealismPlot.writePng(label, real, sim, o));
            }
            pw.printf(Locale.ROOT, "%nwrote %s (realism.csv, realism_profiles.csv, %d PNGs)%n", out, Label.COUNT);
        }
        pw.flush();
        return 0;
    }

    private RealismReport.Side measure(Path dir, String task) {
        Dataset dataset = Dataset.open(dir);
        List<CleanRun> runs = ingest.loadAll(dataset, task, quiet).requireAll();
        List<RunMeasures> measures = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String id = dataset.samples().get(i).sampleId();
            int[] y = dataset.labelsOf(dataset.samples().get(i)).orElseThrow(() -> new IllegalArgumentException(
                    dir + ": sample " + id + " has no labels; the realism report compares labelled datasets"));
            RunMeasures m = RunMeasures.of(runs.get(i));
            if (m != null) {
                measures.add(m);
                labels.add(y);
            }
        }
        if (measures.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no commercial run with helium (m/z 4) to compare");
        }
        return new RealismReport.Side(measures, labels);
    }

    private static void print(PrintWriter pw, RealismReport.Report report, RealismReport.Side real,
                              RealismReport.Side sim) {
        pw.printf(Locale.ROOT, "commercial runs compared: real %d, simulated %d (currents per He)%n%n",
                real.runs().size(), sim.runs().size());
        pw.printf(Locale.ROOT, "per label: distance between real and simulated signatures (0 alike, 1 unrelated)%n");
        pw.printf(Locale.ROOT, "%-15s %6s %6s %8s   %s%n", "label", "real", "sim", "distance", "largest difference");
        for (RealismReport.Distance d : report.distances()) {
            pw.printf(Locale.ROOT, "%-15s %6d %6d %8.3f   %s%n", d.label().columnName(), d.realRuns(), d.simRuns(),
                    d.distance(), d.gapIon() < 0 ? "" : String.format(Locale.ROOT,
                            "%s at %.0f-%.0f C: real %+.2f, simulated %+.2f", IonNames.label(d.gapIon()), d.gapFromC(),
                            d.gapFromC() + RunMeasures.BIN_C, d.realGap(), d.simGap()));
        }
        pw.printf(Locale.ROOT, "%nsingle-label runs: release peak temperature (C), log10 height per He, FWHM (C); "
                + "median [quartiles], real | simulated%n");
        pw.printf(Locale.ROOT, "%-15s %-10s %4s %4s %19s %19s %13s %13s %6s %6s%n", "label", "ion", "nR", "nS",
                "peak C real", "peak C sim", "log h real", "log h sim", "fwhm R", "fwhm S");
        for (RealismReport.Release r : report.releases()) {
            pw.printf(Locale.ROOT, "%-15s %-10s %4d %4d %5.0f [%5.0f..%5.0f] %5.0f [%5.0f..%5.0f] %5.2f [%5.2f] %5.2f [%5.2f] %6.0f %6.0f%n",
                    r.label().columnName(), IonNames.label(r.ion()), r.realTemp().n(), r.simTemp().n(),
                    r.realTemp().median(), r.realTemp().q25(), r.realTemp().q75(), r.simTemp().median(),
                    r.simTemp().q25(), r.simTemp().q75(), r.realLogHeight().median(),
                    r.realLogHeight().q75() - r.realLogHeight().q25(), r.simLogHeight().median(),
                    r.simLogHeight().q75() - r.simLogHeight().q25(), r.realFwhm().median(), r.simFwhm().median());
        }
        pw.printf(Locale.ROOT, "%nper ion over all runs: log10 background per He, drift (decades, first to last "
                + "quarter), log10 noise sd per He; median [IQR width], real | simulated%n");
        pw.printf(Locale.ROOT, "%-10s %15s %15s %15s %15s %15s %15s%n", "ion", "bg real", "bg sim", "drift real",
                "drift sim", "noise real", "noise sim");
        for (RealismReport.IonLevels l : report.ions()) {
            pw.printf(Locale.ROOT, "%-10s %s %s %s %s %s %s%n", IonNames.label(l.ion()), spread(l.realBackground()),
                    spread(l.simBackground()), spread(l.realDrift()), spread(l.simDrift()), spread(l.realNoise()),
                    spread(l.simNoise()));
        }
        pw.printf(Locale.ROOT, "%nfragment ratios at the main ion's release peak (peaks over 50 noise sd): "
                + "median [IQR width] (runs)%n");
        for (RealismReport.RatioFigures r : report.ratios()) {
            pw.printf(Locale.ROOT, "%-12s real %s (%d)   simulated %s (%d)%n", r.ratio().name(), spread(r.real()),
                    r.real().n(), spread(r.sim()), r.sim().n());
        }
    }

    private static String spread(RealismReport.Spread s) {
        return String.format(Locale.ROOT, "%7.3f [%5.2f]", s.median(), s.q75() - s.q25());
    }

    static String csv(RealismReport.Report report) {
        StringBuilder sb = new StringBuilder("section,label,ion,figure,side,n,median,q25,q75\n");
        for (RealismReport.Distance d : report.distances()) {
            sb.append(String.format(Locale.ROOT, "distance,%s,,signature_distance,both,%d,%s,,%n",
                    d.label().columnName(), Math.min(d.realRuns(), d.simRuns()), num(d.distance())));
        }
        for (RealismReport.Release r : report.releases()) {
            String l = r.label().columnName();
            row(sb, "release", l, r.ion(), "peak_temp_c", r.realTemp(), r.simTemp());
            row(sb, "release", l, r.ion(), "log10_height_per_he", r.realLogHeight(), r.simLogHeight());
            row(sb, "release", l, r.ion(), "fwhm_c", r.realFwhm(), r.simFwhm());
        }
        for (RealismReport.IonLevels i : report.ions()) {
            row(sb, "ion", "", i.ion(), "log10_background_per_he", i.realBackground(), i.simBackground());
            row(sb, "ion", "", i.ion(), "drift_decades", i.realDrift(), i.simDrift());
            row(sb, "ion", "", i.ion(), "log10_noise_per_he", i.realNoise(), i.simNoise());
        }
        for (RealismReport.RatioFigures r : report.ratios()) {
            row(sb, "ratio", "", r.ratio().fragment(), r.ratio().name().replace(' ', '_'), r.real(), r.sim());
        }
        return sb.toString();
    }

    /**
     * The median profiles drawn in the PNGs, per group (a label's single-label runs, or runs with no label), side,
     * ion and bin; for a label, also its signature in that cell (the distance's input).
     */
    static String profilesCsv(RealismReport.Side real, RealismReport.Side sim) {
        StringBuilder sb = new StringBuilder("group,side,ion,temp_from_c,runs,median_per_he,signature\n");
        List<String> groups = new ArrayList<>(Label.columnNames());
        groups.add("none");
        for (String group : groups) {
            Label label = group.equals("none") ? null : Label.fromColumnName(group).orElseThrow();
            for (String side : new String[] {"real", "simulated"}) {
                RealismReport.Side s = side.equals("real") ? real : sim;
                List<RunMeasures> runs = label == null ? s.without(null) : s.singleLabel(label);
                double[][] p = RealismReport.medianProfile(runs);
                double[][] sig = label == null ? null : RealismReport.signature(s, label);
                for (int k = 0; k < p.length; k++) {
                    for (int b = 0; b < p[k].length; b++) {
                        sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.0f,%d,%s,%s%n", group, side,
                                RunMeasures.RELEASE_IONS[k], RunMeasures.PROFILE_LOW_C + b * RunMeasures.BIN_C,
                                runs.size(), num(p[k][b]), sig == null ? "" : num(sig[k][b])));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String section, String label, int ion, String figure,
                            RealismReport.Spread real, RealismReport.Spread sim) {
        for (String side : new String[] {"real", "simulated"}) {
            RealismReport.Spread s = side.equals("real") ? real : sim;
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%d,%s,%s,%s%n", section, label, ion, figure, side, s.n(),
                    num(s.median()), num(s.q25()), num(s.q75())));
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
