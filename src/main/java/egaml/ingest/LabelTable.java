package egaml.ingest;

import egaml.core.EgamlDataException;
import egaml.core.Label;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The 0/1 labels of a split: {@code sample_id} and the ten label columns (any column order). */
public final class LabelTable {
    private final Path file;
    private final Map<String, int[]> labels;

    private LabelTable(Path file, Map<String, int[]> labels) {
        this.file = file;
        this.labels = labels;
    }

    public static LabelTable read(Path file) {
        SimpleCsv csv = SimpleCsv.read(file);
        int idColumn = csv.require("sample_id");
        int[] columns = new int[Label.COUNT];
        for (Label label : Label.all()) {
            columns[label.ordinal()] = csv.require(label.columnName());
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        for (SimpleCsv.Row row : csv.rows()) {
            String id = row.fields().get(idColumn);
            if (id.isEmpty()) {
                throw new EgamlDataException(file, row.line(), "empty sample_id");
            }
            int[] y = new int[Label.COUNT];
            for (Label label : Label.all()) {
                String v = row.fields().get(columns[label.ordinal()]);
                y[label.ordinal()] = switch (v) {
                    case "0", "0.0" -> 0;
                    case "1", "1.0" -> 1;
                    default -> throw new EgamlDataException(file, row.line(),
                            "label '" + label.columnName() + "' must be 0 or 1, found '" + v + "'");
                };
            }
            if (out.put(id, y) != null) {
                throw new EgamlDataException(file, row.line(), "sample_id '" + id + "' appears twice");
            }
        }
        return new LabelTable(file, Collections.unmodifiableMap(out));
    }

    public Path file() {
        return file;
    }

    public Optional<int[]> get(String sampleId) {
        int[] y = labels.get(sampleId);
        return y == null ? Optional.empty() : Optional.of(y.clone());
    }

    public int size() {
        return labels.size();
    }

    public Map<String, int[]> asMap() {
        return labels;
    }
}
