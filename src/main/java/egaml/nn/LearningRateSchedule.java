package egaml.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import egaml.core.EnumCodes;


/** The learning rate over a network's training steps. */
public enum LearningRateSchedule {
    /** The settings' rate throughout (the reference). */
    CONSTANT,
    /** Decays from the settings' rate to 0 by the last step (egaml option). */
    COSINE;

    /** The factor of step {@code step} (0-based) of {@code total}. */
    public double factor(long step, long total) {
        return this == COSINE ? 0.5 * (1 + Math.cos(Math.PI * step / total)) : 1;
    }

    @JsonCreator
    public static LearningRateSchedule parse(String text) {
        return EnumCodes.parse(LearningRateSchedule.class, text, "learning-rate schedule");
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
