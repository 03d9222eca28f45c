package egaml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Builds the stems' input (method.md 5.1 steps 0-2 and 5.2): for a batch of samples, the value under each
 * of the three taps of every stem output position, as a [7, B x 100 x 20 x C, 3] table with rows in
 * (sample, m/z, position, scaling) order. Taps that fall on the "same" padding read 0. Input dropout
 * (element or whole-series) is applied here, before the taps are read, so a dropped value is zero in every
 * tap that reads it.
 */
public final class TapTable {
    private static final int K = EgaNet.DILATIONS.length;
    private static final int T = EgaNet.TEMPERATURES;
    private static final int J = EgaNet.STEM_POSITIONS;
    private static final int M = EgaNet.IONS;
    /** positions[k][j][tap]: input index read, or -1. */
    private static final int[][][] POSITIONS = positions();

    private TapTable() {
    }

    private static int[][][] positions() {
        int[][][] p = new int[K][J][3];
        for (int k = 0; k < K; k++) {
            SamePadding pad = SamePadding.of(T, 2, 3, EgaNet.DILATIONS[k]);
            for (int j = 0; j < J; j++) {
                for (int t = 0; t < 3; t++) {
                    p[k][j][t] = pad.inputPosition(j, t, 2, EgaNet.DILATIONS[k], T);
                }
            }
        }
        return p;
    }

    /** The input position read by tap {@code tap} of stem output {@code j} at dilation index {@code k}, or -1. */
    public static int position(int k, int j, int tap) {
        return POSITIONS[k][j][tap];
    }

    /**
     * The tap table for the given samples. {@code inputs.get(i)} is sample i's scaled input in [scaling][m/z][T]
     * order ({@link NnInputs}); with {@code noise} null no input dropout is applied.
     */
    public static NDArray build(NDManager manager, List<float[]> inputs, int scalings, InputDropout dropout,
                                NoiseSource noise) {
        int b = inputs.size();
        int c = scalings;
        int rows = b * M * J * c;
        float[] out = new float[K * rows * 3];
        float[] series = new float[c * M * T];
        for (int s = 0; s < b; s++) {
            float[] x = inputs.get(s);
            if (x.length != c * M * T) {
                throw new IllegalArgumentException("input " + s + " has " + x.length + " values, expected " + c * M * T);
            }
            System.arraycopy(x, 0, series, 0, series.length);
            if (noise != null && dropout.rate() > 0) {
                applyDropout(series, dropout, noise);
            }
            for (int m = 0; m < M; m++) {
                for (int j = 0; j < J; j++) {
                    for (int sc = 0; sc < c; sc++) {
                        int row = ((s * M + m) * J + j) * c + sc;
                        int base = (sc * M + m) * T;
                        for (int k = 0; k < K; k++) {
                            int o = (k * rows + row) * 3;
                            int[] taps = POSITIONS[k][j];
                            out[o] = taps[0] < 0 ? 0f : series[base + taps[0]];
                            out[o + 1] = taps[1] < 0 ? 0f : series[base + taps[1]];
                            out[o + 2] = taps[2] < 0 ? 0f : series[base + taps[2]];
                        }
                    }
                }
            }
        }
        return manager.create(out, new Shape(K, rows, 3));
    }

    private static void applyDropout(float[] series, InputDropout dropout, NoiseSource noise) {
        double p = dropout.rate();
        float scale = (float) (1.0 / (1.0 - p));
        if (dropout.mode() == InputDropout.Mode.ELEMENT) {
            for (int i = 0; i < series.length; i++) {
                series[i] = noise.keep(p) ? series[i] * scale : 0f;
            }
        } else {
            for (int start = 0; start < series.length; start += T) {
                boolean keep = noise.keep(p);
                for (int t = start; t < start + T; t++) {
                    series[t] = keep ? series[t] * scale : 0f;
                }
            }
        }
    }

    /** Input dropout (method.md 5.3): element-wise values or whole (sample, scaling, m/z) series. */
    public record InputDropout(Mode mode, double rate) {
        public enum Mode { ELEMENT, SERIES }

        public static final InputDropout NONE = new InputDropout(Mode.ELEMENT, 0);

        public InputDropout {
            if (mode == null || !(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("input dropout needs a mode and a rate in [0, 1)");
            }
        }
    }
}
