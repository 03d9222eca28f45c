package egaml.gbt;

import egaml.core.Label;
import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.core.TaskStore;
import egaml.cv.Fold;
import egaml.cv.LogLoss;
import egaml.cv.MultilabelStratifiedKFold;
import egaml.cv.StratifiedKFold;
import egaml.features.FeatureExtractor;
import egaml.features.FeatureRealisation;
import egaml.features.FeatureTable;
import egaml.ingest.CleanRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import egaml.member.FamilyAverager;
import egaml.member.TrainingListener;

/**
 * Out-of-fold training of the GBT member (method.md 8): for each realisation x repeat x fold x label one
 * binary LightGBM model on the fold's training rows (base features + the label's pair features,
 * augmented), tuned by nested random search, predicting the held-out rows. Tasks run in parallel with
 * one LightGBM thread each; every random choice comes from the seed and the task's indices.
 */
public final class GbtCrossValidation {
    private static final long FOLD_STREAM = 0xF01DL;
    private static final long TASK_STREAM = 0x7A5CL;

    /**
     * Out-of-fold probabilities per family (trim range, ascending).
     *
     * @param families family name ("gbt_r10", ...) to probabilities [sample][label]
     */
    public record Result(Map<String, double[][]> families, List<FoldModel> models,
                         List<FeatureRealisation> realisations, FamilyCalibration calibration, int fits, int fallbacks,
                         double seconds) {
    }

    private GbtCrossValidation() {
    }

    public static Result run(List<CleanRun> runs, int[][] y, GbtConfig config, SeedSequence seeds, int threads,
                             TrainingListener progress) {
        return run(runs, y, config, seeds, threads, TaskStore.NONE, progress);
    }

    /**
     * As above; (fold, label) models found in {@code store} (from an interrupted run with the same settings) are not
     * trained again, and every newly trained one is put there as soon as it is done.
     */
    public static Result run(List<CleanRun> runs, int[][] y, GbtConfig config, SeedSequence seeds, int threads,
                             TaskStore store, TrainingListener progress) {
        long t0 = System.nanoTime();
        int n = runs.size();
        List<FeatureRealisation> realisations = new ArrayList<>();
        for (int r = 0; r < config.realisations(); r++) {
            realisations.add(FeatureRealisation.of(r, seeds));
        }
        FamilyAverager average = new FamilyAverager(n);
        familyNames(realisations).forEach(average::declare);
        int fits = 0;
        int fallbacks = 0;
        List<FoldModel> models = new ArrayList<>();
        MultilabelStratifiedKFold stratifier = new MultilabelStratifiedKFold(config.folds(), false);
        for (int r = 0; r < config.realisations(); r++) {
            FeatureRealisation realisation = realisations.get(r);
            // extracted by the first unit that is not kept, so a training whose units are all kept extracts nothing
            egaml.core.Once<FeatureTable> features = new egaml.core.Once<>(
                    () -> FeatureTable.extract(runs, realisation, seeds, threads, k -> { }));
            List<Unit> units = units(y, config, seeds, stratifier, r);
            List<TaskResult> results = Parallel.map("gbt", threads, units, u -> {
                try {
                    java.util.Optional<byte[]> kept = store.get(u.key());
                    if (kept.isPresent()) {
                        return TaskResult.decode(kept.get());
                    }
                    TaskResult result = train(u, features.get(), y, config, seeds);
                    store.put(u.key(), result.encode());
                    return result;
                } finally {
                    progress.step(1);
                }
            });
            for (TaskResult tr : results) {
                fits += tr.fits;
                models.add(tr.model);
                fallbacks += tr.fallback ? 1 : 0;
                average.add(familyName(realisation.trimRange()), Label.all().get(tr.label), tr.rows, tr.probabilities);
            }
        }
        Map<String, double[][]> families = average.means();
        FamilyCalibration calibration = FamilyCalibration.none();
        if (config.calibrate()) {
            // cross-fitted over the folds of the first realisation's first repeat: a row's shift never saw its own label
            int[] foldOf = stratifier.assign(y, seeds.derive(FOLD_STREAM, 0, 0));
            FamilyCalibration.CrossFitted fitted = FamilyCalibration.crossFit(families, y, foldOf);
            families = fitted.families();
            calibration = fitted.calibration();
        }
        return new Result(families, models, realisations, calibration, fits, fallbacks,
                (System.nanoTime() - t0) / 1e9);
    }

