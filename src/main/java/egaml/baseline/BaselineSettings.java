package egaml.baseline;

import egaml.core.Preset;
import egaml.member.MemberSettings;

import java.util.List;

/**
 * Settings of the baseline member: per-label logistic regression on binned peak heights (the challenge's benchmark
 * model), its penalty and strength chosen per fold and label by an inner stratified cross-validation.
 *
 * @param folds      outer folds
 * @param innerFolds inner folds of the penalty and strength search
 * @param penalties  penalties tried (L1, L2)
 * @param strengths  liblinear's C values tried (inverse regularisation strength)
 */
public record BaselineSettings(int folds, int innerFolds, List<Penalty> penalties, List<Double> strengths)
        implements MemberSettings {
    /** The regularisation penalty. */
    public enum Penalty { L1, L2 }

    public BaselineSettings {
        penalties = List.copyOf(penalties);
        strengths = List.copyOf(strengths);
        if (folds < 2 || innerFolds < 2 || penalties.isEmpty() || strengths.isEmpty()
                || strengths.stream().anyMatch(c -> !(c > 0 && c < 1e6))) {
            throw new IllegalArgumentException("invalid baseline settings: folds " + folds + ", inner folds " + innerFolds
                    + ", penalties " + penalties + ", strengths " + strengths + " (need >= 2, >= 2, at least one each, "
                    + "strengths in (0, 1e6))");
        }
    }

    /** The challenge benchmark used L1 with C = 10; the presets search L1 and L2 over a range around it. */
    public static BaselineSettings preset(Preset preset) {
        return switch (preset) {
            case SMOKE -> new BaselineSettings(2, 2, List.of(Penalty.L1), List.of(1.0));
            case FAST, FULL, MAX -> new BaselineSettings(5, 3, List.of(Penalty.L1, Penalty.L2),
                    List.of(0.03, 0.1, 0.3, 1.0, 3.0, 10.0));
        };
    }

    public BaselineSettings withSearch(List<Penalty> p, List<Double> c) {
        return new BaselineSettings(folds, innerFolds, p, c);
    }

    /** Fits per (fold, label): every setting on every inner fold, and the refit. */
    public int fitsPerModel() {
        return penalties.size() * strengths.size() * innerFolds + 1;
    }
}
