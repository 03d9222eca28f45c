package egaml.cli;

import egaml.core.InstrumentType;
import egaml.core.Quantiles;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.report.DatasetStats;
import egaml.report.IonNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml stats DATA_DIR}: simple statistics of a dataset (e.g. to compare simulated and real data). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Prints simple statistics of a labelled dataset, as defined in ega-physics.md section 2: for "
                + "single-label commercial samples, each family's main ion peak temperature and height per helium "
                + "current (h/He); per run, rows, maximum abundance and the signal's dynamic range.",
            "Useful to compare a simulated dataset with real data."})
final class StatsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA_DIR", description = "A dataset folder with labels.")
    Path data;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Dataset dataset = Dataset.open(data);
        ingest.keepHelium = true; // heights are per helium current
        List<CleanRun> runs = ingest.loadAll(dataset, "stats", quiet).requireAll();
        List<int[]> labels = new ArrayList<>();
        dataset.samples().forEach(s -> labels.add(dataset.labelsOf(s).orElse(null)));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "dataset %s: %d runs%n%n", data, runs.size());
        out.printf(Locale.ROOT, "single-label commercial samples: main ion peak (60-1050 C) and height per He%n");
        out.printf(Locale.ROOT, "%-15s %-14s %4s %22s %28s%n", "label", "ion", "n", "peak C median [IQR]",
                "h/He median [p5 .. p95]");
        for (DatasetStats.LabelFigures f : DatasetStats.perLabel(runs, labels)) {
            if (f.samples() == 0) {
                out.printf(Locale.ROOT, "%-15s %-14s %4d%n", f.label().columnName(), IonNames.label(f.ion()), 0);
                continue;
            }
            out.printf(Locale.ROOT, "%-15s %-14s %4d %8.0f [%5.0f .. %5.0f] %9.2g [%7.2g .. %7.2g]%n",
                    f.label().columnName(), IonNames.label(f.ion()), f.samples(),
                    Quantiles.linear(f.peakTemps(), 0.5), Quantiles.linear(f.peakTemps(), 0.25),
                    Quantiles.linear(f.peakTemps(), 0.75), Quantiles.linear(f.heightsPerHelium(), 0.5),
                    Quantiles.linear(f.heightsPerHelium(), 0.05), Quantiles.linear(f.heightsPerHelium(), 0.95));
        }
        List<DatasetStats.RunFigures> perRun = DatasetStats.perRun(runs);
        out.printf(Locale.ROOT, "%nper run%n%-12s %4s %26s %30s %30s%n", "instrument", "n", "rows median [p5 .. p95]",
                "max abundance [p5 .. p95]", "dynamic range decades [p5 .. p95]");
        for (InstrumentType type : InstrumentType.values()) {
            List<DatasetStats.RunFigures> sel = perRun.stream().filter(r -> r.type() == type).toList();
            if (sel.isEmpty()) {
                continue;
            }
            double[] rows = sel.stream().mapToDouble(DatasetStats.RunFigures::rows).toArray();
            double[] max = sel.stream().mapToDouble(DatasetStats.RunFigures::maxAbundance).toArray();
            double[] range = sel.stream().mapToDouble(DatasetStats.RunFigures::dynamicRangeDecades)
                    .filter(Double::isFinite).toArray();
            out.printf(Locale.ROOT, "%-12s %4d %8.0f [%6.0f .. %6.0f] %9.2g [%8.2g .. %8.2g] %10.2f [%6.2f .. %6.2f]%n",
                    type, sel.size(), Quantiles.linear(rows, 0.5), Quantiles.linear(rows, 0.05),
                    Quantiles.linear(rows, 0.95), Quantiles.linear(max, 0.5), Quantiles.linear(max, 0.05),
                    Quantiles.linear(max, 0.95), Quantiles.linear(range, 0.5), Quantiles.linear(range, 0.05),
                    Quantiles.linear(range, 0.95));
        }
        out.flush();
        return 0;
    }
}
