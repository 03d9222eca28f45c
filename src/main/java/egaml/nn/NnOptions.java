package egaml.nn;

import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import egaml.preprocess.Scaling;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Command-line overrides of the NN member's preset settings (method.md 6). */
public final class NnOptions implements MemberOptions {
    @Option(names = "--nn-epochs", paramLabel = "N", description = "Epochs per network (the snapshot is the last epoch "
            + "unless --nn-snapshot says otherwise).")
    Integer epochs;

    @Option(names = "--nn-repeats", paramLabel = "N", description = "Repeats of the folds per configuration.")
    Integer repeats;

    @Option(names = "--nn-folds", paramLabel = "K", description = "Folds of the NN's cross-validation.")
    Integer folds;

    @Option(names = "--nn-configs", paramLabel = "SETS", description = "Scaling sets, one configuration each, separated by ';', "
            + "scalings within a set by '+', e.g. 'share;max+share;max+share+ion^0.5'; or random:N for N configurations drawn "
            + "as the reference does (weight decay, scaling set and ion power; method.md 6.4).")
    String configs;

    @Override
    public String heading() {
        return "NN member (overrides of the preset):";
    }

    @Override
    public boolean experimental() {
        return false;
    }

    @Override
    public MemberSettings apply(MemberSettings base) {
        NnPreset p = (NnPreset) base;
        NnPreset.Builder b = p.toBuilder();
        if (configs != null && configs.strip().toLowerCase(Locale.ROOT).startsWith("random:")) {
            try {
                b.sampledConfigurations(Integer.parseInt(configs.strip().substring(7)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--nn-configs random:N needs a number, got '" + configs + "'");
            }
        } else if (configs != null) {
            List<List<Scaling>> sets = new ArrayList<>();
            for (String set : configs.split(";")) {
                List<Scaling> s = new ArrayList<>();
                for (String name : set.split("\\+")) {
                    s.add(Scaling.parse(name));
                }
                sets.add(s);
            }
            b.scalingSets(sets);
        }
        if (epochs != null) {
            b.epochs(epochs, epochs);
        }
        if (repeats != null || folds != null) {
            b.repeatsAndFolds(repeats != null ? repeats : p.repeats(), folds != null ? folds : p.folds());
        }
        return b.build();
    }

    /** Variants of the network and its training for experiments (off in the presets). */
    public static final class Experiments implements MemberOptions {
        @Option(names = "--nn-snapshot", paramLabel = "E", description = "The epoch whose predictions and weights are used.")
        Integer snapshot;

        @Option(names = "--nn-averaging", paramLabel = "MODE",
                description = "none (a snapshot, reference code), logits:A[:K] (held-out logits averaged over epochs A, A+K, "
                        + "...; the write-up's development variant used logits:6) or weights:A (mean weights from epoch A on).")
        String averaging;

        @Option(names = "--nn-activation", paramLabel = "A", description = "leaky (0.01, the reference code's), leaky(a), rrelu "
                + "(1/8..1/3, the write-up's) or rrelu(lower,upper).")
        String activation;

        @Option(names = "--nn-input-dropout", paramLabel = "MODE", description = "element (reference code) or series "
                + "(whole m/z series, the write-up's reading).")
        String inputDropout;

        @Option(names = "--nn-block-dropout", paramLabel = "MODE", description = "one-of-three (reference code) or all.")
        String blockDropout;

        @Option(names = "--nn-weight-decay", paramLabel = "L", description = "Weight decay (fast: 1e-4, full: 1e-3).")
        Double weightDecay;

        @Option(names = "--nn-batch", paramLabel = "B", description = "Batch size (12 in the presets); the learning "
                + "rate follows as 0.1 x sqrt(B/12) (method.md 6.2).")
        Integer batch;

        @Option(names = "--nn-gain-jitter", paramLabel = "S", description = "Per-ion gain jitter during training: each m/z "
                + "row multiplied by 2^N(0, S^2), the whole run by 2^N(0, 0.05^2), before scaling (method.md 14.2; 0 = off, "
                + "the presets' setting).")
        Double gainJitter;

        @Option(names = "--nn-schedule", paramLabel = "S", description = "Learning rate over training: constant (the "
                + "reference, the presets' setting) or cosine (decays to 0 by the last epoch).")
        String schedule;

        @Override
        public String heading() {
            return "NN experiments:";
        }

        @Override
        public boolean experimental() {
            return true;
        }

        @Override
        public MemberSettings apply(MemberSettings base) {
            NnPreset p = (NnPreset) base;
            NnPreset.Builder b = p.toBuilder();
            if (snapshot != null) {
                b.epochs(p.epochs(), snapshot);
            }
            if (averaging != null) {
                b.averaging(NnPreset.Averaging.parse(averaging));
            }
            if (activation != null) {
                b.activation(NnActivation.parse(activation));
            }
            if (inputDropout != null) {
                b.inputDropoutMode(switch (inputDropout.strip().toLowerCase(Locale.ROOT)) {
                    case "element" -> TapTable.InputDropout.Mode.ELEMENT;
                    case "series" -> TapTable.InputDropout.Mode.SERIES;
                    default -> throw new IllegalArgumentException("--nn-input-dropout must be element or series, got '"
                            + inputDropout + "'");
                });
            }
            if (blockDropout != null) {
                b.blockDropoutAll(switch (blockDropout.strip().toLowerCase(Locale.ROOT)) {
                    case "one-of-three" -> false;
                    case "all" -> true;
                    default -> throw new IllegalArgumentException("--nn-block-dropout must be one-of-three or all, got '"
                            + blockDropout + "'");
                });
            }
            if (weightDecay != null) {
                b.weightDecay(weightDecay);
            }
            if (batch != null) {
                b.batchSize(batch);
            }
            if (gainJitter != null) {
                b.gainJitter(gainJitter);
            }
            if (schedule != null) {
                b.schedule(LearningRateSchedule.parse(schedule));
            }
            return b.build();
        }
    }
}