    /** One (realisation, repeat, fold, label) fit. */
    private record Unit(int realisation, int repeat, Fold fold, Label label) {
        String key() {
            return String.format(java.util.Locale.ROOT, "gbt/r%d_rep%d_f%d_%s", realisation, repeat, fold.index(),
                    label.columnName());
        }
    }

    /** A realisation's units, in training order. */
    private static List<Unit> units(int[][] y, GbtConfig config, SeedSequence seeds, MultilabelStratifiedKFold stratifier,
                                    int realisation) {
        List<Unit> units = new ArrayList<>();
        for (int repeat = 0; repeat < config.repeats(); repeat++) {
            for (Fold fold : stratifier.split(y, seeds.derive(FOLD_STREAM, realisation, repeat))) {
                for (Label label : Label.all()) {
                    units.add(new Unit(realisation, repeat, fold, label));
                }
            }
        }
        return units;
    }

    private static TaskResult train(Unit u, FeatureTable table, int[][] y, GbtConfig config, SeedSequence seeds) {
        long seed = seeds.derive(TASK_STREAM, u.realisation(), u.repeat(), u.fold().index(), u.label().ordinal());
        return trainAndPredict(table.rows(), y, u.fold(), u.label(), config, seed, u.realisation(), u.repeat());
    }

    /**
     * The fits of {@link #run} as units: each gives the bytes {@code run} keeps in its store. A realisation's feature
     * table is extracted once, on one thread, by the first of its units that needs it.
     */
    public static egaml.member.UnitPlan units(List<CleanRun> runs, int[][] y, GbtConfig config, SeedSequence seeds) {
        MultilabelStratifiedKFold stratifier = new MultilabelStratifiedKFold(config.folds(), false);
        Map<String, Unit> units = new LinkedHashMap<>();
        for (int r = 0; r < config.realisations(); r++) {
            for (Unit u : units(y, config, seeds, stratifier, r)) {
                units.put(u.key(), u);
            }
        }
        return egaml.member.UnitPlan.keyed(GbtKind.NAME, units, u -> "gbt/r" + u.realisation(),
                u -> FeatureTable.extract(runs, FeatureRealisation.of(u.realisation(), seeds), seeds, 1, k -> { }),
                (u, table) -> train(u, table, y, config, seeds).encode());
    }

    private record TaskResult(int label, int[] rows, double[] probabilities, int fits, boolean fallback, FoldModel model) {

