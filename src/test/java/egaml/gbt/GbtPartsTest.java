package egaml.gbt;

import egaml.core.Label;
import egaml.features.FeatureExtractor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GbtPartsTest {
    /** Base rows where ion_mean of m/z m is m/100 for positives (so the ranking is 99, 98, ...). */
    private static float[][] rows(int n) {
        float[][] rows = new float[n][FeatureExtractor.COUNT];
        for (float[] r : rows) {
            for (int m = 0; m < FeatureExtractor.IONS; m++) {
                r[FeatureExtractor.ionColumn("ion_mean", m)] = m / 100f;
                r[FeatureExtractor.ionColumn("pk0_temp", m)] = FeatureExtractor.TEMP_MISSING;
                r[FeatureExtractor.ionColumn("pk1_temp", m)] = FeatureExtractor.TEMP_MISSING;
            }
        }
        return rows;
    }

    @Test
    void pairFeaturesRankIonsAmongPositivesAfterTheKeyIons() {
        float[][] base = rows(6);
        int[] y = {1, 1, 1, 0, 0, 0};
        PairFeatures carbonate = PairFeatures.fit(Label.CARBONATE, base, y);
        // keys 43, 44, 42, then the ranked ions without the top one (99): 98, 97, ..., 89
        assertThat(carbonate.ions()).containsExactly(43, 44, 42, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89);
        assertThat(carbonate.pairs()).hasSize(30);
        assertThat(carbonate.count()).isEqualTo(30 * 14);
        assertThat(carbonate.names().get(0)).isEqualTo("pair_mz43_mz44_dT00");
        PairFeatures silicate = PairFeatures.fit(Label.SILICATE, base, y);
        assertThat(silicate.ions()).hasSize(10);
        assertThat(silicate.pairs()).hasSize(29);
        // ties broken by the lower m/z: all medians equal -> 0 is the top (discarded), then 1..10
        float[][] flat = new float[3][FeatureExtractor.COUNT];
        assertThat(PairFeatures.fit(Label.SILICATE, flat, new int[] {1, 1, 1}).ions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void pairValuesAndTheirMissingRules() {
        float[] b = new float[FeatureExtractor.COUNT];
        Arrays.fill(b, 0);
        for (int m = 0; m < FeatureExtractor.IONS; m++) {
            b[FeatureExtractor.ionColumn("pk0_temp", m)] = FeatureExtractor.TEMP_MISSING;
            b[FeatureExtractor.ionColumn("pk1_temp", m)] = FeatureExtractor.TEMP_MISSING;
        }
        b[FeatureExtractor.ionColumn("pk0_temp", 36)] = 500;
        b[FeatureExtractor.ionColumn("pk0_temp", 18)] = 200;
        b[FeatureExtractor.ionColumn("pk0_prom", 36)] = 0.2f;
        b[FeatureExtractor.ionColumn("pk0_prom", 18)] = 0.8f;
        b[FeatureExtractor.ionColumn("ion_mean", 36)] = 0.1f;
        b[FeatureExtractor.ionColumn("ion_mean", 18)] = 0.4f;
        PairFeatures p = new PairFeatures(Label.CHLORIDE, java.util.List.of(36, 18, 1, 2, 3, 5, 6, 7, 8, 9, 10));
        float[] v = p.compute(b);
        assertThat(v[0]).isEqualTo(300f);        // dT00: 500 - 200
        assertThat(v[1]).isNaN();                 // dT01: pk1 of m/z 18 is missing
        assertThat(v[4]).isEqualTo(0.25f);        // prom00: 0.2 / 0.8
        assertThat(v[8]).isNaN();                 // height00: both 0
        assertThat(v[12]).isEqualTo(0.25f);       // mean ratio
        assertThat(v[13]).isNaN();                // peak ratios are 0
    }

    @Test
    void augmentationIsSeededAndFollowsTheRules() {
        int rows = 20;
        int cols = FeatureExtractor.COUNT + 28;
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = 1f;
        }
        int tempCol = FeatureExtractor.ionColumn("ion_peak_temp", 44);
        int sentinelCol = FeatureExtractor.ionColumn("pk0_temp", 44);
        for (int r = 0; r < rows; r++) {
            data[r * cols + tempCol] = 600f;
            data[r * cols + sentinelCol] = FeatureExtractor.TEMP_MISSING;
        }
        LightGbm.Matrix a = new LightGbm.Matrix(data.clone(), rows, cols);
        LightGbm.Matrix b = new LightGbm.Matrix(data.clone(), rows, cols);
        int dropped = Augmentation.apply(a, new SplittableRandom(3));
        Augmentation.apply(b, new SplittableRandom(3));
        assertThat(a.data()).containsExactly(b.data());
        assertThat(dropped).isGreaterThanOrEqualTo(cols / 10).isLessThan(cols / 10 + (int) (0.1 * FeatureExtractor.COUNT));
        int nanColumns = 0;
        for (int c = 0; c < cols; c++) {
            boolean allNan = true;
            boolean anyNan = false;
            for (int r = 0; r < rows; r++) {
                boolean nan = Float.isNaN(a.data()[r * cols + c]);
                allNan &= nan;
                anyNan |= nan;
            }
            assertThat(anyNan).as("column %d is dropped whole or not at all", c).isEqualTo(allNan);
            nanColumns += allNan ? 1 : 0;
        }
        assertThat(nanColumns).isEqualTo(dropped);
        if (!Float.isNaN(a.data()[sentinelCol])) {
            assertThat(a.data()[sentinelCol]).isEqualTo(FeatureExtractor.TEMP_MISSING); // sentinels keep their value
        }
        assertThat(a.data()[0]).isIn(1f, Float.NaN); // non-temperature cells are never perturbed
    }

    @Test
    void foldModelsPredictAsLightGbmDoesOnTheirFullMatrix() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        int n = 60;
        float[][] base = new float[n][FeatureExtractor.COUNT];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < FeatureExtractor.COUNT; c++) {
                base[i][c] = c % 7 == 0 ? Float.NaN : (float) rng.nextGaussian();
            }
            y[i] = i % 3 == 0 ? 1 : 0;
            base[i][FeatureExtractor.ionColumn("ion_mean", 44)] += y[i];
        }
        PairFeatures pairs = PairFeatures.fit(Label.CARBONATE, base, y);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        LightGbm.Matrix x = GbtCrossValidation.matrix(base, all, pairs);
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = y[i];
        }
        String text = LightGbm.fit(x, labels, GbtParams.fixed().cappedAt(20), 3, 63, null);
        FoldModel model = new FoldModel(0, 0, 0, Label.CARBONATE, pairs.ions(), text, Double.NaN);
        double[][] wide = new double[n][];
        for (int i = 0; i < n; i++) {
            wide[i] = FoldModel.widen(base[i]);
        }
        assertThat(model.predict(base, wide)).containsExactly(LightGbm.predictWholeMatrix(text, x));
        FoldModel constant = new FoldModel(0, 0, 0, Label.CARBONATE, List.of(), null, 0.25);
        assertThat(constant.predict(base, wide)).containsOnly(0.25).hasSize(n);
    }

    @Test
    void calibrationShiftsAreFittedAndCrossFittedWithoutTheRowsOwnLabels() {
        // constant scores of 0.1 where 30 % are positive: the shift is logit(0.3) - logit(0.1)
        double[] z = new double[100];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            z[i] = egaml.core.Logistic.logit(0.1, 1e-6);
            y[i] = i % 10 < 3 ? 1 : 0;
        }
        assertThat(FamilyCalibration.fitShift(z, y, null, -1))
                .isCloseTo(egaml.core.Logistic.logit(0.3, 1e-6) - egaml.core.Logistic.logit(0.1, 1e-6), within(1e-9));
        assertThat(FamilyCalibration.fitShift(z, new int[100], null, -1)).isZero(); // one class: no shift

        SplittableRandom rng = new SplittableRandom(2);
        int n = 90;
        double[][] p = new double[n][Label.COUNT];
        int[][] labels = new int[n][Label.COUNT];
        int[] foldOf = new int[n];
        for (int i = 0; i < n; i++) {
            foldOf[i] = i % 3;
            for (int l = 0; l < Label.COUNT; l++) {
                labels[i][l] = rng.nextDouble() < 0.3 ? 1 : 0;
                p[i][l] = labels[i][l] == 1 ? 0.05 + 0.5 * rng.nextDouble() : 0.01 + 0.1 * rng.nextDouble(); // biased low
            }
        }
        FamilyCalibration.CrossFitted fitted = FamilyCalibration.crossFit(java.util.Map.of("gbt_r5", p), labels, foldOf);
        double[][] q = fitted.families().get("gbt_r5");
        double meanBefore = 0;
        double meanAfter = 0;
        double prevalence = 0;
        for (int i = 0; i < n; i++) {
            meanBefore += p[i][0] / n;
            meanAfter += q[i][0] / n;
            prevalence += labels[i][0] / (double) n;
        }
        assertThat(Math.abs(meanAfter - prevalence)).isLessThan(Math.abs(meanBefore - prevalence));
        assertThat(egaml.cv.LogLoss.aggregated(labels, q)).isLessThan(egaml.cv.LogLoss.aggregated(labels, p));
        // flipping the labels of fold 0 changes no calibrated row of fold 0 (their shift came from folds 1 and 2)
        int[][] flipped = new int[n][];
        for (int i = 0; i < n; i++) {
            flipped[i] = labels[i].clone();
            if (foldOf[i] == 0) {
                for (int l = 0; l < Label.COUNT; l++) {
                    flipped[i][l] = 1 - flipped[i][l];
                }
            }
        }
        double[][] q2 = FamilyCalibration.crossFit(java.util.Map.of("gbt_r5", p), flipped, foldOf).families().get("gbt_r5");
        for (int i = 0; i < n; i++) {
            if (foldOf[i] == 0) {
                assertThat(q2[i]).containsExactly(q[i]);
            }
        }
        assertThat(q2[1]).isNotEqualTo(q[1]);
        // new samples get the shift fitted on all rows; a family without a shift passes unchanged
        double[][] applied = fitted.calibration().apply(java.util.Map.of("gbt_r5", p)).get("gbt_r5");
        assertThat(applied[0][0]).isCloseTo(egaml.core.Logistic.sigmoid(egaml.core.Logistic.logit(p[0][0], 1e-6)
                + fitted.calibration().shifts().get("gbt_r5")[0]), within(1e-15));
        assertThat(fitted.calibration().apply(java.util.Map.of("gbt_r10", p)).get("gbt_r10")).isSameAs(p);
    }

    @Test
    void lightGbmSettingsChangeByName() {
        GbtParams base = GbtParams.fixed();
        GbtParams changed = base.with(" num_iterations=300, learning_rate=0.03,trees=250,feature_fraction_bynode=1 ");
        assertThat(changed.trees()).isEqualTo(250);
        assertThat(changed.learningRate()).isEqualTo(0.03);
        assertThat(changed.featureFractionByNode()).isEqualTo(1.0);
        assertThat(changed.numLeaves()).isEqualTo(base.numLeaves());
        assertThat(base.with(base.spec())).isEqualTo(base);
        assertThat(changed.toLightGbm(1)).contains("num_iterations=250 learning_rate=0.03 ");
        assertThatThrownBy(() -> base.with("leaves=3")).hasMessageContaining("unknown LightGBM setting 'leaves'")
                .hasMessageContaining("num_leaves");
        assertThatThrownBy(() -> base.with("num_leaves")).hasMessageContaining("expected name=value");
        assertThatThrownBy(() -> base.with("num_leaves=2.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> base.with("learning_rate=fast")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> base.with("bagging_fraction=1.5")).hasMessageContaining("fractions in (0, 1]");
    }

    @Test
    void extraTreesIsOffInTheMethodsSettingsAndTurnsOnByName() throws Exception {
        GbtParams base = GbtParams.fixed();
        assertThat(base.extraTrees()).isFalse();
        assertThat(base.toLightGbm(1)).contains(" extra_trees=false ");
        assertThat(GbtParams.drawDistinct(20, new SplittableRandom(4))).noneMatch(GbtParams::extraTrees);
        GbtParams on = base.with("extra_trees=TRUE,num_iterations=300");
        assertThat(on.extraTrees()).isTrue();
        assertThat(on.toLightGbm(1)).contains(" extra_trees=true ");
        assertThat(on.cappedAt(20).extraTrees()).isTrue();
        assertThat(base.with(on.spec())).isEqualTo(on);
        assertThat(on.with("extra_trees=false")).isEqualTo(base.with("num_iterations=300"));
        assertThatThrownBy(() -> base.with("extra_trees=1")).hasMessageContaining("'extra_trees' needs true or false");
        // a setting saved before extra_trees existed reads as off
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String old = json.writeValueAsString(on).replace(",\"extraTrees\":true", "");
        assertThat(old).doesNotContain("extraTrees");
        assertThat(json.readValue(old, GbtParams.class)).isEqualTo(base.with("num_iterations=300"));
    }

    @Test
    void innerFoldsAreStratified() {
        int[] y = new int[103];
        for (int i = 0; i < 17; i++) {
            y[i * 6] = 1;
        }
        int[] fold = egaml.cv.StratifiedKFold.assign(y, 4, new SplittableRandom(2));
        for (int k = 0; k < 4; k++) {
            int pos = 0;
            int all = 0;
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == k) {
                    all++;
                    pos += y[i];
                }
            }
            assertThat(pos).isBetween(4, 5);
            assertThat(all).isBetween(25, 26);
        }
    }
}
