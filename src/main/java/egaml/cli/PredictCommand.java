package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.core.CsvFiles;
import egaml.cv.PredictionTable;
import egaml.ensemble.BatchPrediction;
import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.explain.PredictionDetails;
import egaml.explain.PredictionReport;
import egaml.explain.Uncertainty;
import egaml.member.AttributionSettings;
import egaml.report.TrainingProfile;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.RunLoader;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml predict}: probabilities for new runs from a model folder, streamed in chunks. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predicts the ten label probabilities of every run of a dataset folder (all samples its metadata.csv "
                + "lists, whatever the split; no labels needed) or of run CSV files, with a model folder written by "
                + "'egaml train'. Writes one row per sample, in input order: sample_id and the ten labels, in the challenge's "
                + "column order. Runs are read with the model's own cleaning settings, in chunks, so memory does not grow "
                + "with the number of runs.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A model folder from 'egaml train'.")
    Path model;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR_OR_CSV",
            description = "A dataset folder, a folder of run CSVs, or run CSV files.")
    List<Path> data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The predictions CSV to write.")
    Path out;

    @Option(names = "--on-error", defaultValue = "stop", paramLabel = "MODE",
            description = "A run that cannot be read: stop (exit 2, nothing written; the default) or skip (predict the "
                    + "others and list every bad run with file, line and reason in the failures file).")
    String onError;

    @Option(names = "--failures", paramLabel = "FILE",
            description = "Where --on-error skip lists the bad runs (default: OUT with .failures.csv instead of .csv).")
    Path failures;

    @Option(names = "--details", paramLabel = "FILE",
            description = "The sidecar CSV of per-sample warnings (runs unlike the training runs) and per-label family "
                    + "ranges (default: OUT with .details.csv instead of .csv).")
    Path details;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write an HTML report to DIR (opens offline): an overview of every sample and one page per "
                    + "sample with its warnings and the evidence for its called labels.")
    Path report;

    @Option(names = "--report-steps", defaultValue = "2", paramLabel = "N",
            description = "Integration steps of the networks' evidence in the report (default: ${DEFAULT-VALUE}; "
                    + "'egaml explain' uses 16).")
    int reportSteps;

    @Option(names = "--report-models", defaultValue = "1", paramLabel = "N",
            description = "Fold models per family (per family and label for the trees) whose evidence the report places "
                    + "on cells; the rest of the change is run-level (default: ${DEFAULT-VALUE}; 0: all).")
    int reportModels;

    @Option(names = "--chunk", defaultValue = "256", paramLabel = "N",
            description = "Runs read and predicted at a time (default: ${DEFAULT-VALUE}); bounds the memory. With --engine "
                    + "spark, one Spark task per chunk: choose it so that there are several chunks per executor.")
    int chunk;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
            description = "Where runs are read and predicted: local (this process; the default) or spark (the cluster "
                    + "this command was submitted to with spark-submit: every run file and MODEL_DIR must be on storage "
                    + "all executors reach; the files are written here; no --report).")
    String engine;

    @picocli.CommandLine.Mixin
    ModelRunOptions reading;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        egaml.spark.ClusterEngine.check(engine);
        if (!engine.equals("local") && report != null) {
            throw new IllegalArgumentException("--report is not available with --engine spark (the report's pictures are "
                    + "drawn where the runs are read); predict the samples to report on locally with --report");
        }
        int n = reading.threads();
        BatchPrediction.OnError mode = switch (onError.strip().toLowerCase(Locale.ROOT)) {
            case "stop" -> BatchPrediction.OnError.STOP;
            case "skip" -> BatchPrediction.OnError.SKIP;
            default -> throw new IllegalArgumentException("--on-error must be stop or skip, got '" + onError + "'");
        };
        // load PyTorch's native library while the model folder and the runs are read (no effect on results)
        Thread warmUp = new Thread(() -> {
            try {
                ai.djl.engine.Engine.getEngine("PyTorch");
            } catch (RuntimeException e) {
                // the NN member reports any engine problem itself when it predicts
            }
        }, "engine-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        TrainedModel trained = ModelStore.load(model);
        java.util.Optional<TrainingProfile> profile = TrainingProfile.read(model);
        long tModel = System.nanoTime();
        Dataset dataset = Dataset.open(data);
        RunLoader loader = reading.loader(trained.settings().ingest());
        BatchPrediction.Summary[] summary = new BatchPrediction.Summary[1];
        Path detailsFile = details != null ? details : sibling(out, ".details.csv");
        double[] reportSeconds = new double[1];
        String[] reportTiming = {""};
        try (egaml.spark.ClusterEngine cluster = egaml.spark.ClusterEngine.open(engine);
             PredictionReport pages = report == null ? null : new PredictionReport(report, trained,
                new AttributionSettings(reportSteps, reportModels), n, "egaml predictions: " + model.getFileName())) {
            if (cluster != null) {
                spec.commandLine().getErr().println("egaml: runs are read and predicted on " + cluster.describe());
            }
            AtomicFiles.write(detailsFile, detailsOut -> {
                Writer dw = new OutputStreamWriter(detailsOut, StandardCharsets.UTF_8);
                PredictionDetails sidecar = new PredictionDetails(dw, profile);
                BatchPrediction.ChunkSink chunks = (samples, runs, types, families, p) -> {
                    List<List<String>> warnings = new java.util.ArrayList<>();
                    List<String> names = trained.ensemble().names();
                    for (int i = 0; i < runs.size(); i++) {
                        List<String> w = sidecar.warnings(runs.get(i), types.get(i));
                        warnings.add(w);
                        sidecar.write(samples.get(i).sampleId(), types.get(i), w, Uncertainty.of(families, names, i));
                    }
                    if (pages != null) {
                        long t = System.nanoTime();
                        pages.add(samples.stream().map(egaml.ingest.SampleRef::sampleId).toList(), runs, types, families, p,
                                warnings);
                        reportSeconds[0] += (System.nanoTime() - t) / 1e9;
                    }
                };
                AtomicFiles.write(out, os -> {
                    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                    PredictionTable.RowWriter rows = new PredictionTable.RowWriter(w);
                    try (Progress progress = Progress.start("predict", dataset.size(), !quiet)) {
                        summary[0] = cluster == null
                                ? BatchPrediction.run(trained, dataset.samples(), loader, n, chunk, mode, rows::write,
                                        chunks, progress)
                                : cluster.predict(model, dataset.samples(), reading.cacheDir, reading.noCache, chunk, mode,
                                        rows::write, sidecar::write, progress);
                    }
                    rows.flush();
                });
                sidecar.flush();
            });
            if (pages != null) {
                long t = System.nanoTime();
                pages.finish();
                reportSeconds[0] += (System.nanoTime() - t) / 1e9;
                reportTiming[0] = pages.timing();
            }
        }
        BatchPrediction.Summary s = summary[0];
        Path failuresFile = failures != null ? failures : defaultFailures(out);
        if (mode == BatchPrediction.OnError.SKIP) {
            writeFailures(failuresFile, s.failures());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "predicted %d samples (%d SAM testbed: %s rule) in %.2f s (%.1f ms per sample) -> %s%n",
                s.predicted(), s.sam(), trained.ensemble().samMode().code(), seconds,
                1000 * seconds / Math.max(1, s.predicted()), out.toAbsolutePath());
        o.printf(Locale.ROOT, "warnings and family ranges per sample -> %s%n", detailsFile.toAbsolutePath());
        if (report != null) {
            o.printf(Locale.ROOT, "report (%.1f s: %s) -> %s%n", reportSeconds[0], reportTiming[0],
                    report.toAbsolutePath().resolve("index.html"));
        }
        if (mode == BatchPrediction.OnError.SKIP) {
            o.printf(Locale.ROOT, "%d of %d runs could not be read and were skipped%s%n", s.failures().size(), dataset.size(),
                    s.failures().isEmpty() ? "" : " (file, line and reason of each: " + failuresFile.toAbsolutePath() + ")");
        }
        StringBuilder stages = new StringBuilder(String.format(Locale.ROOT, "model %.2f s, runs %.2f s",
                (tModel - t0) / 1e9, s.readSeconds()));
        s.memberSeconds().forEach((member, t) -> stages.append(String.format(Locale.ROOT, ", %s %.2f s", member, t)));
        o.printf(Locale.ROOT, "time after JVM start: %s%n", stages);
        o.flush();
        return 0;
    }

    static Path defaultFailures(Path out) {
        return sibling(out, ".failures.csv");
    }

    /** OUT with {@code suffix} in place of its .csv ending (appended when it has none). */
    static Path sibling(Path out, String suffix) {
        String name = out.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + suffix);
    }

    private static void writeFailures(Path file, List<DatasetLoader.Failure> failures) throws java.io.IOException {
        AtomicFiles.write(file, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            CSVPrinter p = new CSVPrinter(w, CsvFiles.WRITE);
            p.printRecord("sample_id", "file", "line", "reason");
            for (DatasetLoader.Failure f : failures) {
                p.printRecord(f.sample().sampleId(), f.sample().file().toString(), f.line(), f.reason());
            }
            p.flush();
        });
    }
}
