package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import egaml.core.Label;
import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import egaml.member.AttributionSettings;
import egaml.member.EvidenceMap;
import egaml.member.FamilyAttribution;
import egaml.member.FamilyScores;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NN member's logits split into evidence with integrated gradients (Sundararajan et al., 2017) on each network's
 * scaled input, from an all-zero input (an empty spectrogram) to the run's, with midpoint steps. Integrated gradients
 * are complete: a network's attributions add up to its logit minus its logit at the empty input; what the finite
 * number of steps leaves over is spread over the cells in proportion to their absolute attribution, so the sum is
 * exact. A family's logit is the mean of its fold models' logits, so its evidence is the mean of theirs; a network
 * input cell (scaling, m/z, 25 °C bin of the configuration's grid) goes to the m/z's evidence cells it overlaps.
 *
 * <p>With {@link AttributionSettings#modelsPerFamily()} set, only the first fold models of each family are
 * differentiated; the part of the family's logit change that they do not account for is kept at run level, so the
 * total stays exact.
 */
final class NnAttribution {
    /** Samples per forward and backward pass (each a scaled copy of the input, for one label). */
    private static final int BATCH = 40;

    private NnAttribution() {
    }

    /** Evidence of every family; {@code known}: the member's family logits for the runs (null: computed here). */
    static List<FamilyAttribution> attribute(NnMember member, List<CleanRun> runs, boolean[][] wanted,
                                             AttributionSettings settings, FamilyScores known, int threads) {
        SeedSequence seeds = new SeedSequence(member.seed());
        int n = runs.size();
        List<NnConfig> configs = member.configurations();
        List<NnInputs> inputs = new ArrayList<>();
        for (int c = 0; c < configs.size(); c++) {
            inputs.add(NnInputs.of(runs, configs.get(c), seeds.child(NnCrossValidation.INPUT_STREAM, c)));
        }
        // every fold model's logits at the run and at the empty input; which ones are differentiated
        Map<String, List<Integer>> byFamily = new LinkedHashMap<>();
        for (int k = 0; k < member.models().size(); k++) {
            byFamily.computeIfAbsent(configs.get(member.models().get(k).configuration()).family(), f -> new ArrayList<>()).add(k);
        }
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < member.models().size(); k++) {
            all.add(k);
        }
        List<ModelResult> results = Parallel.map("nn-explain", threads, all, k -> {
            NnThreads.use(1);
            List<Integer> family = byFamily.get(configs.get(member.models().get(k).configuration()).family());
            boolean differentiate = settings.modelsPerFamily() == 0 || family.indexOf(k) < settings.modelsPerFamily();
            // with the family logits known, a model that is not differentiated only needs its empty-input logits
            return model(member, k, inputs, runs.size(), differentiate, differentiate || known == null, wanted,
                    settings.steps());
        });
        List<FamilyAttribution> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byFamily.entrySet()) {
            List<Integer> ks = e.getValue();
            double[][] z = new double[n][Label.COUNT];
            double[][] z0 = new double[n][Label.COUNT];
            EvidenceMap[][] maps = new EvidenceMap[n][Label.COUNT];
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    maps[i][l] = new EvidenceMap();
                }
            }
            int differentiated = (int) ks.stream().filter(k -> results.get(k).maps != null).count();
            for (int k : ks) {
                ModelResult r = results.get(k);
                NnConfig config = configs.get(member.models().get(k).configuration());
                for (int i = 0; i < n; i++) {
                    for (int l = 0; l < Label.COUNT; l++) {
                        z[i][l] += r.logits[i][l] / ks.size();
                        z0[i][l] += r.reference[l] / ks.size();
                        if (r.maps != null && r.maps[i][l] != null) {
                            place(r.maps[i][l], config, maps[i][l], 1.0 / differentiated);
                        }
                    }
                }
            }
            if (known != null) {
                z = known.get(e.getKey());
            }
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    maps[i][l].addRunLevel(z[i][l] - z0[i][l] - maps[i][l].total());
                }
            }
            out.add(new FamilyAttribution(e.getKey(), z, z0, maps));
        }
        return out;
    }

    /** One fold model's results: logits [sample][label], reference logits [label], input maps [sample][label][cell]. */
    private record ModelResult(double[][] logits, double[] reference, double[][][] maps) {
    }

    private static ModelResult model(NnMember member, int k, List<NnInputs> inputs, int n, boolean differentiate,
                                     boolean predict, boolean[][] wanted, int steps) {
        NnFoldModel model = member.models().get(k);
        NnConfig config = member.configurations().get(model.configuration());
        int c = config.scalings().size();
        int size = c * EgaNet.IONS * EgaNet.TEMPERATURES;
        NnInputs in = inputs.get(model.configuration());
        double[][] logits = new double[n][Label.COUNT];
        double[] reference = new double[Label.COUNT];
        double[][][] maps = differentiate ? new double[n][Label.COUNT][] : null;
        int snapshots = model.snapshots().size();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            for (int s = 0; s < snapshots; s++) {
                EgaNet net = new EgaNet(config.architecture());
                try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(model.snapshots().get(s)))) {
                    net.load(manager, data);
                } catch (IOException e) {
                    throw new IllegalStateException("fold model " + model.fileName(s) + ": " + e.getMessage(), e);
                }
                float[] zero = forward(manager, net, List.of(new float[size]), c)[0];
                for (int l = 0; l < Label.COUNT; l++) {
                    reference[l] += zero[l] / snapshots;
                }
                if (!predict) {
                    continue;
                }
                int[] rows = new int[n];
                for (int i = 0; i < n; i++) {
                    rows[i] = i;
                }
                float[][] batch = NnModelTrainer.predict(manager, net, in, rows, c);
                for (int i = 0; i < n; i++) {
                    float[] x = in.values().get(i);
                    float[] fx = batch[i];
                    for (int l = 0; l < Label.COUNT; l++) {
                        logits[i][l] += fx[l] / snapshots;
                    }
                    if (maps == null) {
                        continue;
                    }
                    List<Integer> labels = new ArrayList<>();
                    for (int l = 0; l < Label.COUNT; l++) {
                        if (wanted == null || wanted[i][l]) {
                            labels.add(l);
                        }
                    }
                    double[][] ig = integratedGradients(manager, net, x, c, labels, steps);
                    for (int j = 0; j < labels.size(); j++) {
                        int l = labels.get(j);
                        complete(ig[j], fx[l] - zero[l]);
                        if (maps[i][l] == null) {
                            maps[i][l] = new double[size];
                        }
                        for (int q = 0; q < size; q++) {
                            maps[i][l][q] += ig[j][q] / snapshots;
                        }
                    }
                }
            }
        }
        return new ModelResult(logits, reference, maps);
    }

    /** Logits [sample][label] of one network in prediction mode. */
    private static float[][] forward(NDManager manager, EgaNet net, List<float[]> x, int scalings) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = manager.newSubManager()) {
            NDArray taps = TapTable.build(m, x, scalings, TapTable.InputDropout.NONE, null);
            float[] flat = net.logits(taps, false, null).toFloatArray();
            float[][] out = new float[x.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * EgaNet.LABELS, (i + 1) * EgaNet.LABELS);
            }
            return out;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * Integrated gradients of the logits of {@code labels} at input {@code x} from the zero input: per label, x times
     * the mean gradient at (s + 1/2) / steps x, s = 0 .. steps - 1, as [label index][input index].
     */
    static double[][] integratedGradients(NDManager manager, EgaNet net, float[] x, int scalings, List<Integer> labels,
                                          int steps) {
        int size = x.length;
        int total = labels.size() * steps;
        double[][] meanGradient = new double[labels.size()][size];
        for (int from = 0; from < total; from += BATCH) {
            int to = Math.min(total, from + BATCH);
            List<float[]> batch = new ArrayList<>();
            float[] mask = new float[(to - from) * EgaNet.LABELS];
            for (int b = from; b < to; b++) {
                float alpha = (float) ((b % steps + 0.5) / steps);
                float[] scaled = new float[size];
                for (int q = 0; q < size; q++) {
                    scaled[q] = alpha * x[q];
                }
                batch.add(scaled);
                mask[(b - from) * EgaNet.LABELS + labels.get(b / steps)] = 1f;
            }
            float[] grad;
            try (NDManager m = manager.newSubManager()) {
                NDArray taps = TapTable.build(m, batch, scalings, TapTable.InputDropout.NONE, null);
                taps.setRequiresGradient(true);
                try (ThreadGradient collector = new ThreadGradient()) {
                    NDArray logits = net.logits(taps, false, null);
                    NDArray loss = logits.mul(m.create(mask, new Shape(to - from, EgaNet.LABELS))).sum();
                    collector.backward(loss);
                }
                grad = taps.getGradient().toFloatArray();
            }
            scatter(grad, to - from, scalings, from, steps, meanGradient);
        }
        for (int j = 0; j < labels.size(); j++) {
            for (int q = 0; q < size; q++) {
                meanGradient[j][q] *= x[q];
            }
        }
        return meanGradient;
    }

    /** Adds the tap gradients of a batch back onto the input values they read, divided by the steps. */
    private static void scatter(float[] grad, int batch, int c, int from, int steps, double[][] out) {
        int k7 = EgaNet.DILATIONS.length;
        int m100 = EgaNet.IONS;
        int j20 = EgaNet.STEM_POSITIONS;
        int t40 = EgaNet.TEMPERATURES;
        int rows = batch * m100 * j20 * c;
        for (int b = 0; b < batch; b++) {
            double[] target = out[(from + b) / steps];
            for (int m = 0; m < m100; m++) {
                for (int j = 0; j < j20; j++) {
                    for (int sc = 0; sc < c; sc++) {
                        int row = ((b * m100 + m) * j20 + j) * c + sc;
                        int base = (sc * m100 + m) * t40;
                        for (int k = 0; k < k7; k++) {
                            int o = (k * rows + row) * 3;
                            for (int tap = 0; tap < 3; tap++) {
                                int p = TapTable.position(k, j, tap);
                                if (p >= 0) {
                                    target[base + p] += grad[o + tap] / steps;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Spreads what the attributions miss of {@code change} over the cells in proportion to |attribution|. */
    static void complete(double[] attribution, double change) {
        double sum = 0;
        double abs = 0;
        for (double a : attribution) {
            sum += a;
            abs += Math.abs(a);
        }
        double residual = change - sum;
        if (abs > 0) {
            for (int q = 0; q < attribution.length; q++) {
                attribution[q] += residual * Math.abs(attribution[q]) / abs;
            }
        }
    }

    /** Adds an input map [scaling][m/z][bin] of a configuration, times {@code weight}, onto the evidence map. */
    private static void place(double[] input, NnConfig config, EvidenceMap map, double weight) {
        int c = config.scalings().size();
        for (int sc = 0; sc < c; sc++) {
            for (int m = 0; m < EgaNet.IONS; m++) {
                for (int t = 0; t < EgaNet.TEMPERATURES; t++) {
                    double v = input[(sc * EgaNet.IONS + m) * EgaNet.TEMPERATURES + t];
                    if (v != 0) {
                        double lo = config.gridOffset() + 25.0 * t;
                        map.add(m, lo, lo + 25, v * weight);
                    }
                }
            }
        }
    }
}
