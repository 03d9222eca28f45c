package egaml.member;

/**
 * A family's logits for a batch of runs, split into evidence. For every sample i and label l,
 * {@code maps[i][l].total() == logits[i][l] - reference[i][l]} (up to rounding): the parts add up to the family's logit
 * minus its reference, the logit it gives when the run carries no evidence (the member states what that means).
 *
 * @param family    the family's name (as in {@link FittedMember#families()})
 * @param logits    [sample][label] the family's logits, as {@link FittedMember#predict} gives them
 * @param reference [sample][label] the family's reference logits
 * @param maps      [sample][label] where the difference comes from
 */
public record FamilyAttribution(String family, double[][] logits, double[][] reference, EvidenceMap[][] maps) {
}
