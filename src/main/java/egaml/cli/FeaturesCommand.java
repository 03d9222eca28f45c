package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.core.SeedSequence;
import egaml.features.FeatureExtractor;
import egaml.features.FeatureRealisation;
import egaml.features.FeatureTable;
import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.gbt.BoosterInputs;
import egaml.gbt.GbtKind;
import egaml.gbt.GbtMember;
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
                + "the same table.",
            "With --model, writes instead the exact inputs of that model's LightGBM boosters to the folder --out: one "
                + "table per feature realisation (realisation_K.csv: base features and every pair feature a booster "
                + "reads) and boosters.csv (each booster's text model file and table). A booster's text model names its "
                + "inputs, so LightGBM elsewhere selects them by name and reproduces egaml's raw scores."})
final class FeaturesCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A dataset folder, or run files' folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "The CSV to write; with --model, the folder to write (must not exist unless --force).")
    Path out;

    @Option(names = "--model", paramLabel = "MODEL_DIR",
            description = "A trained model folder: export the inputs of its GBT member's boosters (its seed, "
                    + "realisations and cleaning settings; --seed, --realisation and the cleaning options are refused).")
    Path model;

    @Option(names = "--force", description = "With --model: replace an existing --out folder.")
    boolean force;

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
        if (model != null) {
            return exportBoosterInputs();
        }
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
                    w.write(BoosterInputs.value(v));
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

    private Integer exportBoosterInputs() throws Exception {
        var parsed = spec.commandLine().getParseResult();
        for (String fixed : List.of("--seed", "--realisation", "--fractional-mz", "--keep-helium")) {
            if (parsed.hasMatchedOption(fixed)) {
                throw new IllegalArgumentException(fixed + " cannot be combined with --model: the model's own settings "
                        + "decide it");
            }
        }
        if (java.nio.file.Files.exists(out) && !force) {
            throw new IllegalArgumentException("--out " + out + " exists; add --force to replace it");
        }
        TrainedModel trained = ModelStore.load(model);
        GbtMember gbt = trained.member(GbtKind.NAME, GbtMember.class);
        Dataset dataset = Dataset.open(data);
        List<CleanRun> runs = ingest.loadAll(dataset, trained.settings().ingest(), "read", quiet).requireAll();
        long t0 = System.nanoTime();
        List<BoosterInputs> tables = BoosterInputs.of(gbt, runs, ingest.threads());
        BoosterInputs.write(out, gbt, tables, model.resolve(GbtKind.NAME).toString());
        PrintWriter o = spec.commandLine().getOut();
        long boosters = gbt.models().stream().filter(m -> m.model() != null).count();
        o.printf(Locale.ROOT, "%d runs: inputs of %d LightGBM boosters in %d realisation tables (%s columns) in %.1f s "
                        + "-> %s%n", runs.size(), boosters, tables.size(),
                tables.stream().map(t -> Integer.toString(t.columns().size())).collect(java.util.stream.Collectors
                        .joining(", ")), (System.nanoTime() - t0) / 1e9, out.toAbsolutePath());
        o.flush();
        return 0;
    }
}
