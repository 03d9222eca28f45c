package egaml.cli;

import egaml.core.AtomicFiles;
import egaml.cv.PredictionTable;
import egaml.core.InstrumentType;
import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.RunCache;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml predict}: probabilities for new runs from a model folder. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts the ten label probabilities of every run of a dataset folder (all samples its metadata.csv "
                + "lists, whatever the split; no labels needed) or of run CSV files, with a model folder written by "
                + "'egaml train'. Writes one row per sample: sample_id and the ten labels, in the challenge's column order. "
                + "Runs are read with the model's own cleaning settings.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A model folder from 'egaml train'.")
    Path model;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR_OR_CSV",
            description = "A dataset folder, a folder of run CSVs, or run CSV files.")
    List<Path> data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The predictions CSV to write.")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR", description = "Parsed-run cache folder (default as for every command).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Read and write no cache.")
    boolean noCache;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
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
        long tModel = System.nanoTime();
        Dataset dataset = Dataset.open(data);
        RunLoader loader = new RunLoader(trained.settings().ingest(),
                noCache ? null : new RunCache(cacheDir != null ? cacheDir : RunCache.defaultDir()));
        List<CleanRun> runs = DatasetLoader.load(dataset.samples(), loader, n, k -> { }).requireAll();
        List<InstrumentType> types = LabelledRuns.instrumentTypes(dataset.samples(), runs);
        long tRuns = System.nanoTime();
        StringBuilder stages = new StringBuilder(String.format(Locale.ROOT, "model %.2f s, runs %.2f s",
                (tModel - t0) / 1e9, (tRuns - tModel) / 1e9));
        double[][] p = trained.predict(runs, types, n,
                (member, s) -> stages.append(String.format(Locale.ROOT, ", %s %.2f s", member, s)));
        List<String> ids = dataset.samples().stream().map(SampleRef::sampleId).toList();
        AtomicFiles.write(out, os -> os.write(PredictionTable.csv(ids, p).getBytes(StandardCharsets.UTF_8)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long sam = types.stream().filter(t -> t == InstrumentType.SAM_TESTBED).count();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "predicted %d samples (%d SAM testbed: %s rule) in %.2f s (%.1f ms per sample) -> %s%n",
                ids.size(), sam, trained.ensemble().samMode().code(), seconds, 1000 * seconds / ids.size(),
                out.toAbsolutePath());
        o.printf(Locale.ROOT, "time after JVM start: %s%n", stages);
        o.flush();
        return 0;
    }
}
