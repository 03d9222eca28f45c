package egaml.cli;

import egaml.ensemble.MemberRegistry;
import egaml.ensemble.ProbabilityClip;
import egaml.ensemble.SamMode;
import egaml.ensemble.TrainingRun;
import egaml.ensemble.TrainingSettings;
import egaml.ingest.Dataset;
import egaml.member.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml train}: cross-validates, fits the ensemble and writes a model folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a model on the labelled samples of a dataset: the members with out-of-fold predictions, "
                + "the per-label stacker on those predictions (so the reported ensemble score is itself cross-validated), "
                + "and the SAM testbed rule. Writes MODEL_DIR atomically: manifest.json, each member in its own folder and "
                + "format (a folder named after it), oof.csv (the ensemble's out-of-fold probabilities), oof_models.csv "
                + "(every family's, member's and the ensemble's), cv.json and report.html. The members are listed at the end."})
final class TrainCommand implements Callable<Integer>, TrainsMembers {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "The model folder to write; an "
            + "existing one is kept unless --force.")
    Path out;

    @Option(names = "--force", description = "Replace MODEL_DIR if it exists (atomically, once the new model is written).")
    boolean force;

    @Option(names = "--models", paramLabel = "M", description = "Members, comma-separated (listed at the end; default: "
            + "the --config file's, else the default ensemble).")
    String models;

    @Mixin
    SettingsOptions settings;

    @Mixin
    PretrainingRuns pretrainingRuns;

    @Option(names = "--resume", description = "Continue an interrupted training: fold models finished before the "
            + "interruption (kept in MODEL_DIR.partial/) are not trained again. The data and settings must be the same.")
    boolean resume;

    @Option(names = "--sam-mode", paramLabel = "MODE",
            description = "SAM testbed samples: blend (the reference code's: (stacker + 2 sigmoid(0.45 trees + 0.25 network))/3; "
                    + "needs the gbt and nn members), average (sigmoid of the mean family logit) or stacker (no special rule) "
                    + "(default: blend when it can run, else average).")
    String samMode;

    @Option(names = "--clip", paramLabel = "BOUNDS",
            description = "Final probability bounds per instrument type, e.g. sam=0.02:0.98 or "
                    + "commercial=0.001:0.999,sam=0.02:0.98 (default: none).")
    String clip;

    @Option(names = "--stacker-intercept",
            description = "Give the stacker a per-label intercept (egaml option; the reference has none).")
    boolean stackerIntercept;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
            description = "Where the fold models train: local (this process; the default) or spark (one Spark task per "
                    + "fold model on the cluster this command was submitted to with spark-submit; the same seed gives the "
                    + "same model). The stacker is fitted here either way.")
    String engine;

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
        TrainingSettings s = settings.resolve(models, members, ingest);
        if (samMode != null) {
            s = s.withSamMode(SamMode.parse(samMode));
        }
        if (clip != null) {
            s = s.withClip(ProbabilityClip.parse(clip));
        }
        if (stackerIntercept) {
            s = s.withStacker(s.stacker().withIntercept(true));
        }
        PrintWriter o = spec.commandLine().getOut();
        if (settings.print) {
            o.print(s.toJsonText());
            o.flush();
            return 0;
        }
        egaml.spark.ClusterEngine.check(engine);
        if (pretrainingRuns.dir != null && !"local".equals(engine)) {
            throw new IllegalArgumentException("--pretrain-data: pretraining runs are used by a local training only (not "
                    + "--engine " + engine + ")");
        }
        if (java.nio.file.Files.exists(out) && !force) {
            throw new IllegalArgumentException(out + " already exists; pass --force to replace it, or choose another --out");
        }
        long t0 = System.nanoTime();
        LabelledRuns labelled = LabelledRuns.load(Dataset.open(data), ingest, s.ingest(), null, quiet);
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        TrainingData trainingData = new TrainingData(labelled.runs(), labelled.y(), labelled.types());
        TrainingData pretrainRuns = pretrainingRuns.load(s.members().values(), ingest, s.ingest(), quiet);
        egaml.ensemble.TrainingRun.Pretraining pretraining = pretrainRuns == null ? null
                : new egaml.ensemble.TrainingRun.Pretraining(pretrainingRuns.dir, pretrainRuns);
        TrainingRun.Result result;
        try (egaml.spark.ClusterEngine cluster = egaml.spark.ClusterEngine.open(engine);
             Progress.Stages progress = new Progress.Stages(!quiet)) {
            egaml.ensemble.UnitEngine units = egaml.ensemble.UnitEngine.LOCAL;
            if (cluster != null) {
                spec.commandLine().getErr().println("egaml: fold models run on " + cluster.describe());
                units = cluster.units();
            }
            result = TrainingRun.train(data, trainingData, s, members.registry(), out, resume, ingest.threads(), readSeconds,
                    units, progress, notice -> spec.commandLine().getErr().println("egaml: " + notice), pretraining);
        }
        StringBuilder times = new StringBuilder(String.format(Locale.ROOT, "read %.1f", readSeconds));
        if (result.cv().path("seconds").has("units")) {
            times.append(String.format(Locale.ROOT, ", units %.1f", result.cv().path("seconds").path("units").asDouble()));
        }
        result.outcome().seconds().forEach((k, v) -> times.append(String.format(Locale.ROOT, ", %s %.1f", k, v)));
        o.printf(Locale.ROOT, "trained on %d samples (%d SAM), preset %s, seed %d, in %.1f s (%s)%n", trainingData.size(),
                trainingData.types().stream().filter(t -> t == egaml.core.InstrumentType.SAM_TESTBED).count(), s.preset(),
                s.seed(), result.seconds(), times);
        result.units().summary().forEach(line -> o.println("units: " + line));
        LabelledRuns.printScores(o, "oof", labelled.y(), result.outcome().oof());
        o.printf(Locale.ROOT, "model: %s (manifest.json, %s, oof.csv, oof_models.csv, cv.json, report.html%s)%n",
                out.toAbsolutePath().normalize(), String.join(", ", s.models().stream().map(m -> m + "/").toList()),
                result.units().unitsCsv().isEmpty() ? "" : ", units.csv");
        o.flush();
        return 0;
    }
}
