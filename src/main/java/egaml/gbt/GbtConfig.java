package egaml.gbt;

import java.util.Locale;

/**
 * How much GBT work to do (method.md 12.3).
 *
 * @param realisations     feature realisations (trim range cycles 10, 5, 50, 20)
 * @param repeats          repeats of the multilabel stratified K-fold per realisation
 * @param folds            outer folds K
 * @param searchIterations parameter draws per (fold, label); 0 = fit {@code params}
 * @param innerFolds       stratified inner folds of the search
 * @param maxTrees         cap on the number of trees (0 = none; the smoke preset uses 20)
 * @param augment          whether training tables are augmented (method.md 8.2; on in every preset)
 * @param maxBin           LightGBM's histogram bins per feature (255 = LightGBM's default, as the reference; 63 in
 *                         fast and full: the same scores at half the fitting time, see docs/design.md)
 * @param params           the LightGBM setting fitted when the search is off or cannot run (default: method.md 8.3's
 *                         mid-grid setting; a model folder written before this setting existed reads as that)
 * @param calibrate        whether each family's logits get a per-label shift fitted on the out-of-fold rows
 *                         ({@link FamilyCalibration}; cross-fitted, so the reported score stays honest); on in the
 *                         presets, off for a model folder written before this setting existed
 */
public record GbtConfig(int realisations, int repeats, int folds, int searchIterations, int innerFolds, int maxTrees,
                        boolean augment, int maxBin, GbtParams params, boolean calibrate) {

    public GbtConfig {
        if (params == null) {
            params = GbtParams.fixed();
        }
        if (realisations < 1 || repeats < 1 || folds < 2 || searchIterations < 0 || innerFolds < 2 || maxTrees < 0
                || maxBin < 2 || maxBin > 1024) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid GBT settings: realisations %d, "
                    + "repeats %d, folds %d, search %d, inner folds %d, max trees %d, max bin %d (need >= 1, >= 1, >= 2, >= 0, >= 2, "
                    + ">= 0, 2..1024)", realisations, repeats, folds, searchIterations, innerFolds, maxTrees, maxBin));
        }
    }

    /**
     * The presets of method.md 12.3: smoke (tests), fast (minutes), full (best within the hour). Measured on the 763
     * runs (docs/design.md), fast and full fit one fixed setting with 63 bins and spend their time on repeats of the
     * folds: the search made a family worse, and repeats improve the member as much as new realisations while
     * adding no feature extraction when new runs are predicted. Family calibration is on: it took the GBT member
     * from 0.1460 to 0.1377 and the ensemble from 0.1238 to 0.1226 (full, seed 1; fast: 0.1605 to 0.1515 and
     * 0.1488 to 0.1474). The setting is {@link #PRESET_PARAMS}.
     */
    public static GbtConfig preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> new GbtConfig(1, 1, 2, 1, 2, 20, true, 255, PRESET_PARAMS, true);
            case "fast" -> new GbtConfig(1, 2, 5, 0, 4, 0, true, 63, PRESET_PARAMS, true);
            case "full" -> new GbtConfig(2, 5, 5, 0, 3, 0, true, 63, PRESET_PARAMS, true);
            default -> throw new IllegalArgumentException("preset must be smoke, fast or full, got '" + name + "'");
        };
    }

    /**
     * The presets' LightGBM setting: method.md 8.3's fixed mid-grid setting with extremely randomised trees
     * ({@code extra_trees}) and 300 trees instead of 150. Paired on the 763 runs ({@code cv --models gbt --preset
     * fast}, seeds 1, 2, 3), it lowered the GBT member's out-of-fold log loss on every seed, by 0.0038-0.0047;
     * 150, 250, 350 and 500 randomised trees, learning rate 0.07, 14 leaves and feature fractions 0.6 did no better
     * (docs/design.md).
     */
    public static final GbtParams PRESET_PARAMS = GbtParams.fixed().with("extra_trees=true,num_iterations=300");

    /** The same settings with some replaced (null keeps a value). */
    public GbtConfig with(Integer realisations, Integer repeats, Integer searchIterations, Integer maxBin,
                          GbtParams params, Boolean calibrate) {
        return new GbtConfig(realisations != null ? realisations : this.realisations,
                repeats != null ? repeats : this.repeats, folds,
                searchIterations != null ? searchIterations : this.searchIterations, innerFolds, maxTrees, augment,
                maxBin != null ? maxBin : this.maxBin, params != null ? params : this.params,
                calibrate != null ? calibrate : this.calibrate);
    }

    public GbtConfig withAugment(boolean on) {
        return new GbtConfig(realisations, repeats, folds, searchIterations, innerFolds, maxTrees, on, maxBin, params,
                calibrate);
    }

    /** Fits per (fold, label): the search's draws times inner folds, plus the refit. */
    public int fitsPerModel() {
        return searchIterations * innerFolds + 1;
    }
}
