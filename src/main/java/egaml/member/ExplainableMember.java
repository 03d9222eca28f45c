package egaml.member;

import egaml.ingest.CleanRun;

import java.util.List;

/**
 * A member that can say where its logits come from. Members without it still take part in an explained ensemble: their
 * families count as evidence-free (their reference is their logit), and the explanation names them.
 */
public interface ExplainableMember extends FittedMember {
    /**
     * One attribution per family, in {@link #families()} order; the result does not depend on {@code threads}.
     *
     * @param labels [sample][label] the logits whose evidence is wanted (null: all); for the others a member may leave
     *               the whole difference at run level
     */
    default List<FamilyAttribution> attribute(List<CleanRun> runs, boolean[][] labels, AttributionSettings settings,
                                              int threads) {
        return attribute(runs, labels, settings, null, threads);
    }

    /**
     * As above, given the member's own family logits for these runs (from the prediction they explain; null: compute
     * them), so that a member need not predict again what it only leaves at run level.
     */
    List<FamilyAttribution> attribute(List<CleanRun> runs, boolean[][] labels, AttributionSettings settings,
                                      FamilyScores known, int threads);
}
