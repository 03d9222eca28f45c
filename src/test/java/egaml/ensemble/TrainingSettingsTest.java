package egaml.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import egaml.core.Preset;
import egaml.gbt.GbtConfig;
import egaml.nn.NnPreset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingSettingsTest {
    private static final MemberRegistry REGISTRY = MemberRegistry.standard();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theJsonFormReadsBackToTheSameSettings() throws Exception {
        for (Preset p : Preset.values()) {
            TrainingSettings s = TrainingSettings.of(p, List.of("gbt", "nn", "baseline"), 7, REGISTRY)
                    .withSamMode(SamMode.AVERAGE).withClip(ProbabilityClip.parse("sam=0.02:0.98"));
            TrainingSettings back = TrainingSettings.fromJson(json(s.toJsonText()), REGISTRY);
            assertThat(back).isEqualTo(s);
            assertThat(back.toJsonText()).isEqualTo(s.toJsonText());
        }
        TrainingSettings auto = TrainingSettings.of(Preset.FAST, List.of("gbt"), 1, REGISTRY);
        assertThat(auto.toJson().get("samMode").asText()).isEqualTo("auto");
        assertThat(TrainingSettings.fromJson(auto.toJson(), REGISTRY).samMode()).isNull();
    }

    @Test
    void overridesApplyKeyByKeyNestedObjectsToo() throws Exception {
        TrainingSettings full = TrainingSettings.of(Preset.FULL, List.of("gbt", "nn"), 1, REGISTRY);
        TrainingSettings s = full.merge(json("{\"nn\": {\"epochs\": 30, \"snapshotEpoch\": 30, \"averaging\": "
                + "{\"kind\": \"logits\", \"from\": 6, \"every\": 1}}, \"gbt\": {\"realisations\": 4, \"params\": "
                + "{\"trees\": 300, \"learningRate\": 0.03}}, \"seed\": 9, \"samMode\": \"stacker\"}"), REGISTRY);
        NnPreset nn = (NnPreset) s.members().get("nn");
        GbtConfig gbt = (GbtConfig) s.members().get("gbt");
        assertThat(nn.epochs()).isEqualTo(30);
        assertThat(nn.averaging().toString()).isEqualTo("logits:6");
        assertThat(nn.scalingSets()).isEqualTo(((NnPreset) full.members().get("nn")).scalingSets());
        assertThat(gbt.realisations()).isEqualTo(4);
        assertThat(gbt.params()).isEqualTo(((GbtConfig) full.members().get("gbt")).params()
                .with("num_iterations=300,learning_rate=0.03"));
        assertThat(s.stacker()).isEqualTo(full.stacker());
        assertThat(s.seed()).isEqualTo(9);
        assertThat(s.samMode()).isEqualTo(SamMode.STACKER);
    }

    @Test
    void unknownOrInvalidKeysAreNamed() throws Exception {
        TrainingSettings fast = TrainingSettings.of(Preset.FAST, List.of("gbt", "nn"), 1, REGISTRY);
        assertThatThrownBy(() -> fast.merge(json("{\"nn\": {\"epoch\": 3}}"), REGISTRY))
                .hasMessageContaining("unknown setting 'nn.epoch'").hasMessageContaining("epochs");
        assertThatThrownBy(() -> fast.merge(json("{\"gbt\": {\"params\": {\"leaves\": 3}}}"), REGISTRY))
                .hasMessageContaining("unknown setting 'gbt.params.leaves'").hasMessageContaining("numLeaves");
        assertThatThrownBy(() -> fast.merge(json("{\"lightgbm\": {}}"), REGISTRY))
                .hasMessageContaining("unknown section 'lightgbm'");
        assertThatThrownBy(() -> fast.merge(json("{\"baseline\": {\"folds\": 3}}"), REGISTRY))
                .hasMessageContaining("'baseline' is for a member that is not trained");
        assertThatThrownBy(() -> fast.merge(json("{\"nn\": {\"snapshotEpoch\": 99}}"), REGISTRY))
                .hasMessageContaining("invalid 'nn' settings").hasMessageContaining("snapshot epoch");
        assertThatThrownBy(() -> fast.merge(json("{\"gbt\": {\"params\": {\"numLeaves\": 1}}}"), REGISTRY))
                .hasMessageContaining("invalid 'gbt' settings").hasMessageContaining("num_leaves >= 2");
        assertThatThrownBy(() -> fast.merge(json("{\"nn\": {\"schedule\": \"cyclic\"}}"), REGISTRY))
                .hasMessageContaining("invalid 'nn' settings").hasMessageContaining("constant or cosine");
    }

    @Test
    void aModelFolderFromBeforeTheSettingsKeepsItsMeaning() throws Exception {
        // settings written without the newer keys read as the method's defaults
        JsonNode old = json("{\"seed\": 3, \"preset\": \"smoke\", \"models\": [\"nn\", \"gbt\"]}");
        TrainingSettings s = TrainingSettings.fromJson(old, REGISTRY);
        assertThat(s.models()).containsExactly("gbt", "nn");
        assertThat(s).isEqualTo(TrainingSettings.of(Preset.SMOKE, List.of("gbt", "nn"), 3, REGISTRY));
    }
}
