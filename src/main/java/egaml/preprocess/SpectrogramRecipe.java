package egaml.preprocess;

import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;

import java.util.SplittableRandom;

/**
 * Everything needed to turn a cleaned run into a spectrogram (method.md 3.3-3.4): the grid and the
 * baseline level. The random draws of one sample come from a stream keyed by the sample id, so a
 * sample's matrix does not depend on which other samples are processed or in what order.
 */
public record SpectrogramRecipe(TemperatureGrid grid, BaselineLevel level) {

    public Spectrogram render(CleanRun run, SeedSequence seeds) {
        SplittableRandom rng = seeds.random(SeedSequence.keyOf(run.sampleId()));
        ScaledRun scaled = ScaledRun.of(run, level, rng);
        return new SpectrogramBuilder(grid, level).build(scaled, rng);
    }
}
