package egaml.cli;

import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunCache;
import egaml.ingest.RunLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by every command that reads runs: cache and row-filter settings. */
final class IngestOptions {
    @Option(names = "--cache", paramLabel = "DIR",
            description = "Folder of the parsed-run cache (default: $EGAML_CACHE, else $XDG_CACHE_HOME/egaml, "
                    + "else ~/.cache/egaml). Safe to delete at any time.")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Parse every run from its CSV; read and write no cache.")
    boolean noCache;

    @Option(names = "--fractional-mz", paramLabel = "MODE",
            description = "Non-integer m/z readings: drop (the reference, the default) or round (within 0.3 of an integer).")
    String fractionalMz;

    @Option(names = "--keep-helium", description = "Keep m/z 4 (helium, the carrier gas); dropped by default.")
    boolean keepHelium;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads for reading runs, training and predicting (default: the number of cores); "
                    + "results do not depend on it.")
    Integer threads;

    IngestConfig config() {
        return apply(IngestConfig.defaults());
    }

    /**
     * {@code base} (e.g. from a settings file) with the options given on the command line.
     */
    IngestConfig apply(IngestConfig base) {
        IngestConfig c = base;
        if (fractionalMz != null) {
            c = c.withFractionalMz(switch (fractionalMz.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "drop" -> IngestConfig.FractionalMz.DROP;
                case "round" -> IngestConfig.FractionalMz.ROUND;
                default -> throw new IllegalArgumentException(
                        "--fractional-mz must be drop or round, got '" + fractionalMz + "'");
            });
        }
        if (keepHelium) {
            c = c.withKeepHelium(true);
        }
        return c;
    }

    RunCache cache() {
        return noCache ? null : new RunCache(cacheDir != null ? cacheDir : RunCache.defaultDir());
    }

    RunLoader loader() {
        return loader(config());
    }

    /** A loader that cleans runs with {@code config} (e.g. a training's settings) and uses this command's cache. */
    RunLoader loader(IngestConfig config) {
        return new RunLoader(config, cache());
    }

    /** Loads every run of the dataset with a progress bar (unless quiet), collecting every failure. */
    DatasetLoader.Result loadAll(Dataset dataset, String task, boolean quiet) {
        return loadAll(dataset, config(), task, quiet);
    }

    /** As above, cleaning the runs with {@code config} (e.g. a trained model's settings). */
    DatasetLoader.Result loadAll(Dataset dataset, IngestConfig config, String task, boolean quiet) {
        RunLoader loader = loader(config);
        try (Progress progress = Progress.start(task, dataset.size(), !quiet)) {
            return DatasetLoader.load(dataset.samples(), loader, threads(), progress);
        }
    }

    int threads() {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("--threads must be between 1 and 256, got " + n);
        }
        return n;
    }
}
