package egaml.ingest;

import egaml.core.EgamlDataException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads cleaned runs: reads the file once, looks the content up in the cache, and parses only on a
 * miss. Verifies the MD5 of the uncompressed content when one is expected. Thread-safe.
 */
public final class RunLoader {
    private final IngestConfig config;
    private final RunCache cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicBoolean cacheWriteWarned = new AtomicBoolean();

    /** @param cache the cache, or null to parse every time */
    public RunLoader(IngestConfig config, RunCache cache) {
        this.config = config;
        this.cache = cache;
    }

    public IngestConfig config() {
        return config;
    }

    /** Loads a run without a known MD5. */
    public CleanRun load(String sampleId, Path file) {
        return load(sampleId, file, null, null);
    }

    /**
     * Loads a run.
     *
     * @param expectedMd5 the MD5 of the uncompressed content from the dataset's metadata, or null
     * @param md5Source   where the expected MD5 comes from, for the error message (e.g. "metadata.csv line 12")
     */
    public CleanRun load(String sampleId, Path file, String expectedMd5, String md5Source) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EgamlDataException(file, 0, "file not found");
        } catch (IOException e) {
            throw new EgamlDataException(file, 0, "cannot read file: " + e, e);
        }
        boolean needMd5 = expectedMd5 != null;
        String key = null;
        CleanRun run = null;
        if (cache != null) {
            key = RunCache.keyOf(content, config);
            run = cache.get(key, sampleId, config.channelLimit());
            if (run != null && needMd5 && run.summary().md5() == null) {
                run = null; // cached without a hash; parse again to verify it
            }
        }
        if (run != null) {
            hits.incrementAndGet();
        } else {
            misses.incrementAndGet();
            CleanRunBuilder builder = new CleanRunBuilder(config);
            RunParser.Result parsed = RunParser.parse(file, new ByteArrayInputStream(content), builder, needMd5);
            run = builder.build(sampleId, parsed);
            if (cache != null) {
                try {
                    cache.put(key, run);
                } catch (IOException | UncheckedIOException e) {
                    if (cacheWriteWarned.compareAndSet(false, true)) {
                        System.err.println("egaml: warning: cannot write the cache in " + cache.dir() + " (" + e
                                + "); continuing without caching");
                    }
                }
            }
        }
        if (needMd5 && !expectedMd5.strip().equalsIgnoreCase(run.summary().md5())) {
            throw new EgamlDataException(file, 0, String.format(Locale.ROOT,
                    "MD5 of the uncompressed content is %s but %s expects %s: the file changed or is damaged",
                    run.summary().md5(), md5Source == null ? "the metadata" : md5Source, expectedMd5.strip()));
        }
        return run;
    }

    public long cacheHits() {
        return hits.get();
    }

    public long cacheMisses() {
        return misses.get();
    }
}
