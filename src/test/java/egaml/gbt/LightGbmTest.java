package egaml.gbt;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LightGbmTest {
    @Test
    void learnsASimpleRuleHandlesMissingValuesAndIsDeterministic() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 400;
        int cols = 5;
        float[] x = new float[n * cols];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cols; c++) {
                x[i * cols + c] = (float) rng.nextGaussian();
            }
            y[i] = x[i * cols + 2] > 0.3 ? 1 : 0;
            if (i % 10 == 0) {
                x[i * cols + 4] = Float.NaN;
            }
        }
        LightGbm.Matrix m = new LightGbm.Matrix(x, n, cols);
        String model = LightGbm.fit(m, y, GbtParams.fixed(), 7);
        assertThat(model).startsWith("tree").contains("objective=binary");
        double[] p = LightGbm.predict(model, m);
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += (p[i] > 0.5) == (y[i] == 1) ? 1 : 0;
        }
        assertThat(right).isGreaterThan(380);
        assertThat(LightGbm.fit(m, y, GbtParams.fixed(), 7)).isEqualTo(model);
        // row-by-row prediction (in place) gives exactly lightgbm4j's whole-matrix prediction, missing values included
        assertThat(p).containsExactly(LightGbm.predictWholeMatrix(model, m));
        assertThatThrownBy(() -> LightGbm.predict("not a model", m)).hasMessageContaining("LightGBM failed while loading");
        assertThat(LightGbm.predict(model, m.select(new int[] {3, 1}))).containsExactly(p[3], p[1]);
        // feature names are recorded in the text model and do not change the fit
        String named = LightGbm.fit(m, y, GbtParams.fixed(), 7, 255, java.util.List.of("a_mz1", "b", "c", "d", "e"));
        assertThat(named).contains("feature_names=a_mz1 b c d e").doesNotContain("Column_0");
        assertThat(LightGbm.predict(named, m)).containsExactly(p);
        assertThatThrownBy(() -> LightGbm.fit(m, y, GbtParams.fixed(), 7, 255, java.util.List.of("a")))
                .hasMessageContaining("1 feature names for 5 columns");
    }

    @Test
    void gridDrawsAreDistinctAndParametersRender() {
        var draws = GbtParams.drawDistinct(4, new SplittableRandom(3));
        assertThat(draws).hasSize(4).doesNotHaveDuplicates();
        assertThat(GbtParams.fixed().toLightGbm(5)).contains("num_iterations=150").contains("num_leaves=7")
                .contains("bagging_freq=1").contains("seed=5");
        assertThat(GbtParams.fixed().cappedAt(20).trees()).isEqualTo(20);
    }
}
