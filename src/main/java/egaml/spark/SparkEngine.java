package egaml.spark;

import egaml.core.Checksums;
import egaml.core.InstrumentType;
import egaml.core.TaskStore;
import egaml.ensemble.BatchPrediction;
import egaml.ensemble.MemberRegistry;
import egaml.ensemble.TrainingSettings;
import egaml.ensemble.UnitEngine;
import egaml.explain.PredictionDetails;
import egaml.explain.Uncertainty;
import egaml.ingest.DatasetLoader;
import egaml.ingest.RunCache;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
import egaml.member.TrainingListener;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * egaml on Apache Spark. Training: the driver (where {@code train} runs) reads and cleans the runs, broadcasts them
 * once, and runs every pending unit (one fold model) as one Spark task; Spark schedules, retries a failed or lost
 * task, and hands back the successful attempt's bytes, which the driver puts in the training's unit store, so each unit
 * enters the model exactly once. The members then assemble their units and the stacker is fitted on the driver, as in
 * a local training. Prediction: one task per chunk of runs, read by the executors from shared storage with the model
 * loaded once per executor; the driver writes the files.
 *
 * <p>Why a broadcast for training rather than a shared path: the executors then need no shared file system (clusters on
 * Kubernetes often have none), cleaning happens once instead of on every executor, and every executor trains on exactly
 * the bytes the driver cleaned. Prediction reads from a path because an archive may not fit the driver's memory.
 */
final class SparkEngine implements ClusterEngine {
    /** Drill and test hook: the unit with this key throws in its first {@link #FAIL_ATTEMPTS} attempts. */
    static final String FAIL_UNIT = "spark.egaml.failUnit";
    /** How many attempts of {@link #FAIL_UNIT} throw (default 1: Spark's retry then succeeds). */
    static final String FAIL_ATTEMPTS = "spark.egaml.failAttempts";
    /** Units per Spark job (see {@link #runUnits}; default {@value #UNITS_PER_JOB}). */
    static final String UNITS_PER_JOB_KEY = "spark.egaml.unitsPerJob";

    private static final String OWNER = "spark.egaml.owner";

    private final JavaSparkContext spark;
    /** Whether this engine started the context (and stops it); a context that was running already is left running. */
    private final boolean owned;

