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
import egaml.nn.NnCrossValidation;
import egaml.nn.NnMember;
import egaml.nn.NnPreset;
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
            "Members: gbt (LightGBM on engineered features) and nn (the convolutional network over temperature; SAM testbed "
                + "samples are never trained on, only predicted)."})
final class CvCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--models", defaultValue = "gbt", paramLabel = "M", description = "The member: gbt (default) or nn.")
    String models;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "P",
            description = "smoke (seconds, for tests), fast (minutes) or full (best within the hour) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Out-of-fold probabilities of the member (default: oof_gbt.csv or oof_nn.csv).")
    Path out;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Also save the trained member to DIR (gbt: LightGBM text models and gbt.json; nn: DJL parameter "
                    + "files and nn.json).")
    Path save;

    @Option(names = "--no-augment", description = "Train without the training-table augmentation (for ablation studies).")
    boolean noAugment;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N labelled samples (quick looks).")
    Integer limit;

    @Mixin
    GbtOptions gbt;

    @Mixin
    NnOptions nn;

    @Mixin
    ConfigOptions config;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String member = models.strip().toLowerCase(Locale.ROOT);
        if (!member.equals("gbt") && !member.equals("nn")) {
            throw new IllegalArgumentException("--models must be gbt or nn, got '" + models + "'");
        }
        if (out == null) {
            out = Path.of("oof_" + member + ".csv");
        }
        ConfigFile.Settings settings = this.config.settings(preset);
        if (this.config.print) {
            spec.commandLine().getOut().print(ConfigFile.json(settings));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (member.equals("nn")) {
            return crossValidateNn(nn.apply(settings.nn()));
        }
        GbtConfig config = gbt.apply(settings.gbt()).withAugment(!noAugment);
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
                        + "fits (%d small-data fallbacks) in %.1f s%s%n", preset, seed, y.length, config.folds(), config.repeats(),
                config.realisations(), result.fits(), result.fallbacks(), result.seconds(),
                config.calibrate() ? "; families calibrated (cross-fitted shifts)" : "");
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

    private int crossValidateNn(NnPreset config) throws java.io.IOException {
        if (limit != null && limit < 4) {
            throw new IllegalArgumentException("--limit must be at least 4, got " + limit);
        }
        LabelledRuns data = LabelledRuns.load(Dataset.open(this.data), ingest, limit, quiet);
        int[][] y = data.y();
        if (y.length < config.folds()) {
            throw new IllegalArgumentException(this.data + " has " + y.length + " labelled samples; " + config.folds()
                    + " folds need at least that many");
        }
        boolean[] sam = egaml.core.InstrumentType.samMask(data.types());
        NnCrossValidation.Result result;
        try (Progress progress = Progress.start("nn cv", NnCrossValidation.epochs(config), !quiet)) {
            result = NnCrossValidation.run(data.runs(), y, sam, config, new SeedSequence(seed), nn.workers(), nn.trace,
                    egaml.core.TaskStore.NONE, (model, epoch, loss) -> {
                        progress.message(String.format(Locale.ROOT, "%s epoch %d loss %.4f", model, epoch, loss));
                        progress.accept(1);
                    });
        }
        PrintWriter o = spec.commandLine().getOut();
        int samCount = 0;
        for (boolean s : sam) {
            samCount += s ? 1 : 0;
        }
        o.printf(Locale.ROOT, "nn cv: preset %s, seed %d, %d samples (%d SAM testbed, predicted but not trained on), %d folds x %d "
                        + "repeats x %d configurations, %d epochs (%s), activation %s, %s learning rate, gain jitter %s; "
                        + "%d models in %.1f s%n",
                preset, seed, y.length, samCount, config.folds(), config.repeats(), result.configurations().size(), config.epochs(),
                result.configurations().get(0).epochPolicy(), config.activation(), config.schedule(),
                config.gainJitter() > 0 ? String.valueOf(config.gainJitter()) : "off", result.models().size(), result.seconds());
        for (int c = 0; c < result.configurations().size(); c++) {
            egaml.nn.NnConfig k = result.configurations().get(c);
            o.printf(Locale.ROOT, "  configuration %d: %s, grid start %d, weight decay %.0e, input dropout %.2f (%s), stem %.2f, "
                            + "reduce %.2f%n", c, k.scalingNames(), k.gridOffset(), k.weightDecay(), k.inputDropout().rate(),
                    k.inputDropout().mode().name().toLowerCase(Locale.ROOT), k.stemDropout(), k.reduceDropout());
        }
        if (result.nonFiniteReplaced() > 0) {
            o.printf(Locale.ROOT, "  %d non-finite scaled input values were replaced by 0 (method.md 4)%n", result.nonFiniteReplaced());
        }
        if (result.trace() != null) {
            o.println("  member's out-of-fold log loss by epoch (snapshot at epoch e | held-out logits averaged over e..last):");
            for (int e = 0; e < result.trace().atEpoch().length; e++) {
                o.printf(Locale.ROOT, "    epoch %3d  %.4f | %.4f%n", e + 1, result.trace().atEpoch()[e], result.trace().averagedFrom()[e]);
            }
        }
        Map<String, double[][]> rowsToPrint = new LinkedHashMap<>(result.families());
        rowsToPrint.put("nn", result.member());
        rowsToPrint.put("prior", LogLoss.priorPredictions(y, y.length));
        LabelledRuns.printScores(o, "model", y, rowsToPrint);
        List<String> ids = data.ids();
        AtomicFiles.write(out, os -> os.write(PredictionTable.csv(ids, result.member()).getBytes(StandardCharsets.UTF_8)));
        o.printf(Locale.ROOT, "out-of-fold probabilities: %s%n", out.toAbsolutePath());
        if (save != null) {
            NnMember.of(result, seed, config).save(save);
            o.printf(Locale.ROOT, "saved member: %s (%d fold models)%n", save.toAbsolutePath(), result.models().size());
        }
        o.flush();
        return 0;
    }
}
