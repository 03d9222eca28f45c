package egaml.cli;

import egaml.core.Label;
import egaml.cv.PredictionTable;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Batch prediction as a lab uses it: damaged runs among good ones, odd file names, an existing model folder. */
class PredictCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path runs;

    @BeforeAll
    static void trainAQuickModel() throws IOException {
        Path sim = dir.resolve("sim");
        assertThat(CliRunner.run("simulate", "--out", sim.toString(), "--samples", "24", "--seed", "6", "--format",
                "commercial", "--compress", "none", "--quiet").exit()).isZero();
        model = dir.resolve("model");
        CliRunner train = CliRunner.run("train", "--data", sim.toString(), "--out", model.toString(), "--preset", "smoke",
                "--models", "gbt", "--quiet", "--no-cache");
        assertThat(train.exit()).as(train.err()).isZero();
        runs = Files.createDirectories(dir.resolve("runs"));
        try (Stream<Path> files = Files.list(sim.resolve("train_features"))) {
            for (Path f : files.sorted().toList()) {
                Files.copy(f, runs.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void anExistingModelFolderIsKeptUnlessForced() {
        CliRunner again = CliRunner.run("train", "--data", dir.resolve("sim").toString(), "--out", model.toString(),
                "--preset", "smoke", "--models", "gbt", "--quiet", "--no-cache");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").contains("--force");
        assertThat(model.resolve("manifest.json")).exists();
    }

    @Test
    void theBoostersInputsAndTheNetworksAreExportedForOtherTools() throws IOException {
        Path out = dir.resolve("booster-inputs");
        CliRunner features = CliRunner.run("features", "--model", model.toString(), "--data", runs.toString(), "--out",
                out.toString(), "--quiet", "--no-cache");
        assertThat(features.exit()).as(features.err()).isZero();
        assertThat(features.out()).contains("24 runs: inputs of").contains("LightGBM boosters in 1 realisation tables");
        List<String> index = Files.readAllLines(out.resolve("boosters.csv"));
        assertThat(index.get(0)).startsWith("model_file,realisation,trim_range,window_offset,repeat,fold,label,inputs_file");
        assertThat(index).hasSize(1 + 2 * Label.COUNT);
        assertThat(index.get(1)).contains(model.resolve("gbt").resolve("models").toString()).contains("realisation_0.csv");
        assertThat(Files.readAllLines(out.resolve("realisation_0.csv"))).hasSize(25);
        // the model decides its seed and realisations; an existing folder is kept unless forced
        CliRunner seeded = CliRunner.run("features", "--model", model.toString(), "--data", runs.toString(), "--out",
                dir.resolve("other").toString(), "--seed", "3", "--quiet");
        assertThat(seeded.exit()).isEqualTo(2);
        assertThat(seeded.err()).contains("--seed cannot be combined with --model");
        CliRunner again = CliRunner.run("features", "--model", model.toString(), "--data", runs.toString(), "--out",
                out.toString(), "--quiet");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("exists").contains("--force");
        // this model has no networks
        CliRunner nn = CliRunner.run("export-nn", "--model", model.toString(), "--out", dir.resolve("nn").toString());
        assertThat(nn.exit()).isEqualTo(2);
        assertThat(nn.err()).contains("has no nn member").contains("[gbt]");
    }

    @Test
    void aFileThatCannotBeWrittenIsAnEnvironmentFailureNotBadInput() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        CliRunner r = CliRunner.run("predict", "--model", model.toString(), "--data", runs.toString(), "--out",
                blocker.resolve("p.csv").toString(), "--no-cache", "--quiet");
        assertThat(r.exit()).isEqualTo(EgamlCli.EXIT_ENVIRONMENT);
        assertThat(r.err()).contains("could not read or write a file").contains("not-a-folder");
    }

    @Test
    void damagedRunsStopTheBatchOrAreSkippedAndListed() throws IOException {
        Path batch = Files.createDirectories(dir.resolve("batch"));
        try (Stream<Path> files = Files.list(runs)) {
            for (Path f : files.sorted().toList()) {
                Files.copy(f, batch.resolve(f.getFileName()));
            }
        }
        List<String> good = Files.readAllLines(batch.resolve("SIM0000.csv"));
        List<String> broken = new java.util.ArrayList<>(good.subList(0, 6));
        String[] f = broken.get(4).split(",");
        f[1] = "hot";
        broken.set(4, String.join(",", f));
        Files.write(batch.resolve("BAD1.csv"), broken);
        Files.writeString(batch.resolve("BAD2.csv"), "time,temperature,mz,abundance\n1,2,3,4\n");
        Files.writeString(batch.resolve("BAD3.csv"), "");
        // an id that needs quoting in a CSV, with non-ASCII letters
        Files.copy(runs.resolve("SIM0001.csv"), batch.resolve("Müller, \"Ω\" 7.csv"));

        Path out = dir.resolve("p.csv");
        CliRunner stop = CliRunner.run("predict", "--model", model.toString(), "--data", batch.toString(), "--out",
                out.toString(), "--no-cache", "--quiet");
        assertThat(stop.exit()).isEqualTo(2);
        assertThat(stop.err()).contains("BAD");
        assertThat(out).doesNotExist();

        CliRunner skip = CliRunner.run("predict", "--model", model.toString(), "--data", batch.toString(), "--out",
                out.toString(), "--on-error", "skip", "--chunk", "5", "--no-cache", "--quiet");
        assertThat(skip.exit()).as(skip.err()).isZero();
        assertThat(skip.out()).contains("predicted 25 samples").contains("3 of 28 runs could not be read");
        PredictionTable p = PredictionTable.read(out);
        assertThat(p.ids()).hasSize(25).contains("Müller, \"Ω\" 7").doesNotContain("BAD1", "BAD2", "BAD3");
        List<String> inputOrder = egaml.ingest.Dataset.open(batch).samples().stream().map(egaml.ingest.SampleRef::sampleId)
                .filter(id -> !id.startsWith("BAD")).toList();
        assertThat(p.ids()).as("rows in input order").isEqualTo(inputOrder);

        Path failures = dir.resolve("p.failures.csv");
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(failures, StandardCharsets.UTF_8, egaml.core.CsvFiles.READ)) {
            rows = parser.getRecords();
        }
        assertThat(rows.get(0).toList()).containsExactly("sample_id", "file", "line", "reason");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0)).containsExactly("BAD1", "BAD2", "BAD3");
        CSVRecord bad1 = rows.get(1);
        assertThat(bad1.get(1)).endsWith("BAD1.csv");
        assertThat(bad1.get(2)).isEqualTo("5");
        assertThat(bad1.get(3)).contains("hot");
        assertThat(rows.get(2).get(3)).isNotBlank();
        assertThat(rows.get(3).get(3)).isNotBlank();

        // the same runs predicted in one chunk give the same rows
        Path whole = dir.resolve("whole.csv");
        assertThat(CliRunner.run("predict", "--model", model.toString(), "--data", batch.toString(), "--out",
                whole.toString(), "--on-error", "skip", "--no-cache", "--quiet").exit()).isZero();
        assertThat(Files.readString(whole)).isEqualTo(Files.readString(out));
        assertThat(PredictionTable.header()).hasSize(1 + Label.COUNT);
    }
}
