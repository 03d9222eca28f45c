package egaml.member;

/**
 * How much work an attribution may take.
 *
 * @param steps          integration steps of the networks' integrated gradients (more: closer to exact before the
 *                       completeness correction)
 * @param modelsPerFamily at most this many fold models per family (per family and label for the trees) give evidence
 *                       (0: all); their mean's part of the change is placed on cells, the rest of the family's change
 *                       is run-level, so the total stays exact (a batch report uses a few)
 */
public record AttributionSettings(int steps, int modelsPerFamily) {
    public static final AttributionSettings EXACT = new AttributionSettings(16, 0);
    public static final AttributionSettings REPORT = new AttributionSettings(2, 1);

    public AttributionSettings {
        if (steps < 1 || steps > 256) {
            throw new IllegalArgumentException("integration steps must be in [1, 256], got " + steps);
        }
        if (modelsPerFamily < 0) {
            throw new IllegalArgumentException("models per family must be at least 0, got " + modelsPerFamily);
        }
    }
}
