package egaml.preprocess;

import java.util.SplittableRandom;

/**
 * The quantile level subtracted from each channel as its baseline (method.md 3.3, 3.4): either a
 * fixed level, or the reference's random level 0.01 exp(U - 0.5), U ~ U(0,1), drawn afresh for every
 * channel and every call (so q lies in [0.00607, 0.01649]).
 *
 * @param fixed the fixed level in [0, 1], or NaN for the reference's random level
 */
public record BaselineLevel(double fixed) {

    public BaselineLevel {
        if (!Double.isNaN(fixed) && !(fixed >= 0 && fixed <= 1)) {
            throw new IllegalArgumentException("baseline quantile level must be in [0, 1], got " + fixed);
        }
    }

    /** The reference's random level around the 1st percentile. */
    public static BaselineLevel randomReference() {
        return new BaselineLevel(Double.NaN);
    }

    public static BaselineLevel fixedAt(double q) {
        return new BaselineLevel(q);
    }

    /** Parses "random" or a number in [0, 1]. */
    public static BaselineLevel parse(String text) {
        if (text.strip().equalsIgnoreCase("random")) {
            return randomReference();
        }
        try {
            return fixedAt(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("baseline level must be 'random' or a number in [0, 1], got '" + text + "'");
        }
    }

    public boolean isRandom() {
        return Double.isNaN(fixed);
    }

    /** The level for one channel; consumes exactly one draw from rng in both modes, so streams stay aligned. */
    public double draw(SplittableRandom rng) {
        double u = rng.nextDouble();
        return isRandom() ? 0.01 * Math.exp(u - 0.5) : fixed;
    }

    @Override
    public String toString() {
        return isRandom() ? "random" : Double.toString(fixed);
    }
}
