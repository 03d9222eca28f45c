package egaml.cli;

import egaml.core.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** The realism report and the transfer benchmark on small simulated datasets (issue 18). */
class RealismCommandTest {
    @TempDir
    Path dir;

    private Path simulate(String name, int samples, int seed) {
        Path out = dir.resolve(name);
        CliRunner r = CliRunner.run("simulate", "--out", out.toString(), "--samples", Integer.toString(samples), "--seed",
                Integer.toString(seed), "--sam-fraction", "0", "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        return out;
    }

    @Test
    void realismReportComparesTwoDatasetsAndWritesItsFiguresAndPictures() throws IOException {
        Path a = simulate("a", 40, 1);
        Path b = simulate("b", 40, 2);
        Path out = dir.resolve("report");
        CliRunner r = CliRunner.run("realism", "--real", a.toString(), "--sim", b.toString(), "--out", out.toString(),
                "--cache", dir.resolve("cache").toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("commercial runs compared: real 40, simulated 40")
                .contains("distance between real and simulated signatures").contains("phyllosilicate")
                .contains("H2O 17/18").contains("drift");
        List<String> csv = Files.readAllLines(out.resolve("realism.csv"));
        assertThat(csv.get(0)).isEqualTo("section,label,ion,figure,side,n,median,q25,q75");
        assertThat(csv).anyMatch(l -> l.startsWith("release,carbonate,44,peak_temp_c,real,"))
                .anyMatch(l -> l.startsWith("ion,,64,log10_background_per_he,simulated,"))
                .anyMatch(l -> l.startsWith("distance,oxychlorine,,signature_distance,both,"));
        // two simulations of the same simulator: water's 17/18 ratio agrees within the fragment jitter
        String ratioA = csv.stream().filter(l -> l.startsWith("ratio,,17,H2O_17/18,real,")).findFirst().orElseThrow();
        String ratioB = csv.stream().filter(l -> l.startsWith("ratio,,17,H2O_17/18,simulated,")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(ratioA.split(",")[6])).isCloseTo(Double.parseDouble(ratioB.split(",")[6]),
                org.assertj.core.api.Assertions.within(0.05));
        List<String> profiles = Files.readAllLines(out.resolve("realism_profiles.csv"));
        assertThat(profiles.get(0)).isEqualTo("group,side,ion,temp_from_c,runs,median_per_he,signature");
        assertThat(profiles).hasSize(1 + 11 * 2 * 6 * 50);
        for (Label l : Label.all()) {
            var png = ImageIO.read(out.resolve("realism_" + l.columnName() + ".png").toFile());
            assertThat(png.getWidth()).isGreaterThan(1000);
        }
    }

    @Test
    void realismRefusesADatasetWithoutLabels() throws IOException {
        Path a = simulate("a", 6, 1);
        Path unlabelled = dir.resolve("unlabelled");
        Files.createDirectories(unlabelled);
        for (Path p : Files.list(a).toList()) {
            if (!p.getFileName().toString().endsWith("_labels.csv")) {
                Files.createSymbolicLink(unlabelled.resolve(p.getFileName()), p);
            }
        }
        CliRunner r = CliRunner.run("realism", "--real", a.toString(), "--sim", unlabelled.toString(), "--quiet",
                "--cache", dir.resolve("cache").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("has no labels");
    }

    @Test
    void transferBenchmarkScoresBothDirections() {
        Path real = simulate("real", 30, 3);
        CliRunner r = CliRunner.run("bench", "transfer", "--real", real.toString(), "--work", dir.resolve("work").toString(),
                "--preset", "smoke", "--sim-samples", "20", "--train-samples", "30", "--seed", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        String table = r.out().substring(r.out().indexOf("transfer (aggregated"));
        assertThat(table).contains("real -> simulated").contains("simulated -> real");
        for (String line : table.lines().filter(l -> l.contains("->")).toList()) {
            String[] cells = line.substring(line.indexOf("->") + 2).trim().split("\\s+");
            assertThat(cells).hasSize(2 + 1 + Label.COUNT); // name's second word, loss, prior, per label
            assertThat(Double.parseDouble(cells[1])).isPositive().isLessThan(2);
        }
        assertThat(CliRunner.run("bench", "transfer", "--real", real.toString(), "--work", dir.resolve("w2").toString(),
                "--direction", "sideways").err()).contains("--direction must be both, real-to-sim or sim-to-real");
    }
}
