package egaml.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoreTest {
    @Test
    void labelsAreTheChallengeColumnsInOrder() {
        assertThat(Label.columnNames()).containsExactly("basalt", "carbonate", "chloride", "iron_oxide", "oxalate",
                "oxychlorine", "phyllosilicate", "silicate", "sulfate", "sulfide");
        assertThat(Label.fromColumnName(" Iron_Oxide ")).contains(Label.IRON_OXIDE);
        assertThat(Label.fromColumnName("olivine")).isEmpty();
    }

    @Test
    void seedsDependOnIndicesNotOnCallOrder() {
        SeedSequence s = new SeedSequence(42);
        long a = s.derive(1, 2, 3);
        s.derive(9);
        assertThat(s.derive(1, 2, 3)).isEqualTo(a);
        assertThat(s.derive(1, 2, 4)).isNotEqualTo(a);
        assertThat(s.derive(2, 1, 3)).isNotEqualTo(a);
        assertThat(new SeedSequence(43).derive(1, 2, 3)).isNotEqualTo(a);
        assertThat(s.child(1).derive(2, 3)).isEqualTo(s.child(1).derive(2, 3));
        assertThat(SeedSequence.keyOf("S0001")).isEqualTo(SeedSequence.keyOf("S0001")).isNotEqualTo(SeedSequence.keyOf("S0002"));
    }

    @Test
    void quantilesInterpolateLinearly() {
        double[] v = {5, 1, 3, 2};
        assertThat(Quantiles.linear(v, 0)).isEqualTo(1);
        assertThat(Quantiles.linear(v, 1)).isEqualTo(5);
        assertThat(Quantiles.linear(v, 0.5)).isEqualTo(2.5);
        assertThat(Quantiles.linear(v, 0.01)).isEqualTo(1.03);
        assertThat(v).containsExactly(5, 1, 3, 2);
    }

    @Test
    void quantilesBySelectionEqualQuantilesOfTheSortedValues() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        double[] levels = {0, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + rng.nextInt(trial % 3 == 0 ? 5 : 400);
            double[] v = new double[n];
            int distinct = 1 + rng.nextInt(trial % 2 == 0 ? 3 : 1000); // many ties or few
            for (int i = 0; i < n; i++) {
                v[i] = trial % 5 == 0 ? i : rng.nextInt(distinct) - distinct / 2.0; // sorted input too
            }
            if (trial % 7 == 0) {
                v[rng.nextInt(n)] = trial % 14 == 0 ? Double.NaN : -0.0;
            }
            double[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            double[] before = v.clone();
            int from = rng.nextInt(n);
            for (double q : levels) {
                assertThat((Double) Quantiles.linear(v, q)).isEqualTo((Double) Quantiles.ofSorted(sorted, q));
                double[] part = java.util.Arrays.copyOfRange(v, from, n);
                java.util.Arrays.sort(part);
                assertThat((Double) Quantiles.linear(v, from, n, q)).isEqualTo((Double) Quantiles.ofSorted(part, q));
            }
            assertThat(v).isEqualTo(before);
        }
    }
}
