package egaml.ingest;

import egaml.core.InstrumentType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A folder of compact binary files, one per cleaned run, keyed by the run file's content
 * (CRC-32C and CRC-32 of its bytes, and its length) and the ingest settings. A changed input or
 * changed settings give another key, so stale entries are never read; they can be deleted with
 * {@code egaml cache clear} or by removing the folder.
 *
 * <p>Entries are written atomically (temporary file, then rename). A damaged entry is ignored and
 * rewritten. Thread-safe: entries are independent files.
 */
public final class RunCache {
    /** Changes whenever the binary layout or the cleaning code's output changes. */
    static final int FORMAT_VERSION = 1;
    private static final long MAGIC = 0x4E5552_4C4D414745L; // "EGAMLRUN" little-endian
    private static final String SUFFIX = ".run";

    private final Path dir;

    public RunCache(Path dir) {
        this.dir = dir;
    }

    /** The default cache folder: $EGAML_CACHE, else $XDG_CACHE_HOME/egaml, else ~/.cache/egaml. */
    public static Path defaultDir() {
        String explicit = System.getenv("EGAML_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("egaml");
    }

    public Path dir() {
        return dir;
    }

    /** The cache key of a run file's bytes under the given settings. */
    public static String keyOf(byte[] content, IngestConfig config) {
        CRC32C c1 = new CRC32C();
        c1.update(content);
        CRC32 c2 = new CRC32();
        c2.update(content);
        CRC32C settings = new CRC32C();
        settings.update((config.fingerprint() + ";v" + FORMAT_VERSION).getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x%08x-%x-%08x", c1.getValue(), c2.getValue(), content.length,
                settings.getValue());
    }

    private Path fileOf(String key) {
        return dir.resolve("runs").resolve(key + SUFFIX);
    }

    /** The cached run for this key, or null when absent or unreadable. */
    public CleanRun get(String key, String sampleId, int channelLimit) {
        Path file = fileOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        try {
            return decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), sampleId, channelLimit);
        } catch (RuntimeException e) {
            return null; // damaged or foreign entry: treated as a miss and rewritten
        }
    }

    /** Stores a run; failures to write are reported to the caller as IOException. */
    public void put(String key, CleanRun run) throws IOException {
        Path file = fileOf(key);
        Files.createDirectories(file.getParent());
        ByteBuffer buf = encode(run);
        Path tmp = Files.createTempFile(file.getParent(), key, ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Number of entries and their total size in bytes. */
    public long[] stats() throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return new long[] {0, 0};
        }
        long n = 0;
        long bytes = 0;
        try (var stream = Files.list(runs)) {
            for (Path p : (Iterable<Path>) stream::iterator) {
                if (p.getFileName().toString().endsWith(SUFFIX)) {
                    n++;
                    bytes += Files.size(p);
                }
            }
        }
        return new long[] {n, bytes};
    }

    /** Deletes every entry; returns how many were deleted. */
    public long clear() throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        long n = 0;
        try (var stream = Files.list(runs)) {
            for (Path p : (Iterable<Path>) stream::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX) || name.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        }
        return n;
    }

    /** A cleaned run as the cache's bytes (also how a Spark training sends cleaned runs to its executors). */
    public static ByteBuffer encode(CleanRun run) {
        RunSummary s = run.summary();
        byte[] md5 = s.md5() == null ? new byte[0] : s.md5().getBytes(StandardCharsets.US_ASCII);
        long size = 8 + 4 + 4 + 8 + 8 * 4 + 4 + 8 + 8 * 2 + 8 + 8 * 7 + 4 + 4L * s.sparseChannels().size() + 4 + 4 + md5.length + 4;
        ChannelSeries[] channels = run.channels();
        for (int i = 0; i < channels.length; i++) {
            ChannelSeries c = channels[i];
            if (c != null) {
                size += 12 + 8L * c.size() + (sharedWith(channels, i) < 0 ? 8L * c.size() : 0);
            }
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("run too large to cache: " + size + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(MAGIC).putInt(FORMAT_VERSION).putInt(channels.length).putLong(s.bytes());
        b.putDouble(s.timeMin()).putDouble(s.timeMax()).putDouble(s.tempMin()).putDouble(s.tempMax());
        b.putInt(s.distinctMz()).putDouble(s.mzMax());
        b.putLong(s.rows()).putLong(s.fractionalRows());
        b.putDouble(s.abundanceMax());
        b.putLong(s.negativeRows()).putLong(s.sharedTimeRows()).putLong(s.tempDecreases())
                .putLong(s.excludedFractional()).putLong(s.excludedAboveLimit()).putLong(s.excludedHelium());
        b.putLong(s.excludedSparse());
        b.putInt(s.sparseChannels().size());
        for (int mz : s.sparseChannels()) {
            b.putInt(mz);
        }
        b.putInt(s.detectedType().ordinal());
        b.putInt(md5.length).put(md5);
        int present = 0;
        for (ChannelSeries c : channels) {
            if (c != null) {
                present++;
            }
        }
        b.putInt(present);
        for (int i = 0; i < channels.length; i++) {
            ChannelSeries c = channels[i];
            if (c == null) {
                continue;
            }
            int shared = sharedWith(channels, i);
            b.putInt(c.mz()).putInt(c.size()).putInt(shared);
            if (shared < 0) {
                b.asFloatBuffer().put(c.time());
                b.position(b.position() + 4 * c.size());
                b.asFloatBuffer().put(c.temp());
                b.position(b.position() + 4 * c.size());
            }
            b.asDoubleBuffer().put(c.abundance());
            b.position(b.position() + 8 * c.size());
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException("cache encoding size mismatch");
        }
        b.flip();
        return b;
    }

    /** Index of an earlier channel whose time and temperature arrays this channel shares, or -1. */
    private static int sharedWith(ChannelSeries[] channels, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (channels[j] != null) {
                return channels[j].time() == channels[i].time() && channels[j].temp() == channels[i].temp() ? j : -1;
            }
        }
        return -1;
    }

    /** The run {@link #encode} wrote; an entry of another version or channel limit is an IllegalStateException. */
    public static CleanRun decode(ByteBuffer b, String sampleId, int channelLimit) {
        if (b.getLong() != MAGIC || b.getInt() != FORMAT_VERSION) {
            throw new IllegalStateException("not an egaml run cache entry of this version");
        }
        int limit = b.getInt();
        if (limit != channelLimit) {
            throw new IllegalStateException("channel limit differs");
        }
        long bytes = b.getLong();
        double timeMin = b.getDouble();
        double timeMax = b.getDouble();
        double tempMin = b.getDouble();
        double tempMax = b.getDouble();
        int distinctMz = b.getInt();
        double mzMax = b.getDouble();
        long rows = b.getLong();
        long fractionalRows = b.getLong();
        double abundanceMax = b.getDouble();
        long negativeRows = b.getLong();
        long sharedTimeRows = b.getLong();
        long tempDecreases = b.getLong();
        long exFrac = b.getLong();
        long exAbove = b.getLong();
        long exHe = b.getLong();
        long exSparse = b.getLong();
        int nSparse = b.getInt();
        List<Integer> sparse = new ArrayList<>(nSparse);
        for (int i = 0; i < nSparse; i++) {
            sparse.add(b.getInt());
        }
        InstrumentType type = InstrumentType.values()[b.getInt()];
        byte[] md5 = new byte[b.getInt()];
        b.get(md5);
        RunSummary summary = new RunSummary(bytes, rows, timeMin, timeMax, tempMin, tempMax, distinctMz, mzMax,
                fractionalRows, negativeRows, abundanceMax, sharedTimeRows, tempDecreases, exFrac, exAbove, exHe,
                exSparse, sparse, type, md5.length == 0 ? null : new String(md5, StandardCharsets.US_ASCII));
        ChannelSeries[] channels = new ChannelSeries[limit];
        int present = b.getInt();
        for (int k = 0; k < present; k++) {
            int mz = b.getInt();
            int n = b.getInt();
            int shared = b.getInt();
            float[] time;
            float[] temp;
            if (shared >= 0) {
                time = channels[shared].time();
                temp = channels[shared].temp();
            } else {
                time = new float[n];
                temp = new float[n];
                b.asFloatBuffer().get(time);
                b.position(b.position() + 4 * n);
                b.asFloatBuffer().get(temp);
                b.position(b.position() + 4 * n);
            }
            double[] abundance = new double[n];
            b.asDoubleBuffer().get(abundance);
            b.position(b.position() + 8 * n);
            channels[mz] = new ChannelSeries(mz, time, temp, abundance);
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException("trailing bytes in cache entry");
        }
        return new CleanRun(sampleId, summary, channels);
    }
}
