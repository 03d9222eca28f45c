package egaml.cli;

import egaml.nn.NnActivation;
import egaml.nn.NnPreset;
import egaml.nn.TapTable;
import egaml.preprocess.Scaling;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Command-line overrides of a preset's NN settings (method.md 6), shared by the commands that train the NN member. */
final class NnOptions {
    @Option(names = "--nn-epochs", paramLabel = "N", description = "Override the preset's NN epochs (the snapshot is the last "
            + "epoch unless --nn-snapshot says otherwise).")
    Integer epochs;

    @Option(names = "--nn-snapshot", paramLabel = "E", description = "The epoch whose predictions and weights are used.")
    Integer snapshot;

    @Option(names = "--nn-averaging", paramLabel = "MODE",
            description = "none (a snapshot, reference code), logits:A[:K] (held-out logits averaged over epochs A, A+K, ...; "
                    + "the write-up's development variant used logits:6) or weights:A (mean weights from epoch A on).")
    String averaging;

    @Option(names = "--nn-repeats", paramLabel = "N", description = "Override the preset's NN repeats of the folds.")
    Integer repeats;

    @Option(names = "--nn-folds", paramLabel = "K", description = "Override the preset's NN folds.")
    Integer folds;

    @Option(names = "--nn-configs", paramLabel = "SETS", description = "Scaling sets, one configuration each, separated by ';', "
            + "scalings within a set by '+', e.g. 'share;max+share;max+share+ion^0.5'; or random:N for N configurations drawn "
            + "as the reference does (weight decay, scaling set and ion power; method.md 6.4).")
    String configs;

    @Option(names = "--nn-activation", paramLabel = "A", description = "leaky (0.01, the reference code's), leaky(a), rrelu "
            + "(1/8..1/3, the write-up's) or rrelu(lower,upper).")
    String activation;

    @Option(names = "--nn-input-dropout", paramLabel = "MODE", description = "element (reference code) or series "
            + "(whole m/z series, the write-up's reading).")
    String inputDropout;

    @Option(names = "--nn-block-dropout", paramLabel = "MODE", description = "one-of-three (reference code) or all.")
    String blockDropout;

    @Option(names = "--nn-weight-decay", paramLabel = "L", description = "Override the weight decay (1e-4 in the presets).")
    Double weightDecay;

    @Option(names = "--nn-batch", paramLabel = "B", description = "Override the batch size (12 in the presets); the learning "
            + "rate follows as 0.1 x sqrt(B/12) (method.md 6.2).")
    Integer batch;

    @Option(names = "--nn-gain-jitter", paramLabel = "S", description = "Per-ion gain jitter during training: each m/z "
            + "row multiplied by 2^N(0, S^2), the whole run by 2^N(0, 0.05^2), before scaling (method.md 14.2; 0 = off, "
            + "the presets' setting).")
    Double gainJitter;

    @Option(names = "--nn-schedule", paramLabel = "S", description = "Learning rate over training: constant (the "
            + "reference, the presets' setting) or cosine (decays to 0 by the last epoch).")
    String schedule;

    @Option(names = "--nn-workers", paramLabel = "N",
            description = "Fold models trained at once, each on one core (default: the number of cores). Results do not "
                    + "depend on it.")
    Integer workers;

    @Option(names = "--nn-trace", description = "Also predict the held-out samples after every epoch and print the "
            + "out-of-fold log loss by epoch (choosing the snapshot epoch; costs about a tenth more time).")
    boolean trace;

    /** The preset's settings with the given overrides. */
    NnPreset apply(String presetName) {
        return apply(NnPreset.named(presetName));
    }

    /** The given settings with the command line's overrides. */
    NnPreset apply(NnPreset base) {
        NnPreset p = base;
        if (configs != null && configs.strip().toLowerCase(Locale.ROOT).startsWith("random:")) {
            try {
                p = p.withSampledConfigurations(Integer.parseInt(configs.strip().substring(7)));
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
            p = p.withScalingSets(sets);
        }
        if (epochs != null || snapshot != null) {
            int e = epochs != null ? epochs : p.epochs();
            p = p.withEpochs(e, snapshot != null ? snapshot : e);
        }
        if (repeats != null || folds != null) {
            p = p.withRepeatsAndFolds(repeats != null ? repeats : p.repeats(), folds != null ? folds : p.folds());
        }
        if (batch != null) {
            p = p.withBatchSize(batch);
        }
        if (gainJitter != null || schedule != null) {
            p = p.withTraining(gainJitter != null ? gainJitter : p.gainJitter(),
                    schedule != null ? schedule.strip().toLowerCase(Locale.ROOT) : p.schedule());
        }
        NnActivation act = activation != null ? NnActivation.parse(activation) : p.activation();
        TapTable.InputDropout.Mode mode = p.inputDropoutMode();
        if (inputDropout != null) {
            mode = switch (inputDropout.toLowerCase(Locale.ROOT)) {
                case "element" -> TapTable.InputDropout.Mode.ELEMENT;
                case "series" -> TapTable.InputDropout.Mode.SERIES;
                default -> throw new IllegalArgumentException("--nn-input-dropout must be element or series, got '" + inputDropout + "'");
            };
        }
        boolean all = p.blockDropoutAll();
        if (blockDropout != null) {
            all = switch (blockDropout.toLowerCase(Locale.ROOT)) {
                case "one-of-three" -> false;
                case "all" -> true;
                default -> throw new IllegalArgumentException("--nn-block-dropout must be one-of-three or all, got '" + blockDropout + "'");
            };
        }
        return p.withVariants(act, mode, all, weightDecay != null ? weightDecay : p.weightDecay(),
                averaging != null ? NnPreset.Averaging.parse(averaging) : p.averaging());
    }

    int workers() {
        if (workers == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--nn-workers must be at least 1, got " + workers);
        }
        return workers;
    }
}
