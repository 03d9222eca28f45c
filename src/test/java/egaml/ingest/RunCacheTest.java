package egaml.ingest;

import egaml.TestData;
import egaml.core.EgamlDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunCacheTest {
    @TempDir
    Path dir;

    private static String run(double scale) {
        StringBuilder sb = new StringBuilder("time,temp,m/z,abundance\n");
        for (int scan = 0; scan < 30; scan++) {
            for (int mz = 0; mz < 12; mz++) {
                sb.append(scan * 5.2).append(',').append(30 + scan * 3.1).append(',').append(mz).append(".0,")
                        .append(scale * (mz + 1) * Math.exp(-Math.pow(scan - 15, 2) / 20.0)).append('\n');
            }
        }
        return sb.toString();
    }

    private static void assertSameRun(CleanRun a, CleanRun b) {
        assertThat(b.summary()).isEqualTo(a.summary());
        for (int mz = 0; mz < a.channelLimit(); mz++) {
            if (a.channel(mz) == null) {
                assertThat(b.channel(mz)).isNull();
            } else {
                assertThat(b.channel(mz).time()).containsExactly(a.channel(mz).time());
                assertThat(b.channel(mz).temp()).containsExactly(a.channel(mz).temp());
                assertThat(b.channel(mz).abundance()).containsExactly(a.channel(mz).abundance());
            }
        }
    }

    @Test
    void secondLoadComesFromTheCacheAndIsIdentical() throws IOException {
        Path f = TestData.writeGzip(dir, "r.csv.gz", run(1e-10));
        RunCache cache = new RunCache(dir.resolve("cache"));
        RunLoader loader = new RunLoader(IngestConfig.defaults(), cache);
        CleanRun first = loader.load("r", f);
        CleanRun second = loader.load("r", f);
        assertThat(loader.cacheMisses()).isEqualTo(1);
        assertThat(loader.cacheHits()).isEqualTo(1);
        assertSameRun(first, second);
        assertSameRun(first, new RunLoader(IngestConfig.defaults(), null).load("r", f));
        assertThat(cache.stats()[0]).isEqualTo(1);
    }

    @Test
    void changedContentOrSettingsMissTheCache() throws IOException {
        Path f = TestData.writeGzip(dir, "r.csv.gz", run(1e-10));
        RunCache cache = new RunCache(dir.resolve("cache"));
        RunLoader loader = new RunLoader(IngestConfig.defaults(), cache);
        loader.load("r", f);
        TestData.writeGzip(dir, "r.csv.gz", run(2e-10));
        CleanRun changed = loader.load("r", f);
        assertThat(loader.cacheMisses()).isEqualTo(2);
        assertThat(changed.channel(0).abundance()[15]).isEqualTo(2e-10);
        RunLoader other = new RunLoader(IngestConfig.defaults().withKeepHelium(true), cache);
        other.load("r", f);
        assertThat(other.cacheMisses()).isEqualTo(1);
    }

    @Test
    void damagedEntryIsIgnoredAndRewritten() throws IOException {
        Path f = TestData.writeGzip(dir, "r.csv.gz", run(1e-10));
        RunCache cache = new RunCache(dir.resolve("cache"));
        CleanRun good = new RunLoader(IngestConfig.defaults(), cache).load("r", f);
        try (Stream<Path> s = Files.list(dir.resolve("cache/runs"))) {
            Path entry = s.findFirst().orElseThrow();
            Files.write(entry, new byte[] {1, 2, 3});
        }
        RunLoader loader = new RunLoader(IngestConfig.defaults(), cache);
        assertSameRun(good, loader.load("r", f));
        assertThat(loader.cacheMisses()).isEqualTo(1);
        assertSameRun(good, loader.load("r", f));
        assertThat(loader.cacheHits()).isEqualTo(1);
    }

    @Test
    void md5MismatchIsADataErrorAndAMatchingHashIsVerifiedEvenWhenCachedWithoutOne() throws IOException {
        String content = run(1e-10);
        Path f = TestData.writeGzip(dir, "r.csv.gz", content);
        RunCache cache = new RunCache(dir.resolve("cache"));
        new RunLoader(IngestConfig.defaults(), cache).load("r", f); // cached without a hash
        String md5 = java.util.HexFormat.of().formatHex(RunParser.md5().digest(content.getBytes()));
        RunLoader loader = new RunLoader(IngestConfig.defaults(), cache);
        assertThat(loader.load("r", f, md5, "metadata.csv:2").summary().md5()).isEqualTo(md5);
        assertThat(loader.cacheMisses()).isEqualTo(1);
        assertThatThrownBy(() -> loader.load("r", f, "0123456789abcdef0123456789abcdef", "metadata.csv:2"))
                .isInstanceOf(EgamlDataException.class)
                .hasMessageStartingWith(f + ": MD5 of the uncompressed content is " + md5)
                .hasMessageContaining("metadata.csv:2 expects 0123456789abcdef0123456789abcdef");
    }
}
