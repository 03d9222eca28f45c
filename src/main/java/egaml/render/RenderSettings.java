package egaml.render;

/**
 * How a run is rendered into the 1st place's image (method.md 14.2): 80 columns of 12 C centred at 30-978 C x
 * m/z 0-99, divided by the image maximum, clipped to [1e-4, 1], log10. The augmentations apply to random
 * renderings (training, and test-time augmentation); the canonical rendering has none.
 *
 * @param ionGainSigma   s of the per-m/z gain 2^N(0, s^2) (0.5 or 1 in the 1st place; 0 = none)
 * @param runGainSigma   s of the whole-image gain 2^N(0, s^2) (0.05)
 * @param scanJitter     half-width in C of the window a column's scan is drawn from, with probability
 *                       proportional to 1 / (12 + distance); 0 = the bins within the column
 * @param mixBackgrounds whether the background subtracted from each m/z is a random convex mix of its quantile
 *                       levels (otherwise their plain mean)
 */
public record RenderSettings(double ionGainSigma, double runGainSigma, double scanJitter, boolean mixBackgrounds) {
    public static final int COLUMNS = 80;
    public static final double FIRST_CENTRE = 30;
    public static final double COLUMN_WIDTH = 12;
    public static final float FLOOR = 1e-4f;

    public RenderSettings {
        if (!(ionGainSigma >= 0 && ionGainSigma <= 3) || !(runGainSigma >= 0 && runGainSigma <= 1)) {
            throw new IllegalArgumentException("gain sigmas must be in [0, 3] and [0, 1], got " + ionGainSigma
                    + " and " + runGainSigma);
        }
        if (!(scanJitter >= 0 && scanJitter <= 48)) {
            throw new IllegalArgumentException("scan jitter must be in [0, 48] C, got " + scanJitter);
        }
    }

    /** The 1st place's augmentations: gains 2^N(0, 0.5^2) per m/z and 2^N(0, 0.05^2), scans within 16 C, mixed backgrounds. */
    public static RenderSettings firstPlace() {
        return new RenderSettings(0.5, 0.05, 16, true);
    }

    public static double columnCentre(int column) {
        return FIRST_CENTRE + column * COLUMN_WIDTH;
    }
}
