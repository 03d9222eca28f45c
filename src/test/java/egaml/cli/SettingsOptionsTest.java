package egaml.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsOptionsTest {
    @TempDir
    Path dir;

    @Test
    void printedSettingsAreAConfigFileAndTheCommandLineWinsOverIt() throws Exception {
        CliRunner printed = CliRunner.run("train", "--data", dir.toString(), "--out", dir.resolve("m").toString(),
                "--preset", "full", "--seed", "4", "--print-config");
        assertThat(printed.exit()).as(printed.err()).isZero();
        Path file = Files.writeString(dir.resolve("full.json"), printed.out());
        CliRunner again = CliRunner.run("train", "--data", dir.toString(), "--out", dir.resolve("m").toString(),
                "--config", file.toString(), "--print-config");
        assertThat(again.out()).isEqualTo(printed.out());

        Path edit = Files.writeString(dir.resolve("edit.json"), "{\"preset\": \"smoke\", \"models\": [\"gbt\", \"baseline\"],"
                + " \"seed\": 8, \"gbt\": {\"repeats\": 3}}");
        CliRunner edited = CliRunner.run("cv", "--data", dir.toString(), "--models", "gbt", "--config", edit.toString(),
                "--gbt-repeats", "4", "--print-config");
        assertThat(edited.exit()).as(edited.err()).isZero();
        assertThat(edited.out()).contains("\"preset\" : \"smoke\"", "\"seed\" : 8", "\"repeats\" : 4")
                .doesNotContain("\"nn\"").doesNotContain("\"baseline\"");
    }

    @Test
    void badFilesAndStrayOptionsNameTheProblem() throws Exception {
        Path unknown = Files.writeString(dir.resolve("u.json"), "{\"nn\": {\"epoch\": 3}}");
        CliRunner u = CliRunner.run("train", "--data", dir.toString(), "--out", "m", "--config", unknown.toString(),
                "--print-config");
        assertThat(u.exit()).isEqualTo(2);
        assertThat(u.err()).contains("u.json").contains("unknown setting 'nn.epoch'");
        Path broken = Files.writeString(dir.resolve("b.json"), "{\n\"nn\": {\"epochs\": 3,,}\n}");
        CliRunner b = CliRunner.run("train", "--data", dir.toString(), "--out", "m", "--config", broken.toString(),
                "--print-config");
        assertThat(b.err()).contains("b.json:2").contains("not valid JSON");
        CliRunner none = CliRunner.run("train", "--data", dir.toString(), "--out", "m", "--config",
                dir.resolve("none.json").toString(), "--print-config");
        assertThat(none.err()).contains("no such configuration file");
        CliRunner stray = CliRunner.run("train", "--data", dir.toString(), "--out", "m", "--models", "gbt", "--nn-epochs",
                "3", "--print-config");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).contains("--nn-epochs (nn)").contains("not trained");
        CliRunner badMember = CliRunner.run("train", "--data", dir.toString(), "--out", "m", "--models", "gbt,svm",
                "--print-config");
        assertThat(badMember.err()).contains("unknown member 'svm'").contains("gbt, nn, baseline");
    }

    @Test
    void helpListsTheCommonOptionsFirstAndExperimentsLast() {
        String help = CliRunner.run("train", "--help").out();
        int common = help.indexOf("--preset");
        int gbt = help.indexOf("GBT member (overrides of the preset):");
        int nn = help.indexOf("NN member (overrides of the preset):");
        int experiments = help.indexOf("NN experiments:");
        assertThat(common).isPositive().isLessThan(gbt);
        assertThat(gbt).isLessThan(nn);
        assertThat(nn).isLessThan(experiments);
        assertThat(help.lastIndexOf("--nn-schedule")).isGreaterThan(experiments);
        assertThat(help).doesNotContain("--nn-workers").doesNotContain("--nn-trace");
    }
}
