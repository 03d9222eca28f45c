package egaml.ensemble;

import egaml.core.Logistic;
import egaml.cv.LogLoss;

/**
 * The stacker's objective for one label (method.md 10.2-10.3): mean binary log loss of
 * p = sigmoid(sum_k v_k Z_k) plus alpha (sum v_k^2 + rho sum |v_k|), where the effective weights v come from
 * the raw weights w in [0, 1] through the soft cap v = w / max(sqrt(sum w), 1) or the hard cap
 * v = w / max(sum w, 1). The gradient is analytic. With {@code intercept}, an unpenalised bias b is the last
 * variable and p = sigmoid(b + sum_k v_k Z_k) (an egaml option; the reference has no intercept).
 */
public final class StackerObjective implements BoxQuasiNewton.Objective {
    /** How the raw weights are capped. */
    public enum Cap { SOFT, HARD }

    private final double[][] z;
    private final int[] y;
    private final Cap cap;
    private final double alpha;
    private final double rho;
    private final boolean intercept;

    public StackerObjective(double[][] z, int[] y, Cap cap, double alpha, double rho) {
        this(z, y, cap, alpha, rho, false);
    }

    public StackerObjective(double[][] z, int[] y, Cap cap, double alpha, double rho, boolean intercept) {
        this.z = z;
        this.y = y;
        this.cap = cap;
        this.alpha = alpha;
        this.rho = rho;
        this.intercept = intercept;
    }

    /** Effective weights of raw weights w. */
    public static double[] effective(double[] w, Cap cap) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        double divisor = cap == Cap.SOFT ? Math.max(Math.sqrt(s), 1) : Math.max(s, 1);
        double[] v = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            v[k] = w[k] / divisor;
        }
        return v;
    }

    /** Probabilities sigmoid(sum_k v_k Z_k) for each row. */
    public static double[] predict(double[][] z, double[] v) {
        return predict(z, v, 0);
    }

    /** Probabilities sigmoid(b + sum_k v_k Z_k) for each row. */
    public static double[] predict(double[][] z, double[] v, double b) {
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double a = b;
            for (int k = 0; k < v.length; k++) {
                a += v[k] * z[i][k];
            }
            p[i] = Logistic.sigmoid(a);
        }
        return p;
    }

    @Override
    public double evaluate(double[] x, double[] gradient) {
        int n = z.length;
        int kk = intercept ? x.length - 1 : x.length;
        double[] w = intercept ? java.util.Arrays.copyOf(x, kk) : x;
        double b = intercept ? x[kk] : 0;
        double[] v = effective(w, cap);
        double[] p = predict(z, v, b);
        double loss = 0;
        double gb = 0;
        double[] g = new double[kk];
        for (int i = 0; i < n; i++) {
            loss += LogLoss.binary(y[i], p[i]);
            double r = p[i] - y[i];
            gb += r;
            for (int k = 0; k < kk; k++) {
                g[k] += r * z[i][k];
            }
        }
        if (intercept) {
            gradient[kk] = gb / n;
        }
        loss /= n;
        double penalty = 0;
        for (int k = 0; k < kk; k++) {
            g[k] = g[k] / n + alpha * (2 * v[k] + rho);
            penalty += v[k] * v[k] + rho * Math.abs(v[k]);
        }
        // chain rule through the cap
        double s = 0;
        double gw = 0;
        for (int k = 0; k < kk; k++) {
            s += w[k];
            gw += g[k] * w[k];
        }
        for (int k = 0; k < kk; k++) {
            if (cap == Cap.SOFT && s > 1) {
                gradient[k] = g[k] / Math.sqrt(s) - gw / (2 * Math.pow(s, 1.5));
            } else if (cap == Cap.HARD && s > 1) {
                gradient[k] = g[k] / s - gw / (s * s);
            } else {
                gradient[k] = g[k];
            }
        }
        return loss + alpha * penalty;
    }
}
