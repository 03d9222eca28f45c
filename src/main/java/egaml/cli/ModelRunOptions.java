package egaml.cli;

import egaml.ingest.IngestConfig;
import egaml.ingest.RunCache;
import egaml.ingest.RunLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Options of the commands that read runs for a trained model ({@code predict}, {@code explain}): the cache and the
 * thread count. Unlike {@link IngestOptions} there are no cleaning options: the model folder decides how runs are cleaned.
 */
final class ModelRunOptions {
    @Option(names = "--cache", paramLabel = "DIR", description = "Parsed-run cache folder (default as for every command).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Read and write no cache.")
    boolean noCache;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    /** The thread count: --threads, else the number of cores; at least 1. */
    int threads() {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        return n;
    }

    /** A loader that cleans runs as the model's {@code config} says and uses this command's cache. */
    RunLoader loader(IngestConfig config) {
        return new RunLoader(config, noCache ? null : new RunCache(cacheDir != null ? cacheDir : RunCache.defaultDir()));
    }
}
