package egaml.spark;

import egaml.cli.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark engine in local mode ({@code local[2,2]}: two executor threads, a failed task tried twice), through the
 * commands a user runs, on one running context (the commands use it and leave it running): a training on Spark gives
 * the local training's model, also when a unit fails once; a prediction on Spark writes the local prediction's files.
 */
class SparkEngineTest {
    @TempDir
    static Path dir;
    static Path sim;
    static Path localModel;

    /** The context every command of this class runs on, as in a notebook or a long-lived driver. */
    static org.apache.spark.api.java.JavaSparkContext spark;
    static final String FAILING = "gbt/r0_rep0_f1_carbonate";

    /** Sets the engine's fault hooks for the commands this thread runs (Spark local properties); null removes one. */
    private static void hooks(String unit, String attempts, String unitsPerJob) {
        spark.setLocalProperty(SparkEngine.FAIL_UNIT, unit);
        spark.setLocalProperty(SparkEngine.FAIL_ATTEMPTS, attempts);
        spark.setLocalProperty(SparkEngine.UNITS_PER_JOB_KEY, unitsPerJob);
    }

    @BeforeAll
    static void data() {
        spark = new org.apache.spark.api.java.JavaSparkContext(new org.apache.spark.SparkConf().setMaster("local[2,2]")
                .setAppName("egaml-test").set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        sim = dir.resolve("sim");
        assertThat(CliRunner.run("simulate", "--out", sim.toString(), "--samples", "30", "--seed", "6", "--format",
                "commercial", "--quiet").exit()).isZero();
        localModel = dir.resolve("local-model");
        CliRunner local = CliRunner.run("train", "--data", sim.toString(), "--out", localModel.toString(), "--preset", "smoke",
                "--nn-epochs", "2", "--quiet", "--no-cache");
        assertThat(local.exit()).as(local.err()).isZero();
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        spark.stop();
    }

    /** Runs a command on the running context (a command's engine uses it and leaves it running). */
    private static CliRunner onSpark(String... args) {
        CliRunner r = CliRunner.run(args);
        assertThat(spark.sc().isStopped()).as("the engine stops only a context it started").isFalse();
        return r;
    }

    @Test
    void aTrainingOnSparkGivesTheLocalModelEvenWhenAUnitFailsOnce() throws IOException {
        String failing = FAILING;
        Path sparkModel = dir.resolve("spark-model");
        hooks(failing, "1", null);
        CliRunner train;
        try {
            train = onSpark("train", "--engine", "spark", "--data", sim.toString(), "--out", sparkModel.toString(),
                    "--preset", "smoke", "--nn-epochs", "2", "--quiet", "--no-cache");
        } finally {
            hooks(null, null, null);
        }
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.err()).contains("fold models run on Spark").contains("local[2,2]");

        // every unit ran once into the result; the failing one in its second attempt
        List<String> rows = Files.readAllLines(sparkModel.resolve("units.csv"));
        assertThat(rows.get(0)).isEqualTo("member,key,seconds,executor,attempt");
        List<String> keys = rows.subList(1, rows.size()).stream().map(r -> r.split(",")[1]).toList();
        assertThat(keys).doesNotHaveDuplicates().hasSize(2 + 2 * 10).contains(failing, "nn/c0_r0_f0", "nn/c0_r0_f1");
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",");
            assertThat(f[4]).as(r).isEqualTo(f[1].equals(failing) ? "1" : "0");
        }

        // the same model: every member file and the out-of-fold tables byte for byte, and the same predictions
        for (Path f : memberFiles(localModel)) {
            assertThat(Files.readAllBytes(sparkModel.resolve(localModel.relativize(f)))).as(f.toString())
                    .isEqualTo(Files.readAllBytes(f));
        }
        for (String f : List.of("oof.csv", "oof_models.csv", "training_profile.json")) {
            assertThat(Files.readString(sparkModel.resolve(f))).as(f).isEqualTo(Files.readString(localModel.resolve(f)));
        }
        Path fromLocal = dir.resolve("from-local.csv");
        Path fromSpark = dir.resolve("from-spark.csv");
        assertThat(CliRunner.run("predict", "--model", localModel.toString(), "--data", sim.toString(), "--out",
                fromLocal.toString(), "--quiet", "--no-cache").exit()).isZero();
        assertThat(CliRunner.run("predict", "--model", sparkModel.toString(), "--data", sim.toString(), "--out",
                fromSpark.toString(), "--quiet", "--no-cache").exit()).isZero();
        assertThat(Files.readString(fromSpark)).isEqualTo(Files.readString(fromLocal));
    }

    @Test
    void aUnitThatFailsForGoodStopsTheTrainingAndResumeTrainsOnlyWhatIsMissing() throws IOException {
        Path model = dir.resolve("resumed-model");
        // jobs of 4 units; the failing unit's job fails (local[2,2]: two attempts), the other jobs' units are kept
        hooks(FAILING, "2", "4");
        CliRunner failed;
        try {
            failed = onSpark("train", "--engine", "spark", "--data", sim.toString(), "--out", model.toString(), "--preset",
                    "smoke", "--nn-epochs", "2", "--quiet", "--no-cache");
        } finally {
            hooks(null, null, null);
        }
        assertThat(failed.exit()).as(failed.err()).isEqualTo(4);
        assertThat(failed.err()).contains("4 of 22 units did not finish on Spark").contains("--resume")
                .contains(FAILING);
        assertThat(model).doesNotExist();

        CliRunner resumed = onSpark("train", "--engine", "spark", "--resume", "--data", sim.toString(), "--out",
                model.toString(), "--preset", "smoke", "--nn-epochs", "2", "--quiet", "--no-cache");
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        List<String> rows = Files.readAllLines(model.resolve("units.csv"));
        assertThat(rows.subList(1, rows.size())).hasSize(4).anySatisfy(r -> assertThat(r).contains(FAILING));
        for (String f : List.of("oof.csv", "oof_models.csv")) {
            assertThat(Files.readString(model.resolve(f))).as(f).isEqualTo(Files.readString(localModel.resolve(f)));
        }
    }

    @Test
    void aPredictionOnSparkWritesTheLocalPredictionsFiles() throws IOException {
        Path batch = dir.resolve("batch");
        Files.createDirectories(batch);
        try (Stream<Path> runs = Files.walk(sim)) {
            for (Path r : runs.filter(p -> p.getFileName().toString().endsWith(".csv.gz")).sorted().limit(11).toList()) {
                Files.copy(r, batch.resolve(r.getFileName()));
            }
        }
        Files.writeString(batch.resolve("BAD.csv"), "time,temp,m/z,abundance\n0.0,30.1,4.0,oops\n");
        Files.writeString(batch.resolve("EMPTY.csv"), "");

        // locally in one chunk; on Spark in chunks of 6 runs: three tasks, one with both bad runs, the last with one run
        // (a network predicts a lone run as it predicts it among others)
        Map<String, String> files = new java.util.LinkedHashMap<>();
        for (String engine : List.of("local", "spark")) {
            Path out = dir.resolve(engine + ".csv");
            String[] args = {"predict", "--engine", engine, "--model", localModel.toString(), "--data", batch.toString(),
                    "--out", out.toString(), "--chunk", engine.equals("local") ? "256" : "6", "--on-error", "skip",
                    "--quiet", "--no-cache"};
            CliRunner run = engine.equals("local") ? CliRunner.run(args) : onSpark(args);
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("predicted 11 samples").contains("2 of 13 runs could not be read");
            for (String suffix : List.of(".csv", ".details.csv", ".failures.csv")) {
                String text = Files.readString(dir.resolve(engine + suffix));
                String before = files.putIfAbsent(suffix, text);
                if (before != null) {
                    assertThat(text).as(suffix).isEqualTo(before);
                }
            }
        }
        assertThat(files.get(".failures.csv")).contains("BAD").contains("EMPTY");

        // stopping at a bad run: the same message, nothing written
        Path stopped = dir.resolve("stopped.csv");
        CliRunner local = CliRunner.run("predict", "--model", localModel.toString(), "--data", batch.toString(), "--out",
                stopped.toString(), "--chunk", "5", "--quiet", "--no-cache");
        CliRunner cluster = onSpark("predict", "--engine", "spark", "--model", localModel.toString(), "--data",
                batch.toString(), "--out", stopped.toString(), "--chunk", "5", "--quiet", "--no-cache");
        assertThat(local.exit()).isEqualTo(2);
        assertThat(cluster.exit()).isEqualTo(2);
        assertThat(errorLine(cluster.err())).isEqualTo(errorLine(local.err())).contains("BAD");
        assertThat(stopped).doesNotExist();
    }

    @Test
    void anUnknownEngineOrAReportOnSparkIsRefusedBeforeAnyWork() {
        CliRunner train = CliRunner.run("train", "--engine", "hadoop", "--data", sim.toString(), "--out",
                dir.resolve("never").toString(), "--preset", "smoke", "--nn-epochs", "2", "--quiet", "--no-cache");
        assertThat(train.exit()).isEqualTo(2);
        assertThat(train.err()).contains("--engine must be local or spark");
        CliRunner predict = CliRunner.run("predict", "--engine", "spark", "--report", dir.resolve("r").toString(), "--model",
                localModel.toString(), "--data", sim.toString(), "--out", dir.resolve("never.csv").toString(), "--quiet");
        assertThat(predict.exit()).isEqualTo(2);
        assertThat(predict.err()).contains("--report is not available with --engine spark");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    /** The files of a model's member folders (everything but the records of the training). */
    private static List<Path> memberFiles(Path model) throws IOException {
        Set<String> records = Set.of("manifest.json", "report.html", "cv.json", "oof.csv", "oof_models.csv",
                "training_profile.json", "units.csv");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(model)) {
            all.filter(Files::isRegularFile).filter(p -> !records.contains(model.relativize(p).toString())).sorted()
                    .forEach(out::add);
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    /** The error line egaml prints (Spark may log around it). */
    private static String errorLine(String err) {
        return err.lines().filter(l -> l.startsWith("egaml: error")).findFirst().orElse(err);
    }
}
