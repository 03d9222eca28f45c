package egaml.cli;

import egaml.ingest.RunCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml cache info|clear}: where the parsed-run cache is and how big; empty it. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Shows (info) or empties (clear) the cache of parsed runs. The cache only saves time: "
                + "deleting it loses nothing.")
final class CacheCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "info or clear")
    String action;

    @Option(names = "--cache", paramLabel = "DIR", description = "The cache folder (default: as for every command).")
    Path cacheDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RunCache cache = new RunCache(cacheDir != null ? cacheDir : RunCache.defaultDir());
        PrintWriter out = spec.commandLine().getOut();
        switch (action.toLowerCase(Locale.ROOT)) {
            case "info" -> {
                long[] s = cache.stats();
                out.printf(Locale.ROOT, "cache %s: %d runs, %.1f MB%n", cache.dir(), s[0], s[1] / 1e6);
            }
            case "clear" -> out.printf(Locale.ROOT, "cache %s: deleted %d files%n", cache.dir(), cache.clear());
            default -> throw new IllegalArgumentException("ACTION must be info or clear, got '" + action + "'");
        }
        out.flush();
        return 0;
    }
}
