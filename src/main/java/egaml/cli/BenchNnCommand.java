package egaml.cli;

import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.nn.NnActivation;
import egaml.nn.NnConfig;
import egaml.nn.NnInputs;
import egaml.nn.NnModelTrainer;
import egaml.nn.NnPreset;
import egaml.nn.NnThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml bench nn}: training speed of the network. */
@Command(name = "nn", mixinStandardHelpOptions = true,
        description = {"Trains the network on every labelled sample of a dataset (batch 12, SGDP, the reference's dropouts) "
                + "and prints seconds per epoch, milliseconds per step, samples per second and peak memory.",
            "Compare with ../shared/bench/nn_peer.py (same architecture in PyTorch) run right after on the same idle machine, "
                + "with the same --scalings and --activation."})
final class BenchNnCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N", description = "Epochs to time (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--scalings", defaultValue = "3", paramLabel = "C",
            description = "Input scalings: 1 (share), 2 (max+share) or 3 (max+share+ion^0.5) (default: ${DEFAULT-VALUE}).")
    int scalings;

    @Option(names = "--activation", defaultValue = "rrelu", paramLabel = "A",
            description = "rrelu (randomized, 1/8..1/3) or leaky (0.01) (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--models-at-once", defaultValue = "1", paramLabel = "N",
            description = "Train N independent models at the same time, each with its own PyTorch threads, as cross-validation "
                    + "does; the per-epoch figure is then the wall time divided by N (default: ${DEFAULT-VALUE}).")
    int modelsAtOnce;

    @Option(names = "--torch-threads", paramLabel = "T",
            description = "PyTorch threads per model (default: the machine's cores divided by --models-at-once).")
    Integer torchThreads;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || modelsAtOnce < 1 || scalings < 1 || scalings > 3) {
            throw new IllegalArgumentException("--epochs and --models-at-once must be >= 1 and --scalings 1, 2 or 3");
        }
        PrintWriter o = spec.commandLine().getOut();
        LabelledRuns data = LabelledRuns.load(Dataset.open(this.data), ingest, null, true);
        List<CleanRun> runs = data.runs();
        int[][] y = data.y();
        NnConfig config = NnPreset.benchConfig(scalings, NnActivation.parse(activation), epochs, new SeedSequence(seed));
        long t0 = System.nanoTime();
        NnInputs inputs = NnInputs.of(runs, config, new SeedSequence(seed));
        double render = (System.nanoTime() - t0) / 1e9;
        int threads = torchThreads != null ? torchThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / modelsAtOnce);
        int[] all = new int[y.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int steps = y.length / config.batchSize();
        o.printf(Locale.ROOT, "nn bench: %d samples, %d scalings (%s), activation %s, batch %d (%d steps per epoch), "
                        + "%d model(s) at once with %d PyTorch thread(s) each; inputs rendered in %.2f s%n",
                y.length, scalings, config.scalingNames(), config.activation(), config.batchSize(), steps, modelsAtOnce, threads, render);
        HeapMeter.reset();
        long[][] epochEnds = new long[modelsAtOnce][epochs];
        long start = System.nanoTime();
        List<Integer> models = java.util.stream.IntStream.range(0, modelsAtOnce).boxed().toList();
        Parallel.map("bench-nn", modelsAtOnce, models, model -> {
            NnThreads.use(threads);
            NnModelTrainer.train(inputs, y, all, new int[0], config, seed + model,
                    (epoch, loss) -> epochEnds[model][epoch - 1] = System.nanoTime());
            return model;
        });
        double best = Double.MAX_VALUE;
        StringBuilder list = new StringBuilder();
        for (int e = 0; e < epochs; e++) {
            long end = 0;
            long begin = start;
            for (int mdl = 0; mdl < modelsAtOnce; mdl++) {
                end = Math.max(end, epochEnds[mdl][e]);
                if (e > 0) {
                    begin = Math.max(begin, epochEnds[mdl][e - 1]);
                }
            }
            double wall = (end - begin) / 1e9;
            double perModel = wall / modelsAtOnce;
            best = Math.min(best, perModel);
            list.append(String.format(Locale.ROOT, " %.2f", perModel));
        }
        o.printf(Locale.ROOT, "epoch seconds (per model):%s; best %.2f s/epoch, %.1f ms/step, %.0f samples/s%n", list, best,
                1000 * best / steps, steps * config.batchSize() / best);
        o.printf(Locale.ROOT, "peak memory: heap %.0f MB, process resident %.0f MB%n", HeapMeter.peakMb(), HeapMeter.peakRssMb());
        o.flush();
        return 0;
    }
}
