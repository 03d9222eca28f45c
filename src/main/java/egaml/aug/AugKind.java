package egaml.aug;

import egaml.core.Preset;
import egaml.member.FittedMember;
import egaml.member.MemberKind;
import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;

import java.nio.file.Path;
import java.util.List;

/**
 * The augmented-spectrogram member (method.md 14.2): networks trained on the 1st place's log-scaled 12 C image,
 * rendered anew with augmentations at every step, and predicted with test-time augmentation. Experimental: not in
 * the default ensemble until the out-of-fold figures say it helps ({@code --models gbt,nn,aug}).
 */
public final class AugKind implements MemberKind {
    public static final String NAME = "aug";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "networks on the 1st place's augmented log-scaled image (temporal CNN; a bidirectional GRU with "
                + "--aug-networks), test-time augmentation";
    }

    @Override
    public Class<AugSettings> settingsType() {
        return AugSettings.class;
    }

    @Override
    public AugSettings settings(Preset preset) {
        return AugSettings.preset(preset);
    }

    @Override
    public List<MemberOptions> options() {
        return List.of(new AugOptions());
    }

    @Override
    public boolean inDefaultModels() {
        return false;
    }

    @Override
    public MemberTrainer trainer(MemberSettings settings) {
        AugSettings s = cast(settings, AugSettings.class);
        return new MemberTrainer() {
            @Override
            public long steps() {
                return AugCrossValidation.steps(s);
            }

            @Override
            public Fit crossValidate(TrainingData data, TrainingContext context) {
                return AugCrossValidation.run(s, data, context);
            }

            @Override
            public egaml.member.UnitPlan units(TrainingData data, TrainingContext context) {
                return AugCrossValidation.units(s, data, context);
            }
        };
    }

    @Override
    public FittedMember load(Path dir, boolean filesChecked) {
        return AugMember.load(dir, !filesChecked);
    }
}
