package egaml.nn;

import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import egaml.preprocess.BaselineLevel;
import egaml.preprocess.Scaling;
import egaml.preprocess.Spectrogram;
import egaml.preprocess.SpectrogramRecipe;
import egaml.preprocess.TemperatureGrid;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The network inputs of a configuration (method.md 3.4 and 4): per sample, the 40 x 100 spectrogram on the
 * configuration's grid, scaled by each of its scalings, stored as floats in [scaling][m/z][temperature]
 * order (each series contiguous, as {@link TapTable} reads them).
 *
 * @param nonFiniteReplaced how many scaled values were not finite and were replaced by 0 (method.md 4)
 */
public record NnInputs(List<float[]> values, long nonFiniteReplaced) {

    /**
     * Renders every run. The baseline quantile levels are the reference's random ~1 % draws, from a stream
     * keyed by the configuration seed and the sample id.
     */
    public static NnInputs of(List<CleanRun> runs, NnConfig config, SeedSequence seeds) {
        SpectrogramRecipe recipe = new SpectrogramRecipe(TemperatureGrid.reference(config.gridOffset()),
                BaselineLevel.randomReference());
        float[][] out = new float[runs.size()][];
        long[] replaced = new long[runs.size()];
        IntStream.range(0, runs.size()).parallel().forEach(i -> {
            Spectrogram s = recipe.render(runs.get(i), seeds);
            int c = config.scalings().size();
            float[] x = new float[c * EgaNet.IONS * EgaNet.TEMPERATURES];
            for (int sc = 0; sc < c; sc++) {
                Scaling.Result r = config.scalings().get(sc).apply(s.values());
                replaced[i] += r.nonFiniteReplaced();
                double[][] v = r.values();
                for (int m = 0; m < EgaNet.IONS; m++) {
                    for (int t = 0; t < EgaNet.TEMPERATURES; t++) {
                        x[(sc * EgaNet.IONS + m) * EgaNet.TEMPERATURES + t] = (float) v[t][m];
                    }
                }
            }
            out[i] = x;
        });
        long total = 0;
        for (long r : replaced) {
            total += r;
        }
        return new NnInputs(new ArrayList<>(List.of(out)), total);
    }

    public List<float[]> select(int[] rows) {
        List<float[]> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(values.get(r));
        }
        return out;
    }
}
