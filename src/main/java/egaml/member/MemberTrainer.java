package egaml.member;

/** A member's settings, ready to cross-validate on labelled runs. */
public interface MemberTrainer {
    /** Progress steps {@link #crossValidate} reports, for a progress bar. */
    long steps();

    /**
     * Cross-validates the member: fits its fold models and predicts every sample with the models that did not train
     * on it. The fitted member predicts new runs with all fold models.
     */
    Fit crossValidate(TrainingData data, TrainingContext context);

    /**
     * The units {@link #crossValidate} consists of, for an engine that runs them elsewhere; {@link UnitPlan#NONE} (the
     * default) for a member that trains in one piece where the model is assembled.
     */
    default UnitPlan units(TrainingData data, TrainingContext context) {
        return UnitPlan.NONE;
    }

    /**
     * The result of a cross-validation.
     *
     * @param member  the fitted member
     * @param oof     out-of-fold logits of every family, for every sample of the training data
     * @param seconds wall time
     * @param summary lines that describe what was fitted (counts, settings worth seeing, diagnostics), for reports
     */
    record Fit(FittedMember member, FamilyScores oof, double seconds, java.util.List<String> summary) {
        public Fit {
            summary = java.util.List.copyOf(summary);
            if (!oof.names().equals(member.families().stream().map(Family::name).toList())) {
                throw new IllegalArgumentException("out-of-fold families " + oof.names() + " differ from the member's "
                        + member.families());
            }
        }
    }
}
