package egaml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.cv.LogLoss;
import egaml.cv.PredictionTable;
import egaml.ensemble.ModelStore;
import egaml.ensemble.ModelTrainer;
import egaml.ensemble.SamMode;
import egaml.ensemble.StackerConfig;
import egaml.gbt.GbtConfig;
import egaml.gbt.GbtCrossValidation;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.report.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code egaml train}: cross-validates, fits the ensemble and writes a model folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a model on the labelled samples of a dataset: the members with out-of-fold predictions, "
                + "the per-label stacker on those predictions (so the reported ensemble score is itself cross-validated), "
                + "and the SAM testbed rule. Writes MODEL_DIR atomically: manifest.json, the members in their own formats "
                + "(gbt/: LightGBM text models), oof.csv (the ensemble's out-of-fold probabilities), cv.json and report.html.",
            "Members in this version: gbt. The neural-network member is not part of this version."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "The model folder to write (replaced if it exists).")
    Path out;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "P",
            description = "smoke (seconds), fast (minutes) or full (best within the hour) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--models", defaultValue = "gbt", paramLabel = "M", description = "Members: gbt (default).")
    String models;

    @Option(names = "--sam-mode", defaultValue = "average", paramLabel = "MODE",
            description = "SAM testbed samples: average (sigmoid of the mean family logit), stacker (no special rule); "
                    + "blend needs NN families (default: ${DEFAULT-VALUE}).")
    String samMode;

    @Mixin
    GbtOptions gbt;

    @Option(names = "--stacker-intercept",
            description = "Give the stacker a per-label intercept (egaml option; the reference has none).")
    boolean stackerIntercept;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GbtOptions.requireGbtOnly(models);
        SamMode sam = SamMode.parse(samMode);
        GbtConfig gbtConfig = gbt.apply(preset);
        long t0 = System.nanoTime();
        LabelledRuns labelled = LabelledRuns.load(Dataset.open(data), ingest, null, quiet);
        if (labelled.y().length < 2 * gbtConfig.folds()) {
            throw new IllegalArgumentException(data + " has " + labelled.y().length + " labelled samples; the " + preset
                    + " preset needs at least " + 2 * gbtConfig.folds());
        }
        List<CleanRun> runs = labelled.runs();
        int[][] y = labelled.y();
        List<InstrumentType> types = labelled.types();
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        ModelTrainer.Outcome outcome;
        try (Progress progress = Progress.start("train gbt", GbtCrossValidation.tasks(gbtConfig), !quiet)) {
            outcome = ModelTrainer.train(runs, types, y, preset, gbtConfig,
                    StackerConfig.preset(preset).withIntercept(stackerIntercept), seed, ingest.config(), sam,
                    ingest.threads(), progress);
        }
        List<String> ids = labelled.ids();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode cv = cvReport(json, outcome.oof(), y, types);
        ObjectNode provenance = json.createObjectNode();
        provenance.put("data", data.toAbsolutePath().normalize().toString());
        provenance.put("samples", y.length);
        provenance.put("samSamples", types.stream().filter(t -> t == InstrumentType.SAM_TESTBED).count());
        provenance.set("cv", cv.get("logLoss").get("ensemble"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("oof.csv", PredictionTable.csv(ids, outcome.ensemble()));
        ObjectNode seconds = cv.putObject("seconds");
        seconds.put("read", readSeconds);
        seconds.put("gbt", outcome.gbtSeconds());
        seconds.put("stacker", outcome.stackerSeconds());
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        files.put("cv.json", json.writeValueAsString(cv));
        List<String> facts = List.of(
                String.format(Locale.ROOT, "data: %s, %d labelled samples (%d SAM testbed)", data.toAbsolutePath().normalize(),
                        y.length, provenance.get("samSamples").asLong()),
                String.format(Locale.ROOT, "preset %s, seed %d, members: gbt; GBT %s", preset, seed, gbtConfig),
                String.format(Locale.ROOT, "wall time %.1f s (gbt %.1f s, stacker %.1f s)", (System.nanoTime() - t0) / 1e9,
                        outcome.gbtSeconds(), outcome.stackerSeconds()),
                "SAM testbed samples: " + outcome.model().ensemble().samMode().code() + " rule");
        files.put("report.html", TrainingReport.html(new TrainingReport.Content("egaml training report", facts, ids, y,
                outcome.oof(), outcome.model().ensemble().families(), outcome.model().ensemble().weights(), runs)));
        ModelStore.save(out, outcome.model(), files, provenance);
        double total = (System.nanoTime() - t0) / 1e9;

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "trained on %d samples (%d SAM), preset %s, seed %d, in %.1f s (read %.1f, gbt %.1f, stacker %.1f)%n",
                y.length, provenance.get("samSamples").asLong(), preset, seed, total, readSeconds, outcome.gbtSeconds(),
                outcome.stackerSeconds());
        LabelledRuns.printScores(o, "oof", y, outcome.oof());
        o.printf(Locale.ROOT, "model: %s (manifest.json, gbt/, oof.csv, cv.json, report.html)%n", out.toAbsolutePath().normalize());
        o.flush();
        return 0;
    }

    /** Per-label and aggregated out-of-fold log loss of every model, and the SAM-only figure with its sample size. */
    static ObjectNode cvReport(ObjectMapper json, Map<String, double[][]> oof, int[][] y, List<InstrumentType> types) {
        ObjectNode root = json.createObjectNode();
        root.put("samples", y.length);
        root.put("metric", "aggregated log loss: mean over labels of binary log loss, p clipped to [1e-15, 1 - 1e-15]");
        ObjectNode scores = root.putObject("logLoss");
        for (Map.Entry<String, double[][]> e : oof.entrySet()) {
            ObjectNode s = scores.putObject(e.getKey());
            s.put("aggregated", LogLoss.aggregated(y, e.getValue()));
            ObjectNode per = s.putObject("perLabel");
            double[] v = LogLoss.perLabel(y, e.getValue());
            for (Label l : Label.all()) {
                per.put(l.columnName(), v[l.ordinal()]);
            }
        }
        List<Integer> sam = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == InstrumentType.SAM_TESTBED) {
                sam.add(i);
            }
        }
        ObjectNode samNode = root.putObject("samOnly");
        samNode.put("samples", sam.size());
        if (!sam.isEmpty()) {
            int[][] ys = sam.stream().map(i -> y[i]).toArray(int[][]::new);
            double[][] ps = sam.stream().map(i -> oof.get("ensemble")[i]).toArray(double[][]::new);
            samNode.put("ensembleAggregated", LogLoss.aggregated(ys, ps));
            samNode.put("note", "few SAM samples: this figure mostly measures how low the predictions are");
        }
        return root;
    }
}
