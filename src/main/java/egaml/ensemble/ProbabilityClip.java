package egaml.ensemble;

import egaml.core.InstrumentType;

import java.util.Locale;

/**
 * Final probability bounds per instrument type (an option; none by default). Clipping caps the log loss of a
 * confident mistake, e.g. for SAM testbed runs, whose predictions are pure transfer from commercial runs.
 */
public record ProbabilityClip(double commercialLow, double commercialHigh, double samLow, double samHigh) {
    public static final ProbabilityClip NONE = new ProbabilityClip(0, 1, 0, 1);

    public ProbabilityClip {
        if (!(0 <= commercialLow && commercialLow < commercialHigh && commercialHigh <= 1 && 0 <= samLow && samLow < samHigh
                && samHigh <= 1)) {
            throw new IllegalArgumentException("clip bounds must satisfy 0 <= low < high <= 1");
        }
    }

    public double apply(double p, InstrumentType type) {
        return type == InstrumentType.SAM_TESTBED ? Math.min(Math.max(p, samLow), samHigh)
                : Math.min(Math.max(p, commercialLow), commercialHigh);
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** Parses "none" or a comma list of TYPE=LOW:HIGH, TYPE commercial or sam_testbed (or sam), e.g. "sam=0.02:0.98". */
    public static ProbabilityClip parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return NONE;
        }
        double[] b = {0, 1, 0, 1};
        for (String part : t.split(",")) {
            String[] kv = part.strip().split("=");
            String[] range = kv.length == 2 ? kv[1].split(":") : new String[0];
            if (range.length != 2) {
                throw new IllegalArgumentException("clip must be none or TYPE=LOW:HIGH[,TYPE=LOW:HIGH], got '" + text + "'");
            }
            int at = switch (kv[0].strip()) {
                case "commercial" -> 0;
                case "sam", "sam_testbed" -> 2;
                default -> throw new IllegalArgumentException("clip: instrument type must be commercial or sam, got '" + kv[0] + "'");
            };
            try {
                b[at] = Double.parseDouble(range[0]);
                b[at + 1] = Double.parseDouble(range[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("clip: bounds must be numbers, got '" + part + "'");
            }
        }
        return new ProbabilityClip(b[0], b[1], b[2], b[3]);
    }

    @Override
    public String toString() {
        return isNone() ? "none" : String.format(Locale.ROOT, "commercial=%s:%s,sam=%s:%s", commercialLow, commercialHigh, samLow, samHigh);
    }
}
