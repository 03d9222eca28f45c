package egaml.aug;

import egaml.core.Preset;
import egaml.member.MemberSettings;
import egaml.render.RenderSettings;

import java.util.List;

/**
 * Settings of the augmented-spectrogram member (method.md 14.2): the rendering's augmentations, the network's size
 * and its training, and test-time augmentation.
 *
 * @param folds          outer folds; SAM testbed runs are predicted, never trained on
 * @param repeats        cross-validation repeats (new folds and seeds each)
 * @param epochs         epochs of fresh renderings per fold model
 * @param batchSize      samples per step
 * @param learningRate   Adam's peak learning rate (one epoch of linear warm-up, then a cosine decay to 5 %)
 * @param weightDecay    decoupled weight decay (AdamW)
 * @param width          channels of the network's convolutions
 * @param dropout        dropout before the head
 * @param mixProbability probability that a training sample is combined with another (element-wise maximum of the
 *                       two images, labels OR)
 * @param labelSmoothing targets t (1 - e) + e / 2
 * @param gradientClip   largest global gradient norm (larger gradients are scaled down)
 * @param tta            renderings averaged at prediction (0: the canonical rendering alone)
 * @param ionGainSigma   per-m/z gain jitter s, 2^N(0, s^2)
 * @param scanJitter     half-width (C) of the window a column's scan is drawn from
 * @param mixBackgrounds random convex mix of the background levels
 * @param pretrainEpochs epochs on the pretraining runs (TrainingContext.pretraining) before the fold models, which
 *                       start from that network (0: from a random initialisation)
 * @param networks       the network families trained, each on the same folds and its own family for the stacker
 *                       ({@link AugNetwork#NAMES}; absent in settings saved before the recurrent family: the temporal
 *                       CNN alone)
 */
public record AugSettings(int folds, int repeats, int epochs, int batchSize, double learningRate, double weightDecay,
                          int width, double dropout, double mixProbability, double labelSmoothing, double gradientClip,
                          int tta, double ionGainSigma, double scanJitter, boolean mixBackgrounds,
                          int pretrainEpochs, List<String> networks)
        implements MemberSettings {

    public AugSettings {
        networks = networks == null ? List.of(TemporalCnn.NAME) : List.copyOf(networks);
        if (networks.isEmpty() || new java.util.HashSet<>(networks).size() != networks.size()) {
            throw new IllegalArgumentException("aug settings: one or more distinct networks, got " + networks);
        }
        if (pretrainEpochs < 0) {
            throw new IllegalArgumentException("aug settings: pretraining epochs >= 0, got " + pretrainEpochs);
        }
        if (folds < 2 || repeats < 1 || epochs < 1 || batchSize < 2 || tta < 0 || tta > 64) {
            throw new IllegalArgumentException("aug settings: folds >= 2, repeats >= 1, epochs >= 1, batch >= 2, tta in "
                    + "[0, 64]; got " + folds + ", " + repeats + ", " + epochs + ", " + batchSize + ", " + tta);
        }
        if (!(learningRate > 0 && learningRate < 1) || !(weightDecay >= 0 && weightDecay < 1)
                || !(mixProbability >= 0 && mixProbability <= 1) || !(labelSmoothing >= 0 && labelSmoothing < 0.5)
                || !(gradientClip > 0)) {
            throw new IllegalArgumentException("aug settings: learning rate in (0, 1), weight decay in [0, 1), mixing "
                    + "probability in [0, 1], label smoothing in [0, 0.5), gradient clip > 0");
        }
        render(ionGainSigma, scanJitter, mixBackgrounds); // validates
        for (String network : networks) {
            AugNetwork.create(network, width, dropout); // validates the name, the width and the dropout
        }
    }

    /** The presets' families: the temporal CNN (the recurrent family is chosen with {@code --aug-networks}). */
    public static final List<String> DEFAULT_NETWORKS = List.of(TemporalCnn.NAME);

    public static AugSettings preset(Preset preset) {
        return switch (preset) {
            case SMOKE -> new AugSettings(2, 1, 2, 8, 1e-3, 1e-4, 16, 0.2, 0.25, 0.001, 5, 2, 0.5, 16, true, 0, DEFAULT_NETWORKS);
            case FAST -> new AugSettings(5, 3, 60, 32, 1e-3, 1e-4, 64, 0.3, 0.25, 0.001, 5, 4, 0.5, 16, true, 0, DEFAULT_NETWORKS);
            case FULL, MAX -> new AugSettings(5, 5, 60, 32, 1e-3, 1e-4, 128, 0.3, 0.25, 0.001, 5, 8, 0.5, 16, true, 0, DEFAULT_NETWORKS);
        };
    }

    /** The augmentations of random renderings (training and test-time augmentation). */
    public RenderSettings render() {
        return render(ionGainSigma, scanJitter, mixBackgrounds);
    }

    private static RenderSettings render(double ionGainSigma, double scanJitter, boolean mixBackgrounds) {
        return new RenderSettings(ionGainSigma, 0.05, scanJitter, mixBackgrounds);
    }

    public AugSettings with(int epochs, int repeats, int width, int tta) {
        return new AugSettings(folds, repeats, epochs, batchSize, learningRate, weightDecay, width, dropout, mixProbability,
                labelSmoothing, gradientClip, tta, ionGainSigma, scanJitter, mixBackgrounds, pretrainEpochs, networks);
    }

    public AugSettings withTraining(double learningRate, double weightDecay, double mixProbability, int batchSize) {
        return new AugSettings(folds, repeats, epochs, batchSize, learningRate, weightDecay, width, dropout, mixProbability,
                labelSmoothing, gradientClip, tta, ionGainSigma, scanJitter, mixBackgrounds, pretrainEpochs, networks);
    }

    public AugSettings withPretraining(int pretrainEpochs) {
        return new AugSettings(folds, repeats, epochs, batchSize, learningRate, weightDecay, width, dropout, mixProbability,
                labelSmoothing, gradientClip, tta, ionGainSigma, scanJitter, mixBackgrounds, pretrainEpochs, networks);
    }

    public AugSettings withNetworks(List<String> networks) {
        return new AugSettings(folds, repeats, epochs, batchSize, learningRate, weightDecay, width, dropout, mixProbability,
                labelSmoothing, gradientClip, tta, ionGainSigma, scanJitter, mixBackgrounds, pretrainEpochs, networks);
    }

    public AugSettings withAugmentation(double ionGainSigma, double scanJitter, boolean mixBackgrounds) {
        return new AugSettings(folds, repeats, epochs, batchSize, learningRate, weightDecay, width, dropout, mixProbability,
                labelSmoothing, gradientClip, tta, ionGainSigma, scanJitter, mixBackgrounds, pretrainEpochs, networks);
    }
}
