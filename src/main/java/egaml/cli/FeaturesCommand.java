package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.core.SeedSequence;
import egaml.features.FeatureExtractor;
import egaml.features.FeatureRealisation;
import egaml.features.FeatureTable;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml features}: the GBT feature table of a dataset, as CSV. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Writes the 3,704 engineered features of every run (method.md 7: per-ion statistics, top-3 peaks, "
                + "20 prevalence windows per m/z, global features) as a CSV with sample_id first, for use in other tools.",
            "A realisation fixes the random trim range and prevalence window offset; the same seed and realisation give "
                + "the same table."})
final class FeaturesCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A dataset folder, or run files' folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to write.")
    Path out;

    @Option(names = "--realisation", defaultValue = "0", paramLabel = "K",
            description = "Feature realisation index (trim range cycles 10, 5, 50, 20 C) (default: ${DEFAULT-VALUE}).")
    int realisation;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (realisation < 0) {
            throw new IllegalArgumentException("--realisation must be >= 0, got " + realisation);
        }
        Dataset dataset = Dataset.open(data);
        List<CleanRun> runs = ingest.loadAll(dataset, "read", quiet).requireAll();
        SeedSequence seeds = new SeedSequence(seed);
        FeatureRealisation r = FeatureRealisation.of(realisation, seeds);
        long t0 = System.nanoTime();
        FeatureTable table;
        try (Progress progress = Progress.start("features", runs.size(), !quiet)) {
            table = FeatureTable.extract(runs, r, seeds, ingest.threads(), progress);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        AtomicFiles.write(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write("sample_id," + String.join(",", FeatureExtractor.names()) + "\n");
            for (int i = 0; i < table.size(); i++) {
                // the id is quoted as RFC 4180 asks when it holds a comma, a quote or a line break
                w.write(egaml.core.CsvFiles.WRITE.format(table.sampleIds().get(i)));
                for (float v : table.rows()[i]) {
                    w.write(',');
                    w.write(v == (long) v && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString(v));
                }
                w.write('\n');
            }
            w.flush();
        });
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d runs x %d features (realisation %d: trim %d C, window offset %d C) in %.1f s -> %s%n",
                table.size(), FeatureExtractor.COUNT, r.index(), r.trimRange(), r.windowOffset(), seconds,
                out.toAbsolutePath());
        o.flush();
        return 0;
    }
}
