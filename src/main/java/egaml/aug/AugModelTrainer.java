package egaml.aug;

import egaml.core.BinaryArrays;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import egaml.core.SeedSequence;
import egaml.nn.NnModelTrainer;
import egaml.nn.NoiseSource;
import egaml.nn.ParameterArrays;
import egaml.nn.ThreadGradient;
import egaml.render.RenderBase;
import egaml.render.RenderSettings;
import egaml.render.Renderer;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains one network of the member on fresh renderings (method.md 14.2): every step renders its samples anew with
 * the augmentations, combines some with another training sample (element-wise maximum, labels OR), and takes an
 * AdamW step on the label-smoothed binary cross-entropy with the gradient norm clipped. Prediction averages seeded
 * renderings (test-time augmentation); a sample's renderings come from a stream keyed by the member's seed, its id
 * and the rendering's index, so they do not depend on the batch, the fold model or the thread count.
 */
public final class AugModelTrainer {
    static final int PREDICT_BATCH = 64;
    /** The prefixes of renderings whose held-out log loss is reported (0 = the canonical rendering). */
    public static final int[] REPORTED_TTA = {0, 1, 4, 8};
    private static final long TTA_STREAM = 0xA06_0001L;

    /** What a trained fold model gives: held-out logits per reported rendering count and at the configured one. */
    public record Result(float[][] logits, java.util.Map<Integer, float[][]> byRenderings, byte[] parameters,
                         double[] losses) {
        /** As bytes, for the unit store ({@code --resume}, a distributed training). */
        public byte[] encode() {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                BinaryArrays.writeTable(out, logits);
                out.writeInt(byRenderings.size());
                for (java.util.Map.Entry<Integer, float[][]> e : new java.util.TreeMap<>(byRenderings).entrySet()) {
                    out.writeInt(e.getKey());
                    BinaryArrays.writeTable(out, e.getValue());
                }
                out.writeInt(parameters.length);
                out.write(parameters);
                BinaryArrays.writeDoubles(out, losses);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        public static Result decode(byte[] data) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                float[][] logits = BinaryArrays.readTable(in);
                java.util.Map<Integer, float[][]> byRenderings = new java.util.TreeMap<>();
                int k = in.readInt();
                for (int i = 0; i < k; i++) {
                    int renderings = in.readInt();
                    byRenderings.put(renderings, BinaryArrays.readTable(in));
                }
                byte[] parameters = new byte[in.readInt()];
                in.readFully(parameters);
                return new Result(logits, byRenderings, parameters, BinaryArrays.readDoubles(in));
            }
        }
    }

    /** Called after every epoch with the mean training loss. */
    public interface EpochListener {
        void epochDone(int epoch, double meanLoss);
    }

    private AugModelTrainer() {
    }

    /** A network of family {@code network} ({@link AugNetwork#NAMES}), from a random initialisation. */
    public static Result train(List<RenderBase> bases, int[][] y, int[] trainRows, int[] inferenceRows, AugSettings s,
                               String network, long seed, SeedSequence ttaSeeds, EpochListener listener) {
        return train(bases, y, trainRows, inferenceRows, s, network, seed, ttaSeeds, listener, null);
    }

    /** As above, the network starting from {@code initial} (serialised parameters; null: a random initialisation). */
    public static Result train(List<RenderBase> bases, int[][] y, int[] trainRows, int[] inferenceRows, AugSettings s,
                               String network, long seed, SeedSequence ttaSeeds, EpochListener listener,
                               byte[] initial) {
        if (trainRows.length < s.batchSize()) {
            throw new IllegalArgumentException(trainRows.length + " training samples are fewer than one batch of "
                    + s.batchSize());
        }
        SplittableRandom random = new SplittableRandom(seed);
        NoiseSource noise = new NoiseSource(random.split());
        SplittableRandom shuffle = random.split();
        SplittableRandom rendering = random.split();
        RenderSettings render = s.render();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            AugNetwork net = AugNetwork.create(network, s.width(), s.dropout());
            net.initialize(manager, random.split()); // drawn either way, so the streams after it stay the same
            if (initial != null) {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(initial))) {
                    net.load(manager, in);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                net.parameterList().forEach(p -> p.getArray().setRequiresGradient(true));
            }
            List<Parameter> params = net.parameterList();
            AdamW adam = new AdamW(manager, params, s.weightDecay());
            int steps = trainRows.length / s.batchSize();
            long totalSteps = (long) steps * s.epochs();
            double[] losses = new double[s.epochs()];
            int[] order = trainRows.clone();
            for (int epoch = 1; epoch <= s.epochs(); epoch++) {
                NnModelTrainer.shuffle(order, shuffle);
                double sum = 0;
                for (int step = 0; step < steps; step++) {
                    long t = (long) (epoch - 1) * steps + step;
                    double lr = s.learningRate() * net.learningRateScale() * schedule(t, steps, totalSteps);
                    int[] batch = Arrays.copyOfRange(order, step * s.batchSize(), (step + 1) * s.batchSize());
                    double loss = step(manager, net, params, adam, lr, bases, y, batch, trainRows, s, render, rendering,
                            noise);
                    if (!Double.isFinite(loss)) {
                        // one non-finite step poisons every later one: stop with where it happened, not NaN predictions
                        throw new IllegalStateException(String.format(java.util.Locale.ROOT, "aug network %s: training "
                                + "loss %s at epoch %d, step %d (fold model seed %d)", network, loss, epoch, step, seed));
                    }
                    sum += loss;
                }
                losses[epoch - 1] = sum / steps;
                if (listener != null) {
                    listener.epochDone(epoch, losses[epoch - 1]);
                }
            }
            adam.close();
            java.util.Map<Integer, float[][]> reported = new java.util.TreeMap<>();
            int most = Math.max(s.tta(), REPORTED_TTA[REPORTED_TTA.length - 1]);
            reported.put(0, predict(manager, net, bases, inferenceRows, render, ttaSeeds, 0));
            float[][] sum = new float[inferenceRows.length][TemporalCnn.LABELS];
            float[][] configured = s.tta() == 0 ? reported.get(0) : null;
            for (int k = 1; k <= most; k++) {
                float[][] one = predictOne(manager, net, bases, inferenceRows, render, ttaSeeds, k - 1);
                add(sum, one);
                if (k == s.tta()) {
                    configured = scaled(sum, 1.0f / k);
                }
                for (int r : REPORTED_TTA) {
                    if (r == k) {
                        reported.put(k, scaled(sum, 1.0f / k));
                    }
                }
            }
            return new Result(configured, reported, serialise(net), losses);
        }
    }

    /** One epoch of linear warm-up, then a cosine from 1 to 0.05 over the remaining steps. */
    static double schedule(long step, int stepsPerEpoch, long totalSteps) {
        if (step < stepsPerEpoch) {
            return (step + 1.0) / stepsPerEpoch;
        }
        double progress = (double) (step - stepsPerEpoch) / Math.max(1, totalSteps - stepsPerEpoch);
        return 0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    private static double step(NDManager manager, AugNetwork net, List<Parameter> params, AdamW adam, double lr,
                               List<RenderBase> bases, int[][] y, int[] batch, int[] trainRows, AugSettings s,
                               RenderSettings render, SplittableRandom rng, NoiseSource noise) {
        List<float[]> images = new ArrayList<>(batch.length);
        float[] targets = new float[batch.length * TemporalCnn.LABELS];
        float eps = (float) s.labelSmoothing();
        for (int i = 0; i < batch.length; i++) {
            float[] image = Renderer.random(bases.get(batch[i]), render, rng);
            int[] labels = y[batch[i]].clone();
            if (rng.nextDouble() < s.mixProbability()) {
                int other = trainRows[rng.nextInt(trainRows.length)];
                float[] second = Renderer.random(bases.get(other), render, rng);
                for (int k = 0; k < image.length; k++) {
                    image[k] = Math.max(image[k], second[k]);
                }
                for (int l = 0; l < labels.length; l++) {
                    labels[l] |= y[other][l];
                }
            }
            images.add(image);
            for (int l = 0; l < TemporalCnn.LABELS; l++) {
                targets[i * TemporalCnn.LABELS + l] = labels[l] * (1 - eps) + eps / 2;
            }
        }
        try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray x = TemporalCnn.inputs(m, images);
            NDArray t = m.create(targets, new Shape(batch.length, TemporalCnn.LABELS));
            double loss;
            try (ThreadGradient collector = new ThreadGradient()) {
                NDArray l = NnModelTrainer.binaryCrossEntropy(net.logits(x, true, noise), t);
                collector.backward(l);
                loss = l.getFloat();
            }
            double norm2 = 0;
            for (Parameter p : params) {
                norm2 += p.getArray().getGradient().pow(2).sum().getFloat();
            }
            double norm = Math.sqrt(norm2);
            double clip = norm > s.gradientClip() ? s.gradientClip() / norm : 1.0;
            adam.step(lr, clip);
            for (Parameter p : params) {
                JniUtils.zeroGrad((PtNDArray) p.getArray());
            }
            return loss;
        }
    }

    /** Held-out logits: the canonical rendering ({@code renderings} 0) or the mean of the first {@code renderings}. */
    public static float[][] predict(NDManager manager, AugNetwork net, List<RenderBase> bases, int[] rows,
                                    RenderSettings render, SeedSequence ttaSeeds, int renderings) {
        if (renderings == 0) {
            return forward(manager, net, rows, i -> Renderer.canonical(bases.get(i)));
        }
        float[][] sum = new float[rows.length][TemporalCnn.LABELS];
        for (int k = 0; k < renderings; k++) {
            add(sum, predictOne(manager, net, bases, rows, render, ttaSeeds, k));
        }
        return scaled(sum, 1.0f / renderings);
    }

    private static float[][] predictOne(NDManager manager, AugNetwork net, List<RenderBase> bases, int[] rows,
                                        RenderSettings render, SeedSequence ttaSeeds, int k) {
        return forward(manager, net, rows, i -> Renderer.random(bases.get(i), render,
                ttaSeeds.random(TTA_STREAM, SeedSequence.keyOf(bases.get(i).sampleId()), k)));
    }

    private static float[][] forward(NDManager manager, AugNetwork net, int[] rows,
                                     java.util.function.IntFunction<float[]> image) {
        float[][] out = new float[rows.length][];
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int start = 0; start < rows.length; start += PREDICT_BATCH) {
                int end = Math.min(rows.length, start + PREDICT_BATCH);
                List<float[]> images = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    images.add(image.apply(rows[i]));
                }
                if (images.size() == 1) {
                    // a one-sample batch takes another kernel in PyTorch (other last bits): the image goes twice, so a
                    // run's logits do not depend on how many runs were predicted with it
                    images.add(images.get(0));
                }
                try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    float[] logits = net.logits(TemporalCnn.inputs(m, images), false, null).toFloatArray();
                    for (int i = start; i < end; i++) {
                        out[i] = Arrays.copyOfRange(logits, (i - start) * TemporalCnn.LABELS,
                                (i - start + 1) * TemporalCnn.LABELS);
                        for (float v : out[i]) {
                            if (!Float.isFinite(v)) {
                                throw new IllegalStateException("aug network " + net.name() + ": a non-finite logit (" + v
                                        + ") for input row " + rows[i]);
                            }
                        }
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return out;
    }

    static byte[] serialise(AugNetwork net) {
        return ParameterArrays.encode(net.parameterList());
    }

    static AugNetwork deserialise(NDManager manager, AugSettings s, String network, byte[] parameters)
            throws IOException {
        AugNetwork net = AugNetwork.create(network, s.width(), s.dropout());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            net.load(manager, in);
        }
        return net;
    }

    private static void add(float[][] sum, float[][] x) {
        for (int i = 0; i < x.length; i++) {
            for (int l = 0; l < x[i].length; l++) {
                sum[i][l] += x[i][l];
            }
        }
    }

    private static float[][] scaled(float[][] x, float f) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int l = 0; l < out[i].length; l++) {
                out[i][l] *= f;
            }
        }
        return out;
    }

    /** AdamW (Loshchilov and Hutter): Adam's update plus a decoupled weight decay, with bias correction. */
    static final class AdamW implements AutoCloseable {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPSILON = 1e-8f;
        private final List<Parameter> params;
        private final List<NDArray> first = new ArrayList<>();
        private final List<NDArray> second = new ArrayList<>();
        private final double weightDecay;
        private int t;

        AdamW(NDManager manager, List<Parameter> params, double weightDecay) {
            this.params = params;
            this.weightDecay = weightDecay;
            for (Parameter p : params) {
                first.add(manager.zeros(p.getArray().getShape()));
                second.add(manager.zeros(p.getArray().getShape()));
            }
        }

        /** One step at learning rate {@code lr} with the gradients scaled by {@code gradientScale} (clipping). */
        void step(double lr, double gradientScale) {
            t++;
            float c1 = (float) (1 - Math.pow(BETA1, t));
            float c2 = (float) (1 - Math.pow(BETA2, t));
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i).getArray();
                try (NDArray g = w.getGradient().mul((float) gradientScale)) {
                    first.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
                    second.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
                }
                try (NDArray update = first.get(i).div(c1).divi(second.get(i).div(c2).sqrt().addi(EPSILON))) {
                    if (weightDecay > 0 && params.get(i).getType() == Parameter.Type.WEIGHT) {
                        w.muli((float) (1 - lr * weightDecay));
                    }
                    w.subi(update.muli((float) lr));
                }
            }
        }

        @Override
        public void close() {
            first.forEach(NDArray::close);
            second.forEach(NDArray::close);
        }
    }
}
