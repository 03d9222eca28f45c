package egaml.ensemble;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StackerObjectiveTest {
    private static double[][] logits(int n, int k, SplittableRandom rng) {
        double[][] z = new double[n][k];
        for (double[] row : z) {
            for (int j = 0; j < k; j++) {
                row[j] = 3 * rng.nextGaussian();
            }
        }
        return z;
    }

    @Test
    void analyticGradientMatchesFiniteDifferencesForBothCaps() {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] z = logits(50, 4, rng);
        int[] y = new int[50];
        for (int i = 0; i < 50; i++) {
            y[i] = rng.nextDouble() < 0.3 ? 1 : 0;
        }
        for (StackerObjective.Cap cap : StackerObjective.Cap.values()) {
            StackerObjective f = new StackerObjective(z, y, cap, 0.01, 0.1);
            for (double[] w : new double[][] {{0.1, 0.2, 0.3, 0.1}, {0.9, 0.8, 0.7, 0.6}}) {
                double[] g = new double[4];
                f.evaluate(w, g);
                for (int k = 0; k < 4; k++) {
                    double h = 1e-6;
                    double[] a = w.clone();
                    double[] b = w.clone();
                    a[k] += h;
                    b[k] -= h;
                    double fd = (f.evaluate(a, new double[4]) - f.evaluate(b, new double[4])) / (2 * h);
                    assertThat(g[k]).as("%s w=%s k=%d", cap, java.util.Arrays.toString(w), k).isCloseTo(fd, within(1e-6));
                }
            }
        }
    }

    @Test
    void interceptGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] z = logits(40, 3, rng);
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = rng.nextDouble() < 0.4 ? 1 : 0;
        }
        StackerObjective f = new StackerObjective(z, y, StackerObjective.Cap.SOFT, 0.01, 0.03, true);
        double[] x = {0.5, 0.6, 0.7, -0.8};
        double[] g = new double[4];
        f.evaluate(x, g);
        for (int k = 0; k < 4; k++) {
            double h = 1e-6;
            double[] a = x.clone();
            double[] b = x.clone();
            a[k] += h;
            b[k] -= h;
            double fd = (f.evaluate(a, new double[4]) - f.evaluate(b, new double[4])) / (2 * h);
            assertThat(g[k]).as("k=%d", k).isCloseTo(fd, within(1e-6));
        }
    }

    @Test
    void caps() {
        assertThat(StackerObjective.effective(new double[] {0.2, 0.3}, StackerObjective.Cap.SOFT)).containsExactly(0.2, 0.3);
        double[] soft = StackerObjective.effective(new double[] {1, 1, 1, 1}, StackerObjective.Cap.SOFT);
        assertThat(soft).containsExactly(0.5, 0.5, 0.5, 0.5); // sum sqrt(4) = 2
        double[] hard = StackerObjective.effective(new double[] {1, 1, 1, 1}, StackerObjective.Cap.HARD);
        assertThat(hard).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void quasiNewtonFindsKnownBoxedMinima() {
        // f = sum (x_k - c_k)^2 with c outside and inside the box
        double[] c = {-0.5, 0.3, 1.7, 0.9};
        BoxQuasiNewton.Result r = BoxQuasiNewton.unitBox().minimise((x, g) -> {
            double s = 0;
            for (int k = 0; k < x.length; k++) {
                g[k] = 2 * (x[k] - c[k]);
                s += (x[k] - c[k]) * (x[k] - c[k]);
            }
            return s;
        }, new double[] {0.5, 0.5, 0.5, 0.5});
        assertThat(r.converged()).isTrue();
        assertThat(r.x()[0]).isCloseTo(0, within(1e-9));
        assertThat(r.x()[1]).isCloseTo(0.3, within(1e-7));
        assertThat(r.x()[2]).isCloseTo(1, within(1e-9));
        assertThat(r.x()[3]).isCloseTo(0.9, within(1e-7));
        // an ill-conditioned quadratic: Rosenbrock-like valley inside the box
        BoxQuasiNewton.Result v = BoxQuasiNewton.unitBox().minimise((x, g) -> {
            double a = x[1] - x[0] * x[0];
            double b = 0.6 - x[0];
            g[0] = -400 * x[0] * a - 2 * b;
            g[1] = 200 * a;
            return 100 * a * a + b * b;
        }, new double[] {0.0, 0.0});
        assertThat(v.x()[0]).isCloseTo(0.6, within(1e-4));
        assertThat(v.x()[1]).isCloseTo(0.36, within(1e-4));
    }

    @Test
    void recoversKnownWeightsFromSyntheticLogits() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 20_000;
        double[][] z = logits(n, 3, rng);
        double[] truth = {0.6, 0.0, 0.3}; // sum < 1: effective weights = raw weights for both caps
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = truth[0] * z[i][0] + truth[1] * z[i][1] + truth[2] * z[i][2];
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-a)) ? 1 : 0;
        }
        for (StackerObjective.Cap cap : StackerObjective.Cap.values()) {
            BoxQuasiNewton.Result r = BoxQuasiNewton.unitBox().minimise(new StackerObjective(z, y, cap, 0, 0),
                    new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
            double[] v = StackerObjective.effective(r.x(), cap);
            assertThat(v[0]).as(cap.name()).isCloseTo(0.6, within(0.03));
            assertThat(v[1]).as(cap.name()).isCloseTo(0.0, within(0.02));
            assertThat(v[2]).as(cap.name()).isCloseTo(0.3, within(0.03));
        }
        // a strong L1 penalty pushes weights to zero
        BoxQuasiNewton.Result sparse = BoxQuasiNewton.unitBox().minimise(
                new StackerObjective(z, y, StackerObjective.Cap.SOFT, 3, 0.1), new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
        double total = 0;
        for (double w : sparse.x()) {
            total += w;
        }
        assertThat(total).isLessThan(0.5);
    }
}
