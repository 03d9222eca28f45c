package egaml.nn;

import egaml.core.Preset;
import egaml.core.SeedSequence;
import egaml.member.MemberSettings;
import egaml.preprocess.Scaling;
import egaml.preprocess.TemperatureGrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the NN member is cross-validated (method.md 6 and 12.3); docs/design.md records how the presets were chosen.
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
                       LearningRateSchedule schedule) implements MemberSettings {
    /**
     * Which epochs feed the predictions: a snapshot ({@code kind} none), held-out logits averaged over epochs
     * from, from + every, ... ({@code logits}), or the mean weights from that epoch on ({@code weights}).
     */
    public record Averaging(Kind kind, int from, int every) {
        public static final Averaging NONE = new Averaging(Kind.NONE, 0, 1);

        /** What is averaged. */
        public enum Kind {
            NONE, LOGITS, WEIGHTS;

            @com.fasterxml.jackson.annotation.JsonCreator
            public static Kind parse(String text) {
                return egaml.core.EnumCodes.parse(Kind.class, text, "averaging");
            }

            @com.fasterxml.jackson.annotation.JsonValue
            public String code() {
                return egaml.core.EnumCodes.code(this);
            }
        }

        public Averaging {
            if (kind == null || (kind != Kind.NONE && from < 1) || every < 1) {
                throw new IllegalArgumentException("averaging must be none, logits from A [every K] or weights from A");
            }
        }

        /** Parses "none", "logits:A", "logits:A:K" or "weights:A". */
        public static Averaging parse(String text) {
            String[] p = text.strip().toLowerCase(Locale.ROOT).split(":");
            try {
                return switch (p[0]) {
                    case "none", "off" -> NONE;
                    case "logits" -> new Averaging(Kind.LOGITS, Integer.parseInt(p[1]), p.length > 2 ? Integer.parseInt(p[2]) : 1);
                    case "weights" -> new Averaging(Kind.WEIGHTS, Integer.parseInt(p[1]), 1);
                    default -> throw new IllegalArgumentException();
                };
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("averaging must be none, logits:A, logits:A:K or weights:A, got '" + text + "'");
            }
        }

        @Override
        public String toString() {
            return switch (kind) {
                case LOGITS -> "logits:" + from + (every > 1 ? ":" + every : "");
                case WEIGHTS -> "weights:" + from;
                case NONE -> "none";
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

    public static NnPreset of(Preset preset) {
        Builder b = new Builder(preset.code()).averaging(new Averaging(Averaging.Kind.WEIGHTS, 3, 1));
        return switch (preset) {
            case SMOKE -> b.scalingSets(List.of(SHARE)).repeatsAndFolds(1, 2).epochs(8, 8).build();
            case FAST -> b.scalingSets(List.of(SHARE, ALL_SQRT)).repeatsAndFolds(1, 3).epochs(10, 10).build();
            case FULL -> b.scalingSets(List.of(SHARE, MAX_SHARE, ALL_SQRT)).weightDecay(1e-3).repeatsAndFolds(5, 5)
                    .epochs(12, 12).averaging(new Averaging(Averaging.Kind.WEIGHTS, 10, 1)).build();
            // the reference: 10 drawn configurations (method.md 6.4) x 3 repeats x 5 folds, 80 epochs, the weights of
            // the last 20 averaged (the reference took the epoch-60 snapshot; averaging measured better in full)
            case MAX -> b.sampledConfigurations(10).repeatsAndFolds(3, 5).epochs(80, 80)
                    .averaging(new Averaging(Averaging.Kind.WEIGHTS, 60, 1)).build();
        };
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The same settings trained for {@code epochs}, the snapshot at {@code snapshotEpoch} (averaging dropped if it started later). */
    public NnPreset withEpochs(int epochs, int snapshotEpoch) {
        return toBuilder().epochs(epochs, snapshotEpoch).build();
    }

    public NnPreset withRepeatsAndFolds(int repeats, int folds) {
        return toBuilder().repeatsAndFolds(repeats, folds).build();
    }

    /** With per-ion gain jitter s (0: off) and a learning-rate schedule; see {@link NnConfig}. */
    public NnPreset withTraining(double gainJitter, LearningRateSchedule schedule) {
        return toBuilder().gainJitter(gainJitter).schedule(schedule).build();
    }

    public NnPreset withScalingSets(List<List<Scaling>> sets) {
        return toBuilder().scalingSets(sets).build();
    }

    /** Changes some settings: {@code preset.toBuilder().repeatsAndFolds(2, 5).build()}. */
    public static final class Builder {
        private String name;
        private List<List<Scaling>> scalingSets = List.of(SHARE);
        private int sampledConfigurations;
        private double weightDecay = 1e-4;
        private int repeats = 1;
        private int folds = 5;
        private int epochs = 10;
        private int snapshotEpoch = 10;
        private Averaging averaging = Averaging.NONE;
        private NnActivation activation = NnActivation.LEAKY_REFERENCE;
        private TapTable.InputDropout.Mode inputDropoutMode = TapTable.InputDropout.Mode.ELEMENT;
        private boolean blockDropoutAll;
        private int batchSize = 12;
        private double gainJitter;
        private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;

        /** The reference's settings under a name; every setting can then be changed. */
        public Builder(String name) {
            this.name = name;
        }

        private Builder(NnPreset p) {
            name = p.name;
            scalingSets = p.scalingSets;
            sampledConfigurations = p.sampledConfigurations;
            weightDecay = p.weightDecay;
            repeats = p.repeats;
            folds = p.folds;
            epochs = p.epochs;
            snapshotEpoch = p.snapshotEpoch;
            averaging = p.averaging;
            activation = p.activation;
            inputDropoutMode = p.inputDropoutMode;
            blockDropoutAll = p.blockDropoutAll;
            batchSize = p.batchSize;
            gainJitter = p.gainJitter;
            schedule = p.schedule;
        }

        /** One configuration per scaling set (and no sampled configurations). */
        public Builder scalingSets(List<List<Scaling>> v) {
            scalingSets = v;
            sampledConfigurations = 0;
            return this;
        }

        /** N configurations drawn as the reference does (method.md 6.4) instead of the scaling sets. */
        public Builder sampledConfigurations(int v) {
            sampledConfigurations = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder repeatsAndFolds(int r, int k) {
            repeats = r;
            folds = k;
            return this;
        }

        /** Epochs and the snapshot epoch; an averaging that would start after the last epoch is dropped. */
        public Builder epochs(int e, int snapshot) {
            epochs = e;
            snapshotEpoch = snapshot;
            if (averaging.from() > e) {
                averaging = Averaging.NONE;
            }
            return this;
        }

        public Builder averaging(Averaging v) {
            averaging = v;
            return this;
        }

        public Builder activation(NnActivation v) {
            activation = v;
            return this;
        }

        public Builder inputDropoutMode(TapTable.InputDropout.Mode v) {
            inputDropoutMode = v;
            return this;
        }

        public Builder blockDropoutAll(boolean v) {
            blockDropoutAll = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder gainJitter(double v) {
            gainJitter = v;
            return this;
        }

        public Builder schedule(LearningRateSchedule v) {
            schedule = v;
            return this;
        }

        public NnPreset build() {
            if (averaging.from() > epochs) {
                throw new IllegalArgumentException("averaging starts at epoch " + averaging.from() + ", after the last epoch " + epochs);
            }
            return new NnPreset(name, scalingSets, sampledConfigurations, weightDecay, repeats, folds, epochs, snapshotEpoch,
                    averaging, activation, inputDropoutMode, blockDropoutAll, batchSize, gainJitter, schedule);
        }
    }

    /** How many configurations (and at most how many families) there are. */
    public int configurationCount() {
        return sampledConfigurations > 0 ? sampledConfigurations : scalingSets.size();
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
                    stem, reduce, activation, epochs, snapshotEpoch, averaging.kind() == Averaging.Kind.LOGITS ? averaging.from() : 0,
                    averaging.every(), averaging.kind() == Averaging.Kind.WEIGHTS ? averaging.from() : 0, batchSize,
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
        NnPreset p = new Builder("bench").scalingSets(List.of(set)).repeatsAndFolds(1, 2).epochs(epochs, epochs)
                .activation(activation).build();
        return p.configurations(seeds).get(0);
    }
}
