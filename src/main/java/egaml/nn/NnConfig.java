package egaml.nn;

import egaml.preprocess.Scaling;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One NN configuration (method.md 6.4): the settings shared by every model trained with it.
 *
 * @param scalings      input scalings in the fixed order max, share, ion
 * @param gridOffset    the temperature grid start O (method.md 3.4)
 * @param epochs        epochs trained
 * @param snapshotEpoch the epoch whose held-out predictions (and weights) are used
 * @param averageFrom   0, or a: held-out logits averaged over epochs a, a + k, a + 2k, ... (write-up variant,
 *                      which used k = 1); every averaged epoch's weights are kept, so that new samples get
 *                      the same average
 * @param averageEvery  k, the spacing of averaged epochs (1: every epoch)
 * @param weightAverageFrom 0, or a: the network used is the mean of the weights after epochs a..epochs
 *                      (stochastic weight averaging; egaml's addition)
 * @param gainJitter    s: during training each m/z row of a sample's spectrogram is multiplied by 2^N(0, s^2) and
 *                      the whole spectrogram by 2^N(0, 0.05^2) before scaling (the 1st place's per-ion gain jitter,
 *                      method.md 14.2; egaml option); 0: off (the reference)
 * @param schedule      the learning rate over the steps: constant (the reference) or cosine (decays from the
 *                      learning rate to 0 over all epochs; egaml option)
 */
public record NnConfig(List<Scaling> scalings, double weightDecay, int gridOffset, TapTable.InputDropout inputDropout,
                       double stemDropout, double reduceDropout, NnActivation activation, int epochs, int snapshotEpoch,
                       int averageFrom, int averageEvery, int weightAverageFrom, int batchSize, double learningRate,
                       double momentum, boolean nesterov, double gainJitter, LearningRateSchedule schedule) {

    /**
     * Checks the gain jitter (shared with {@link NnPreset}); returns the schedule, {@code constant} when absent (settings
     * and models written before the option existed).
     */
    static LearningRateSchedule checkTraining(double gainJitter, LearningRateSchedule schedule) {
        LearningRateSchedule s = schedule == null ? LearningRateSchedule.CONSTANT : schedule;
        if (!(gainJitter >= 0 && gainJitter <= 4)) {
            throw new IllegalArgumentException("gain jitter must be in [0, 4], got " + gainJitter);
        }
        return s;
    }

    public NnConfig {
        scalings = List.copyOf(scalings);
        schedule = checkTraining(gainJitter, schedule);
        if (scalings.isEmpty() || scalings.size() > 3) {
            throw new IllegalArgumentException("1 to 3 scalings, got " + scalings);
        }
        if (epochs < 1 || snapshotEpoch < 1 || snapshotEpoch > epochs) {
            throw new IllegalArgumentException("need 1 <= snapshot epoch <= epochs, got " + snapshotEpoch + " of " + epochs);
        }
        if (averageFrom < 0 || averageFrom > epochs || weightAverageFrom < 0 || weightAverageFrom > epochs) {
            throw new IllegalArgumentException("averaging must start within the epochs, got " + Math.max(averageFrom, weightAverageFrom));
        }
        if (averageFrom > 0 && weightAverageFrom > 0) {
            throw new IllegalArgumentException("average logits or weights, not both");
        }
        if (averageEvery < 1) {
            throw new IllegalArgumentException("averaged epochs must be at least 1 apart, got " + averageEvery);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be at least 2, got " + batchSize);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        new Sgdp.Settings(learningRate, weightDecay, momentum, 0, nesterov, 0.1, 1e-8, 0.1);
    }

    public NnArchitecture architecture() {
        return NnArchitecture.of(scalings.size(), activation, stemDropout, reduceDropout);
    }

    public Sgdp.Settings optimizer() {
        return new Sgdp.Settings(learningRate, weightDecay, momentum, 0, nesterov, 0.1, 1e-8, 0.1);
    }

    /** The family name (method.md 6.7): scaling set and weight decay, e.g. {@code nn_max+share+ion^0.5_wd1e-04}. */
    public String family() {
        return "nn_" + scalingNames() + String.format(Locale.ROOT, "_wd%.0e", weightDecay);
    }

    public String scalingNames() {
        return scalings.stream().map(NnConfig::name).collect(Collectors.joining("+"));
    }

    static String name(Scaling s) {
        return switch (s.kind()) {
            case MAX -> "max";
            case SHARE -> "share";
            case ION -> "ion^" + (s.power() == Math.rint(s.power()) ? String.valueOf((int) s.power()) : String.valueOf(s.power()));
        };
    }

    /** The learning-rate factor of step {@code step} (0-based) of {@code total}: 1, or the cosine decay. */
    public double learningRateFactor(long step, long total) {
        return schedule.factor(step, total);
    }

    /** Whether the held-out logits (and the weights) after this epoch are used. */
    public boolean usesEpoch(int epoch) {
        if (weightAverageFrom > 0) {
            return false;
        }
        if (averageFrom > 0) {
            return epoch >= averageFrom && (epoch - averageFrom) % averageEvery == 0;
        }
        return epoch == snapshotEpoch;
    }

    /** A short description of which epochs are used. */
    public String epochPolicy() {
        if (weightAverageFrom > 0) {
            return "weights averaged over epochs " + weightAverageFrom + ".." + epochs;
        }
        if (averageFrom > 0) {
            return "logits averaged over epochs " + averageFrom + ".." + epochs + (averageEvery > 1 ? " every " + averageEvery : "");
        }
        return "snapshot at epoch " + snapshotEpoch;
    }
}
