package egaml.aug;

import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import picocli.CommandLine.Option;

/** Command-line overrides of the augmented-spectrogram member's preset settings. */
public final class AugOptions implements MemberOptions {
    @Option(names = "--aug-epochs", paramLabel = "N", description = "Epochs of fresh renderings per network.")
    Integer epochs;

    @Option(names = "--aug-repeats", paramLabel = "N", description = "Repeats of the folds.")
    Integer repeats;

    @Option(names = "--aug-width", paramLabel = "W", description = "Channels of the network's convolutions (a multiple of 8).")
    Integer width;

    @Option(names = "--aug-tta", paramLabel = "N", description = "Renderings averaged at prediction (0: the canonical one).")
    Integer tta;

    @Option(names = "--aug-lr", paramLabel = "LR", description = "Peak learning rate of AdamW (the temporal CNN's; the GRU's is a multiple of it).")
    Double learningRate;

    @Option(names = "--aug-mix", paramLabel = "P", description = "Probability of combining a training sample with another.")
    Double mix;

    @Option(names = "--aug-gain", paramLabel = "S", description = "Per-m/z gain jitter: gains 2^N(0, S^2) (0: none).")
    Double gain;

    @Option(names = "--aug-scan-jitter", paramLabel = "C", description = "Half-width in C of the window a column's scan "
            + "is drawn from (0: none).")
    Double scanJitter;

    @Option(names = "--aug-networks", split = ",", paramLabel = "NAME",
            description = "Network families trained, each its own family on the same folds: tcnn (temporal CNN, the "
                    + "default), gru (bidirectional GRU); e.g. tcnn,gru.")
    java.util.List<String> networks;

    @Option(names = "--aug-pretrain-epochs", paramLabel = "N", description = "Epochs on the pretraining runs "
            + "(--pretrain-data) before the fold models, which then start from that network (0: none).")
    Integer pretrainEpochs;

    @Override
    public String heading() {
        return "Augmented-spectrogram member (overrides of the preset):";
    }

    @Override
    public boolean experimental() {
        return false;
    }

    @Override
    public MemberSettings apply(MemberSettings base) {
        AugSettings s = (AugSettings) base;
        s = s.with(epochs != null ? epochs : s.epochs(), repeats != null ? repeats : s.repeats(),
                width != null ? width : s.width(), tta != null ? tta : s.tta());
        s = s.withTraining(learningRate != null ? learningRate : s.learningRate(), s.weightDecay(),
                mix != null ? mix : s.mixProbability(), s.batchSize());
        s = s.withAugmentation(gain != null ? gain : s.ionGainSigma(), scanJitter != null ? scanJitter : s.scanJitter(),
                s.mixBackgrounds());
        s = networks != null ? s.withNetworks(networks) : s;
        return pretrainEpochs != null ? s.withPretraining(pretrainEpochs) : s;
    }
}
