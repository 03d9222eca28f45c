package egaml.gbt;

import egaml.core.Preset;
import egaml.member.MemberSettings;

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
                        boolean augment, int maxBin, GbtParams params, boolean calibrate) implements MemberSettings {

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
     * The presets of method.md 12.3. Measured on the 763 runs (docs/design.md), fast and full fit one fixed setting
     * with 63 bins and spend their time on repeats of the folds, which improve the member as much as new realisations
     * and add no feature extraction when new runs are predicted; family calibration is on. The setting is
     * {@link #PRESET_PARAMS}.
     */
    public static GbtConfig preset(Preset preset) {
        return switch (preset) {
            case SMOKE -> new GbtConfig(1, 1, 2, 1, 2, 20, true, 255, PRESET_PARAMS, true);
            case FAST -> new GbtConfig(1, 2, 5, 0, 4, 0, true, 63, PRESET_PARAMS, true);
            case FULL -> new GbtConfig(2, 5, 5, 0, 3, 0, true, 63, PRESET_PARAMS, true);
            // the reference's grid: 20 realisations x 5 repeats x 5 folds, a 4-draw search over 4 inner folds
            case MAX -> new GbtConfig(20, 5, 5, 4, 4, 0, true, 63, PRESET_PARAMS, true);
        };
    }

    /**
     * The presets' LightGBM setting: method.md 8.3's fixed mid-grid setting with extremely randomised trees
     * ({@code extra_trees}) and 300 trees instead of 150: random split thresholds fit less of a small table's noise,
     * and the repeats average the randomness out (the paired comparison is in docs/design.md).
     */
    public static final GbtParams PRESET_PARAMS = GbtParams.fixed().with("extra_trees=true,num_iterations=300");

    public Builder toBuilder() {
        return new Builder(this);
    }

    public GbtConfig withAugment(boolean on) {
        return toBuilder().augment(on).build();
    }

    /** Changes some settings of a configuration: {@code config.toBuilder().repeats(3).build()}. */
    public static final class Builder {
        private int realisations;
        private int repeats;
        private int folds;
        private int searchIterations;
        private int innerFolds;
        private int maxTrees;
        private boolean augment;
        private int maxBin;
        private GbtParams params;
        private boolean calibrate;

        private Builder(GbtConfig c) {
            realisations = c.realisations;
            repeats = c.repeats;
            folds = c.folds;
            searchIterations = c.searchIterations;
            innerFolds = c.innerFolds;
            maxTrees = c.maxTrees;
            augment = c.augment;
            maxBin = c.maxBin;
            params = c.params;
            calibrate = c.calibrate;
        }

        public Builder realisations(int v) {
            realisations = v;
            return this;
        }

        public Builder repeats(int v) {
            repeats = v;
            return this;
        }

        public Builder folds(int v) {
            folds = v;
            return this;
        }

        public Builder searchIterations(int v) {
            searchIterations = v;
            return this;
        }

        public Builder maxBin(int v) {
            maxBin = v;
            return this;
        }

        public Builder augment(boolean v) {
            augment = v;
            return this;
        }

        public Builder params(GbtParams v) {
            params = v;
            return this;
        }

        public Builder calibrate(boolean v) {
            calibrate = v;
            return this;
        }

        public GbtConfig build() {
            return new GbtConfig(realisations, repeats, folds, searchIterations, innerFolds, maxTrees, augment, maxBin, params,
                    calibrate);
        }
    }

    /** Fits per (fold, label): the search's draws times inner folds, plus the refit. */
    public int fitsPerModel() {
        return searchIterations * innerFolds + 1;
    }
}
