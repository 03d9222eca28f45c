package egaml.ingest;

import egaml.core.EgamlDataException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streaming reader of one EGA-MS run: a CSV with the header {@code time,temp,m/z,abundance},
 * plain or gzip-compressed (detected from the content, not the file name).
 *
 * <p>The reader works on bytes: it finds line and field boundaries itself and converts each field
 * with fastdoubleparser, with no per-line String, regex or split. Every problem is reported as an
 * {@link EgamlDataException} naming the file, the line and the problem; no row is skipped.
 */
public final class RunParser {
    /** The required header. */
    public static final String HEADER = "time,temp,m/z,abundance";
    static final String[] COLUMNS = {"time", "temp", "m/z", "abundance"};
    /** Lowest physically possible temperature in degrees C (absolute zero). */
    public static final double ABSOLUTE_ZERO_C = -273.15;

    private static final int BUFFER_SIZE = 1 << 17;

    private RunParser() {
    }

    /**
     * What a parse found besides the rows.
     *
     * @param bytes uncompressed size of the content
     * @param md5   hex MD5 of the uncompressed content, or null when not computed
     */
    public record Result(long bytes, String md5) {
    }

    /**
     * Reads a run, passing each row to the sink.
     *
     * @param computeMd5 whether to compute the MD5 of the uncompressed content
     */
    public static Result parse(Path file, RowSink sink, boolean computeMd5) {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new EgamlDataException(file, 0, "file not found");
        } catch (IOException e) {
            throw new EgamlDataException(file, 0, "cannot open file: " + e, e);
        }
        return parse(file, raw, sink, computeMd5);
    }

    /**
     * Reads a run from a stream of the file's bytes (closed on return); {@code file} names it in errors.
     */
    public static Result parse(Path file, InputStream content, RowSink sink, boolean computeMd5) {
        Scanner scanner = new Scanner(file, sink);
        try (InputStream raw = content) {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_SIZE);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gzip ? new GZIPInputStream(buffered, BUFFER_SIZE) : buffered;
            MessageDigest md5 = computeMd5 ? md5() : null;
            if (md5 != null) {
                in = new DigestInputStream(in, md5);
            }
            scanner.scan(in);
            return new Result(scanner.bytes, md5 == null ? null : HexFormat.of().formatHex(md5.digest()));
        } catch (EOFException e) {
            throw new EgamlDataException(file, scanner.line + 1,
                    "truncated or corrupt gzip data: the compressed stream ends early (after line "
                            + scanner.line + ")", e);
        } catch (ZipException e) {
            throw new EgamlDataException(file, scanner.line + 1,
                    "corrupt gzip data after line " + scanner.line + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EgamlDataException(file, scanner.line, "cannot read file: " + e, e);
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    }

    /** Per-file parsing state. */
    private static final class Scanner {
        private final Path file;
        private final RowSink sink;
        /** Number of the last complete line handled (1 = header). */
        long line;
        long rows;
        long bytes;

        Scanner(Path file, RowSink sink) {
            this.file = file;
            this.sink = sink;
        }

        void scan(InputStream in) throws IOException {
            byte[] buf = new byte[BUFFER_SIZE];
            int start = 0;
            int end = 0;
            boolean eof = false;
            int[] commas = new int[3];
            while (true) {
                // one pass over the next line: the first three commas, then the newline
                int found = 0;
                int extraCommas = 0;
                int nl = -1;
                for (int i = start; i < end; i++) {
                    byte c = buf[i];
                    if (c == ',') {
                        if (found < 3) {
                            commas[found++] = i;
                        } else {
                            extraCommas++;
                        }
                    } else if (c == '\n') {
                        nl = i;
                        break;
                    }
                }
                if (nl < 0) {
                    if (eof) {
                        if (start < end) { // last line without a newline
                            int lastEnd = buf[end - 1] == '\r' ? end - 1 : end;
                            handleLine(buf, start, lastEnd, commas, found, extraCommas);
                            start = end;
                        }
                        break;
                    }
                    // compact, grow if one line fills the buffer, and read more
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                        prevTimeFrom = -1; // the remembered fields moved
                        prevTempFrom = -1;
                    }
                    if (end == buf.length) {
                        if (buf.length >= (1 << 24)) {
                            throw new EgamlDataException(file, line + 1, "line longer than 16 MB: not a run CSV");
                        }
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                        prevTimeFrom = -1;
                        prevTempFrom = -1;
                    }
                    int n = in.read(buf, end, buf.length - end);
                    if (n < 0) {
                        eof = true;
                    } else {
                        end += n;
                        bytes += n;
                    }
                    continue;
                }
                int lineEnd = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
                handleLine(buf, start, lineEnd, commas, found, extraCommas);
                start = nl + 1;
            }
            if (!headerSeen) {
                throw new EgamlDataException(file, 0, "file is empty: expected the header '" + HEADER + "'");
            }
            if (rows == 0) {
                throw new EgamlDataException(file, 1, "no data rows after the header");
            }
        }

        // The time and temperature of a full scan repeat on every row of the scan: when a field's
        // bytes equal the previous row's, its value is reused instead of converted again.
        private int prevTimeFrom = -1;
        private int prevTimeTo;
        private double prevTime;
        private int prevTempFrom = -1;
        private int prevTempTo;
        private double prevTemp;
        private boolean headerSeen;

        private void handleLine(byte[] b, int from, int to, int[] commas, int found, int extraCommas) {
            line++;
            if (!headerSeen) {
                checkHeader(b, from, to);
                headerSeen = true;
                return;
            }
            if (from == to) {
                throw new EgamlDataException(file, line, "empty line where a data row was expected");
            }
            if (found != 3 || extraCommas > 0) {
                throw new EgamlDataException(file, line,
                        "expected 4 comma-separated fields (time,temp,m/z,abundance), found " + (found + extraCommas + 1));
            }
            int c1 = commas[0];
            int c2 = commas[1];
            int c3 = commas[2];
            double time;
            if (prevTimeFrom >= 0 && java.util.Arrays.equals(b, from, c1, b, prevTimeFrom, prevTimeTo)) {
                time = prevTime;
            } else {
                time = number(b, from, c1, 0);
            }
            prevTimeFrom = from;
            prevTimeTo = c1;
            prevTime = time;
            double temp;
            if (prevTempFrom >= 0 && java.util.Arrays.equals(b, c1 + 1, c2, b, prevTempFrom, prevTempTo)) {
                temp = prevTemp;
            } else {
                temp = number(b, c1 + 1, c2, 1);
            }
            prevTempFrom = c1 + 1;
            prevTempTo = c2;
            prevTemp = temp;
            double mz = number(b, c2 + 1, c3, 2);
            double abundance = number(b, c3 + 1, to, 3);
            if (temp < ABSOLUTE_ZERO_C) {
                throw new EgamlDataException(file, line,
                        "temperature " + temp + " C is below absolute zero (-273.15 C)");
            }
            if (mz < 0) {
                throw new EgamlDataException(file, line, "m/z " + mz + " is negative");
            }
            sink.row(line, time, temp, mz, abundance);
            rows++;
        }

        private double number(byte[] b, int from, int to, int column) {
            if (from == to) {
                throw new EgamlDataException(file, line, "column '" + COLUMNS[column] + "' is empty");
            }
            double value;
            try {
                value = DecimalParser.parse(b, from, to);
            } catch (NumberFormatException e) {
                throw new EgamlDataException(file, line, "column '" + COLUMNS[column]
                        + "' is not a number: '" + text(b, from, to) + "'");
            }
            if (!Double.isFinite(value)) {
                throw new EgamlDataException(file, line, "column '" + COLUMNS[column]
                        + "' is not a finite number: '" + text(b, from, to) + "'");
            }
            return value;
        }

        private void checkHeader(byte[] b, int from, int to) {
            // tolerate a UTF-8 byte order mark, surrounding spaces and letter case
            if (to - from >= 3 && (b[from] & 0xff) == 0xEF && (b[from + 1] & 0xff) == 0xBB
                    && (b[from + 2] & 0xff) == 0xBF) {
                from += 3;
            }
            String found = text(b, from, to);
            String[] names = found.split(",", -1);
            StringBuilder normal = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    normal.append(',');
                }
                normal.append(names[i].strip().toLowerCase(java.util.Locale.ROOT));
            }
            if (!normal.toString().equals(HEADER)) {
                String what = names.length != COLUMNS.length
                        ? "expected the header '" + HEADER + "' (4 columns), found " + names.length + " column(s): '"
                        : "expected the header '" + HEADER + "', found '";
                throw new EgamlDataException(file, line, what + abbreviate(found) + "'");
            }
        }

        private static int countFields(byte[] b, int from, int to) {
            int n = 1;
            for (int i = from; i < to; i++) {
                if (b[i] == ',') {
                    n++;
                }
            }
            return n;
        }

        private static String text(byte[] b, int from, int to) {
            return abbreviate(new String(b, from, Math.min(to - from, 200), StandardCharsets.UTF_8));
        }

        private static String abbreviate(String s) {
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        }
    }
}
