package egaml.cli;

import egaml.gbt.GbtConfig;
import picocli.CommandLine.Option;

/** Command-line overrides of a preset's GBT settings, shared by the commands that train the GBT member. */
final class GbtOptions {
    @Option(names = "--gbt-realisations", paramLabel = "N", description = "Override the preset's GBT feature realisations.")
    Integer realisations;

    @Option(names = "--gbt-repeats", paramLabel = "N", description = "Override the preset's GBT repeats of the folds.")
    Integer repeats;

    @Option(names = "--gbt-max-bin", paramLabel = "N",
            description = "Override LightGBM's histogram bins per feature (255, LightGBM's default, in every preset).")
    Integer maxBin;

    @Option(names = "--gbt-search", paramLabel = "N",
            description = "Override the preset's GBT search draws per model (0: the fixed setting).")
    Integer search;

    /** The preset's settings with the given overrides. */
    GbtConfig apply(String preset) {
        return apply(GbtConfig.preset(preset));
    }

    /** The given settings with the command line's overrides. */
    GbtConfig apply(GbtConfig base) {
        return base.with(realisations, repeats, search, maxBin);
    }
}