        byte[] encode() {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                out.writeInt(label);
                out.writeInt(rows.length);
                for (int i = 0; i < rows.length; i++) {
                    out.writeInt(rows[i]);
                    out.writeDouble(probabilities[i]);
                }
                out.writeInt(fits);
                out.writeBoolean(fallback);
                out.writeInt(model.realisation());
                out.writeInt(model.repeat());
                out.writeInt(model.fold());
                out.writeInt(model.pairIons().size());
                for (int ion : model.pairIons()) {
                    out.writeInt(ion);
                }
                out.writeBoolean(model.model() != null);
                if (model.model() != null) {
                    byte[] text = model.model().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(text.length);
                    out.write(text);
                }
                out.writeDouble(model.prior());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        static TaskResult decode(byte[] data) throws java.io.IOException {
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(data))) {
                int label = in.readInt();
                int[] rows = new int[in.readInt()];
                double[] p = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = in.readInt();
                    p[i] = in.readDouble();
                }
                int fits = in.readInt();
                boolean fallback = in.readBoolean();
                int realisation = in.readInt();
                int repeat = in.readInt();
                int fold = in.readInt();
                List<Integer> ions = new ArrayList<>();
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    ions.add(in.readInt());
                }
                String model = null;
                if (in.readBoolean()) {
                    byte[] text = new byte[in.readInt()];
                    in.readFully(text);
                    model = new String(text, java.nio.charset.StandardCharsets.UTF_8);
                }
                double prior = in.readDouble();
                return new TaskResult(label, rows, p, fits, fallback,
                        new FoldModel(realisation, repeat, fold, Label.all().get(label), ions, model, prior));
            }
        }
    }

    /** One (fold, label) model: pair features, augmentation, search, refit, held-out predictions. */
    private static TaskResult trainAndPredict(float[][] base, int[][] y, Fold fold, Label label, GbtConfig config,
                                              long seed, int realisation, int repeat) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] train = fold.train();
        int[] test = fold.test();
        int[] yTrain = new int[train.length];
        float[][] trainBase = new float[train.length][];
        int positives = 0;
        for (int i = 0; i < train.length; i++) {
            yTrain[i] = y[train[i]][label.ordinal()];
            trainBase[i] = base[train[i]];
            positives += yTrain[i];
        }
        if (positives == 0 || positives == train.length) {
            double prior = (double) positives / train.length;
            double[] p = new double[test.length];
            java.util.Arrays.fill(p, prior);
            return new TaskResult(label.ordinal(), test, p, 0, true,
                    new FoldModel(realisation, repeat, fold.index(), label, List.of(), null, prior));
        }
        PairFeatures pairs = PairFeatures.fit(label, trainBase, yTrain);
        LightGbm.Matrix xTrain = matrix(base, train, pairs);
        LightGbm.Matrix xTest = matrix(base, test, pairs);
        if (config.augment()) {
            Augmentation.apply(xTrain, rng);
        }
        float[] labels = new float[train.length];
        for (int i = 0; i < train.length; i++) {
            labels[i] = yTrain[i];
        }
        int fits = 0;
        GbtParams chosen = config.params();
        boolean fallback = false;
        boolean searchable = positives >= config.innerFolds() && train.length - positives >= config.innerFolds();
        if (config.searchIterations() > 0 && searchable) {
            List<GbtParams> candidates = GbtParams.drawDistinct(config.searchIterations(), rng);
            int[] inner = StratifiedKFold.assign(yTrain, config.innerFolds(), rng);
            double best = Double.POSITIVE_INFINITY;
            for (GbtParams candidate : candidates) {
                GbtParams p = candidate.cappedAt(config.maxTrees());
                double loss = 0;
                for (int k = 0; k < config.innerFolds(); k++) {
                    int[][] split = StratifiedKFold.split(inner, k);
                    float[] innerLabels = new float[split[0].length];
                    for (int i = 0; i < split[0].length; i++) {
                        innerLabels[i] = labels[split[0][i]];
                    }
                    String model = LightGbm.fit(xTrain.select(split[0]), innerLabels, p, seed + k, config.maxBin(),
                            null);
                    fits++;
                    double[] pred = LightGbm.predict(model, xTrain.select(split[1]));
                    for (int i = 0; i < pred.length; i++) {
                        loss += LogLoss.binary(yTrain[split[1][i]], pred[i]);
                    }
                }
                loss /= train.length;
                if (loss < best) {
                    best = loss;
                    chosen = candidate;
                }
            }
        } else if (config.searchIterations() > 0) {
            fallback = true; // too few positives (or negatives) for the inner folds: fixed setting
        }
        String model = LightGbm.fit(xTrain, labels, chosen.cappedAt(config.maxTrees()), seed, config.maxBin(),
                featureNames(pairs));
        fits++;
        return new TaskResult(label.ordinal(), test, LightGbm.predict(model, xTest), fits, fallback,
                new FoldModel(realisation, repeat, fold.index(), label, pairs.ions(), model, Double.NaN));
    }

    /** The names of a model's inputs: the base features, then its pair features. */
    static List<String> featureNames(PairFeatures pairs) {
        List<String> names = new java.util.ArrayList<>(FeatureExtractor.names());
        names.addAll(pairs.names());
        return names;
    }

    /** Base features plus the label's pair features for the given rows. */
    static LightGbm.Matrix matrix(float[][] base, int[] rows, PairFeatures pairs) {
        int cols = FeatureExtractor.COUNT + pairs.count();
        float[] data = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            float[] b = base[rows[i]];
            System.arraycopy(b, 0, data, i * cols, FeatureExtractor.COUNT);
            float[] p = pairs.compute(b);
            System.arraycopy(p, 0, data, i * cols + FeatureExtractor.COUNT, p.length);
        }
        return new LightGbm.Matrix(data, rows.length, cols);
    }

    /** The families of these realisations: one per distinct trim range, in ascending trim range. */
    public static List<String> familyNames(List<FeatureRealisation> realisations) {
        return realisations.stream().map(FeatureRealisation::trimRange).distinct().sorted()
                .map(GbtCrossValidation::familyName).toList();
    }

    /** The family of the realisations with this trim range: {@code gbt_r10}, {@code gbt_r5}, ... */
    public static String familyName(int trimRange) {
        return "gbt_r" + trimRange;
    }

    /** Number of (realisation, repeat, fold, label) tasks. */
    public static int tasks(GbtConfig config) {
        return config.realisations() * config.repeats() * config.folds() * Label.COUNT;
    }
}
