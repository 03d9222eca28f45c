package egaml.ensemble;

import java.util.Locale;

/** How SAM testbed samples are predicted (method.md 11.2). */
public enum SamMode {
    /** The reference code: (stacker + 2 sigmoid(0.45 gbt + 0.25 nn3)) / 3; needs NN families. */
    BLEND,
    /** The write-up: sigmoid of the mean of all family logits. */
    AVERAGE,
    /** No special treatment. */
    STACKER;

    public static SamMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SAM mode must be blend, average or stacker, got '" + text + "'");
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
