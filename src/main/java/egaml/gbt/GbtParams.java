package egaml.gbt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The LightGBM hyperparameters egaml searches (method.md 8.3); everything else is LightGBM's default
 * (gbdt, binary objective, unlimited depth, 255 bins, missing values handled natively).
 *
 * <p>{@code extraTrees} is LightGBM's {@code extra_trees}: each split tests one random threshold per feature
 * instead of the best one. It is not part of method.md's grid (draws and the fixed setting leave it off); egaml's
 * presets turn it on with more trees, which scored better out of fold (docs/design.md). A setting saved before it
 * existed reads as off.
 */
public record GbtParams(int trees, double learningRate, int numLeaves, double minSumHessian, int minDataInLeaf,
                        double lambdaL1, double lambdaL2, double baggingFraction, double featureFraction,
                        double featureFractionByNode, boolean extraTrees) {

    static final int[] TREES = {100, 150, 200};
    static final double[] LEARNING_RATE = {0.03, 0.05, 0.07};
    static final int[] LEAVES = {3, 5, 7, 10, 14, 20};
    static final double[] MIN_HESSIAN = {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3};
    static final int[] MIN_DATA = {5, 10, 20, 30, 50, 70};
    static final double[] L1 = {1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1};
    static final double[] L2 = {1e-4, 1e-3, 1e-2, 0.1, 1, 10};
    static final double[] BAGGING = {0.8, 0.9, 1.0};
    static final double[] FRACTIONS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

    /** The LightGBM names of the settings, in the record's order (what {@link #parse} and {@link #spec} use). */
    public static final List<String> NAMES = List.of("num_iterations", "learning_rate", "num_leaves",
            "min_sum_hessian_in_leaf", "min_data_in_leaf", "lambda_l1", "lambda_l2", "bagging_fraction",
            "feature_fraction", "feature_fraction_bynode", "extra_trees");
    private static final int EXTRA_TREES = 10;

    public GbtParams {
        if (trees < 1 || !(learningRate > 0) || numLeaves < 2 || !(minSumHessian >= 0) || minDataInLeaf < 1
                || !(lambdaL1 >= 0) || !(lambdaL2 >= 0) || !(baggingFraction > 0 && baggingFraction <= 1)
                || !(featureFraction > 0 && featureFraction <= 1)
                || !(featureFractionByNode > 0 && featureFractionByNode <= 1)) {
            throw new IllegalArgumentException("invalid LightGBM setting " + describe(trees, learningRate, numLeaves,
                    minSumHessian, minDataInLeaf, lambdaL1, lambdaL2, baggingFraction, featureFraction,
                    featureFractionByNode, extraTrees) + " (need num_iterations >= 1, learning_rate > 0, num_leaves >= 2, "
                    + "min_sum_hessian_in_leaf >= 0, min_data_in_leaf >= 1, lambdas >= 0, fractions in (0, 1])");
        }
    }

    /**
     * method.md 8.3's fixed mid-grid setting for when the search is off; a configuration without a setting reads as
     * this one. The presets fit {@link GbtConfig#PRESET_PARAMS}, this setting with randomised trees.
     */
    public static GbtParams fixed() {
        return new GbtParams(150, 0.05, 7, 1e-2, 20, 1e-3, 0.1, 0.9, 0.4, 0.4, false);
    }

    /**
     * This setting with some values replaced, from {@code name=value} pairs separated by commas, using LightGBM's
     * names ({@link #NAMES}; {@code trees} is accepted for {@code num_iterations}), e.g.
     * {@code "num_iterations=200,learning_rate=0.03"}; {@code extra_trees} takes true or false.
     *
     * @throws IllegalArgumentException naming the pair that is not understood, or the resulting invalid setting
     */
    public GbtParams with(String spec) {
        double[] v = {trees, learningRate, numLeaves, minSumHessian, minDataInLeaf, lambdaL1, lambdaL2,
                baggingFraction, featureFraction, featureFractionByNode, extraTrees ? 1 : 0};
        for (String pair : spec.split(",")) {
            String item = pair.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected name=value, got '" + item + "'");
            }
            String name = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            int index = NAMES.indexOf(name.equals("trees") ? "num_iterations" : name);
            if (index < 0) {
                throw new IllegalArgumentException("unknown LightGBM setting '" + name + "' (known: "
                        + String.join(", ", NAMES) + ")");
            }
            String text = item.substring(eq + 1).trim();
            if (index == EXTRA_TREES) {
                v[index] = switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> 1;
                    case "false" -> 0;
                    default -> throw new IllegalArgumentException("'" + name + "' needs true or false, got '" + text + "'");
                };
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + name + "' needs a number, got '" + text + "'");
            }
            boolean integer = index == 0 || index == 2 || index == 4;
            if (integer && (value != Math.rint(value) || Math.abs(value) > 1e6)) {
                throw new IllegalArgumentException("'" + name + "' needs a whole number, got '" + text + "'");
            }
            v[index] = value;
        }
        return new GbtParams((int) v[0], v[1], (int) v[2], v[3], (int) v[4], v[5], v[6], v[7], v[8], v[9], v[10] != 0);
    }

    /** The setting as {@code name=value} pairs with LightGBM's names (readable back by {@link #with(String)}). */
    public String spec() {
        return describe(trees, learningRate, numLeaves, minSumHessian, minDataInLeaf, lambdaL1, lambdaL2,
                baggingFraction, featureFraction, featureFractionByNode, extraTrees);
    }

    private static String describe(int trees, double learningRate, int numLeaves, double minSumHessian,
                                   int minDataInLeaf, double lambdaL1, double lambdaL2, double baggingFraction,
                                   double featureFraction, double featureFractionByNode, boolean extraTrees) {
        Object[] values = {trees, learningRate, numLeaves, minSumHessian, minDataInLeaf, lambdaL1, lambdaL2,
                baggingFraction, featureFraction, featureFractionByNode, extraTrees};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(NAMES.get(i)).append('=').append(values[i]);
        }
        return out.toString();
    }

    /** One uniform draw from the grid. */
    public static GbtParams draw(SplittableRandom rng) {
        return new GbtParams(TREES[rng.nextInt(TREES.length)], LEARNING_RATE[rng.nextInt(LEARNING_RATE.length)],
                LEAVES[rng.nextInt(LEAVES.length)], MIN_HESSIAN[rng.nextInt(MIN_HESSIAN.length)],
                MIN_DATA[rng.nextInt(MIN_DATA.length)], L1[rng.nextInt(L1.length)], L2[rng.nextInt(L2.length)],
                BAGGING[rng.nextInt(BAGGING.length)], FRACTIONS[rng.nextInt(FRACTIONS.length)],
                FRACTIONS[rng.nextInt(FRACTIONS.length)], false);
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
                baggingFraction, featureFraction, featureFractionByNode, extraTrees);
    }

    /** LightGBM's parameter string for one single-threaded, deterministic fit. */
    public String toLightGbm(long seed) {
        return String.format(Locale.ROOT, "objective=binary num_iterations=%d learning_rate=%s num_leaves=%d "
                        + "min_sum_hessian_in_leaf=%s min_data_in_leaf=%d lambda_l1=%s lambda_l2=%s bagging_fraction=%s "
                        + "bagging_freq=1 feature_fraction=%s feature_fraction_bynode=%s extra_trees=%s num_threads=1 "
                        + "seed=%d deterministic=true force_col_wise=true verbosity=-1", trees, learningRate, numLeaves,
                minSumHessian, minDataInLeaf, lambdaL1, lambdaL2, baggingFraction, featureFraction, featureFractionByNode,
                extraTrees, seed & Integer.MAX_VALUE);
    }
}
