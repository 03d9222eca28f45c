package egaml.ensemble;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Minimises a smooth function over a box [lower, upper]^n with a projected limited-memory BFGS method:
 * L-BFGS directions on the free coordinates (those not held at a bound by the gradient), projected
 * backtracking (Armijo) line search, and a stop when the projected gradient vanishes.
 * Small problems (a stacker has at most a few dozen weights); no library offers this for bounded problems
 * with analytic gradients (Hipparchus has only derivative-free bounded optimisers).
 */
public final class BoxQuasiNewton {
    /** A function with its gradient. */
    public interface Objective {
        /** Returns f(x) and writes the gradient into {@code gradient}. */
        double evaluate(double[] x, double[] gradient);
    }

    /** The minimiser, the minimum and how many iterations it took. */
    public record Result(double[] x, double value, int iterations, boolean converged) {
    }

    private final double lower;
    private final double upper;
    /** Per-variable bounds; null: every variable in [lower, upper]. */
    private final double[] lowers;
    private final double[] uppers;
    private final int memory;
    private final int maxIterations;
    private final double tolerance;

    public BoxQuasiNewton(double lower, double upper, int memory, int maxIterations, double tolerance) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("lower bound must be below the upper bound");
        }
        this.lower = lower;
        this.upper = upper;
        this.lowers = null;
        this.uppers = null;
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    private BoxQuasiNewton(double[] lowers, double[] uppers, int memory, int maxIterations, double tolerance) {
        for (int i = 0; i < lowers.length; i++) {
            if (!(lowers[i] < uppers[i])) {
                throw new IllegalArgumentException("lower bound " + i + " must be below its upper bound");
            }
        }
        this.lower = Double.NaN;
        this.upper = Double.NaN;
        this.lowers = lowers.clone();
        this.uppers = uppers.clone();
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** A box with its own bounds per variable. */
    public static BoxQuasiNewton withBounds(double[] lowers, double[] uppers) {
        return new BoxQuasiNewton(lowers, uppers, 10, 500, 1e-9);
    }

    public static BoxQuasiNewton unitBox() {
        return new BoxQuasiNewton(0, 1, 10, 500, 1e-9);
    }

    public Result minimise(Objective f, double[] start) {
        int n = start.length;
        double[] x = project(start.clone());
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        Deque<double[][]> pairs = new ArrayDeque<>(); // {s, y, {rho}}
        int it = 0;
        for (; it < maxIterations; it++) {
            if (projectedGradientNorm(x, g) < tolerance) {
                return new Result(x, fx, it, true);
            }
            boolean[] free = new boolean[n];
            for (int i = 0; i < n; i++) {
                free[i] = !((x[i] <= lo(i) && g[i] > 0) || (x[i] >= hi(i) && g[i] < 0));
            }
            double[] d = direction(g, free, pairs);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                pairs.clear();
                for (int i = 0; i < n; i++) {
                    d[i] = free[i] ? -g[i] : 0;
                }
                slope = dot(g, d);
            }
            // projected backtracking line search
            double t = 1;
            double[] xNew = new double[n];
            double[] gNew = new double[n];
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k < 60; k++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = clamp(i, x[i] + t * d[i]);
                }
                fNew = f.evaluate(xNew, gNew);
                double decrease = 0;
                for (int i = 0; i < n; i++) {
                    decrease += g[i] * (xNew[i] - x[i]);
                }
                if (fNew <= fx + 1e-4 * decrease) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                return new Result(x, fx, it, projectedGradientNorm(x, g) < Math.sqrt(tolerance));
            }
            double[] s = new double[n];
            double[] y = new double[n];
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
                sy += s[i] * y[i];
            }
            if (sy > 1e-12) {
                pairs.addLast(new double[][] {s, y, {1 / sy}});
                if (pairs.size() > memory) {
                    pairs.removeFirst();
                }
            }
            boolean stalled = Math.abs(fx - fNew) <= 1e-15 * Math.max(1, Math.abs(fx));
            x = xNew.clone();
            g = gNew.clone();
            fx = fNew;
            if (stalled) {
                return new Result(x, fx, it + 1, projectedGradientNorm(x, g) < Math.sqrt(tolerance));
            }
        }
        return new Result(x, fx, it, projectedGradientNorm(x, g) < tolerance);
    }

    /** L-BFGS two-loop recursion on the free coordinates. */
    private static double[] direction(double[] g, boolean[] free, Deque<double[][]> pairs) {
        int n = g.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = free[i] ? g[i] : 0;
        }
        double[][] alphas = new double[pairs.size()][];
        int k = pairs.size() - 1;
        var it = pairs.descendingIterator();
        while (it.hasNext()) {
            double[][] p = it.next();
            double a = p[2][0] * maskedDot(p[0], q, free);
            alphas[k--] = new double[] {a};
            for (int i = 0; i < n; i++) {
                if (free[i]) {
                    q[i] -= a * p[1][i];
                }
            }
        }
        if (!pairs.isEmpty()) {
            double[][] last = pairs.peekLast();
            double gamma = maskedDot(last[0], last[1], free) / Math.max(1e-300, maskedDot(last[1], last[1], free));
            if (gamma > 0 && Double.isFinite(gamma)) {
                for (int i = 0; i < n; i++) {
                    q[i] *= gamma;
                }
            }
        }
        int j = 0;
        for (double[][] p : pairs) {
            double b = p[2][0] * maskedDot(p[1], q, free);
            for (int i = 0; i < n; i++) {
                if (free[i]) {
                    q[i] += p[0][i] * (alphas[j][0] - b);
                }
            }
            j++;
        }
        for (int i = 0; i < n; i++) {
            q[i] = free[i] ? -q[i] : 0;
        }
        return q;
    }

    private double projectedGradientNorm(double[] x, double[] g) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(clamp(i, x[i] - g[i]) - x[i]));
        }
        return m;
    }

    private double[] project(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = clamp(i, x[i]);
        }
        return x;
    }

    private double lo(int i) {
        return lowers == null ? lower : lowers[i];
    }

    private double hi(int i) {
        return uppers == null ? upper : uppers[i];
    }

    private double clamp(int i, double v) {
        return Math.max(lo(i), Math.min(hi(i), v));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maskedDot(double[] a, double[] b, boolean[] free) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (free[i]) {
                s += a[i] * b[i];
            }
        }
        return s;
    }
}
