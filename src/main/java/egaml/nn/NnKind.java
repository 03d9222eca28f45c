package egaml.nn;

import egaml.core.Preset;
import egaml.member.FittedMember;
import egaml.member.MemberKind;
import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The NN member: the reference's convolutional network over temperature on DJL/PyTorch (method.md 5-6), one family per
 * configuration (scaling set and weight decay). SAM testbed samples are predicted but never trained on.
 */
public final class NnKind implements MemberKind {
    public static final String NAME = "nn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the reference's convolutional network over temperature (DJL/PyTorch), one family per scaling set";
    }

    @Override
    public Class<NnPreset> settingsType() {
        return NnPreset.class;
    }

    @Override
    public NnPreset settings(Preset preset) {
        return NnPreset.of(preset);
    }

    @Override
    public List<MemberOptions> options() {
        return List.of(new NnOptions(), new NnOptions.Experiments());
    }

    @Override
    public MemberTrainer trainer(MemberSettings settings) {
        NnPreset preset = cast(settings, NnPreset.class);
        return new MemberTrainer() {
            @Override
            public long steps() {
                return NnCrossValidation.epochs(preset);
            }

            @Override
            public Fit crossValidate(TrainingData data, TrainingContext context) {
                NnCrossValidation.Result r = NnCrossValidation.run(data.runs(), data.y(), data.samMask(), preset,
                        context.seeds(), context.threads(), context.trace(), context.store(), context.listener());
                return new Fit(NnMember.of(r, context.seed(), preset), r.familyLogits(), r.seconds(),
                        summary(preset, r, data));
            }

            @Override
            public egaml.member.UnitPlan units(TrainingData data, TrainingContext context) {
                return NnCrossValidation.units(data.runs(), data.y(), data.samMask(), preset, context.seeds());
            }
        };
    }

    @Override
    public java.util.Set<egaml.member.SamRole> samRoles() {
        return java.util.Set.of(egaml.member.SamRole.NETWORK, egaml.member.SamRole.NETWORK_PREFERRED);
    }

    @Override
    public FittedMember load(Path dir, boolean filesChecked) {
        return NnMember.load(dir, !filesChecked);
    }

    private static List<String> summary(NnPreset preset, NnCrossValidation.Result r, TrainingData data) {
        List<String> out = new ArrayList<>();
        int sam = 0;
        for (boolean s : data.samMask()) {
            sam += s ? 1 : 0;
        }
        out.add(String.format(Locale.ROOT, "%d folds x %d repeats x %d configurations, %d epochs (%s), activation %s, %s "
                        + "learning rate, gain jitter %s; %d models; %d SAM testbed samples predicted but not trained on",
                preset.folds(), preset.repeats(), r.configurations().size(), preset.epochs(),
                r.configurations().get(0).epochPolicy(), preset.activation(), preset.schedule(),
                preset.gainJitter() > 0 ? String.valueOf(preset.gainJitter()) : "off", r.models().size(), sam));
        for (int c = 0; c < r.configurations().size(); c++) {
            NnConfig k = r.configurations().get(c);
            out.add(String.format(Locale.ROOT, "configuration %d: %s, grid start %d, weight decay %.0e, input dropout %.2f "
                            + "(%s), stem %.2f, reduce %.2f", c, k.scalingNames(), k.gridOffset(), k.weightDecay(),
                    k.inputDropout().rate(), k.inputDropout().mode().name().toLowerCase(Locale.ROOT), k.stemDropout(),
                    k.reduceDropout()));
        }
        if (r.nonFiniteReplaced() > 0) {
            out.add(r.nonFiniteReplaced() + " non-finite scaled input values were replaced by 0 (method.md 4)");
        }
        if (r.trace() != null) {
            out.add("member's out-of-fold log loss by epoch (snapshot at epoch e | held-out logits averaged over e..last):");
            for (int e = 0; e < r.trace().atEpoch().length; e++) {
                out.add(String.format(Locale.ROOT, "  epoch %3d  %.4f | %.4f", e + 1, r.trace().atEpoch()[e],
                        r.trace().averagedFrom()[e]));
            }
        }
        return out;
    }
}
