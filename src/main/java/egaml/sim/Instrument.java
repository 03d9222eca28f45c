package egaml.sim;

import java.util.SplittableRandom;

/**
 * The acquisition of one simulated run (ega-physics.md sections 1 and 6 step 7): set-up name, heating
 * programme, sampling, helium current (or, for SAM-like runs, the counts scale of releases) and
 * detector offset.
 *
 * @param ramp          heating rate, C/min
 * @param startTemp     oven temperature at the start, C
 * @param endTemp       temperature at the end of the ramp, C
 * @param holdSeconds   time held at the end temperature (SAM-like runs)
 * @param flatSeconds   time at the start before the ramp begins (set-up A: 8 scans)
 * @param scanSeconds   time between full scans (commercial) or between readings (SAM-like: 0.02 s)
 * @param maxMz         highest integer m/z scanned (commercial)
 * @param scale         helium current in A (commercial) or counts/s per unit height (SAM-like)
 * @param offset        constant detector offset in A added to every commercial reading (0: noise crosses zero)
 */
public record Instrument(String setup, boolean samLike, double ramp, double startTemp, double endTemp,
                         double holdSeconds, double flatSeconds, double scanSeconds, int maxMz, double scale,
                         double offset) {

    /** Seconds from start to the end of the ramp. */
    public double rampSeconds() {
        return flatSeconds + (endTemp - startTemp) / ramp * 60.0;
    }

    public double durationSeconds() {
        return rampSeconds() + holdSeconds;
    }

    /** True oven temperature at time t (no reading noise). */
    public double temperatureAt(double t) {
        if (t <= flatSeconds) {
            return startTemp;
        }
        return Math.min(endTemp, startTemp + (t - flatSeconds) * ramp / 60.0);
    }

    /** Draws a commercial set-up: A (83.5 %), B (10 %), C (3.5 %), D (3 %), as in section 1 and 6 step 7. */
    static Instrument commercial(SplittableRandom rng) {
        double u = rng.nextDouble();
        double detectorFloor = 1.7e-13; // set-up A's +1.7e-13 A offset keeps values positive (section 5.2)
        if (u < 0.10) {
            // B: ~40 C/min (7 of 72 runs at 10.4) from 63 C; m/z 0-199 every 10.3 s; He 1.2e-8 A; offset removed
            boolean slow = rng.nextDouble() < 7.0 / 72;
            double ramp = slow ? 10.4 : 40 + rng.nextGaussian() * 0.5;
            double start = 63 + rng.nextGaussian() * 2;
            double end = slow ? start + ramp * 186 * 10.3 / 60 : 860 + rng.nextGaussian() * 10;
            return new Instrument("B", false, ramp, start, end, 0, 0, 10.3, 199, 1.2e-8 * gain(rng), 0);
        }
        if (u < 0.135) {
            // C: 20 C/min from -60 to ~497 C; m/z 0-60 every 13-14 s; He 8.5e-7 A; offset removed
            return new Instrument("C", false, 20, -60 + rng.nextGaussian() * 2, 497 + rng.nextGaussian() * 5, 0, 0,
                    13 + rng.nextDouble(), 60, 8.5e-7 * gain(rng), 0);
        }
        if (u < 0.165) {
            // D: 35 C/min from 39 to ~936 C; m/z 0-94 every ~6 s; He 4e-8 A
            return new Instrument("D", false, 35, 39 + rng.nextGaussian(), 936 + rng.nextGaussian() * 5, 0, 0,
                    6.0, 94, 4e-8 * gain(rng), detectorFloor);
        }
        // A: 36.2 +- 0.1 C/min from 30 +- 1 C to ~1005 C; flat for 8 scans (obs: the real runs take 1657 s, 319
        // scans, to reach 1005 C, the ramp alone 1616 s); m/z 0-99 every 5.21 s; He 1.1e-7 A
        double ramp = 36.2 + rng.nextGaussian() * 0.1;
        double start = 30 + rng.nextGaussian();
        return new Instrument("A", false, ramp, start, 1005 + rng.nextGaussian() * 8, 0, 8 * 5.21, 5.21, 99,
                1.1e-7 * gain(rng), detectorFloor);
    }

    /** Helium current varies by 10^N(0, 0.25) between runs (section 6 step 7). */
    private static double gain(SplittableRandom rng) {
        return Math.pow(10, rng.nextGaussian() * 0.25);
    }

    /**
     * Draws a SAM-like set-up: 35-37 C/min from 0 (placeholder reading) or ~30 C to 1035-1105 C, then a
     * 1-4 min hold, 2500-2800 s in all; one reading every 0.02 s; release heights in counts/s x 10^U(6.5, 7.5).
     */
    static Instrument sam(SplittableRandom rng) {
        double ramp = 35 + 2 * rng.nextDouble();
        double start = rng.nextDouble() < 7.0 / 9 ? 0 : 30 + rng.nextGaussian() * 3;
        double end = 1035 + 70 * rng.nextDouble();
        double hold = 60 + 180 * rng.nextDouble();
        double scale = Math.pow(10, ParameterTable.SAM_HEIGHT_MIN_DECADES
                + (ParameterTable.SAM_HEIGHT_MAX_DECADES - ParameterTable.SAM_HEIGHT_MIN_DECADES) * rng.nextDouble());
        // runs last 2500-2800 s (section 1): the time the ramp and hold leave is spent at the start temperature
        double total = 2500 + 300 * rng.nextDouble();
        double flat = Math.max(0, total - (end - start) / ramp * 60 - hold);
        return new Instrument("SAM", true, ramp, start, end, hold, flat, 0.02, 150, scale, 0);
    }
}
