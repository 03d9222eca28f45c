package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.RunCache;
import egaml.ingest.RunLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml bench ingest}: cold and warm ingest of a whole dataset. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Reads every run of a dataset three times and prints runs, rows, uncompressed MB, seconds, "
                + "MB/s and peak heap for each pass:",
            "  cold       parse every CSV (gzip, MD5 check where metadata.csv gives one, cleaning); no cache",
            "  fill       the same, writing a fresh cache",
            "  warm       read every run from that cache",
            "The cache of this benchmark is a temporary folder (or --cache DIR), emptied first."})
final class BenchIngestCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The dataset folder.")
    Path data;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Repeat the cold and warm passes N times (default: ${DEFAULT-VALUE}); all figures are printed.")
    int repeat;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        Dataset dataset = Dataset.open(data);
        int threads = ingest.threads();
        boolean tempCache = ingest.cacheDir == null;
        Path cacheDir = tempCache ? Files.createTempDirectory("egaml-bench-cache") : ingest.cacheDir;
        RunCache cache = new RunCache(cacheDir);
        cache.clear();
        out.printf(Locale.ROOT, "egaml %s, Java %s, %d threads, %d cores; dataset %s (%d runs)%n", EgamlCli.version(),
                System.getProperty("java.version"), threads, Runtime.getRuntime().availableProcessors(), data,
                dataset.size());
        out.printf(Locale.ROOT, "%-6s %6s %12s %10s %9s %9s %12s%n", "pass", "runs", "rows", "MB", "seconds", "MB/s",
                "peak heap MB");
        out.flush();
        try {
            for (int r = 0; r < repeat; r++) {
                pass(out, "cold", dataset, new RunLoader(ingest.config(), null), threads);
                if (r == 0) {
                    pass(out, "fill", dataset, new RunLoader(ingest.config(), cache), threads);
                }
                pass(out, "warm", dataset, new RunLoader(ingest.config(), cache), threads);
            }
            long[] stats = cache.stats();
            out.printf(Locale.ROOT, "cache: %d entries, %.1f MB in %s%n", stats[0], stats[1] / 1e6, cacheDir);
        } finally {
            if (tempCache) {
                AtomicFiles.deleteTree(cacheDir);
            }
        }
        out.flush();
        return 0;
    }

    private static void pass(PrintWriter out, String name, Dataset dataset, RunLoader loader, int threads) {
        HeapMeter.reset();
        long t0 = System.nanoTime();
        DatasetLoader.Result result = DatasetLoader.load(dataset.samples(), loader, threads, n -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<CleanRun> runs = result.requireAll();
        long rows = 0;
        long bytes = 0;
        for (CleanRun run : runs) {
            rows += run.summary().rows();
            bytes += run.summary().bytes();
        }
        double mb = bytes / 1e6;
        out.printf(Locale.ROOT, "%-6s %6d %,12d %10.1f %9.2f %9.0f %12.0f%n", name, runs.size(), rows, mb, seconds,
                mb / seconds, HeapMeter.peakMb());
        out.flush();
    }
}
