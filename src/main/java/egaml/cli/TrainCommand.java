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
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.nn.NnPreset;
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
                + "(gbt/: LightGBM text models; nn/: DJL parameter files), oof.csv (the ensemble's out-of-fold probabilities), "
                + "oof_models.csv (every family's, member's and the ensemble's, one block per model), cv.json and report.html.",
            "Members: nn (the convolutional network over temperature, on DJL/PyTorch) and gbt (LightGBM on engineered features)."})
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

    @Option(names = "--models", defaultValue = "gbt,nn", paramLabel = "M",
            description = "Members, comma-separated: gbt, nn or both (default: ${DEFAULT-VALUE}).")
    String models;

    @Option(names = "--sam-mode", paramLabel = "MODE",
            description = "SAM testbed samples: blend (the reference code's: (stacker + 2 sigmoid(0.45 gbt + 0.25 nn3))/3; needs "
                    + "both members), average (sigmoid of the mean family logit) or stacker (no special rule) "
                    + "(default: blend with both members, else average).")
    String samMode;

    @Option(names = "--clip", defaultValue = "none", paramLabel = "BOUNDS",
            description = "Final probability bounds per instrument type, e.g. sam=0.02:0.98 or "
                    + "commercial=0.001:0.999,sam=0.02:0.98 (default: ${DEFAULT-VALUE}).")
    String clip;

    @Mixin
    NnOptions nn;

    @Mixin
    ConfigOptions config;

    @Mixin
    GbtOptions gbt;

    @Option(names = "--stacker-intercept",
            description = "Give the stacker a per-label intercept (egaml option; the reference has none).")
    boolean stackerIntercept;

    @Option(names = "--resume", description = "Continue an interrupted training: fold models finished before the "
            + "interruption (kept in MODEL_DIR.partial/) are not trained again. The data and settings must be the same.")
    boolean resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.util.Set<String> members = new java.util.TreeSet<>();
        for (String m : models.split(",")) {
            String name = m.strip().toLowerCase(Locale.ROOT);
            if (!name.equals("gbt") && !name.equals("nn")) {
                throw new IllegalArgumentException("--models: members are gbt and nn, got '" + m.strip() + "'");
            }
            members.add(name);
        }
        ConfigFile.Settings settings = config.settings(preset);
        GbtConfig gbtConfig = members.contains("gbt") ? gbt.apply(settings.gbt()) : null;
        NnPreset nnPreset = members.contains("nn") ? nn.apply(settings.nn()) : null;
        StackerConfig stackerConfig = stackerIntercept ? settings.stacker().withIntercept(true) : settings.stacker();
        if (config.print) {
            spec.commandLine().getOut().print(ConfigFile.json(new ConfigFile.Settings(gbtConfig, nnPreset, stackerConfig)));
            spec.commandLine().getOut().flush();
            return 0;
        }
        SamMode sam = SamMode.parse(samMode != null ? samMode : members.size() == 2 ? "blend" : "average");
        if (sam == SamMode.BLEND && members.size() < 2) {
            throw new IllegalArgumentException("--sam-mode blend needs both members (gbt,nn); use average or stacker");
        }
        int folds = gbtConfig != null ? gbtConfig.folds() : nnPreset.folds();
        egaml.ensemble.ProbabilityClip clipBounds = egaml.ensemble.ProbabilityClip.parse(clip);
        long t0 = System.nanoTime();
        LabelledRuns labelled = LabelledRuns.load(Dataset.open(data), ingest, null, quiet);
        if (labelled.y().length < 2 * folds) {
            throw new IllegalArgumentException(data + " has " + labelled.y().length + " labelled samples; the " + preset
                    + " preset needs at least " + 2 * folds);
        }
        List<CleanRun> runs = labelled.runs();
        int[][] y = labelled.y();
        List<InstrumentType> types = labelled.types();
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        Path partial = partialFolder();
        String fingerprint = fingerprint(labelled, members, gbtConfig, nnPreset, stackerConfig, sam);
        egaml.core.TaskStore store = openPartial(partial, fingerprint);
        ModelTrainer.Outcome outcome;
        try (Progress.Stages progress = new Progress.Stages(!quiet)) {
            outcome = ModelTrainer.train(runs, types, y, preset, gbtConfig, nnPreset, stackerConfig, seed, ingest.config(), sam,
                    clipBounds, ingest.threads(), store, progress);
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
        files.put("oof_models.csv", PredictionTable.csvByModel(ids, outcome.oof()));
        ObjectNode seconds = cv.putObject("seconds");
        seconds.put("read", readSeconds);
        seconds.put("gbt", outcome.gbtSeconds());
        seconds.put("nn", outcome.nnSeconds());
        seconds.put("stacker", outcome.stackerSeconds());
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        files.put("cv.json", json.writeValueAsString(cv));
        List<String> facts = List.of(
                String.format(Locale.ROOT, "data: %s, %d labelled samples (%d SAM testbed)", data.toAbsolutePath().normalize(),
                        y.length, provenance.get("samSamples").asLong()),
                String.format(Locale.ROOT, "preset %s, seed %d, members: %s", preset, seed, String.join(", ", members)),
                "GBT: " + (gbtConfig == null ? "not trained" : gbtConfig.toString()),
                "NN: " + (nnPreset == null ? "not trained" : nnPreset.toString()),
                String.format(Locale.ROOT, "wall time %.1f s (nn %.1f s, gbt %.1f s, stacker %.1f s)", (System.nanoTime() - t0) / 1e9,
                        outcome.nnSeconds(), outcome.gbtSeconds(), outcome.stackerSeconds()),
                "SAM testbed samples: " + outcome.model().ensemble().samMode().code() + " rule; probability clip: "
                        + outcome.model().ensemble().clip());
        files.put("report.html", TrainingReport.html(new TrainingReport.Content("egaml training report", facts, ids, y,
                outcome.oof(), outcome.model().ensemble().families(), outcome.model().ensemble().weights(), runs)));
        ModelStore.save(out, outcome.model(), files, provenance);
        egaml.core.AtomicFiles.deleteTree(partial);
        double total = (System.nanoTime() - t0) / 1e9;

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "trained on %d samples (%d SAM), preset %s, seed %d, in %.1f s (read %.1f, nn %.1f, gbt %.1f, "
                        + "stacker %.1f)%n", y.length, provenance.get("samSamples").asLong(), preset, seed, total, readSeconds,
                outcome.nnSeconds(), outcome.gbtSeconds(), outcome.stackerSeconds());
        LabelledRuns.printScores(o, "oof", y, outcome.oof());
        o.printf(Locale.ROOT, "model: %s (manifest.json, %s, oof.csv, oof_models.csv, cv.json, report.html)%n", out.toAbsolutePath().normalize(),
                String.join(", ", members.stream().map(m -> m + "/").toList()));
        o.flush();
        return 0;
    }

    /** Where finished fold models are kept until the model folder is written: MODEL_DIR.partial beside it. */
    private Path partialFolder() {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".partial");
    }

    /** What must not change between an interrupted training and its resumption. */
    private String fingerprint(LabelledRuns labelled, java.util.Set<String> members, GbtConfig gbtConfig, NnPreset nnPreset,
                               StackerConfig stackerConfig, SamMode sam) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("egamlVersion", egaml.core.Version.current());
        root.put("seed", seed);
        root.set("members", json.valueToTree(members));
        root.set("gbt", json.valueToTree(gbtConfig));
        root.set("nn", json.valueToTree(nnPreset));
        root.set("stacker", json.valueToTree(stackerConfig));
        root.put("samMode", sam.code());
        root.put("clip", clip);
        root.set("ingest", json.valueToTree(ingest.config()));
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < labelled.y().length; i++) {
            data.append(labelled.samples().get(i).sampleId()).append(java.util.Arrays.toString(labelled.y()[i]))
                    .append(labelled.runs().get(i).summary().md5()).append('\n');
        }
        root.put("samples", labelled.y().length);
        root.put("dataSha256", egaml.core.Checksums.sha256(data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return json.writeValueAsString(root);
    }

    /** The store of finished fold models; refuses to mix an unfinished training with different data or settings. */
    private egaml.core.TaskStore openPartial(Path partial, String fingerprint) throws java.io.IOException {
        Path runFile = partial.resolve("run.json");
        if (java.nio.file.Files.isDirectory(partial)) {
            if (!resume) {
                throw new IllegalArgumentException("an interrupted training of " + out + " was found in " + partial
                        + "; pass --resume to continue it, or delete that folder to start over");
            }
            String before = java.nio.file.Files.isRegularFile(runFile) ? java.nio.file.Files.readString(runFile) : "";
            if (!before.equals(fingerprint)) {
                throw new IllegalArgumentException("cannot resume: " + runFile + " was made with other data or settings "
                        + "(same --data, --preset, --seed, --models and overrides are needed); delete " + partial
                        + " to start over");
            }
            spec.commandLine().getErr().println("egaml: resuming the training kept in " + partial);
        } else {
            if (resume) {
                spec.commandLine().getErr().println("egaml: nothing to resume in " + partial + "; training from the start");
            }
            java.nio.file.Files.createDirectories(partial);
            egaml.core.AtomicFiles.write(runFile, o -> o.write(fingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return egaml.core.TaskStore.folder(partial);
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
