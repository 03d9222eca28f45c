package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.core.SeedSequence;
import egaml.cv.LogLoss;
import egaml.cv.PredictionTable;
import egaml.gbt.GbtConfig;
import egaml.gbt.GbtCrossValidation;
import egaml.gbt.GbtMember;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code egaml cv}: out-of-fold cross-validation of a model member on a labelled dataset. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"Cross-validates a model member on the labelled samples of a dataset (multilabel stratified "
                + "folds) and prints the per-label and aggregated out-of-fold log loss of each model family, the member "
                + "and the label prior; writes the member's out-of-fold probabilities as CSV.",
            "Members: gbt (LightGBM on engineered features). The neural network member is not part of this version."})
final class CvCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--models", defaultValue = "gbt", paramLabel = "M", description = "The member: gbt (default).")
    String models;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "P",
            description = "smoke (seconds, for tests), fast (minutes) or full (best within the hour) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "oof_gbt.csv", paramLabel = "FILE",
            description = "Out-of-fold probabilities of the member (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Also save the trained member (its fold models, LightGBM text format, and gbt.json) to DIR.")
    Path save;

    @Option(names = "--no-augment", description = "Train without the training-table augmentation (for ablation studies).")
    boolean noAugment;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N labelled samples (quick looks).")
    Integer limit;

    @Mixin
    GbtOptions gbt;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GbtOptions.requireGbtOnly(models);
        GbtConfig config = gbt.apply(preset).withAugment(!noAugment);
        if (limit != null && limit < 4) {
            throw new IllegalArgumentException("--limit must be at least 4, got " + limit);
        }
        LabelledRuns data = LabelledRuns.load(Dataset.open(this.data), ingest, limit, quiet);
        if (data.y().length < config.folds()) {
            throw new IllegalArgumentException(this.data + " has " + data.y().length + " labelled samples; "
                    + config.folds() + " folds need at least that many");
        }
        int[][] y = data.y();
        List<CleanRun> runs = data.runs();
        GbtCrossValidation.Result result;
        try (Progress progress = Progress.start("gbt cv", GbtCrossValidation.tasks(config), !quiet)) {
            result = GbtCrossValidation.run(runs, y, config, new SeedSequence(seed), ingest.threads(), progress);
        }
        Map<String, double[][]> rowsToPrint = new LinkedHashMap<>(result.families());
        rowsToPrint.put("gbt", result.member());
        rowsToPrint.put("prior", LogLoss.priorPredictions(y, y.length));
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "gbt cv: preset %s, seed %d, %d samples, %d folds x %d repeats x %d realisations; %d LightGBM "
                        + "fits (%d small-data fallbacks) in %.1f s%n", preset, seed, y.length, config.folds(), config.repeats(),
                config.realisations(), result.fits(), result.fallbacks(), result.seconds());
        LabelledRuns.printScores(o, "model", y, rowsToPrint);
        List<String> ids = data.ids();
        AtomicFiles.write(out, os -> os.write(PredictionTable.csv(ids, result.member()).getBytes(StandardCharsets.UTF_8)));
        o.printf(Locale.ROOT, "out-of-fold probabilities: %s%n", out.toAbsolutePath());
        if (save != null) {
            GbtMember.of(result, seed, config).save(save);
            o.printf(Locale.ROOT, "saved member: %s (%d fold models)%n", save.toAbsolutePath(), result.models().size());
        }
        o.flush();
        return 0;
    }
}
