package egaml.nn;

import ai.djl.nn.Parameter;

/**
 * The network of method.md 5.1 computed the slow, literal way for one sample (prediction mode), layer by
 * layer with explicit "same" padding, to check the fast arrangement in {@link EgaNet}.
 */
final class ReferenceForward {
    private ReferenceForward() {
    }

    static double[] logits(EgaNet net, float[] x, int c, double slope) {
        int m = 100;
        int t = 40;
        int[] dil = EgaNet.DILATIONS;
        float[][] stem = new float[7][];
        for (int k = 0; k < 7; k++) {
            stem[k] = array(net, "stem_d" + dil[k]);
        }
        float[] g1 = array(net, "norm1_gamma");
        float[] b1 = array(net, "norm1_beta");
        float[] w2 = array(net, "conv2");
        float[] g2 = array(net, "norm2_gamma");
        float[] b2 = array(net, "norm2_beta");
        float[] wl = array(net, "ion_linear");
        float[] g3 = array(net, "norm3_gamma");
        float[] b3 = array(net, "norm3_beta");
        float[] wh = array(net, "head_weight");
        float[] bh = array(net, "head_bias");
        int channels = 56 * c;
        // steps 2-3: stems with explicit padding; h[m][channel][j], channel = (k * C + s) * 8 + f
        double[][][] h = new double[m][channels][20];
        for (int ion = 0; ion < m; ion++) {
            for (int s = 0; s < c; s++) {
                for (int k = 0; k < 7; k++) {
                    SamePadding pad = SamePadding.of(t, 2, 3, dil[k]);
                    double[] padded = new double[t + pad.total()];
                    for (int i = 0; i < t; i++) {
                        padded[pad.left() + i] = x[(s * m + ion) * t + i];
                    }
                    for (int f = 0; f < 8; f++) {
                        for (int j = 0; j < 20; j++) {
                            double sum = 0;
                            for (int tap = 0; tap < 3; tap++) {
                                sum += stem[k][f * 3 + tap] * padded[2 * j + tap * dil[k]];
                            }
                            h[ion][(k * c + s) * 8 + f][j] = sum;
                        }
                    }
                }
            }
            // step 4-5: GroupNorm with 7 groups, activation
            groupNorm(h[ion], 7, g1, b1, slope);
        }
        // step 6-7: second convolution (pad 0 left, 1 right), GroupNorm 8 groups, activation
        double[][][] h2 = new double[m][16][10];
        for (int ion = 0; ion < m; ion++) {
            for (int o = 0; o < 16; o++) {
                for (int j = 0; j < 10; j++) {
                    double sum = 0;
                    for (int ch = 0; ch < channels; ch++) {
                        for (int tap = 0; tap < 3; tap++) {
                            int pos = 2 * j + tap;
                            if (pos < 20) {
                                sum += w2[(o * channels + ch) * 3 + tap] * h[ion][ch][pos];
                            }
                        }
                    }
                    h2[ion][o][j] = sum;
                }
            }
            groupNorm(h2[ion], 8, g2, b2, slope);
        }
        // steps 8-12: rows (conv channel, position) of 100 m/z values; linear 100 -> 256; GroupNorm 8 groups per row
        double[] flat = new double[40960];
        for (int o = 0; o < 16; o++) {
            for (int j = 0; j < 10; j++) {
                double[][] z = new double[256][1];
                for (int q = 0; q < 256; q++) {
                    double sum = 0;
                    for (int ion = 0; ion < m; ion++) {
                        sum += wl[q * 100 + ion] * h2[ion][o][j];
                    }
                    z[q][0] = sum;
                }
                groupNorm(z, 8, g3, b3, slope);
                for (int q = 0; q < 256; q++) {
                    flat[(o * 10 + j) * 256 + q] = z[q][0];
                }
            }
        }
        double[] logits = new double[10];
        for (int l = 0; l < 10; l++) {
            double sum = bh[l];
            for (int i = 0; i < flat.length; i++) {
                sum += wh[l * 40960 + i] * flat[i];
            }
            logits[l] = sum;
        }
        return logits;
    }

    /** In place: GroupNorm over [channels][positions] with per-channel affine, then the activation. */
    private static void groupNorm(double[][] v, int groups, float[] gamma, float[] beta, double slope) {
        int per = v.length / groups;
        for (int g = 0; g < groups; g++) {
            double mean = 0;
            int count = 0;
            for (int ch = g * per; ch < (g + 1) * per; ch++) {
                for (double d : v[ch]) {
                    mean += d;
                    count++;
                }
            }
            mean /= count;
            double var = 0;
            for (int ch = g * per; ch < (g + 1) * per; ch++) {
                for (double d : v[ch]) {
                    var += (d - mean) * (d - mean);
                }
            }
            var /= count;
            double inv = 1 / Math.sqrt(var + 1e-5);
            for (int ch = g * per; ch < (g + 1) * per; ch++) {
                for (int i = 0; i < v[ch].length; i++) {
                    double y = (v[ch][i] - mean) * inv * gamma[ch] + beta[ch];
                    v[ch][i] = y >= 0 ? y : slope * y;
                }
            }
        }
    }

    private static float[] array(EgaNet net, String name) {
        for (Parameter p : net.parameterList()) {
            if (p.getName().equals(name)) {
                return p.getArray().toFloatArray();
            }
        }
        throw new IllegalArgumentException(name);
    }
}
