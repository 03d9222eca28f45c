package egaml.cli;

import egaml.core.Label;
import egaml.cv.LogLoss;
import egaml.cv.PredictionTable;
import egaml.ingest.Dataset;
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
 * {@code egaml bench transfer}: how well the simulator stands in for real runs (issue 18), measured both ways: a
 * model trained on the real runs scored on simulated runs, and a model trained on simulated runs only scored on
 * every real run.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Transfer between real and simulated runs, both ways: (1) real -> simulated: a model trained on "
                + "the real runs (--real-model, or trained here) predicts --sim-samples simulated runs; (2) simulated "
                + "-> real: a model trained on --train-samples simulated runs (--sim-model, or trained here) predicts "
                + "every labelled real run, none of which it saw. Prints both aggregated and per-label log losses next "
                + "to the label prior's (the score of predicting each label's frequency).",
            "Everything it makes goes under --work (simulated datasets, models, predictions), made anew at every call "
                + "(simulating is cheap, and the simulator may have changed since); pass --real-model or --sim-model "
                + "to score models trained before."})
final class BenchTransferCommand implements Callable<Integer> {
    @Option(names = "--real", required = true, paramLabel = "DIR", description = "The labelled real runs.")
    Path real;

    @Option(names = "--work", required = true, paramLabel = "DIR",
            description = "Folder for the simulated datasets, models and predictions (kept and reused).")
    Path work;

    @Option(names = "--direction", defaultValue = "both", paramLabel = "D",
            description = "both, real-to-sim or sim-to-real (default: ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "P",
            description = "Preset of the models trained here (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sim-samples", defaultValue = "1000", paramLabel = "N",
            description = "Simulated runs scored by the real model (default: ${DEFAULT-VALUE}).")
    int simSamples;

    @Option(names = "--sim-seed", defaultValue = "5", paramLabel = "S",
            description = "Seed of those runs (default: ${DEFAULT-VALUE}).")
    long simSeed;

    @Option(names = "--train-samples", defaultValue = "3000", paramLabel = "N",
            description = "Simulated runs the simulated model is trained on (default: ${DEFAULT-VALUE}).")
    int trainSamples;

    @Option(names = "--train-seed", defaultValue = "11", paramLabel = "S",
            description = "Seed of those runs (default: ${DEFAULT-VALUE}).")
    long trainSeed;

    @Option(names = "--real-model", paramLabel = "MODEL_DIR", description = "A model trained on the real runs (else trained here).")
    Path realModel;

    @Option(names = "--sim-model", paramLabel = "MODEL_DIR",
            description = "A model trained on simulated runs only (else trained here on --train-samples runs).")
    Path simModel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!List.of("both", "real-to-sim", "sim-to-real").contains(direction)) {
            throw new IllegalArgumentException("--direction must be both, real-to-sim or sim-to-real, got '" + direction + "'");
        }
        if (simSamples < 10 || trainSamples < 10) {
            throw new IllegalArgumentException("--sim-samples and --train-samples must be at least 10");
        }
        PrintWriter o = spec.commandLine().getOut();
        Path dir = work.toAbsolutePath().normalize();
        Path cache = dir.resolve("cache");
        List<String[]> rows = new ArrayList<>();
        if (!direction.equals("sim-to-real")) {
            Path sims = simulate(o, dir.resolve("sim-" + simSamples + "-seed" + simSeed), simSamples, simSeed, cache);
            Path model = realModel != null ? realModel : train(o, real, dir.resolve("model-real-" + preset + "-seed" + seed), cache);
            Path predictions = dir.resolve("real-to-sim.csv");
            step(o, "predict the simulated runs with the real model", "predict", "--model", model.toString(), "--data",
                    sims.toString(), "--out", predictions.toString(), "--cache", cache.toString(), "--quiet");
            rows.add(score("real -> simulated", predictions, Dataset.open(sims)));
        }
        if (!direction.equals("real-to-sim")) {
            Path model = simModel;
            if (model == null) {
                Path sims = simulate(o, dir.resolve("train-" + trainSamples + "-seed" + trainSeed), trainSamples, trainSeed, cache);
                model = train(o, sims, dir.resolve("model-sim" + trainSamples + "-" + preset + "-seed" + seed), cache);
            }
            Path predictions = dir.resolve("sim-to-real.csv");
            step(o, "predict every real run with the simulated model", "predict", "--model", model.toString(), "--data",
                    real.toString(), "--out", predictions.toString(), "--cache", cache.toString(), "--quiet");
            rows.add(score("simulated -> real", predictions, Dataset.open(real)));
        }
        o.printf(Locale.ROOT, "%ntransfer (aggregated and per-label log loss; prior: each label's frequency in the "
                + "scored runs)%n%-20s %8s %8s", "direction", "loss", "prior");
        for (Label l : Label.all()) {
            o.printf(Locale.ROOT, " %9.9s", l.columnName());
        }
        o.println();
        for (String[] r : rows) {
            o.println(String.join(" ", r));
        }
        o.flush();
        return 0;
    }

    private Path simulate(PrintWriter o, Path out, int samples, long simulationSeed, Path cache) {
        step(o, "simulate " + samples + " runs (seed " + simulationSeed + ")", "simulate", "--out", out.toString(),
                "--samples", Integer.toString(samples), "--seed", Long.toString(simulationSeed), "--force", "--quiet");
        return out;
    }

    private Path train(PrintWriter o, Path data, Path out, Path cache) {
        step(o, "train a " + preset + " model on " + data.getFileName(), "train", "--data", data.toString(), "--out",
                out.toString(), "--preset", preset, "--seed", Long.toString(seed), "--cache", cache.toString(),
                "--quiet", "--force");
        return out;
    }

    /** Every labelled run of the dataset must have a prediction (predict writes one per run or fails). */
    private static String[] score(String name, Path predictions, Dataset data) {
        PredictionTable p = PredictionTable.read(predictions);
        java.util.Map<String, int[]> truth = new java.util.HashMap<>();
        data.labelled().forEach(s -> truth.put(s.sampleId(), data.labelsOf(s).orElseThrow()));
        if (truth.size() != p.ids().size()) {
            throw new IllegalStateException(predictions + " has " + p.ids().size() + " predictions for the "
                    + truth.size() + " labelled runs of " + data.root());
        }
        int[][] y = new int[p.ids().size()][];
        for (int i = 0; i < y.length; i++) {
            String id = p.ids().get(i);
            y[i] = truth.get(id);
            if (y[i] == null) {
                throw new IllegalStateException(data.root() + " has no labels for the predicted run " + id);
            }
        }
        double loss = LogLoss.aggregated(y, p.probabilities());
        double prior = LogLoss.aggregated(y, LogLoss.priorPredictions(y, y.length));
        double[] per = LogLoss.perLabel(y, p.probabilities());
        StringBuilder sb = new StringBuilder();
        for (double v : per) {
            sb.append(String.format(Locale.ROOT, " %9.4f", v));
        }
        return new String[] {String.format(Locale.ROOT, "%-20s %8.4f %8.4f%s", name, loss, prior, sb)};
    }

    private void step(PrintWriter o, String title, String... args) {
        o.printf(Locale.ROOT, "   (%.1f s)%n", CommandSteps.run(spec, o, "bench transfer", title, args));
    }
}
