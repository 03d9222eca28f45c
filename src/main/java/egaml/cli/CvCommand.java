package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.cv.LogLoss;
import egaml.cv.PredictionTable;
import egaml.ensemble.MemberRegistry;
import egaml.ensemble.TrainingSettings;
import egaml.ingest.Dataset;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
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

/** {@code egaml cv}: out-of-fold cross-validation of one member on a labelled dataset. */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cross-validates one member on the labelled samples of a dataset (multilabel stratified folds) and "
                + "prints the per-label and aggregated out-of-fold log loss of each of its families, the member and the "
                + "label prior; writes the member's out-of-fold probabilities as CSV. The members are listed at the end."})
final class CvCommand implements Callable<Integer>, TrainsMembers {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--models", defaultValue = "gbt", paramLabel = "M",
            description = "The member (listed at the end; default: ${DEFAULT-VALUE}).")
    String models;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Out-of-fold probabilities of the member (default: oof_MEMBER.csv).")
    Path out;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Also save the fitted member to DIR, in its own format (as in a model folder).")
    Path save;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N labelled samples (quick looks).")
    Integer limit;

    @Mixin
    PretrainingRuns pretrainingRuns;

    @Option(names = "--trace", description = "Members that can also report per-epoch diagnostics do so (nn: the "
            + "out-of-fold log loss after every epoch; costs about a tenth more time).")
    boolean trace;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final MemberCli members = new MemberCli(MemberRegistry.standard());

    @Override
    public MemberCli memberCli() {
        return members;
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = members.registry().parse(models);
        if (chosen.size() != 1) {
            throw new IllegalArgumentException("--models: cv takes one member, got " + chosen + " (train stacks several)");
        }
        String member = chosen.get(0);
        TrainingSettings s = settings.resolve(member, members, ingest);
        PrintWriter o = spec.commandLine().getOut();
        if (settings.print) {
            o.print(s.toJsonText());
            o.flush();
            return 0;
        }
        if (limit != null && limit < 4) {
            throw new IllegalArgumentException("--limit must be at least 4, got " + limit);
        }
        if (out == null) {
            out = Path.of("oof_" + member + ".csv");
        }
        LabelledRuns labelled = LabelledRuns.load(Dataset.open(data), ingest, s.ingest(), limit, quiet);
        int[][] y = labelled.y();
        if (y.length < s.folds()) {
            throw new IllegalArgumentException(data + " has " + y.length + " labelled samples; " + s.folds()
                    + " folds need at least that many");
        }
        TrainingData pretrainRuns = pretrainingRuns.load(java.util.List.of(s.members().get(member)), ingest, s.ingest(), quiet);
        MemberTrainer trainer = members.registry().get(member).trainer(s.members().get(member));
        MemberTrainer.Fit fit;
        try (Progress progress = Progress.start(member + " cv", trainer.steps(), !quiet)) {
            fit = trainer.crossValidate(new TrainingData(labelled.runs(), y, labelled.types()),
                    new TrainingContext(s.seed(), ingest.threads(), null, trace, progress, pretrainRuns));
        }
        o.printf(Locale.ROOT, "%s cv: preset %s, seed %d, %d samples, %.1f s%n", member, s.preset(), s.seed(), y.length,
                fit.seconds());
        fit.summary().forEach(line -> o.println("  " + line));
        Map<String, double[][]> rows = new LinkedHashMap<>(fit.oof().probabilities());
        double[][] memberOof = fit.oof().memberProbabilities();
        rows.put(member, memberOof);
        rows.put("prior", LogLoss.priorPredictions(y, y.length));
        LabelledRuns.printScores(o, "model", y, rows);
        List<String> ids = labelled.ids();
        AtomicFiles.write(out, os -> os.write(PredictionTable.csv(ids, memberOof).getBytes(StandardCharsets.UTF_8)));
        o.printf(Locale.ROOT, "out-of-fold probabilities: %s%n", out.toAbsolutePath());
        if (save != null) {
            fit.member().save(save);
            o.printf(Locale.ROOT, "saved member: %s (%d models, %s)%n", save.toAbsolutePath(), fit.member().modelCount(),
                    fit.member().format());
        }
        o.flush();
        return 0;
    }
}
