package egaml.nn;

import java.util.Locale;

/**
 * The network's activation (method.md 5.3): {@code leaky(a)} (y = x for x >= 0, a.x otherwise) or
 * {@code rrelu(lower, upper)}, a randomized ReLU whose negative slope is drawn per element from
 * U(lower, upper) at every training forward pass and is the mean slope (lower + upper)/2 at prediction.
 */
public record NnActivation(Kind kind, double lower, double upper) {

    public enum Kind { LEAKY, RRELU }

    /** The reference code's activation. */
    public static final NnActivation LEAKY_REFERENCE = leaky(0.01);
    /** The reference write-up's activation. */
    public static final NnActivation RRELU_REFERENCE = rrelu(1.0 / 8, 1.0 / 3);

    public NnActivation {
        if (kind == null) {
            throw new IllegalArgumentException("activation kind is required");
        }
        if (!(lower >= 0 && upper >= lower && upper < 1)) {
            throw new IllegalArgumentException("activation slopes must satisfy 0 <= lower <= upper < 1, got "
                    + lower + ", " + upper);
        }
        if (kind == Kind.LEAKY && lower != upper) {
            throw new IllegalArgumentException("a leaky activation has one slope");
        }
    }

    public static NnActivation leaky(double slope) {
        return new NnActivation(Kind.LEAKY, slope, slope);
    }

    public static NnActivation rrelu(double lower, double upper) {
        return new NnActivation(Kind.RRELU, lower, upper);
    }

    /** The slope used at prediction time. */
    public double inferenceSlope() {
        return (lower + upper) / 2;
    }

    /** True when training draws random slopes. */
    public boolean randomized() {
        return kind == Kind.RRELU && upper > lower;
    }

    /** Parses "leaky", "leaky(0.01)", "rrelu" or "rrelu(0.125,0.3333)"; fractions such as 1/8 are accepted. */
    public static NnActivation parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            if (t.equals("leaky")) {
                return LEAKY_REFERENCE;
            }
            if (t.equals("rrelu")) {
                return RRELU_REFERENCE;
            }
            if (t.startsWith("leaky(") && t.endsWith(")")) {
                return leaky(number(t.substring(6, t.length() - 1)));
            }
            if (t.startsWith("rrelu(") && t.endsWith(")")) {
                String[] parts = t.substring(6, t.length() - 1).split(",");
                if (parts.length == 2) {
                    return rrelu(number(parts[0]), number(parts[1]));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad activation '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("activation must be leaky, leaky(a), rrelu or rrelu(lower,upper), got '" + text + "'");
    }

    private static double number(String s) {
        int slash = s.indexOf('/');
        if (slash > 0) {
            return Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
        }
        return Double.parseDouble(s);
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY ? String.format(Locale.ROOT, "leaky(%s)", lower)
                : String.format(Locale.ROOT, "rrelu(%s,%s)", lower, upper);
    }
}
