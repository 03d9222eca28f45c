package egaml.cli;

import egaml.TestData;
import egaml.core.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    @TempDir
    Path dir;

    private static String runCsv(int scans, double scale) {
        StringBuilder sb = new StringBuilder("time,temp,m/z,abundance\n");
        for (int s = 0; s < scans; s++) {
            for (int mz = 0; mz < 100; mz++) {
                double signal = mz == 44 ? Math.exp(-Math.pow(s - scans / 2.0, 2) / 30) : 0.01;
                sb.append(s * 5.2).append(',').append(30 + s * 3.0).append(',').append(mz).append(".0,")
                        .append(scale * signal).append('\n');
            }
        }
        return sb.toString();
    }

    private static String md5(String content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String META = "sample_id,split,instrument_type,features_path,features_md5_hash\n";
    private static final String LABELS = "sample_id," + String.join(",", Label.columnNames()) + "\n";

    @Test
    void everyCommandHasHelpAndVersionWorks() {
        for (String[] args : new String[][] {{"--help"}, {"inspect", "--help"}, {"validate", "--help"},
            {"bench", "--help"}, {"bench", "ingest", "--help"}, {"cache", "--help"}, {"simulate", "--help"}, {"stats", "--help"}, {"demo", "--help"}, {"cv", "--help"}, {"train", "--help"}, {"predict", "--help"}, {"evaluate", "--help"}, {"features", "--help"}, {"export-nn", "--help"}, {"bench", "gbt", "--help"}, {"bench", "nn", "--help"}}) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage:");
        }
        assertThat(CliRunner.run("--version").out()).startsWith("egaml ");
        assertThat(CliRunner.run("no-such-command").exit()).isEqualTo(2);
    }

    @Test
    void validateReportsGoodDatasets() throws Exception {
        String a = runCsv(40, 1e-9);
        String b = runCsv(50, 2e-9);
        TestData.writeGzip(dir, "A.csv.gz", a);
        TestData.write(dir, "B.csv", b);
        TestData.write(dir, "metadata.csv", META + "A,train,commercial,A.csv.gz," + md5(a) + "\nB,train,commercial,B.csv,"
                + md5(b) + "\n");
        TestData.write(dir, "train_labels.csv", LABELS + "A,0,1,0,0,0,0,0,0,0,0\nB,0,0,0,0,0,0,0,0,0,0\n");
        CliRunner r = CliRunner.run("validate", dir.toString(), "--quiet", "--cache", dir.resolve("cache").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("train      commercial          2        2         2")
                .contains("OK: 2 good samples (2 commercial), 0 bad");
    }

    @Test
    void validateListsEveryBadSampleAndExitsOne() throws Exception {
        String a = runCsv(40, 1e-9);
        TestData.write(dir, "A.csv", a);
        TestData.write(dir, "B.csv", "time,temp,m/z,abundance\n1,2,3,4\n1,x,3,4\n");
        TestData.write(dir, "C.csv", runCsv(30, 1e-9));
        TestData.write(dir, "D.csv", runCsv(30, 1e-9));
        TestData.write(dir, "metadata.csv", META + "A,train,commercial,A.csv,ffffffffffffffffffffffffffffffff\n"
                + "B,train,commercial,B.csv,\nC,train,commercial,C.csv,\nD,train,commercial,missing.csv,\n");
        TestData.write(dir, "train_labels.csv", LABELS + "A,0,0,0,0,0,0,0,0,0,0\nB,0,0,0,0,0,0,0,0,0,0\n"
                + "D,0,0,0,0,0,0,0,0,0,0\n");
        CliRunner r = CliRunner.run("validate", dir.toString(), "--quiet", "--no-cache");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED: 0 good samples (0 commercial), 4 bad:")
                .contains("bad A: " + dir.resolve("A.csv") + ": MD5 of the uncompressed content is " + md5(a))
                .contains("bad B: " + dir.resolve("B.csv") + ":3: column 'temp' is not a number: 'x'")
                .contains("bad C: no labels in " + dir.resolve("train_labels.csv"))
                .contains("bad D: " + dir.resolve("missing.csv") + ": file not found");
    }

    @Test
    void badInputExitsTwoNamingFileAndLine() throws IOException {
        Path bad = TestData.write(dir, "bad.csv", "time,temp,m/z,abundance\n1,2,3,4\n1,2,3\n");
        CliRunner r = CliRunner.run("inspect", bad.toString(), "--no-cache");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("egaml: error: " + bad + ":3: expected 4 comma-separated fields");
        Path badMeta = dir.resolve("ds");
        Files.createDirectories(badMeta);
        TestData.write(badMeta, "metadata.csv", "sample_id,split\nA,train\n");
        r = CliRunner.run("validate", badMeta.toString(), "--quiet");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(badMeta.resolve("metadata.csv") + ":1: missing column 'instrument_type'");
        assertThat(CliRunner.run("inspect", bad.toString(), "--fractional-mz", "nearest").exit()).isEqualTo(2);
    }

    @Test
    void inspectCommercialAndSamRunsWithPictures() throws IOException {
        for (String id : new String[] {"S0001", "S0754"}) {
            Path png = dir.resolve(id + ".png");
            CliRunner r = CliRunner.run("inspect", TestData.realRun(id).toString(), "--png", png.toString(),
                    "--cache", dir.resolve("cache").toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("sample       " + id).contains("strongest ions")
                    .containsPattern("(?m)(^  m/z \\d+.*\\d\\n){5}");
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img.getWidth()).isEqualTo(1100);
            assertThat(img.getHeight()).isGreaterThan(900);
        }
        assertThat(CliRunner.run("inspect", TestData.realRun("S0754").toString(), "--no-cache").out())
                .contains("instrument   sam_testbed").contains("fractional m/z 1,401");
    }

    @Test
    void demoRunsEndToEndOnSimulatedData() {
        Path out = dir.resolve("demo");
        CliRunner r = CliRunner.run("demo", "--out", out.toString(), "--samples", "30", "--seed", "3", "--preset", "smoke");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("== 1. simulate").contains("OK: 30 good samples").contains("single-label commercial samples")
                .contains("== 5. train").contains("model: ").contains("== 7. predict").contains("aggregated log loss")
                .containsPattern("time after JVM start: model [0-9.]+ s, runs [0-9.]+ s, gbt [0-9.]+ s, nn [0-9.]+ s")
                .contains("demo finished");
        assertThat(out.resolve("model/manifest.json")).exists();
        try {
            String report = Files.readString(out.resolve("model/report.html"));
            assertThat(report).contains("<h2>Out-of-fold log loss</h2>").contains("<h2>Stacker weights</h2>")
                    .contains("<h2>Calibration</h2>").contains("<h2>Worst out-of-fold predictions</h2>")
                    .contains("data:image/png;base64,").doesNotContain("http://").doesNotContain("https://");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(out.resolve("predictions.csv")).exists();
        assertThat(out.resolve("data/metadata.csv")).exists();
        try {
            List<String> byModel = Files.readAllLines(out.resolve("model/oof_models.csv"));
            assertThat(byModel.get(0)).isEqualTo("model,sample_id," + String.join(",", Label.columnNames()));
            java.util.Map<String, Long> rows = byModel.stream().skip(1)
                    .collect(java.util.stream.Collectors.groupingBy(l -> l.split(",")[0], java.util.stream.Collectors.counting()));
            assertThat(rows).containsKeys("gbt", "nn", "ensemble", "prior");
            assertThat(rows.values()).allMatch(n -> n.equals(rows.get("ensemble")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (var pngs = java.nio.file.Files.list(out)) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void simulateAndStatsFromTheCommandLine() {
        Path out = dir.resolve("sim");
        CliRunner r = CliRunner.run("simulate", "--out", out.toString(), "--samples", "8", "--seed", "2", "--labels",
                "carbonate,sulfate", "--format", "commercial", "--compress", "none", "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("simulated 8 runs (8 commercial, 0 SAM-like");
        assertThat(out.resolve("train_features/SIM0000.csv")).exists();
        CliRunner stats = CliRunner.run("stats", out.toString(), "--quiet", "--no-cache");
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out()).containsPattern("commercial +8 ");
        assertThat(CliRunner.run("simulate", "--out", out.toString(), "--quiet").exit()).isEqualTo(2); // not empty
        assertThat(CliRunner.run("simulate", "--out", dir.resolve("x").toString(), "--labels", "olivine").err())
                .contains("unknown label 'olivine'");
    }

    @Test
    void gbtCommandsOnSimulatedData() throws IOException {
        Path sim = dir.resolve("sim");
        assertThat(CliRunner.run("simulate", "--out", sim.toString(), "--samples", "30", "--seed", "4", "--format",
                "commercial", "--quiet").exit()).isZero();
        Path oof = dir.resolve("oof.csv");
        Path model = dir.resolve("gbt-model");
        CliRunner cv = CliRunner.run("cv", "--data", sim.toString(), "--models", "gbt", "--preset", "smoke", "--seed", "2",
                "--out", oof.toString(), "--save", model.toString(), "--quiet", "--no-cache");
        assertThat(cv.exit()).as(cv.err()).isZero();
        assertThat(cv.out()).contains("gbt cv: preset smoke, seed 2, 30 samples").containsPattern("(?m)^gbt_r10 +0\\.\\d{4}")
                .containsPattern("(?m)^prior +0\\.\\d{4}");
        List<String> lines = Files.readAllLines(oof);
        assertThat(lines).hasSize(31);
        assertThat(lines.get(0)).isEqualTo("sample_id," + String.join(",", Label.columnNames()));
        assertThat(model.resolve("gbt.json")).exists();
        assertThat(CliRunner.run("cv", "--data", sim.toString(), "--models", "cnn", "--quiet").err())
                .contains("unknown member 'cnn'").contains("gbt, nn, baseline");
        Path baseOof = dir.resolve("oof_baseline.csv");
        CliRunner base = CliRunner.run("cv", "--data", sim.toString(), "--models", "baseline", "--preset", "smoke", "--seed",
                "2", "--out", baseOof.toString(), "--save", dir.resolve("baseline-model").toString(), "--quiet", "--no-cache");
        assertThat(base.exit()).as(base.err()).isZero();
        assertThat(base.out()).contains("baseline cv: preset smoke, seed 2, 30 samples")
                .containsPattern("(?m)^baseline_lr +\\d\\.\\d{4}").contains("settings chosen");
        assertThat(Files.readAllLines(baseOof)).hasSize(31);
        assertThat(dir.resolve("baseline-model").resolve("baseline.json")).exists();
        Path nnOof = dir.resolve("oof_nn.csv");
        CliRunner nn = CliRunner.run("cv", "--data", sim.toString(), "--models", "nn", "--preset", "smoke", "--seed", "2",
                "--out", nnOof.toString(), "--save", dir.resolve("nn-model").toString(), "--trace", "--quiet", "--no-cache");
        assertThat(nn.exit()).as(nn.err()).isZero();
        assertThat(nn.out()).contains("nn cv: preset smoke, seed 2, 30 samples").contains("weights averaged over epochs 3..8")
                .containsPattern("(?m)^nn_share_wd1e-04 +\\d\\.\\d{4}").containsPattern("(?m)^ +epoch +8 ");
        assertThat(Files.readAllLines(nnOof)).hasSize(31);
        assertThat(dir.resolve("nn-model").resolve("nn.json")).exists();
        CliRunner benchNn = CliRunner.run("bench", "nn", "--data", sim.toString(), "--epochs", "1", "--scalings", "2",
                "--activation", "leaky", "--no-cache");
        assertThat(benchNn.exit()).as(benchNn.err()).isZero();
        assertThat(benchNn.out()).contains("2 scalings (max+share)").contains("ms/step").contains("samples/s").contains("peak memory");

        Path features = dir.resolve("features.csv");
        CliRunner f = CliRunner.run("features", "--data", sim.toString(), "--out", features.toString(), "--quiet", "--no-cache");
        assertThat(f.exit()).as(f.err()).isZero();
        List<String> rows = Files.readAllLines(features);
        assertThat(rows).hasSize(31);
        assertThat(rows.get(0).split(",")).hasSize(1 + 3704).startsWith("sample_id", "ion_mean_mz0");
        assertThat(rows.get(1).split(",")).hasSize(1 + 3704);

        CliRunner bench = CliRunner.run("bench", "gbt", "--data", sim.toString(), "--fits", "1", "--no-cache");
        assertThat(bench.exit()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("features: 30 runs x 3704 features").contains("fits per second per core");
    }

    @Test
    void trainPretrainsTheAugMemberOnAnotherDatasetAndRecordsIt() throws IOException {
        Path sim = dir.resolve("sim");
        Path pre = dir.resolve("pre");
        assertThat(CliRunner.run("simulate", "--out", sim.toString(), "--samples", "24", "--seed", "4", "--quiet",
                "--format", "commercial").exit()).isZero();
        assertThat(CliRunner.run("simulate", "--out", pre.toString(), "--samples", "24", "--seed", "5", "--quiet",
                "--format", "commercial").exit()).isZero();
        Path model = dir.resolve("model");
        CliRunner r = CliRunner.run("train", "--data", sim.toString(), "--out", model.toString(), "--preset", "smoke",
                "--models", "aug", "--pretrain-data", pre.toString(), "--aug-pretrain-epochs", "1", "--quiet", "--no-cache");
        assertThat(r.exit()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(model.resolve("manifest.json").toFile());
        assertThat(manifest.path("provenance").path("pretraining").path("samples").asInt()).isEqualTo(24);
        assertThat(manifest.path("provenance").path("pretraining").path("data").asText()).endsWith("pre");
        assertThat(manifest.path("provenance").path("pretraining").path("dataSha256").asText()).hasSize(64);
        assertThat(manifest.path("settings").path("aug").path("pretrainEpochs").asInt()).isEqualTo(1);
        // a pretraining folder no chosen member uses, or pretraining epochs without a folder: refused, nothing written
        Path other = dir.resolve("other");
        CliRunner unused = CliRunner.run("train", "--data", sim.toString(), "--out", other.toString(), "--preset", "smoke",
                "--models", "aug", "--pretrain-data", pre.toString(), "--quiet", "--no-cache");
        assertThat(unused.exit()).isEqualTo(2);
        assertThat(unused.err()).contains("--pretrain-data").contains("--aug-pretrain-epochs");
        CliRunner missing = CliRunner.run("cv", "--data", sim.toString(), "--out", dir.resolve("oof.csv").toString(),
                "--preset", "smoke", "--models", "aug", "--aug-pretrain-epochs", "1", "--quiet", "--no-cache");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("pretraining epochs need pretraining runs").contains("--pretrain-data");
        assertThat(other).doesNotExist();
    }

    @Test
    void theAugMemberTrainsAndPredictsTheNetworkFamiliesAsked() throws IOException {
        Path sim = dir.resolve("sim");
        assertThat(CliRunner.run("simulate", "--out", sim.toString(), "--samples", "24", "--seed", "4", "--quiet",
                "--format", "commercial").exit()).isZero();
        Path model = dir.resolve("model");
        CliRunner r = CliRunner.run("train", "--data", sim.toString(), "--out", model.toString(), "--preset", "smoke",
                "--models", "aug", "--aug-networks", "tcnn,gru", "--no-cache");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("aug_tcnn").contains("aug_gru");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(model.resolve("manifest.json").toFile()).path("settings").path("aug").path("networks")
                .toString()).isEqualTo("[\"tcnn\",\"gru\"]");
        com.fasterxml.jackson.databind.JsonNode aug = json.readTree(model.resolve("aug").resolve("aug.json").toFile());
        assertThat(aug.path("models")).hasSize(4);
        assertThat(aug.path("networks").path("gru").asText()).contains("bidirectional GRU");
        Path out = dir.resolve("p.csv");
        CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--data", sim.toString(), "--out",
                out.toString(), "--quiet", "--no-cache");
        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(25);
        // a network family egaml does not have: refused with the known ones, nothing written
        Path other = dir.resolve("other");
        CliRunner unknown = CliRunner.run("train", "--data", sim.toString(), "--out", other.toString(), "--preset",
                "smoke", "--models", "aug", "--aug-networks", "tcnn,lstm", "--quiet", "--no-cache");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown aug network 'lstm'").contains("tcnn, gru");
        assertThat(other).doesNotExist();
    }

    @Test
    void trainKeepsUnfinishedWorkApartAndRefusesToMixIt() throws IOException {
        Path sim = dir.resolve("sim");
        assertThat(CliRunner.run("simulate", "--out", sim.toString(), "--samples", "12", "--seed", "4", "--quiet").exit()).isZero();
        Path model = dir.resolve("model");
        Path partial = dir.resolve("model.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("run.json"), "{\"seed\": 99}");
        CliRunner fresh = CliRunner.run("train", "--data", sim.toString(), "--out", model.toString(), "--preset", "smoke",
                "--quiet", "--no-cache");
        assertThat(fresh.exit()).isEqualTo(2);
        assertThat(fresh.err()).contains("interrupted training").contains("--resume").contains("model.partial");
        CliRunner resume = CliRunner.run("train", "--data", sim.toString(), "--out", model.toString(), "--preset", "smoke",
                "--resume", "--quiet", "--no-cache");
        assertThat(resume.exit()).isEqualTo(2);
        assertThat(resume.err()).contains("cannot resume").contains("run.json");
        assertThat(model).doesNotExist();
        CliRunner print = CliRunner.run("train", "--data", sim.toString(), "--out", model.toString(), "--preset", "fast",
                "--print-config", "--nn-epochs", "7", "--no-cache", "--quiet");
        assertThat(print.exit()).as(print.err()).isZero();
        assertThat(print.out()).contains("\"gbt\"").contains("\"stacker\"").containsPattern("\"epochs\" : 7");
    }

    @Test
    void benchIngestAndCacheCommands() throws Exception {
        String a = runCsv(40, 1e-9);
        TestData.writeGzip(dir, "A.csv.gz", a);
        TestData.write(dir, "metadata.csv", META + "A,train,commercial,A.csv.gz," + md5(a) + "\n");
        Path cache = dir.resolve("bench-cache");
        CliRunner r = CliRunner.run("bench", "ingest", "--data", dir.toString(), "--cache", cache.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("cold\\s+1\\s+4,000").containsPattern("fill\\s+1").containsPattern("warm\\s+1")
                .contains("cache: 1 entries");
        assertThat(CliRunner.run("cache", "info", "--cache", cache.toString()).out()).contains(": 1 runs");
        assertThat(CliRunner.run("cache", "clear", "--cache", cache.toString()).out()).contains("deleted 1 files");
        assertThat(CliRunner.run("cache", "info", "--cache", cache.toString()).out()).contains(": 0 runs");
    }
}
