package egaml.nn;

import egaml.core.Label;
import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.core.TaskStore;
import egaml.cv.Fold;
import egaml.cv.MultilabelStratifiedKFold;
import egaml.ingest.CleanRun;
import egaml.member.FamilyAverager;
import egaml.member.FamilyScores;
import egaml.member.TrainingListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Out-of-fold training of the NN member (method.md 6.6-6.7): for every configuration and repeat, a new
 * multilabel-stratified K-fold split over all labelled samples; in every fold the SAM testbed samples are
 * removed from the training part, and the fold model predicts every sample outside its training part. A
 * family's logit for a sample is the mean over the family's models that predicted it; the member's is the
 * mean of its families' logits.
 *
 * <p>Fold models run {@code workers} at a time, each on its own thread with one PyTorch thread, which on a
 * small machine is faster than one model using every core (small operations scale poorly across threads)
 * and keeps every floating-point reduction in the same order whatever {@code workers} is. Seeds come from
 * the master seed and the (configuration, repeat, fold) indices, so results do not depend on {@code workers}.
 */
public final class NnCrossValidation {
    static final long INPUT_STREAM = 0x4E4E_0002L;
    static final long FOLD_STREAM = 0x4E4E_0003L;
    static final long TRAIN_STREAM = 0x4E4E_0004L;

    private NnCrossValidation() {
    }

    /**
     * @param familyLogits per family, the mean out-of-fold logits of its models
     */
    public record Result(List<NnConfig> configurations, FamilyScores familyLogits, List<NnFoldModel> models,
                         long nonFiniteReplaced, double seconds, EpochTrace trace) {
    }

    /**
     * With tracing: the member's out-of-fold log loss had every model stopped after epoch e ({@code atEpoch[e-1]}),
     * and had the held-out logits been averaged over epochs e..last ({@code averagedFrom[e-1]}).
     */
    public record EpochTrace(double[] atEpoch, double[] averagedFrom) {
    }

    public static long epochs(NnPreset preset) {
        return (long) preset.configurationCount() * preset.repeats() * preset.folds() * preset.epochs();
    }

    public static Result run(List<CleanRun> runs, int[][] y, boolean[] sam, NnPreset preset, SeedSequence seeds, int workers,
                             TrainingListener listener) {
        return run(runs, y, sam, preset, seeds, workers, false, TaskStore.NONE, listener);
    }

