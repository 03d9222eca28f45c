package egaml.gbt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The LightGBM hyperparameters egaml searches (method.md 8.3); everything else is LightGBM's default
 * (gbdt, binary objective, unlimited depth, 255 bins, missing values handled natively).
 */
public record GbtParams(int trees, double learningRate, int numLeaves, double minSumHessian, int minDataInLeaf,
                        double lambdaL1, double lambdaL2, double baggingFraction, double featureFraction,
                        double featureFractionByNode) {

    static final int[] TREES = {100, 150, 200};
    static final double[] LEARNING_RATE = {0.03, 0.05, 0.07};
    static final int[] LEAVES = {3, 5, 7, 10, 14, 20};
    static final double[] MIN_HESSIAN = {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3};
    static final int[] MIN_DATA = {5, 10, 20, 30, 50, 70};
    static final double[] L1 = {1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1};
    static final double[] L2 = {1e-4, 1e-3, 1e-2, 0.1, 1, 10};
    static final double[] BAGGING = {0.8, 0.9, 1.0};
    static final double[] FRACTIONS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

    /** The fixed mid-grid setting used when the search is off (method.md 8.3). */
    public static GbtParams fixed() {
        return new GbtParams(150, 0.05, 7, 1e-2, 20, 1e-3, 0.1, 0.9, 0.4, 0.4);
    }

    /** One uniform draw from the grid. */
    public static GbtParams draw(SplittableRandom rng) {
        return new GbtParams(TREES[rng.nextInt(TREES.length)], LEARNING_RATE[rng.nextInt(LEARNING_RATE.length)],
                LEAVES[rng.nextInt(LEAVES.length)], MIN_HESSIAN[rng.nextInt(MIN_HESSIAN.length)],
                MIN_DATA[rng.nextInt(MIN_DATA.length)], L1[rng.nextInt(L1.length)], L2[rng.nextInt(L2.length)],
                BAGGING[rng.nextInt(BAGGING.length)], FRACTIONS[rng.nextInt(FRACTIONS.length)],
                FRACTIONS[rng.nextInt(FRACTIONS.length)]);
    }

    /** n distinct draws from the grid. */
    public static List<GbtParams> drawDistinct(int n, SplittableRandom rng) {
        List<GbtParams> out = new ArrayList<>();
        while (out.size() < n) {
            GbtParams p = draw(rng);
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The same setting with at most {@code max} trees (0: no cap), for the smoke preset. */
    public GbtParams cappedAt(int max) {
        if (max <= 0 || trees <= max) {
            return this;
        }
        return new GbtParams(max, learningRate, numLeaves, minSumHessian, minDataInLeaf, lambdaL1, lambdaL2,
                baggingFraction, featureFraction, featureFractionByNode);
    }

    /** LightGBM's parameter string for one single-threaded, deterministic fit. */
    public String toLightGbm(long seed) {
        return String.format(Locale.ROOT, "objective=binary num_iterations=%d learning_rate=%s num_leaves=%d "
                        + "min_sum_hessian_in_leaf=%s min_data_in_leaf=%d lambda_l1=%s lambda_l2=%s bagging_fraction=%s "
                        + "bagging_freq=1 feature_fraction=%s feature_fraction_bynode=%s num_threads=1 seed=%d "
                        + "deterministic=true force_col_wise=true verbosity=-1", trees, learningRate, numLeaves,
                minSumHessian, minDataInLeaf, lambdaL1, lambdaL2, baggingFraction, featureFraction, featureFractionByNode,
                seed & Integer.MAX_VALUE);
    }
}
