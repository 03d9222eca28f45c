package egaml.cli;

import egaml.gbt.GbtConfig;
import egaml.gbt.GbtParams;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Command-line overrides of a preset's GBT settings, shared by the commands that train the GBT member. */
final class GbtOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--gbt-realisations", paramLabel = "N", description = "Override the preset's GBT feature realisations.")
    Integer realisations;

    @Option(names = "--gbt-repeats", paramLabel = "N", description = "Override the preset's GBT repeats of the folds.")
    Integer repeats;

    @Option(names = "--gbt-max-bin", paramLabel = "N",
            description = "Override LightGBM's histogram bins per feature (fast and full: 63; smoke: 255, LightGBM's default).")
    Integer maxBin;

    @Option(names = "--gbt-search", paramLabel = "N",
            description = "Override the preset's GBT search draws per model (0: the fixed setting).")
    Integer search;

    @Option(names = "--gbt-params", paramLabel = "NAME=V,...",
            description = "Change the LightGBM setting fitted when the search is off (--gbt-search 0) or cannot run: "
                    + "name=value pairs with LightGBM's names, e.g. num_iterations=200,learning_rate=0.03 or "
                    + "extra_trees=false "
                    + "(--print-config shows the whole setting).")
    String params;

    @Option(names = "--gbt-calibrate", negatable = true,
            description = "Shift each GBT family's logits per label so its out-of-fold probabilities are not biased low "
                    + "(fitted across folds, so the reported score stays honest; on in the presets, --no-gbt-calibrate turns it off).")
    Boolean calibrate;

    /** The preset's settings with the given overrides. */
    GbtConfig apply(String preset) {
        return apply(GbtConfig.preset(preset));
    }

    /** The given settings with the command line's overrides. */
    GbtConfig apply(GbtConfig base) {
        GbtParams changed = null;
        if (params != null) {
            try {
                changed = base.params().with(params);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--gbt-params: " + e.getMessage());
            }
        }
        return base.with(realisations, repeats, search, maxBin, changed, calibrate);
    }
}
