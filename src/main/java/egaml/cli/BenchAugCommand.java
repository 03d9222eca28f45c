package egaml.cli;

import egaml.aug.AugModelTrainer;
import egaml.aug.AugSettings;
import egaml.aug.AugNetwork;
import egaml.core.Parallel;
import egaml.core.Preset;
import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.nn.NnThreads;
import egaml.render.RenderBase;
import egaml.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code egaml bench aug}: rendering throughput and training speed of the augmented-spectrogram network. */
@Command(name = "aug", mixinStandardHelpOptions = true,
        description = {"Renders every labelled run of a dataset (the per-run bins once, then random renderings) and trains "
                + "the augmented-spectrogram network on all of them (fresh renderings every step, AdamW, batch 32); "
                + "prints rendering throughput, seconds per epoch (rendering included), milliseconds per step and peak "
                + "memory.",
            "Compare with bench/aug_peer.py (the same network in PyTorch on ready-made inputs) run right after on the "
                + "same idle machine, with the same --width and --threads."})
final class BenchAugCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N", description = "Epochs to time (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--width", defaultValue = "64", paramLabel = "W", description = "Network width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--network", defaultValue = "tcnn", paramLabel = "NAME",
            description = "Network family to time: tcnn or gru (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--torch-threads", defaultValue = "1", paramLabel = "T",
            description = "PyTorch threads of the one network trained (default: ${DEFAULT-VALUE}, as in cross-validation, "
                    + "where two networks train at once).")
    int torchThreads;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (epochs < 1 || torchThreads < 1) {
            throw new IllegalArgumentException("--epochs and --torch-threads must be >= 1");
        }
        PrintWriter o = spec.commandLine().getOut();
        LabelledRuns data = LabelledRuns.load(Dataset.open(this.data), ingest, null, true);
        List<CleanRun> runs = data.runs();
        int[][] y = data.y();
        long t0 = System.nanoTime();
        List<RenderBase> bases = Parallel.map("bench-render", 1, runs, RenderBase::of);
        double prepare = (System.nanoTime() - t0) / 1e9;
        AugSettings s = AugSettings.preset(Preset.FAST).with(epochs, 1, width, 0).withNetworks(List.of(network));
        SplittableRandom rng = new SplittableRandom(seed);
        int renderings = 0;
        long r0 = System.nanoTime();
        float sink = 0;
        while (System.nanoTime() - r0 < 2_000_000_000L) {
            for (RenderBase b : bases) {
                sink += Renderer.random(b, s.render(), rng)[0];
                renderings++;
            }
        }
        double perRendering = (System.nanoTime() - r0) / 1e6 / renderings;
        o.printf(Locale.ROOT, "aug bench: %d samples; per-run bins in %.2f s (%.1f ms per run, 1 thread); a random "
                        + "rendering takes %.3f ms (%,.0f per second, 1 thread)%s%n", runs.size(), prepare,
                1000 * prepare / runs.size(), perRendering, 1000 / perRendering, sink == 12345 ? " " : "");
        int[] all = java.util.stream.IntStream.range(0, y.length).toArray();
        int steps = y.length / s.batchSize();
        long[] ends = new long[epochs];
        HeapMeter.reset();
        NnThreads.use(torchThreads);
        long start = System.nanoTime();
        AugModelTrainer.train(bases, y, all, new int[0], s, network, seed, new SeedSequence(seed),
                (epoch, loss) -> ends[epoch - 1] = System.nanoTime());
        double best = Double.MAX_VALUE;
        StringBuilder list = new StringBuilder();
        for (int e = 0; e < epochs; e++) {
            double sec = (ends[e] - (e == 0 ? start : ends[e - 1])) / 1e9;
            best = Math.min(best, sec);
            list.append(String.format(Locale.ROOT, " %.2f", sec));
        }
        AugNetwork net = AugNetwork.create(network, width, s.dropout());
        o.printf(Locale.ROOT, "%s (%,d parameters), batch %d (%d steps per epoch), %d PyTorch thread(s); "
                        + "epoch seconds:%s; best %.2f s/epoch (rendering %.2f s of it), %.1f ms/step, %.0f samples/s%n",
                net.description(), net.parameterCount(), s.batchSize(), steps, torchThreads, list, best,
                steps * s.batchSize() * (1 + s.mixProbability()) * perRendering / 1000, 1000 * best / steps,
                steps * s.batchSize() / best);
        o.printf(Locale.ROOT, "peak memory: heap %.0f MB, process resident %.0f MB%n", HeapMeter.peakMb(), HeapMeter.peakRssMb());
        o.flush();
        return 0;
    }
}