    /**
     * As above; with {@code trace} every model also predicts after every epoch, for {@link EpochTrace}. Fold models
     * found in {@code store} (from an interrupted run with the same settings) are not trained again; every newly
     * trained one is put there as soon as it is done. Tracing ignores the store.
     */
    public static Result run(List<CleanRun> runs, int[][] y, boolean[] sam, NnPreset preset, SeedSequence seeds, int workers,
                             boolean trace, TaskStore store, TrainingListener listener) {
        long start = System.nanoTime();
        int n = y.length;
        if (runs.size() != n || sam.length != n) {
            throw new IllegalArgumentException("runs, labels and SAM flags differ in length");
        }
        List<NnConfig> configs = preset.configurations(seeds);
        List<NnInputs> inputs = new ArrayList<>();
        long nonFinite = 0;
        for (int c = 0; c < configs.size(); c++) {
            NnInputs in = NnInputs.of(runs, configs.get(c), seeds.child(INPUT_STREAM, c));
            nonFinite += in.nonFiniteReplaced();
            inputs.add(in);
        }
        List<Task> tasks = plan(y, sam, preset, configs.size(), seeds);
        List<NnModelTrainer.Result> results = Parallel.map("nn", workers, tasks, t -> {
            String name = String.format("%s r%d f%d", configs.get(t.config()).scalingNames(), t.repeat(), t.fold());
            String key = key(t);
            if (!trace) {
                java.util.Optional<byte[]> kept = store.get(key);
                if (kept.isPresent()) {
                    NnModelTrainer.Result r = NnModelTrainer.Result.decode(kept.get());
                    for (int e = 0; e < r.losses().length; e++) {
                        epochDone(listener, name + " (kept)", e + 1, r.losses()[e]);
                    }
                    return r;
                }
            }
            NnModelTrainer.Result r = train(inputs.get(t.config()), y, t, configs.get(t.config()), seeds, trace,
                    (epoch, loss) -> epochDone(listener, name, epoch, loss));
            if (!trace) {
                store.put(key, r.encode());
            }
            return r;
        });
        FamilyAverager average = new FamilyAverager(n);
        List<NnFoldModel> models = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            NnModelTrainer.Result r = results.get(i);
            average.add(configs.get(t.config()).family(), t.inference(), r.logits());
            models.add(new NnFoldModel(t.config(), t.repeat(), t.fold(), r.snapshots()));
        }
        EpochTrace epochTrace = trace ? trace(tasks, results, configs, y, preset.epochs()) : null;
        return new Result(configs, new FamilyScores(average.means()), models, nonFinite, (System.nanoTime() - start) / 1e9,
                epochTrace);
    }

    /** The store key of a fold model. */
    static String key(Task t) {
        return String.format("nn/c%d_r%d_f%d", t.config(), t.repeat(), t.fold());
    }

    /** Trains one fold model on one PyTorch thread (see the class comment). */
    private static NnModelTrainer.Result train(NnInputs inputs, int[][] y, Task t, NnConfig config, SeedSequence seeds,
                                               boolean trace, NnModelTrainer.EpochListener epochs) {
        NnThreads.use(1);
        return NnModelTrainer.train(inputs, y, t.train(), t.inference(), config,
                seeds.derive(TRAIN_STREAM, t.config(), t.repeat(), t.fold()), trace, epochs);
    }

    /**
     * The fold models of {@link #run} as units: each trains as {@code run} would and gives the bytes {@code run} keeps
     * in its store. A configuration's scaled inputs are computed once, by the first of its units that needs them.
     */
    public static egaml.member.UnitPlan units(List<CleanRun> runs, int[][] y, boolean[] sam, NnPreset preset,
                                             SeedSequence seeds) {
        List<NnConfig> configs = preset.configurations(seeds);
        Map<String, Task> tasks = new java.util.LinkedHashMap<>();
        for (Task t : plan(y, sam, preset, configs.size(), seeds)) {
            tasks.put(key(t), t);
        }
        return egaml.member.UnitPlan.keyed(NnKind.NAME, tasks, t -> "nn/c" + t.config(),
                t -> NnInputs.of(runs, configs.get(t.config()), seeds.child(INPUT_STREAM, t.config())),
                (t, in) -> train(in, y, t, configs.get(t.config()), seeds, false, (epoch, loss) -> { }).encode());
    }

    private static void epochDone(TrainingListener listener, String model, int epoch, double loss) {
        listener.message(String.format(java.util.Locale.ROOT, "%s epoch %d loss %.4f", model, epoch, loss));
        listener.step(1);
    }

    private static EpochTrace trace(List<Task> tasks, List<NnModelTrainer.Result> results, List<NnConfig> configs, int[][] y,
                                    int epochs) {
        int n = y.length;
        double[] at = new double[epochs];
        double[] averaged = new double[epochs];
        for (int mode = 0; mode < 2; mode++) {
            for (int e = 1; e <= epochs; e++) {
                FamilyAverager average = new FamilyAverager(n);
                for (int i = 0; i < tasks.size(); i++) {
                    Task t = tasks.get(i);
                    float[][][] traced = results.get(i).epochLogits();
                    int to = mode == 0 ? e : epochs;
                    float[][] logits = new float[t.inference().length][Label.COUNT];
                    for (int j = 0; j < logits.length; j++) {
                        for (int l = 0; l < Label.COUNT; l++) {
                            double v = 0;
                            for (int k = e; k <= to; k++) {
                                v += traced[k - 1][j][l];
                            }
                            logits[j][l] = (float) (v / (to - e + 1));
                        }
                    }
                    average.add(configs.get(t.config()).family(), t.inference(), logits);
                }
                double[][] p = new FamilyScores(average.means()).memberProbabilities();
                (mode == 0 ? at : averaged)[e - 1] = egaml.cv.LogLoss.aggregated(y, p);
            }
        }
        return new EpochTrace(at, averaged);
    }

    /**
     * One fold model to train: its configuration, repeat and fold, its training rows (SAM testbed samples
     * removed) and its inference rows (every other sample).
     */
    public record Task(int config, int repeat, int fold, int[] train, int[] inference) {
    }

    /** The fold models of a cross-validation, in training order. */
    public static List<Task> plan(int[][] y, boolean[] sam, NnPreset preset, int configurations, SeedSequence seeds) {
        List<Task> tasks = new ArrayList<>();
        MultilabelStratifiedKFold splitter = new MultilabelStratifiedKFold(preset.folds(), false);
        for (int c = 0; c < configurations; c++) {
            for (int r = 0; r < preset.repeats(); r++) {
                for (Fold f : splitter.split(y, seeds.derive(FOLD_STREAM, c, r))) {
                    int[] train = NnModelTrainer.without(f.train(), sam);
                    tasks.add(new Task(c, r, f.index(), train, complement(train, y.length)));
                }
            }
        }
        return tasks;
    }

    /** The rows 0 .. n-1 not in {@code rows}, in order. */
    public static int[] complement(int[] rows, int n) {
        boolean[] in = new boolean[n];
        for (int r : rows) {
            in[r] = true;
        }
        int[] out = new int[n - rows.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!in[i]) {
                out[k++] = i;
            }
        }
        return out;
    }
}
