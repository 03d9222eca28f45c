package egaml.nn;

import egaml.core.Preset;
import egaml.core.SeedSequence;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NnPresetTest {

    @Test
    void sampledConfigurationsFollowTheReferenceDistribution() {
        NnPreset p = NnPreset.of(Preset.FAST).toBuilder().sampledConfigurations(3000).build();
        List<NnConfig> configs = p.configurations(new SeedSequence(8));
        assertThat(configs).hasSize(3000);
        Map<String, Integer> sets = new HashMap<>();
        int highDecay = 0;
        int stem = 0;
        int reduce = 0;
        int input = 0;
        for (NnConfig c : configs) {
            String name = c.scalingNames().startsWith("max+share+ion") ? "all" : c.scalingNames();
            sets.merge(name, 1, Integer::sum);
            highDecay += c.weightDecay() == 1e-3 ? 1 : 0;
            assertThat(c.weightDecay()).isIn(1e-3, 1e-4);
            assertThat(c.gridOffset()).isBetween(80, 119);
            stem += c.stemDropout() > 0 ? 1 : 0;
            reduce += c.reduceDropout() > 0 ? 1 : 0;
            input += c.inputDropout().rate() > 0 ? 1 : 0;
            assertThat((c.stemDropout() > 0 ? 1 : 0) + (c.reduceDropout() > 0 ? 1 : 0) + (c.inputDropout().rate() > 0 ? 1 : 0))
                    .isEqualTo(1);
            if (c.scalings().size() == 3) {
                assertThat(c.scalings().get(2).power()).isIn(0.5, 0.8, 1.0);
            }
        }
        assertThat(sets.get("share")).isBetween(540, 660);
        assertThat(sets.get("max+share")).isBetween(540, 660);
        assertThat(sets.get("all")).isBetween(1720, 1880);
        assertThat(highDecay).isBetween(1400, 1600);
        for (int n : new int[] {stem, reduce, input}) {
            assertThat(n).isBetween(900, 1100);
        }
        // families group by weight decay, scaling set and power: at most 2 x 5
        assertThat(configs.stream().map(NnConfig::family).distinct().count()).isEqualTo(10);
        assertThat(p.configurations(new SeedSequence(8))).isEqualTo(configs);
    }

    @Test
    void presetsAndTheirChecks() {
        NnPreset full = NnPreset.of(Preset.FULL);
        assertThat(full.configurations(new SeedSequence(1))).extracting(NnConfig::scalingNames)
                .containsExactly("share", "max+share", "max+share+ion^0.5");
        assertThat(full.configurations(new SeedSequence(1)).get(2).family()).isEqualTo("nn_max+share+ion^0.5_wd1e-03");
        assertThat(NnCrossValidation.epochs(full)).isEqualTo(3L * 5 * 5 * 12);
        assertThatThrownBy(() -> Preset.parse("huge")).hasMessageContaining("smoke, fast, full or max");
        assertThatThrownBy(() -> full.withEpochs(10, 12)).hasMessageContaining("snapshot epoch");
        assertThatThrownBy(() -> NnPreset.Averaging.parse("weights")).hasMessageContaining("weights:A");
        assertThat(NnPreset.Averaging.parse("logits:6:2").toString()).isEqualTo("logits:6:2");
    }
}
