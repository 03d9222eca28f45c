package egaml.gbt;

import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import picocli.CommandLine.Option;

/** Command-line overrides of the GBT member's preset settings. */
public final class GbtOptions implements MemberOptions {
    @Option(names = "--gbt-realisations", paramLabel = "N", description = "Feature realisations (trim range cycles 10, 5, "
            + "50, 20 C; one family per trim range).")
    Integer realisations;

    @Option(names = "--gbt-repeats", paramLabel = "N", description = "Repeats of the folds per realisation.")
    Integer repeats;

    @Option(names = "--gbt-calibrate", negatable = true,
            description = "Shift each GBT family's logits per label so its out-of-fold probabilities are not biased low "
                    + "(fitted across folds, so the reported score stays honest; on in the presets, --no-gbt-calibrate turns it off).")
    Boolean calibrate;

    @Override
    public String heading() {
        return "GBT member (overrides of the preset):";
    }

    @Override
    public boolean experimental() {
        return false;
    }

    @Override
    public MemberSettings apply(MemberSettings base) {
        GbtConfig.Builder b = ((GbtConfig) base).toBuilder();
        if (realisations != null) {
            b.realisations(realisations);
        }
        if (repeats != null) {
            b.repeats(repeats);
        }
        if (calibrate != null) {
            b.calibrate(calibrate);
        }
        return b.build();
    }

    /** Variants of the GBT member for experiments. */
    public static final class Experiments implements MemberOptions {
        @Option(names = "--gbt-max-bin", paramLabel = "N",
                description = "LightGBM's histogram bins per feature (fast and full: 63; smoke: 255, LightGBM's default).")
        Integer maxBin;

        @Option(names = "--gbt-search", paramLabel = "N",
                description = "Nested random-search draws per model (0: the fixed setting, as in the presets).")
        Integer search;

        @Option(names = "--gbt-params", paramLabel = "NAME=V,...",
                description = "Change the LightGBM setting fitted when the search is off or cannot run: name=value pairs "
                        + "with LightGBM's names, e.g. num_iterations=200,learning_rate=0.03 or extra_trees=false "
                        + "(--print-config shows the whole setting).")
        String params;

        @Option(names = "--gbt-no-augment", description = "Train without the training-table augmentation (ablation).")
        boolean noAugment;

        @Override
        public String heading() {
            return "GBT experiments:";
        }

        @Override
        public boolean experimental() {
            return true;
        }

        @Override
        public MemberSettings apply(MemberSettings base) {
            GbtConfig c = (GbtConfig) base;
            GbtConfig.Builder b = c.toBuilder();
            if (maxBin != null) {
                b.maxBin(maxBin);
            }
            if (search != null) {
                b.searchIterations(search);
            }
            if (params != null) {
                try {
                    b.params(c.params().with(params));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--gbt-params: " + e.getMessage(), e);
                }
            }
            if (noAugment) {
                b.augment(false);
            }
            return b.build();
        }
    }
}
