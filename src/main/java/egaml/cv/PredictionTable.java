package egaml.cv;

import egaml.core.EgamlDataException;
import egaml.core.Label;

import java.io.BufferedReader;
import java.io.IOException;
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
 * A predictions CSV: {@code sample_id} and the ten label probabilities (any column order; extra columns are
 * an error so that a misspelled label cannot be silently ignored).
 */
public record PredictionTable(Path file, List<String> ids, double[][] probabilities) {

    /** The CSV text: sample_id and the ten label probabilities (6 decimals), in the challenge's column order. */
    public static String csv(List<String> ids, double[][] p) {
        StringBuilder sb = new StringBuilder("sample_id," + String.join(",", Label.columnNames()) + "\n");
        for (int i = 0; i < ids.size(); i++) {
            sb.append(ids.get(i));
            for (double v : p[i]) {
                sb.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Several models' probabilities in one long CSV: {@code model,sample_id} and the ten labels (9 significant
     * digits), one block of rows per model in the map's order.
     */
    public static String csvByModel(List<String> ids, Map<String, double[][]> byModel) {
        StringBuilder sb = new StringBuilder("model,sample_id," + String.join(",", Label.columnNames()) + "\n");
        for (Map.Entry<String, double[][]> e : byModel.entrySet()) {
            for (int i = 0; i < ids.size(); i++) {
                sb.append(e.getKey()).append(',').append(ids.get(i));
                for (double v : e.getValue()[i]) {
                    sb.append(',').append(String.format(Locale.ROOT, "%.9g", v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public static PredictionTable read(Path file) {
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new EgamlDataException(file, 0, "file is empty: expected a header sample_id," + String.join(",", Label.columnNames()));
            }
            String[] names = header.replace("\uFEFF", "").split(",", -1);
            if (!names[0].strip().equals("sample_id")) {
                throw new EgamlDataException(file, 1, "the first column must be sample_id, found '" + names[0] + "'");
            }
            int[] column = new int[Label.COUNT];
            java.util.Arrays.fill(column, -1);
            for (int c = 1; c < names.length; c++) {
                String name = names[c];
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
            String text;
            long line = 1;
            while ((text = r.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] f = text.split(",", -1);
                if (f.length != names.length) {
                    throw new EgamlDataException(file, line, "expected " + names.length + " fields, found " + f.length);
                }
                String id = f[0].strip();
                Long before = seen.put(id, line);
                if (before != null) {
                    throw new EgamlDataException(file, line, "sample_id '" + id + "' appears twice (also line " + before + ")");
                }
                double[] p = new double[Label.COUNT];
                for (Label l : Label.all()) {
                    String v = f[column[l.ordinal()]].strip();
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
