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
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The network inputs of a configuration (method.md 3.4 and 4): per sample, the 40 x 100 spectrogram on the
 * configuration's grid, scaled by each of its scalings, stored as floats in [scaling][m/z][temperature]
 * order (each series contiguous, as {@link TapTable} reads them).
 *
 * @param values            the scaled inputs per sample
 * @param nonFiniteReplaced how many scaled values were not finite and were replaced by 0 (method.md 4)
 * @param spectrograms      the unscaled spectrograms per sample, [temperature][m/z] flattened, kept only when the
 *                          configuration jitters gains during training (otherwise empty)
 * @param scalings          the configuration's scalings
 */
public record NnInputs(List<float[]> values, long nonFiniteReplaced, List<float[]> spectrograms, List<Scaling> scalings) {
    /** The sigma of the whole-run log2 gain of the gain jitter (method.md 14.2). */
    static final double RUN_GAIN_SIGMA = 0.05;

    /**
     * Renders every run. The baseline quantile levels are the reference's random ~1 % draws, from a stream
     * keyed by the configuration seed and the sample id.
     */
    public static NnInputs of(List<CleanRun> runs, NnConfig config, SeedSequence seeds) {
        SpectrogramRecipe recipe = new SpectrogramRecipe(TemperatureGrid.reference(config.gridOffset()),
                BaselineLevel.randomReference());
        int n = runs.size();
        float[][] out = new float[n][];
        float[][] raw = config.gainJitter() > 0 ? new float[n][] : null;
        long[] replaced = new long[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            Spectrogram s = recipe.render(runs.get(i), seeds);
            Scaled scaled = scale(s.values(), config.scalings());
            out[i] = scaled.values;
            replaced[i] = scaled.replaced;
            if (raw != null) {
                raw[i] = flatten(s.values());
            }
        });
        long total = 0;
        for (long r : replaced) {
            total += r;
        }
        return new NnInputs(new ArrayList<>(List.of(out)), total, raw == null ? List.of() : new ArrayList<>(List.of(raw)),
                config.scalings());
    }

    public List<float[]> select(int[] rows) {
        List<float[]> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(values.get(r));
        }
        return out;
    }

    /**
     * The inputs of {@code rows} for a training step: as {@link #select} when {@code sigma} is 0, otherwise
     * re-scaled from each spectrogram with every m/z row multiplied by 2^N(0, sigma^2) and the whole run by
     * 2^N(0, 0.05^2), drawn from {@code random}.
     */
    public List<float[]> jittered(int[] rows, double sigma, SplittableRandom random) {
        if (sigma == 0) {
            return select(rows);
        }
        if (spectrograms.isEmpty()) {
            throw new IllegalStateException("these inputs were rendered without gain jitter");
        }
        List<float[]> out = new ArrayList<>(rows.length);
        double[] gain = new double[EgaNet.IONS];
        for (int r : rows) {
            float[] x = spectrograms.get(r);
            double run = Math.pow(2, RUN_GAIN_SIGMA * random.nextGaussian());
            for (int m = 0; m < EgaNet.IONS; m++) {
                gain[m] = run * Math.pow(2, sigma * random.nextGaussian());
            }
            double[][] v = new double[EgaNet.TEMPERATURES][EgaNet.IONS];
            for (int t = 0; t < EgaNet.TEMPERATURES; t++) {
                for (int m = 0; m < EgaNet.IONS; m++) {
                    v[t][m] = x[t * EgaNet.IONS + m] * gain[m];
                }
            }
            out.add(scale(v, scalings).values);
        }
        return out;
    }

    private record Scaled(float[] values, long replaced) {
    }

    private static Scaled scale(double[][] spectrogram, List<Scaling> scalings) {
        int c = scalings.size();
        float[] x = new float[c * EgaNet.IONS * EgaNet.TEMPERATURES];
        long replaced = 0;
        for (int sc = 0; sc < c; sc++) {
            Scaling.Result r = scalings.get(sc).apply(spectrogram);
            replaced += r.nonFiniteReplaced();
            double[][] v = r.values();
            for (int m = 0; m < EgaNet.IONS; m++) {
                for (int t = 0; t < EgaNet.TEMPERATURES; t++) {
                    x[(sc * EgaNet.IONS + m) * EgaNet.TEMPERATURES + t] = (float) v[t][m];
                }
            }
        }
        return new Scaled(x, replaced);
    }

    private static float[] flatten(double[][] v) {
        float[] out = new float[EgaNet.TEMPERATURES * EgaNet.IONS];
        for (int t = 0; t < EgaNet.TEMPERATURES; t++) {
            for (int m = 0; m < EgaNet.IONS; m++) {
                out[t * EgaNet.IONS + m] = (float) v[t][m];
            }
        }
        return out;
    }
}
