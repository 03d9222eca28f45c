package egaml.nn;

import egaml.core.SeedSequence;
import egaml.preprocess.Scaling;
import egaml.preprocess.TemperatureGrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the NN member is cross-validated (method.md 6 and 12.3). Measured on the 763 real runs (seed 1): with one
 * repeat a single model predicts each sample, and weight averaging from epoch 5 beat the epoch-20 snapshot on
 * three seeds (0.1716/0.1881/0.1700 vs 0.1843/0.2039/0.1778, one configuration), so {@code smoke} and {@code fast}
 * average weights; with five repeats the models' average already smooths, the epoch-12 snapshot (0.1429) beat
 * weight averaging from epoch 3 (0.1454), so {@code full} runs 5 repeats of 12 epochs instead of 3 of 20 (0.1446)
 * for the same time. Weight decay 1e-3 beat 1e-4 (paired screening 0.1481 vs 0.1518; full, seed 1: 0.1406 vs 0.1429
 * at the epoch-12 snapshot, 0.1399 with logits averaged over epochs 10..12), so {@code full} uses 1e-3 and the mean
 * weights of epochs 10..12 (one network per fold model, so prediction costs no more than a snapshot); validated on
 * seed 2: 0.1387.
 *
 * <p>Presets: which configurations (one per scaling set,
 * hence one family each), how many repeats and folds, and the training length. The grid start and the
 * extra dropout of each configuration are drawn from the master seed (method.md 6.4).
 *
 * @param sampledConfigurations 0: one configuration per scaling set, with {@code weightDecay}; N &gt; 0: N
 *                        configurations drawn as the reference does (method.md 6.4: weight decay 1e-3 or 1e-4, scaling
 *                        set {share} 1/5, {max, share} 1/5, {max, share, ion^p} 3/5 with p in {0.5, 0.8, 1}),
 *                        grouped into families by (weight decay, scaling set, p)
 * @param blockDropoutAll false: exactly one of input, stem and reduce dropout is 0.1 (reference code);
 *                        true: all three are 0.1 (write-up)
 */
