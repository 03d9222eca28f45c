package egaml.core;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * The one CSV dialect egaml writes and reads for its tables (predictions, labels, metadata, features, failures): RFC
 * 4180 through Apache Commons CSV, so a field with a comma, a quote or a line break is quoted, and non-ASCII text is
 * UTF-8. Numbers are written with {@link #number}, which reads back to the same double.
 */
public final class CsvFiles {
    /** Writing: RFC 4180 with "\n" line ends. */
    public static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    /** Reading: RFC 4180, surrounding spaces of unquoted fields ignored, blank lines skipped. */
    public static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true).get();

    private CsvFiles() {
    }

    /** A printer on a UTF-8 stream (flushed, not closed, by the caller's try-with-resources on the stream). */
    public static CSVPrinter printer(OutputStream out) throws IOException {
        return new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), WRITE);
    }

    /** The shortest text that reads back to the same double (Java's {@link Double#toString}). */
    public static String number(double v) {
        return Double.toString(v);
    }
}