    SparkEngine() {
        String id = java.util.UUID.randomUUID().toString();
        SparkConf conf = new SparkConf().setAppName("egaml").set(OWNER, id);
        if (!conf.contains("spark.master")) {
            // started without spark-submit (plain java with Spark on the class path): this machine's cores
            conf.setMaster("local[*]");
        }
        if (!conf.contains("spark.log.level")) {
            // Spark's own INFO lines would bury egaml's progress and results; a user's setting wins
            conf.set("spark.log.level", "WARN");
        }
        try {
            // under Spark, DJL logs through Spark's log4j: its GPU probe would warn on every CPU-only machine
            org.apache.logging.log4j.core.config.Configurator.setLevel("ai.djl.util.cuda",
                    org.apache.logging.log4j.Level.ERROR);
        } catch (LinkageError e) {
            // a Spark without log4j 2: the warning stays
        }
        spark = JavaSparkContext.fromSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
        owned = id.equals(spark.getConf().get(OWNER, ""));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Spark %s, master %s, default parallelism %d", spark.version(), spark.master(),
                spark.defaultParallelism());
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }

    // ---------------------------------------------------------------- training

    /** One unit to run: its member and store key. */
    record UnitTask(String member, String key) implements Serializable {
    }

    /** A unit's bytes and where and how long it ran. */
    record UnitResult(String member, String key, byte[] bytes, double seconds, String executor, int attempt)
            implements Serializable {
    }

    @Override
    public UnitEngine units() {
        return this::runUnits;
    }

    private UnitEngine.Report runUnits(TrainingData data, TrainingSettings settings, MemberRegistry registry, TaskStore store,
                                       TrainingListener listener) {
        // members with fewer units have longer ones (an NN fold model against one label's boosted trees): they go first,
        // so the long units do not start last (Spark starts tasks in partition order)
        Map<String, List<String>> pending = new LinkedHashMap<>();
        TrainingContext context = TrainingContext.of(settings.seed(), 1);
        for (Map.Entry<String, egaml.member.MemberSettings> m : settings.members().entrySet()) {
            List<String> keys = registry.get(m.getKey()).trainer(m.getValue()).units(data, context).keys().stream()
                    .filter(k -> !store.contains(k)).toList();
            if (!keys.isEmpty()) {
                pending.put(m.getKey(), keys);
            }
        }
        List<UnitTask> tasks = new ArrayList<>();
        pending.entrySet().stream().sorted(Comparator.comparingInt(e -> e.getValue().size()))
                .forEach(e -> e.getValue().forEach(k -> tasks.add(new UnitTask(e.getKey(), k))));
        if (tasks.isEmpty()) {
            return UnitEngine.Report.NONE;
        }
        long t0 = System.nanoTime();
        byte[] encoded = TrainingDataCodec.encode(data);
        String settingsJson = settings.toJsonText();
        String id = Checksums.sha256((settingsJson + Checksums.sha256(encoded)).getBytes(StandardCharsets.UTF_8));
        Broadcast<byte[]> broadcast = spark.broadcast(encoded);
        RunUnit work = new RunUnit(broadcast, id, settingsJson, setting(FAIL_UNIT, ""),
                Integer.parseInt(setting(FAIL_ATTEMPTS, "1")));
        int perJob = Integer.parseInt(setting(UNITS_PER_JOB_KEY, String.valueOf(UNITS_PER_JOB)));
        if (perJob < 1) {
            throw new IllegalArgumentException(UNITS_PER_JOB_KEY + " must be at least 1, got " + perJob);
        }
        List<UnitResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try {
            listener.stage("units on Spark", tasks.size());
            // Several jobs, all submitted at once: Spark's FIFO scheduler starts the next job's tasks as soon as the
            // previous job's are all running, so the cluster never waits at a batch boundary, and every finished batch
            // is kept in the store even if a unit fails all its attempts (then --resume trains only what is missing).
            List<JavaFutureAction<List<UnitResult>>> jobs = new ArrayList<>();
            for (int from = 0; from < tasks.size(); from += perJob) {
                List<UnitTask> batch = tasks.subList(from, Math.min(tasks.size(), from + perJob));
                jobs.add(spark.parallelize(new ArrayList<>(batch), batch.size()).map(work).collectAsync());
            }
            Progress progress = new Progress(listener);
            for (JavaFutureAction<List<UnitResult>> job : jobs) {
                try {
                    List<UnitResult> done = await(job, progress, jobs);
                    for (UnitResult r : done) {
                        store.put(r.key(), r.bytes());
                        // the bytes are in the store now; the record of the run is all the report needs
                        results.add(new UnitResult(r.member(), r.key(), null, r.seconds(), r.executor(), r.attempt()));
                    }
                } catch (ClusterException e) {
                    failed.add(e.getMessage());
                }
            }
        } finally {
            broadcast.destroy();
        }
        if (!failed.isEmpty()) {
            throw new ClusterException(String.format(Locale.ROOT, "%d of %d units did not finish on Spark after its "
                    + "retries; the %d that did are kept: run the same command with --resume to train only the rest. %s",
                    tasks.size() - results.size(), tasks.size(), results.size(), failed.get(0)), null);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        StringBuilder csv = new StringBuilder("member,key,seconds,executor,attempt\n");
        Map<String, double[]> perMember = new LinkedHashMap<>();
        java.util.Set<String> executors = new java.util.TreeSet<>();
        for (UnitResult r : results) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%.3f,%s,%d%n", r.member(), r.key(), r.seconds(), r.executor(),
                    r.attempt()));
            double[] s = perMember.computeIfAbsent(r.member(), k -> new double[3]);
            s[0]++;
            s[1] += r.seconds();
            s[2] = Math.max(s[2], r.seconds());
            executors.add(r.executor());
        }
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "%s: %d units on %d executors in %.1f s (broadcast data %.1f MB)",
                describe(), tasks.size(), executors.size(), wall, encoded.length / 1e6));
        perMember.forEach((member, s) -> summary.add(String.format(Locale.ROOT,
                "%s units: %d, %.1f s each on average, longest %.1f s, %.0f unit-seconds in all", member, (int) s[0],
                s[1] / s[0], s[2], s[1])));
        return new UnitEngine.Report(csv.toString(), summary);
    }

    /** Runs one unit on an executor. */
    private record RunUnit(Broadcast<byte[]> data, String trainingId, String settingsJson, String failUnit,
                           int failAttempts) implements Function<UnitTask, UnitResult> {
        @Override
        public UnitResult call(UnitTask task) {
            TaskContext context = TaskContext.get();
            int attempt = context == null ? 0 : context.attemptNumber();
            if (task.key().equals(failUnit) && attempt < failAttempts) {
                throw new IllegalStateException("unit " + task.key() + " fails attempt " + attempt + " on purpose ("
                        + FAIL_UNIT + ")");
            }
            long t0 = System.nanoTime();
            byte[] bytes = ExecutorCache.plan(trainingId, task.member(), settingsJson, data::value).run(task.key());
            return new UnitResult(task.member(), task.key(), bytes, (System.nanoTime() - t0) / 1e9, executorId(), attempt);
        }
    }

    /** A setting of this engine: the calling thread's Spark local property, else the Spark configuration's. */
    private String setting(String key, String fallback) {
        String local = spark.getLocalProperty(key);
        return local != null ? local : spark.getConf().get(key, fallback);
    }

    private static String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "?" : env.executorId();
    }

    /** Reports finished tasks, counted over all running jobs, to a listener. */
    private static final class Progress {
        private final TrainingListener listener;
        private int reported;

        Progress(TrainingListener listener) {
            this.listener = listener;
        }

        void finished(int tasks) {
            if (tasks > reported) {
                listener.step(tasks - reported);
                reported = tasks;
            }
        }
    }

    static final int UNITS_PER_JOB = 64;

    /**
     * Waits for {@code job}, reporting the finished tasks of all {@code jobs} to {@code progress}; a failed job is a
     * {@link ClusterException} with Spark's reason.
     */
    private <T> List<T> await(JavaFutureAction<List<T>> job, Progress progress, List<? extends JavaFutureAction<?>> jobs) {
        try {
            while (!job.isDone()) {
                progress.finished(finishedTasks(jobs));
                Thread.sleep(250);
            }
            List<T> out = job.get();
            progress.finished(finishedTasks(jobs));
            return out;
        } catch (InterruptedException e) {
            jobs.forEach(j -> j.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Spark", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // Spark's message names the task, its attempts and the last error; its stack traces follow on later lines
            String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("").strip();
            throw new ClusterException("Spark: " + message, cause);
        }
    }

    private int finishedTasks(List<? extends JavaFutureAction<?>> jobs) {
        int done = 0;
        for (JavaFutureAction<?> job : jobs) {
            for (int jobId : job.jobIds()) {
                SparkJobInfo info = spark.statusTracker().getJobInfo(jobId);
                if (info != null) {
                    for (int stageId : info.stageIds()) {
                        SparkStageInfo stage = spark.statusTracker().getStageInfo(stageId);
                        done += stage == null ? 0 : stage.numCompletedTasks();
                    }
                }
            }
        }
        return done;
    }

    // ---------------------------------------------------------------- prediction

    /** A sample as it travels to an executor (paths as text: {@link Path} is not serializable). */
    record SampleRow(String sampleId, String split, int type, String file, String md5, String origin) implements Serializable {
        static SampleRow of(SampleRef s) {
            return new SampleRow(s.sampleId(), s.split(), s.instrumentType() == null ? -1 : s.instrumentType().ordinal(),
                    s.file().toString(), s.md5(), s.origin());
        }

        SampleRef ref() {
            return new SampleRef(sampleId, split, type < 0 ? null : InstrumentType.values()[type], Path.of(file), md5, origin);
        }
    }

    /** A predicted sample: probabilities, instrument type and its sidecar row. */
    record PredictedRow(String sampleId, double[] probabilities, int type, List<String> warnings, Uncertainty uncertainty)
            implements Serializable {
    }

    /** A run that could not be read: its position in the chunk and the loader's words. */
    record FailedRow(int index, String message, long line, String reason) implements Serializable {
    }

    /** What a chunk gave back. */
    record ChunkResult(List<PredictedRow> rows, List<FailedRow> failures, HashMap<String, Double> memberSeconds,
                       double readSeconds) implements Serializable {
    }

    @Override
    public BatchPrediction.Summary predict(Path modelDir, List<SampleRef> samples, Path cacheDir, boolean noCache, int chunk,
                                           BatchPrediction.OnError onError, BatchPrediction.RowSink rows,
                                           DetailSink details, TrainingListener listener) throws IOException {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + chunk);
        }
        List<List<SampleRow>> chunks = new ArrayList<>();
        for (int from = 0; from < samples.size(); from += chunk) {
            chunks.add(new ArrayList<>(samples.subList(from, Math.min(samples.size(), from + chunk)).stream()
                    .map(SampleRow::of).toList()));
        }
        // progress in runs, as a local prediction reports it: a finished task is a chunk of runs
        int[] reported = {0};
        TrainingListener chunksDone = new TrainingListener() {
            @Override
            public void step(int finished) {
                int runs = Math.min(samples.size() - reported[0], finished * chunk);
                reported[0] += runs;
                listener.step(runs);
            }
        };
        List<ChunkResult> results = List.of();
        if (!chunks.isEmpty()) {
            JavaFutureAction<List<ChunkResult>> job = spark.parallelize(chunks, chunks.size())
                    .map(new PredictChunk(modelDir.toAbsolutePath().normalize().toString(),
                            cacheDir == null ? null : cacheDir.toAbsolutePath().normalize().toString(), noCache))
                    .collectAsync();
            results = await(job, new Progress(chunksDone), List.of(job));
        }
        if (onError == BatchPrediction.OnError.STOP) {
            for (int c = 0; c < results.size(); c++) {
                List<FailedRow> bad = results.get(c).failures();
                if (!bad.isEmpty()) {
                    List<SampleRef> refs = chunks.get(c).stream().map(SampleRow::ref).toList();
                    // the message a local prediction gives for the first chunk with a bad run
                    new DatasetLoader.Result(refs, java.util.Collections.nCopies(refs.size(), null),
                            failures(bad, refs)).requireAll();
                }
            }
        }
        List<DatasetLoader.Failure> failures = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        double read = 0;
        int predicted = 0;
        int sam = 0;
        for (int c = 0; c < results.size(); c++) {
            ChunkResult r = results.get(c);
            for (PredictedRow row : r.rows()) {
                rows.accept(row.sampleId(), row.probabilities());
                InstrumentType type = InstrumentType.values()[row.type()];
                details.accept(row.sampleId(), type, row.warnings(), row.uncertainty());
                sam += type == InstrumentType.SAM_TESTBED ? 1 : 0;
            }
            predicted += r.rows().size();
            failures.addAll(failures(r.failures(), chunks.get(c).stream().map(SampleRow::ref).toList()));
            r.memberSeconds().forEach((m, s) -> seconds.merge(m, s, Double::sum));
            read += r.readSeconds();
        }
        return new BatchPrediction.Summary(predicted, failures, sam, seconds, read);
    }

    private static List<DatasetLoader.Failure> failures(List<FailedRow> rows, List<SampleRef> refs) {
        return rows.stream().map(f -> new DatasetLoader.Failure(refs.get(f.index()), f.message(), f.line(), f.reason()))
                .toList();
    }

    /** Predicts one chunk on an executor, exactly as a local prediction predicts that chunk. */
    private record PredictChunk(String modelDir, String cacheDir, boolean noCache)
            implements Function<List<SampleRow>, ChunkResult> {
        @Override
        public ChunkResult call(List<SampleRow> chunk) throws IOException {
            ExecutorCache.LoadedModel loaded = ExecutorCache.model(Path.of(modelDir));
            RunLoader loader = new RunLoader(loaded.model().settings().ingest(),
                    noCache ? null : new RunCache(cacheDir != null ? Path.of(cacheDir) : RunCache.defaultDir()));
            List<SampleRef> refs = chunk.stream().map(SampleRow::ref).toList();
            TaskContext context = TaskContext.get();
            int threads = context == null ? 1 : Math.max(1, context.cpus());
            PredictionDetails sidecar = new PredictionDetails(Writer.nullWriter(), loaded.profile());
            List<String> names = loaded.model().ensemble().names();
            List<PredictedRow> out = new ArrayList<>();
            BatchPrediction.Summary s = BatchPrediction.run(loaded.model(), refs, loader, threads, Math.max(1, refs.size()),
                    BatchPrediction.OnError.SKIP, (id, p) -> { },
                    (samples, runs, types, families, p) -> {
                        for (int i = 0; i < runs.size(); i++) {
                            out.add(new PredictedRow(samples.get(i).sampleId(), p[i].clone(), types.get(i).ordinal(),
                                    sidecar.warnings(runs.get(i), types.get(i)), Uncertainty.of(families, names, i)));
                        }
                    }, TrainingListener.NONE);
            List<FailedRow> failed = new ArrayList<>();
            for (DatasetLoader.Failure f : s.failures()) {
                failed.add(new FailedRow(refs.indexOf(f.sample()), f.message(), f.line(), f.reason()));
            }
            return new ChunkResult(out, failed, new HashMap<>(s.memberSeconds()), s.readSeconds());
        }
    }
}
