package egaml.ensemble;

import java.util.Locale;

/**
 * Stacker settings (method.md 10.4-10.5 and 12.3).
 *
 * @param bags              bags per label, each with its own multilabel stratification
 * @param folds             outer folds per bag
 * @param minDraws          the search draws minDraws..maxDraws (alpha, rho) combinations, chosen at random per fit
 * @param minInnerFolds     and scores them by minInnerFolds..maxInnerFolds stratified inner folds
 * @param cap               soft (reference code) or hard (write-up) cap of the weight sum
 * @param intercept         add an unpenalised per-label bias (egaml option, off as in the reference)
 */
public record StackerConfig(int bags, int folds, int minDraws, int maxDraws, int minInnerFolds, int maxInnerFolds,
                            StackerObjective.Cap cap, boolean intercept) {

    public StackerConfig {
        if (bags < 1 || folds < 2 || minDraws < 1 || maxDraws < minDraws || minInnerFolds < 2
                || maxInnerFolds < minInnerFolds || cap == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid stacker settings: bags %d, folds %d, "
                    + "draws %d-%d, inner folds %d-%d, cap %s", bags, folds, minDraws, maxDraws, minInnerFolds,
                    maxInnerFolds, cap));
        }
    }

    public static StackerConfig preset(egaml.core.Preset preset) {
        return switch (preset) {
            case SMOKE -> new StackerConfig(1, 2, 1, 1, 2, 2, StackerObjective.Cap.SOFT, false);
            case FAST -> new StackerConfig(2, 5, 3, 3, 4, 4, StackerObjective.Cap.SOFT, false);
            case FULL, MAX -> new StackerConfig(6, 5, 3, 4, 4, 5, StackerObjective.Cap.SOFT, false);
        };
    }

    public StackerConfig withIntercept(boolean on) {
        return new StackerConfig(bags, folds, minDraws, maxDraws, minInnerFolds, maxInnerFolds, cap, on);
    }

    /** The L2 strengths alpha of the search. */
    static final double[] ALPHAS = {3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.1, 0.3, 1, 3};
    /** The L1 ratios rho of the search. */
    static final double[] RHOS = {0, 0.01, 0.03, 0.1};
}
