package egaml.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ten mineral and compound families egaml predicts, in the fixed order used by every file
 * egaml reads or writes (the order of the Mars Spectrometry challenge's submission format).
 * This enum is the single definition of the label names; nothing else in the code spells them.
 */
public enum Label {
    BASALT,
    CARBONATE,
    CHLORIDE,
    IRON_OXIDE,
    OXALATE,
    OXYCHLORINE,
    PHYLLOSILICATE,
    SILICATE,
    SULFATE,
    SULFIDE;

    /** Number of labels (10). */
    public static final int COUNT = values().length;

    private static final List<Label> ALL = List.of(values());
    private static final List<String> NAMES =
            Arrays.stream(values()).map(Label::columnName).toList();

    /** The column name used in CSV files, e.g. {@code iron_oxide}. */
    public String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All labels in file order. */
    public static List<Label> all() {
        return ALL;
    }

    /** All column names in file order. */
    public static List<String> columnNames() {
        return NAMES;
    }

    /** The label with this column name, if any (case-insensitive, surrounding spaces ignored). */
    public static Optional<Label> fromColumnName(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (Label label : ALL) {
            if (label.columnName().equals(key)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }
}
