package egaml.cv;

import egaml.core.CsvFiles;
import egaml.core.EgamlDataException;
import egaml.core.Label;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A predictions CSV: {@code sample_id} and the ten label probabilities (any column order when read; extra columns
 * are an error so that a misspelled label cannot be silently ignored). Written through {@link CsvFiles}: ids are
 * quoted where needed and probabilities read back to the same double.
 */
public record PredictionTable(Path file, List<String> ids, double[][] probabilities) {

    /** The header: sample_id and the labels in the challenge's column order. */
    public static List<String> header() {
        List<String> h = new ArrayList<>();
        h.add("sample_id");
        h.addAll(Label.columnNames());
        return h;
    }

    /** Writes rows one at a time (for predictions streamed in chunks). */
    public static final class RowWriter {
        private final CSVPrinter printer;

        public RowWriter(Appendable out) {
            try {
                printer = new CSVPrinter(out, CsvFiles.WRITE);
                printer.printRecord(header());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void write(String id, double[] p) throws IOException {
            List<String> row = new ArrayList<>(Label.COUNT + 1);
            row.add(id);
            for (double v : p) {
                row.add(CsvFiles.number(v));
            }
            printer.printRecord(row);
        }

        public void flush() throws IOException {
            printer.flush();
        }
    }

    /** The CSV text: sample_id and the ten label probabilities, in the challenge's column order. */
    public static String csv(List<String> ids, double[][] p) {
        StringBuilder sb = new StringBuilder();
        RowWriter w = new RowWriter(sb);
        try {
            for (int i = 0; i < ids.size(); i++) {
                w.write(ids.get(i), p[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Several models' probabilities in one long CSV: {@code model,sample_id} and the ten labels, a block per model. */
    public static String csvByModel(List<String> ids, Map<String, double[][]> byModel) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(sb, CsvFiles.WRITE)) {
            List<String> header = new ArrayList<>(List.of("model"));
            header.addAll(header());
            printer.printRecord(header);
            for (Map.Entry<String, double[][]> e : byModel.entrySet()) {
                for (int i = 0; i < ids.size(); i++) {
                    List<String> row = new ArrayList<>(List.of(e.getKey(), ids.get(i)));
                    for (double v : e.getValue()[i]) {
                        row.add(CsvFiles.number(v));
                    }
                    printer.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    public static PredictionTable read(Path file) {
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, CsvFiles.READ)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new EgamlDataException(file, 0, "file is empty: expected a header sample_id," + String.join(",", Label.columnNames()));
            }
            CSVRecord headerRecord = records.next();
            List<String> names = headerRecord.toList();
            if (!names.get(0).replace("\uFEFF", "").strip().equals("sample_id")) {
                throw new EgamlDataException(file, 1, "the first column must be sample_id, found '" + names.get(0) + "'");
            }
            int[] column = new int[Label.COUNT];
            java.util.Arrays.fill(column, -1);
            for (int c = 1; c < names.size(); c++) {
                String name = names.get(c);
                Label label = Label.fromColumnName(name).orElseThrow(() -> new EgamlDataException(file, 1,
                        "unknown column '" + name + "'; expected the labels " + Label.columnNames()));
                if (column[label.ordinal()] >= 0) {
                    throw new EgamlDataException(file, 1, "column '" + name + "' appears twice");
                }
                column[label.ordinal()] = c;
            }
            List<String> missing = new ArrayList<>();
            for (Label l : Label.all()) {
                if (column[l.ordinal()] < 0) {
                    missing.add(l.columnName());
                }
            }
            if (!missing.isEmpty()) {
                throw new EgamlDataException(file, 1, "missing label column(s) " + missing);
            }
            while (true) {
                CSVRecord f;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    f = records.next();
                } catch (UncheckedIOException e) {
                    throw new EgamlDataException(file, parser.getCurrentLineNumber(), "not valid CSV: " + e.getCause().getMessage(), e);
                }
                long line = parser.getCurrentLineNumber();
                if (f.size() != names.size()) {
                    throw new EgamlDataException(file, line, "expected " + names.size() + " fields, found " + f.size());
                }
                String id = f.get(0);
                Long before = seen.put(id, line);
                if (before != null) {
                    throw new EgamlDataException(file, line, "sample_id '" + id + "' appears twice (also line " + before + ")");
                }
                double[] p = new double[Label.COUNT];
                for (Label l : Label.all()) {
                    String v = f.get(column[l.ordinal()]).strip();
                    try {
                        p[l.ordinal()] = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new EgamlDataException(file, line, "'" + l.columnName() + "' is not a number: '" + v + "'");
                    }
                    if (!(p[l.ordinal()] >= 0 && p[l.ordinal()] <= 1)) {
                        throw new EgamlDataException(file, line, String.format(Locale.ROOT,
                                "'%s' must be a probability in [0, 1], found %s", l.columnName(), v));
                    }
                }
                ids.add(id);
                rows.add(p);
            }
        } catch (NoSuchFileException e) {
            throw new EgamlDataException(file, 0, "file not found");
        } catch (IOException e) {
            throw new EgamlDataException(file, 0, "cannot read file: " + e, e);
        }
        if (ids.isEmpty()) {
            throw new EgamlDataException(file, 0, "no prediction rows");
        }
        return new PredictionTable(file, List.copyOf(ids), rows.toArray(double[][]::new));
    }
}
