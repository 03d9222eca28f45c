package egaml.gbt;

import egaml.core.Preset;
import egaml.member.FamilyScores;
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

/** The GBT member: LightGBM on engineered peak features (method.md 7-8), one family per feature trim range. */
public final class GbtKind implements MemberKind {
    public static final String NAME = "gbt";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "LightGBM on engineered peak features, one family per feature trim range";
    }

    @Override
    public Class<GbtConfig> settingsType() {
        return GbtConfig.class;
    }

    @Override
    public GbtConfig settings(Preset preset) {
        return GbtConfig.preset(preset);
    }

    @Override
    public List<MemberOptions> options() {
        return List.of(new GbtOptions(), new GbtOptions.Experiments());
    }

    @Override
    public MemberTrainer trainer(MemberSettings settings) {
        GbtConfig config = cast(settings, GbtConfig.class);
        return new MemberTrainer() {
            @Override
            public long steps() {
                return GbtCrossValidation.tasks(config);
            }

            @Override
            public Fit crossValidate(TrainingData data, TrainingContext context) {
                GbtCrossValidation.Result r = GbtCrossValidation.run(data.runs(), data.y(), config, context.seeds(),
                        context.threads(), context.store(), context.listener());
                GbtMember member = GbtMember.of(r, context.seed(), config);
                List<String> summary = new ArrayList<>();
                summary.add(String.format(Locale.ROOT, "%d folds x %d repeats x %d realisations; %d LightGBM fits (%d "
                                + "small-data fallbacks)%s", config.folds(), config.repeats(), config.realisations(), r.fits(),
                        r.fallbacks(), config.calibrate() ? "; families calibrated (cross-fitted shifts)" : ""));
                return new Fit(member, FamilyScores.ofProbabilities(r.families(), FamilyScores.PROBABILITY_CLIP),
                        r.seconds(), summary);
            }

            @Override
            public egaml.member.UnitPlan units(TrainingData data, TrainingContext context) {
                return GbtCrossValidation.units(data.runs(), data.y(), config, context.seeds());
            }
        };
    }

    @Override
    public java.util.Set<egaml.member.SamRole> samRoles() {
        return java.util.Set.of(egaml.member.SamRole.TREES);
    }

    @Override
    public FittedMember load(Path dir, boolean filesChecked) {
        return GbtMember.load(dir);
    }
}
