package egaml.explain;

import egaml.core.InstrumentType;
import egaml.member.EvidenceMap;

import java.util.List;
import java.util.Map;

/**
 * Why the ensemble gives one sample its probabilities. For each label l, {@code maps[l].total()} equals
 * {@code logit[l] - referenceLogit[l]}: the evidence adds up to the ensemble's logit minus the logit it gives when every
 * explained family sits at its reference (trees at their expected raw scores, networks at an empty spectrogram; a
 * family without explanations at its own logit).
 *
 * @param probability       [label] the ensemble's probabilities (as predict gives them, up to float rounding of the
 *                          networks)
 * @param logit             [label] logit of the probability
 * @param referenceLogit    [label] the ensemble's logit at the families' references
 * @param maps              [label] the evidence, in the ensemble's logit units
 * @param familyShares      per family, [label] how much of logit - reference it accounts for
 * @param unexplained       families whose members give no evidence (counted in the reference)
 * @param uncertainty       the spread of the families' probabilities
 */
public record Explanation(String sampleId, InstrumentType type, double[] probability, double[] logit,
                          double[] referenceLogit, EvidenceMap[] maps, Map<String, double[]> familyShares,
                          List<String> unexplained, Uncertainty uncertainty) {
}
