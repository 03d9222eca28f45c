package egaml.sim;

/**
 * One gas release of a simulated run after jitter, interactions and the ramp/pressure shift, with its
 * first-order kinetic curve r(T) normalised to a unit peak (ega-physics.md 6 step 5):
 * k(T) = (E_s / (R Tp^2)) exp((E_s / R)(1/Tp - 1/T)), alpha(T) = 1 - exp(-integral of k), r = k (1 - alpha),
 * with the shape energy E_s = 2.4 R Tp^2 / FWHM, which puts the peak at Tp with the requested width.
 */
final class Release {
    static final double R = 8.314;
    private static final double GRID_START = -150;
    private static final double GRID_STEP = 0.5;
    private static final int GRID_POINTS = 3800; // -150 .. 1750 C

    final Gas gas;
    final double tp;
    final double fwhm;
    final double height;
    final String source;
    private final double[] curve = new double[GRID_POINTS];

    Release(Gas gas, double tp, double fwhm, double height, String source) {
        this(gas, tp, fwhm, height, source, new ParameterTable.Memory(0, 1), ParameterTable.REFERENCE_RAMP);
    }

    /**
     * A release seen through the instrument's memory: a fraction of the curve is smoothed by an exponential
     * decay of the memory's time constant (turned into C by the ramp rate), the whole renormalised to a unit peak.
     */
    Release(Gas gas, double tp, double fwhm, double height, String source, ParameterTable.Memory memory,
            double rampCPerMin) {
        this.gas = gas;
        this.tp = tp;
        this.fwhm = fwhm;
        this.height = height;
        this.source = source;
        double tpK = tp + 273.15;
        double es = 2.4 * R * tpK * tpK / Math.max(fwhm, 1);
        double kAtPeak = es / (R * tpK * tpK);
        double integral = 0;
        double max = 0;
        double prevK = 0;
        for (int i = 0; i < GRID_POINTS; i++) {
            double tK = GRID_START + i * GRID_STEP + 273.15;
            double k = tK <= 0 ? 0 : kAtPeak * Math.exp(Math.min(700, es / R * (1 / tpK - 1 / tK)));
            integral += i == 0 ? 0 : 0.5 * (k + prevK) * GRID_STEP;
            prevK = k;
            double rate = k * Math.exp(-integral);
            curve[i] = rate;
            max = Math.max(max, rate);
        }
        if (memory.fraction() > 0) {
            double decay = Math.exp(-GRID_STEP / Math.max(1e-9, memory.seconds() * rampCPerMin / 60.0));
            double lagged = 0;
            max = 0;
            for (int i = 0; i < GRID_POINTS; i++) {
                lagged = lagged * decay + curve[i] * (1 - decay);
                curve[i] = (1 - memory.fraction()) * curve[i] + memory.fraction() * lagged;
                max = Math.max(max, curve[i]);
            }
        }
        if (max > 0) {
            for (int i = 0; i < GRID_POINTS; i++) {
                curve[i] /= max;
            }
        }
    }

    /** The unit-peak release rate at temperature t (C). */
    double at(double t) {
        double x = (t - GRID_START) / GRID_STEP;
        if (x <= 0) {
            return curve[0];
        }
        if (x >= GRID_POINTS - 1) {
            return curve[GRID_POINTS - 1];
        }
        int i = (int) x;
        double f = x - i;
        return curve[i] + (curve[i + 1] - curve[i]) * f;
    }

    /** Peak temperature shifted for the ramp rate by Kissinger's relation (section 5.4). */
    static double kissinger(double tpC, double energyKj, double ramp) {
        double tpK = tpC + 273.15;
        double e = energyKj * 1000;
        return tpC + R * tpK * tpK / (e + 2 * R * tpK) * Math.log(ramp / ParameterTable.REFERENCE_RAMP);
    }
}
