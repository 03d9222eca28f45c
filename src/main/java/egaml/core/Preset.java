package egaml.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The named training budgets; every member, the stacker and the training defaults have settings for each. */
public enum Preset {
    /** Seconds: for tests and trying a command. */
    SMOKE,
    /** Minutes. */
    FAST,
    /** The best the method gives within an hour on two cores. */
    FULL;

    @JsonCreator
    public static Preset parse(String text) {
        for (Preset p : values()) {
            if (p.code().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("preset must be smoke, fast or full, got '" + text + "'");
    }

    /** The name users type: smoke, fast, full. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
