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
}
