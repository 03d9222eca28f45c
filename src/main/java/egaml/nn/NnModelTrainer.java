package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains one network (method.md 6): binary cross-entropy with logits on mini-batches of {@code batchSize},
 * reshuffled every epoch with the incomplete last batch dropped, SGDP at a constant learning rate. After
 * every epoch the configuration uses ({@link NnConfig#usesEpoch}), or after weight averaging, it predicts the
 * inference rows.
 */
public final class NnModelTrainer {
    /**
     * Prediction batch size (any size gives the same probabilities to 6 decimals; method.md 6.3). Small batches keep
     * the activations in cache: 100 runs with the full model took 12.7 s at 12 vs 14-16 s at 32 and 19 s at 64.
     */
    public static final int PREDICT_BATCH = 12;

    /** Called after every epoch: epoch (1-based) and the mean training loss of that epoch. */
    public interface EpochListener {
        void epochDone(int epoch, double meanLoss);
    }

    /**
     * @param logits     held-out logits [inference rows][10]: the snapshot epoch's, the mean over the averaged
     *                   epochs, or the weight-averaged network's
     * @param snapshots  the parameters (DJL's encoding, {@link EgaNet#save}) of each network whose logits were
     *                   averaged: one for a snapshot or weight averaging, one per averaged epoch otherwise
     * @param losses     mean training loss per epoch
     * @param epochLogits with tracing, the held-out logits after every epoch ([epoch][row][label]); else null
     */
    public record Result(float[][] logits, List<byte[]> snapshots, double[] losses, float[][][] epochLogits) {

        /** The result without its epoch trace, as bytes (for {@link egaml.core.TaskStore}). */
        public byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                egaml.core.BinaryArrays.writeTable(out, logits);
                out.writeInt(snapshots.size());
                for (byte[] s : snapshots) {
                    out.writeInt(s.length);
                    out.write(s);
                }
                egaml.core.BinaryArrays.writeDoubles(out, losses);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        public static Result decode(byte[] data) throws IOException {
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(data))) {
                float[][] logits = egaml.core.BinaryArrays.readTable(in);
                List<byte[]> snapshots = new ArrayList<>();
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    snapshots.add(b);
                }
                return new Result(logits, snapshots, egaml.core.BinaryArrays.readDoubles(in), null);
            }
        }
    }

    private NnModelTrainer() {
    }

    public static Result train(NnInputs inputs, int[][] y, int[] trainRows, int[] inferenceRows, NnConfig config, long seed,
                               EpochListener listener) {
        return train(inputs, y, trainRows, inferenceRows, config, seed, false, listener);
    }

    /** As above; with {@code trace} the inference rows are also predicted after every epoch (a diagnostic). */
    public static Result train(NnInputs inputs, int[][] y, int[] trainRows, int[] inferenceRows, NnConfig config, long seed,
                               boolean trace, EpochListener listener) {
        if (trainRows.length < config.batchSize()) {
            throw new IllegalArgumentException(trainRows.length + " training samples are fewer than one batch of "
                    + config.batchSize());
        }
        SplittableRandom random = new SplittableRandom(seed);
        NoiseSource noise = new NoiseSource(random.split());
        SplittableRandom shuffle = random.split();
        int c = config.scalings().size();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            EgaNet net = new EgaNet(config.architecture());
            net.initialize(manager, random.split());
            // drawn only when on, so that models without gain jitter keep their streams
            SplittableRandom jitter = config.gainJitter() > 0 ? random.split() : null;
            Sgdp optimizer = new Sgdp(config.optimizer());
            List<Parameter> params = net.parameterList();
            double[] losses = new double[config.epochs()];
            float[][] sum = null;
            int averaged = 0;
            List<byte[]> snapshots = new ArrayList<>();
            float[][][] traced = trace ? new float[config.epochs()][][] : null;
            NDArray[] weightSum = null;
            int weightCount = 0;
            int steps = trainRows.length / config.batchSize();
            int[] order = trainRows.clone();
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                shuffle(order, shuffle);
                double lossSum = 0;
                for (int step = 0; step < steps; step++) {
                    int[] batch = java.util.Arrays.copyOfRange(order, step * config.batchSize(), (step + 1) * config.batchSize());
                    optimizer.scaleLearningRate(config.learningRateFactor((long) (epoch - 1) * steps + step,
                            (long) config.epochs() * steps));
                    lossSum += step(manager, net, optimizer, params, inputs, y, batch, c, config, noise, jitter);
                }
                losses[epoch - 1] = lossSum / steps;
                float[][] epochLogits = null;
                if (trace) {
                    epochLogits = predict(manager, net, inputs, inferenceRows, c);
                    traced[epoch - 1] = epochLogits;
                }
                if (config.usesEpoch(epoch)) {
                    float[][] logits = epochLogits != null ? epochLogits : predict(manager, net, inputs, inferenceRows, c);
                    sum = add(sum, logits);
                    averaged++;
                    snapshots.add(serialise(net));
                }
                if (config.weightAverageFrom() > 0 && epoch >= config.weightAverageFrom()) {
                    weightSum = accumulate(manager, weightSum, params);
                    weightCount++;
                }
                if (listener != null) {
                    listener.epochDone(epoch, losses[epoch - 1]);
                }
            }
            if (weightSum != null) {
                // stochastic weight averaging: the equal-weight mean of the weights after each averaged epoch
                for (int i = 0; i < params.size(); i++) {
                    // in place (autograd is off here): NDArray.set goes through a deprecated PyTorch path that warns
                    weightSum[i].divi(weightCount);
                    params.get(i).getArray().muli(0).addi(weightSum[i]);
                    weightSum[i].close();
                }
                sum = predict(manager, net, inputs, inferenceRows, c);
                averaged = 1;
                snapshots.add(serialise(net));
            }
            for (float[] row : sum) {
                for (int l = 0; l < row.length; l++) {
                    row[l] /= averaged;
                }
            }
            optimizer.close();
            return new Result(sum, snapshots, losses, traced);
        }
    }

    private static float[][] add(float[][] sum, float[][] logits) {
        if (sum == null) {
            return copy(logits);
        }
        for (int i = 0; i < logits.length; i++) {
            for (int l = 0; l < logits[i].length; l++) {
                sum[i][l] += logits[i][l];
            }
        }
        return sum;
    }

    private static NDArray[] accumulate(NDManager manager, NDArray[] sum, List<Parameter> params) {
        NDArray[] out = sum != null ? sum : new NDArray[params.size()];
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            if (out[i] == null) {
                out[i] = w.duplicate();
                out[i].attach(manager);
            } else {
                out[i].addi(w);
            }
        }
        return out;
    }

    private static double step(NDManager manager, EgaNet net, Sgdp optimizer, List<Parameter> params, NnInputs inputs,
                               int[][] y, int[] batch, int c, NnConfig config, NoiseSource noise, SplittableRandom jitter) {
        try (NDScope scope = new NDScope(); NDManager stepManager = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            List<float[]> x = jitter == null ? inputs.select(batch) : inputs.jittered(batch, config.gainJitter(), jitter);
            NDArray taps = TapTable.build(stepManager, x, c, config.inputDropout(), noise);
            NDArray targets = stepManager.create(labels(y, batch), new Shape(batch.length, EgaNet.LABELS));
            double loss;
            try (ThreadGradient collector = new ThreadGradient()) {
                NDArray logits = net.logits(taps, true, noise);
                NDArray l = binaryCrossEntropy(logits, targets);
                collector.backward(l);
                loss = l.getFloat();
            }
            for (Parameter p : params) {
                NDArray w = p.getArray();
                NDArray g = w.getGradient();
                optimizer.update(p.getName(), w, g);
                JniUtils.zeroGrad((PtNDArray) w);
            }
            return loss;
        }
    }

    /** Mean binary cross-entropy with logits over batch and labels, in the numerically stable form. */
    public static NDArray binaryCrossEntropy(NDArray logits, NDArray targets) {
        return logits.maximum(0f).sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    /** Logits [rows][10] of the network in prediction mode (no dropout, mean activation slope). */
    public static float[][] predict(NDManager manager, EgaNet net, NnInputs inputs, int[] rows, int scalings) {
        return predict(manager, List.of(net), inputs, rows, scalings)[0];
    }

    /**
     * Logits [net][row][label] of several networks of one configuration: each batch's tap table is built once and
     * read by every network, and each network's intermediates are freed before the next one runs. A network's
     * logits do not depend on which other networks are predicted with it.
     */
    public static float[][][] predict(NDManager manager, List<EgaNet> nets, NnInputs inputs, int[] rows, int scalings) {
        float[][][] out = new float[nets.size()][rows.length][];
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int start = 0; start < rows.length; start += PREDICT_BATCH) {
                int[] batch = java.util.Arrays.copyOfRange(rows, start, Math.min(rows.length, start + PREDICT_BATCH));
                if (batch.length == 1) {
                    // PyTorch computes a one-sample batch by another kernel, whose last bits differ: the run goes twice,
                    // so a run's logits do not depend on how many runs were predicted with it (chunks, Spark tasks)
                    batch = new int[] {batch[0], batch[0]};
                }
                try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    NDArray taps = TapTable.build(m, inputs.select(batch), scalings, TapTable.InputDropout.NONE, null);
                    for (int k = 0; k < nets.size(); k++) {
                        try (NDScope perNet = new NDScope()) {
                            perNet.suppressNotUsedWarning();
                            float[] logits = nets.get(k).logits(taps, false, null).toFloatArray();
                            for (int i = 0; i < Math.min(batch.length, rows.length - start); i++) {
                                out[k][start + i] = java.util.Arrays.copyOfRange(logits, i * EgaNet.LABELS,
                                        (i + 1) * EgaNet.LABELS);
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

    private static float[][] copy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    static float[] labels(int[][] y, int[] batch) {
        float[] out = new float[batch.length * EgaNet.LABELS];
        for (int i = 0; i < batch.length; i++) {
            for (int l = 0; l < EgaNet.LABELS; l++) {
                out[i * EgaNet.LABELS + l] = y[batch[i]][l];
            }
        }
        return out;
    }

    /** Fisher-Yates shuffle in place, drawn from {@code random}. */
    public static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static byte[] serialise(EgaNet net) {
        return ParameterArrays.encode(net.parameterList());
    }

    /** Training rows without any of the excluded rows (e.g. SAM testbed samples, method.md 6.6). */
    public static int[] without(int[] rows, boolean[] excluded) {
        List<Integer> kept = new ArrayList<>();
        for (int r : rows) {
            if (!excluded[r]) {
                kept.add(r);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
