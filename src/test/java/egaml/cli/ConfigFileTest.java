package egaml.cli;

import egaml.core.EgamlDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void printedSettingsReadBackAndOverridesApplyKeyByKey() throws Exception {
        ConfigFile.Settings full = ConfigFile.Settings.preset("full");
        Path printed = Files.writeString(dir.resolve("full.json"), ConfigFile.json(full));
        assertThat(ConfigFile.apply(printed, ConfigFile.Settings.preset("smoke"))).isEqualTo(full);

        Path edit = Files.writeString(dir.resolve("edit.json"),
                "{\"nn\": {\"epochs\": 30, \"snapshotEpoch\": 30, \"averaging\": {\"kind\": \"logits\", \"from\": 6, \"every\": 1}},\n"
                        + " \"gbt\": {\"realisations\": 4}}");
        ConfigFile.Settings s = ConfigFile.apply(edit, full);
        assertThat(s.nn().epochs()).isEqualTo(30);
        assertThat(s.nn().averaging().toString()).isEqualTo("logits:6");
        assertThat(s.nn().scalingSets()).isEqualTo(full.nn().scalingSets());
        assertThat(s.gbt().realisations()).isEqualTo(4);
        assertThat(s.gbt().folds()).isEqualTo(full.gbt().folds());
        assertThat(s.stacker()).isEqualTo(full.stacker());
    }

    @Test
    void nestedSettingsMergeKeyByKey() throws Exception {
        ConfigFile.Settings fast = ConfigFile.Settings.preset("fast");
        Path edit = Files.writeString(dir.resolve("params.json"),
                "{\"gbt\": {\"params\": {\"trees\": 300, \"learningRate\": 0.03}}}");
        ConfigFile.Settings s = ConfigFile.apply(edit, fast);
        assertThat(s.gbt().params()).isEqualTo(fast.gbt().params().with("num_iterations=300,learning_rate=0.03"));
        assertThat(s.gbt().realisations()).isEqualTo(fast.gbt().realisations());
        assertThat(fast.gbt().params().extraTrees()).isTrue();
        Path plain = Files.writeString(dir.resolve("plain.json"), "{\"gbt\": {\"params\": {\"extraTrees\": false}}}");
        assertThat(ConfigFile.apply(plain, fast).gbt().params()).isEqualTo(fast.gbt().params().with("extra_trees=false"));
        Path unknown = Files.writeString(dir.resolve("p2.json"), "{\"gbt\": {\"params\": {\"leaves\": 3}}}");
        assertThatThrownBy(() -> ConfigFile.apply(unknown, fast)).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining("unknown setting 'gbt.params.leaves'").hasMessageContaining("numLeaves");
        Path invalid = Files.writeString(dir.resolve("p3.json"), "{\"gbt\": {\"params\": {\"numLeaves\": 1}}}");
        assertThatThrownBy(() -> ConfigFile.apply(invalid, fast)).hasMessageContaining("invalid 'gbt' settings")
                .hasMessageContaining("num_leaves >= 2");
    }

    @Test
    void badFilesNameTheFileAndTheProblem() throws Exception {
        ConfigFile.Settings base = ConfigFile.Settings.preset("fast");
        Path unknown = Files.writeString(dir.resolve("u.json"), "{\"nn\": {\"epoch\": 3}}");
        assertThatThrownBy(() -> ConfigFile.apply(unknown, base)).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining("u.json").hasMessageContaining("unknown setting 'nn.epoch'").hasMessageContaining("epochs");
        Path section = Files.writeString(dir.resolve("s.json"), "{\"lightgbm\": {}}");
        assertThatThrownBy(() -> ConfigFile.apply(section, base)).hasMessageContaining("unknown section 'lightgbm'");
        Path broken = Files.writeString(dir.resolve("b.json"), "{\n\"nn\": {\"epochs\": 3,,}\n}");
        assertThatThrownBy(() -> ConfigFile.apply(broken, base)).hasMessageContaining("b.json:2").hasMessageContaining("not valid JSON");
        Path invalid = Files.writeString(dir.resolve("i.json"), "{\"nn\": {\"snapshotEpoch\": 99}}");
        assertThatThrownBy(() -> ConfigFile.apply(invalid, base)).hasMessageContaining("invalid 'nn' settings")
                .hasMessageContaining("snapshot epoch");
        assertThatThrownBy(() -> ConfigFile.apply(dir.resolve("none.json"), base)).hasMessageContaining("no such configuration file");
    }
}
