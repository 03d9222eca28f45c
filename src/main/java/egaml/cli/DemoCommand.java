package egaml.cli;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.ingest.Dataset;
import egaml.ingest.SampleRef;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code egaml demo}: egaml end to end on its embedded default, a simulated dataset, with no external data.
 * Each step runs the same command a user would type, in-process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs egaml end to end on simulated data (no external data needed): simulates a training and a "
                + "held-out dataset, validates and describes them, draws a commercial and a SAM-like run, trains a model "
                + "(cross-validated), predicts the held-out runs and evaluates the predictions.",
            "Everything goes under --out; the commands it runs are printed so you can run them yourself."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "egaml-demo", paramLabel = "DIR",
            description = "Folder for everything the demo writes (default: ${DEFAULT-VALUE}); replaced if it exists.")
    Path out;

    @Option(names = "--samples", defaultValue = "200", paramLabel = "N",
            description = "Simulated training runs (default: ${DEFAULT-VALUE}); a quarter as many are held out.")
    int samples;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "P",
            description = "Training preset: smoke, fast, full or max (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = out.toAbsolutePath().normalize();
        Path data = dir.resolve("data");
        Path heldOut = dir.resolve("held-out");
        Path model = dir.resolve("model");
        Path predictions = dir.resolve("predictions.csv");
        Path cache = dir.resolve("cache");
        long t0 = System.nanoTime();
        step(o, "1. simulate a dataset (the embedded default)", "simulate", "--out", data.toString(), "--samples",
                Integer.toString(samples), "--seed", Long.toString(seed), "--sam-fraction", "0.05", "--force", "--quiet");
        step(o, "2. validate every run (parse, MD5, labels)", "validate", data.toString(), "--cache", cache.toString(), "--quiet");
        step(o, "3. statistics per label and per run", "stats", data.toString(), "--cache", cache.toString(), "--quiet");
        Dataset dataset = Dataset.open(data);
        List<Path> pictures = new ArrayList<>();
        SampleRef commercial = pick(dataset, InstrumentType.COMMERCIAL, Label.CARBONATE);
        SampleRef sam = pick(dataset, InstrumentType.SAM_TESTBED, null);
        for (SampleRef s : new SampleRef[] {commercial, sam}) {
            if (s == null) {
                continue;
            }
            Path png = dir.resolve(s.sampleId() + ".png");
            step(o, "4. inspect " + s.sampleId() + " (" + s.instrumentType() + ")", "inspect", s.file().toString(), "--png",
                    png.toString(), "--cache", cache.toString());
            pictures.add(png);
        }
        step(o, "5. train a model (cross-validated members and stacker)", "train", "--data", data.toString(), "--out",
                model.toString(), "--preset", preset, "--seed", Long.toString(seed), "--cache", cache.toString(), "--quiet",
                "--force");
        step(o, "6. simulate held-out runs (another seed)", "simulate", "--out", heldOut.toString(), "--samples",
                Integer.toString(Math.max(4, samples / 4)), "--seed", Long.toString(seed + 1000), "--split", "test",
                "--id-prefix", "TEST", "--sam-fraction", "0.05", "--force", "--quiet");
        step(o, "7. predict the held-out runs", "predict", "--model", model.toString(), "--data", heldOut.toString(),
                "--out", predictions.toString(), "--cache", cache.toString(), "--quiet");
        step(o, "8. evaluate the predictions", "evaluate", "--predictions", predictions.toString(), "--labels",
                heldOut.resolve("test_labels.csv").toString());
        o.printf(Locale.ROOT, "%ndemo finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        o.printf(Locale.ROOT, "  dataset   %s (metadata.csv, train_labels.csv, truth.csv with the simulated minerals)%n", data);
        o.printf(Locale.ROOT, "  model     %s (manifest.json, gbt/, nn/, oof.csv, cv.json, report.html)%n", model);
        o.printf(Locale.ROOT, "  predicted %s (held-out runs in %s)%n", predictions, heldOut);
        for (Path p : pictures) {
            o.printf(Locale.ROOT, "  picture   %s%n", p);
        }
        o.printf(Locale.ROOT, "  cache     %s (safe to delete)%n", cache);
        o.flush();
        return 0;
    }

    private void step(PrintWriter o, String title, String... args) {
        CommandSteps.run(spec, o, "demo", title, args);
    }

    /** The first sample of the type, preferring one that carries the label. */
    private static SampleRef pick(Dataset d, InstrumentType type, Label label) {
        SampleRef any = null;
        for (SampleRef s : d.samples()) {
            if (s.instrumentType() != type) {
                continue;
            }
            if (any == null) {
                any = s;
            }
            if (label != null && d.labelsOf(s).map(y -> y[label.ordinal()] == 1).orElse(false)) {
                return s;
            }
        }
        return any;
    }
}
