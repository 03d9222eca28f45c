package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.explain.EnsembleExplainer;
import egaml.explain.Explanation;
import egaml.explain.ExplanationPlot;
import egaml.explain.ExplanationText;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.member.AttributionSettings;
import egaml.report.RunFacts;
import egaml.report.TrainingProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code egaml explain}: why a model gives a run its probabilities. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explains a model's probabilities for one or more runs: for every label, which gas (m/z) released "
                + "at which temperatures pushed the probability up or down, in the ensemble's logit units (the parts add "
                + "up to the logit minus the model's reference logit); the range of the families' probabilities (and a flag "
                + "where they disagree strongly); and warnings where the run is unlike the model's training runs.",
            "Evidence: the GBT member through LightGBM's exact tree SHAP values, the networks through integrated "
                + "gradients from an empty spectrogram, both carried through the stacker (docs/design.md).",
            "With --out, writes per run a picture per explained label (<sample>.<label>.png: the run's spectrogram with "
                + "the evidence over it, and the release curves of the ions carrying most of it), the text "
                + "(<sample>.txt) and every evidence cell (<sample>.evidence.csv)."})
final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A model folder from 'egaml train'.")
    Path model;

    @Option(names = "--run", required = true, arity = "1..*", paramLabel = "RUN_OR_DIR",
            description = "Run CSV files (plain or .csv.gz), or a dataset folder (every sample of its metadata.csv).")
    List<Path> runs;

    @Option(names = "--label", split = ",", paramLabel = "LABEL",
            description = "Labels to explain (comma-separated; default: all, with pictures of those called at 0.5 or "
                    + "more, else of the most probable).")
    List<String> labels;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the pictures, texts and evidence tables.")
    Path out;

    @Option(names = "--steps", defaultValue = "16", paramLabel = "N",
            description = "Integration steps of the networks' integrated gradients (default: ${DEFAULT-VALUE}).")
    int steps;

    @picocli.CommandLine.Mixin
    ModelRunOptions reading;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int n = reading.threads();
        List<Label> asked = parseLabels(labels);
        AttributionSettings settings = new AttributionSettings(steps, 0);
        long t0 = System.nanoTime();
        TrainedModel trained = ModelStore.load(model);
        Optional<TrainingProfile> profile = TrainingProfile.read(model);
        Dataset dataset = Dataset.open(runs);
        RunLoader loader = reading.loader(trained.settings().ingest());
        List<CleanRun> clean = DatasetLoader.load(dataset.samples(), loader, n, k -> { }).requireAll();
        List<InstrumentType> types = new ArrayList<>();
        for (int i = 0; i < clean.size(); i++) {
            types.add(dataset.samples().get(i).instrumentTypeOf(clean.get(i)));
        }
        boolean[][] wanted = null;
        if (!asked.isEmpty()) {
            wanted = new boolean[clean.size()][Label.COUNT];
            for (boolean[] row : wanted) {
                asked.forEach(l -> row[l.ordinal()] = true);
            }
        }
        List<Explanation> all = EnsembleExplainer.explain(trained, clean, types, wanted, settings, n);
        PrintWriter o = spec.commandLine().getOut();
        if (out != null) {
            Files.createDirectories(out);
        }
        for (int i = 0; i < all.size(); i++) {
            Explanation e = all.get(i);
            RunFacts facts = RunFacts.of(clean.get(i), types.get(i));
            List<String> warnings = profile.map(p -> p.warnings(facts)).orElse(null);
            String text = ExplanationText.block(e, warnings, asked.isEmpty() ? ExplanationText.byProbability(e) : asked);
            o.print(text);
            if (out != null) {
                String id = safe(e.sampleId());
                AtomicFiles.write(out.resolve(id + ".txt"), os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
                AtomicFiles.write(out.resolve(id + ".evidence.csv"), os -> {
                    OutputStreamWriter w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                    ExplanationText.evidenceCsv(w, List.of(e));
                    w.flush();
                });
                CleanRun run = clean.get(i);
                for (Label l : ExplanationText.called(e, asked)) {
                    Path png = out.resolve(id + "." + l.columnName() + ".png");
                    AtomicFiles.write(png, os -> ExplanationPlot.writePng(run, e, l, os));
                    o.println("  picture: " + png.toAbsolutePath());
                }
            }
        }
        o.printf(Locale.ROOT, "explained %d run%s in %.1f s%n", all.size(), all.size() == 1 ? "" : "s",
                (System.nanoTime() - t0) / 1e9);
        o.flush();
        return 0;
    }

    static List<Label> parseLabels(List<String> names) {
        List<Label> out = new ArrayList<>();
        if (names != null) {
            for (String s : names) {
                out.add(Label.fromColumnName(s.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                        new IllegalArgumentException("--label: unknown label '" + s + "' (labels: "
                                + String.join(", ", Label.columnNames()) + ")")));
            }
        }
        return out;
    }

    /** A sample id as a file name: characters outside letters, digits, '-', '_' and '.' become '_'. */
    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
