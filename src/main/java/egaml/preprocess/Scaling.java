package egaml.preprocess;

import java.util.Locale;

/**
 * The NN input scalings of method.md 4, applied to a spectrogram X[t][m]:
 * {@code max} (X unchanged), {@code share} (each ion's share of the signal at that temperature) and
 * {@code ion^p} (each ion divided by its total raised to p).
 *
 * <p>Numeric hazards: row and column sums include the small negative baseline residue, so a
 * near-zero row sum makes {@code share} huge and a negative column sum raised to p &lt; 1 is NaN. As the
 * method says, the formulas are applied exactly, every non-finite result is replaced by 0, and the
 * replacements are counted so that the training log can report them.
 *
 * @param power the exponent p for {@link Kind#ION}; ignored (1) otherwise
 */
public record Scaling(Kind kind, double power) {
    /** The small constant added to denominators. */
    public static final double EPSILON = 1e-12;

    public enum Kind { MAX, SHARE, ION }

    public Scaling {
        if (kind == null) {
            throw new IllegalArgumentException("scaling kind is required");
        }
        if (kind == Kind.ION && !(power > 0 && power <= 2)) {
            throw new IllegalArgumentException("ion scaling power must be in (0, 2], got " + power);
        }
        if (kind != Kind.ION) {
            power = 1;
        }
    }

    public static Scaling max() {
        return new Scaling(Kind.MAX, 1);
    }

    public static Scaling share() {
        return new Scaling(Kind.SHARE, 1);
    }

    public static Scaling ion(double power) {
        return new Scaling(Kind.ION, power);
    }

    /** Parses "max", "share" or "ion^p" (e.g. "ion^0.5"; "ion" means p = 1). */
    public static Scaling parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return max();
        }
        if (t.equals("share")) {
            return share();
        }
        if (t.equals("ion")) {
            return ion(1);
        }
        if (t.startsWith("ion^")) {
            try {
                return ion(Double.parseDouble(t.substring(4)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("scaling must be max, share or ion^p (e.g. ion^0.5), got '" + text + "'");
    }

    /** The scaled matrix and how many non-finite values were replaced by 0. */
    public record Result(double[][] values, int nonFiniteReplaced) {
    }

    /** Applies the scaling; the input is not modified. */
    public Result apply(double[][] x) {
        int rows = x.length;
        int cols = rows == 0 ? 0 : x[0].length;
        double[][] out = new double[rows][cols];
        int replaced = 0;
        switch (kind) {
            case MAX -> {
                for (int t = 0; t < rows; t++) {
                    for (int m = 0; m < cols; m++) {
                        double v = x[t][m];
                        if (Double.isFinite(v)) {
                            out[t][m] = v;
                        } else {
                            replaced++;
                        }
                    }
                }
            }
            case SHARE -> {
                for (int t = 0; t < rows; t++) {
                    double sum = 0;
                    for (int m = 0; m < cols; m++) {
                        sum += x[t][m];
                    }
                    double denominator = sum + EPSILON;
                    for (int m = 0; m < cols; m++) {
                        double v = x[t][m] / denominator;
                        if (Double.isFinite(v)) {
                            out[t][m] = v;
                        } else {
                            replaced++;
                        }
                    }
                }
            }
            case ION -> {
                for (int m = 0; m < cols; m++) {
                    double sum = 0;
                    for (int t = 0; t < rows; t++) {
                        sum += x[t][m];
                    }
                    double denominator = Math.pow(sum, power) + EPSILON;
                    for (int t = 0; t < rows; t++) {
                        double v = x[t][m] / denominator;
                        if (Double.isFinite(v)) {
                            out[t][m] = v;
                        } else {
                            replaced++;
                        }
                    }
                }
            }
        }
        return new Result(out, replaced);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MAX -> "max";
            case SHARE -> "share";
            case ION -> "ion^" + (power == Math.rint(power) ? Integer.toString((int) power) : Double.toString(power));
        };
    }
}
