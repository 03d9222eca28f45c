package egaml.ingest;

import egaml.core.EgamlDataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reader for the small tables of a dataset (metadata, labels): a header row and RFC 4180 records (Apache Commons
 * CSV), with the line of each record for messages. Not for the large run files (see {@link RunParser}).
 */
final class SimpleCsv {
    record Row(long line, List<String> fields) {
    }

    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Row> rows;

    private SimpleCsv(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
    }

    static SimpleCsv read(Path file) {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (java.io.Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(r, egaml.core.CsvFiles.READ)) {
            var records = parser.iterator();
            while (true) {
                org.apache.commons.csv.CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (java.io.UncheckedIOException e) {
                    throw new EgamlDataException(file, parser.getCurrentLineNumber() + 1, "not valid CSV (an unterminated "
                            + "quoted field?): " + e.getCause().getMessage(), e);
                }
                long line = parser.getCurrentLineNumber();
                List<String> fields = new ArrayList<>(record.toList());
                if (header == null) {
                    if (!fields.isEmpty() && fields.get(0).startsWith("\uFEFF")) {
                        fields.set(0, fields.get(0).substring(1));
                    }
                    header = fields;
                } else {
                    if (fields.size() != header.size()) {
                        throw new EgamlDataException(file, line, "expected " + header.size()
                                + " fields as in the header, found " + fields.size());
                    }
                    rows.add(new Row(line, fields));
                }
            }
        } catch (NoSuchFileException e) {
            throw new EgamlDataException(file, 0, "file not found");
        } catch (IOException e) {
            throw new EgamlDataException(file, 0, "cannot read file: " + e, e);
        }
        if (header == null) {
            throw new EgamlDataException(file, 0, "file is empty: expected a header row");
        }
        return new SimpleCsv(file, header, rows);
    }

    Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    /** Column index; a missing column is a data error on line 1. */
    int require(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new EgamlDataException(file, 1, "missing column '" + column + "' in header " + header);
        }
        return i;
    }

    int indexOf(String column) {
        Integer i = index.get(column);
        return i == null ? -1 : i;
    }
}
