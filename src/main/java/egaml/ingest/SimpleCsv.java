package egaml.ingest;

import egaml.core.EgamlDataException;

import java.io.BufferedReader;
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
 * Reader for the small tables of a dataset (metadata, labels): a header row and comma-separated
 * fields, double quotes allowed around a field. Not for the large run files (see {@link RunParser}).
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
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = r.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                List<String> fields = split(file, line, text);
                if (header == null) {
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

    private static List<String> split(Path file, long line, String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new EgamlDataException(file, line, "unterminated quoted field");
        }
        out.add(cur.toString().strip());
        return out;
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