public record NnPreset(String name, List<List<Scaling>> scalingSets, int sampledConfigurations, double weightDecay, int repeats,
                       int folds, int epochs, int snapshotEpoch, Averaging averaging, NnActivation activation,
                       TapTable.InputDropout.Mode inputDropoutMode, boolean blockDropoutAll, int batchSize, double gainJitter,
                       String schedule) {
    /**
     * Which epochs feed the predictions: a snapshot ({@code kind} none), held-out logits averaged over epochs
     * from, from + every, ... ({@code logits}), or the mean weights from that epoch on ({@code weights}).
     */
    public record Averaging(String kind, int from, int every) {
        public static final Averaging NONE = new Averaging("none", 0, 1);

        public Averaging {
            if (!List.of("none", "logits", "weights").contains(kind) || (!kind.equals("none") && from < 1) || every < 1) {
                throw new IllegalArgumentException("averaging must be none, logits from A [every K] or weights from A");
            }
        }

        /** Parses "none", "logits:A", "logits:A:K" or "weights:A". */
        public static Averaging parse(String text) {
            String[] p = text.strip().toLowerCase(Locale.ROOT).split(":");
            try {
                return switch (p[0]) {
                    case "none", "off" -> NONE;
                    case "logits" -> new Averaging("logits", Integer.parseInt(p[1]), p.length > 2 ? Integer.parseInt(p[2]) : 1);
                    case "weights" -> new Averaging("weights", Integer.parseInt(p[1]), 1);
                    default -> throw new IllegalArgumentException();
                };
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("averaging must be none, logits:A, logits:A:K or weights:A, got '" + text + "'");
            }
        }

        @Override
        public String toString() {
            return switch (kind) {
                case "logits" -> "logits:" + from + (every > 1 ? ":" + every : "");
                case "weights" -> "weights:" + from;
                default -> "none";
            };
        }
    }

    /** The stream index of NN configuration draws in the master seed. */
    static final long CONFIG_STREAM = 0x4E4E_0001L;
    public static final double EXTRA_DROPOUT = 0.1;

    public NnPreset {
        scalingSets = scalingSets.stream().map(List::copyOf).toList();
        schedule = NnConfig.checkTraining(gainJitter, schedule);
        if (scalingSets.isEmpty() && sampledConfigurations < 1) {
            throw new IllegalArgumentException("at least one configuration");
        }
        if (sampledConfigurations < 0) {
            throw new IllegalArgumentException("sampled configurations must be >= 0, got " + sampledConfigurations);
        }
        if (repeats < 1 || folds < 2) {
            throw new IllegalArgumentException("need repeats >= 1 and folds >= 2");
        }
        if (snapshotEpoch < 1 || snapshotEpoch > epochs) {
            throw new IllegalArgumentException("need 1 <= snapshot epoch <= epochs, got " + snapshotEpoch + " of " + epochs);
        }
    }

    static final List<Scaling> SHARE = List.of(Scaling.share());
    static final List<Scaling> MAX_SHARE = List.of(Scaling.max(), Scaling.share());
    static final List<Scaling> ALL_SQRT = List.of(Scaling.max(), Scaling.share(), Scaling.ion(0.5));

    public static NnPreset named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> new NnPreset("smoke", List.of(SHARE), 0, 1e-4, 1, 2, 8, 8, new Averaging("weights", 3, 1),
                    NnActivation.LEAKY_REFERENCE,
                    TapTable.InputDropout.Mode.ELEMENT, false, 12, 0, NnConfig.CONSTANT);
            case "fast" -> new NnPreset("fast", List.of(SHARE, ALL_SQRT), 0, 1e-4, 1, 3, 10, 10, new Averaging("weights", 3, 1),
                    NnActivation.LEAKY_REFERENCE,
                    TapTable.InputDropout.Mode.ELEMENT, false, 12, 0, NnConfig.CONSTANT);
            case "full" -> new NnPreset("full", List.of(SHARE, MAX_SHARE, ALL_SQRT), 0, 1e-3, 5, 5, 12, 12, new Averaging("weights", 10, 1),
                    NnActivation.LEAKY_REFERENCE, TapTable.InputDropout.Mode.ELEMENT, false, 12, 0, NnConfig.CONSTANT);
            default -> throw new IllegalArgumentException("preset must be smoke, fast or full, got '" + name + "'");
        };
    }

    public NnPreset withEpochs(int epochs, int snapshotEpoch) {
        Averaging a = averaging.from() > epochs ? Averaging.NONE : averaging;
        return new NnPreset(name, scalingSets, sampledConfigurations, weightDecay, repeats, folds, epochs, snapshotEpoch, a, activation, inputDropoutMode,
                blockDropoutAll, batchSize, gainJitter, schedule);
    }

    public NnPreset withRepeatsAndFolds(int repeats, int folds) {
        return new NnPreset(name, scalingSets, sampledConfigurations, weightDecay, repeats, folds, epochs, snapshotEpoch, averaging, activation,
                inputDropoutMode, blockDropoutAll, batchSize, gainJitter, schedule);
    }

    public NnPreset withBatchSize(int batch) {
        return new NnPreset(name, scalingSets, sampledConfigurations, weightDecay, repeats, folds, epochs, snapshotEpoch, averaging, activation,
                inputDropoutMode, blockDropoutAll, batch, gainJitter, schedule);
    }

    /** With per-ion gain jitter s (0: off) and a learning-rate schedule (constant or cosine); see {@link NnConfig}. */
    public NnPreset withTraining(double gainJitter, String schedule) {
        return new NnPreset(name, scalingSets, sampledConfigurations, weightDecay, repeats, folds, epochs, snapshotEpoch, averaging, activation,
                inputDropoutMode, blockDropoutAll, batchSize, gainJitter, schedule);
    }

    /** N configurations drawn as the reference does (method.md 6.4) instead of the scaling sets. */
    public NnPreset withSampledConfigurations(int count) {
        return new NnPreset(name, scalingSets, count, weightDecay, repeats, folds, epochs, snapshotEpoch, averaging, activation,
                inputDropoutMode, blockDropoutAll, batchSize, gainJitter, schedule);
    }

    /** How many configurations (and at most how many families) there are. */
    public int configurationCount() {
        return sampledConfigurations > 0 ? sampledConfigurations : scalingSets.size();
    }

    public NnPreset withScalingSets(List<List<Scaling>> sets) {
        return new NnPreset(name, sets, 0, weightDecay, repeats, folds, epochs, snapshotEpoch, averaging, activation,
                inputDropoutMode, blockDropoutAll, batchSize, gainJitter, schedule);
    }

    public NnPreset withVariants(NnActivation activation, TapTable.InputDropout.Mode mode, boolean blockDropoutAll,
                                 double weightDecay, Averaging averaging) {
        if (averaging.from() > epochs) {
            throw new IllegalArgumentException("averaging starts at epoch " + averaging.from() + ", after the last epoch " + epochs);
        }
        return new NnPreset(name, scalingSets, sampledConfigurations, weightDecay, repeats, folds, epochs, snapshotEpoch, averaging, activation, mode,
                blockDropoutAll, batchSize, gainJitter, schedule);
    }

    /** The configurations, one per scaling set, with grid start and extra dropout drawn from the seed. */
    public List<NnConfig> configurations(SeedSequence seeds) {
        List<NnConfig> out = new ArrayList<>();
        for (int i = 0; i < configurationCount(); i++) {
            SplittableRandom r = seeds.random(CONFIG_STREAM, i);
            int offset = TemperatureGrid.drawOffset(r);
            double input = 0;
            double stem = 0;
            double reduce = 0;
            if (blockDropoutAll) {
                input = stem = reduce = EXTRA_DROPOUT;
            } else {
                double u = r.nextDouble();
                if (u < 1.0 / 3) {
                    stem = EXTRA_DROPOUT;
                } else if (u < 2.0 / 3) {
                    reduce = EXTRA_DROPOUT;
                } else {
                    input = EXTRA_DROPOUT;
                }
            }
            List<Scaling> set;
            double decay;
            if (sampledConfigurations > 0) {
                decay = r.nextBoolean() ? 1e-3 : 1e-4;
                double u = r.nextDouble();
                set = u < 0.2 ? SHARE : u < 0.4 ? MAX_SHARE
                        : List.of(Scaling.max(), Scaling.share(), Scaling.ion(new double[] {0.5, 0.8, 1}[r.nextInt(3)]));
            } else {
                set = scalingSets.get(i);
                decay = weightDecay;
            }
            out.add(new NnConfig(set, decay, offset, new TapTable.InputDropout(inputDropoutMode, input),
                    stem, reduce, activation, epochs, snapshotEpoch, averaging.kind().equals("logits") ? averaging.from() : 0,
                    averaging.every(), averaging.kind().equals("weights") ? averaging.from() : 0, batchSize,
                    0.1 * Math.sqrt(batchSize / 12.0), 0, false, gainJitter, schedule));
        }
        return out;
    }

    /** The benchmark's configuration: the first 1, 2 or 3 of max, share, ion^0.5 (share alone for 1). */
    public static NnConfig benchConfig(int scalings, NnActivation activation, int epochs, SeedSequence seeds) {
        List<Scaling> set = switch (scalings) {
            case 1 -> SHARE;
            case 2 -> MAX_SHARE;
            default -> ALL_SQRT;
        };
        NnPreset p = new NnPreset("bench", List.of(set), 0, 1e-4, 1, 2, epochs, epochs, Averaging.NONE, activation,
                TapTable.InputDropout.Mode.ELEMENT, false, 12, 0, NnConfig.CONSTANT);
        return p.configurations(seeds).get(0);
    }
}
