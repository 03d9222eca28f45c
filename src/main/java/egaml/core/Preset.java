package egaml.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The named training budgets; every member, the stacker and the training defaults have settings for each. */
public enum Preset {
    /** Seconds: for tests and trying a command. */
    SMOKE,
    /** Minutes. */
    FAST,
    /** The best the method gives within an hour on two cores. */
    FULL,
    /**
     * About the reference solution's grid (method.md 12.1): for a Spark cluster ({@code train --engine spark}); it runs
     * on one machine too, in days.
     */
    MAX;

    @JsonCreator
    public static Preset parse(String text) {
        return EnumCodes.parse(Preset.class, text, "preset");
    }

    @JsonValue
    public String code() {
        return EnumCodes.code(this);
    }

    @Override
    public String toString() {
        return code();
    }
}
