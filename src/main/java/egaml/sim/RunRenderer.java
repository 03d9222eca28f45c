package egaml.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a drawn sample into CSV rows (ega-physics.md section 6 steps 5-7): release curves to ion
 * currents through jittered fragmentation patterns, residual-gas background with drift, detector
 * noise and offset (commercial) or counting noise (SAM-like), in the layout of each instrument.
 */
final class RunRenderer {
    private static final Gas[] GASES = Gas.values();
    /** Fractional m/z bands of SAM-like runs: readings at m-0.2 .. m+0.2 around these masses (section 1). */
    private static final int[] BAND_CENTRES = {36, 37, 38, 40, 64, 66};
    private static final double[] BAND_OFFSETS = {-0.2, -0.1, 0.1, 0.2};

    private final SampleDraw draw;
    private final SplittableRandom rng;
    private final Instrument inst;
    private final int ions;
    /** fragments[g][m]: current at m per unit main-ion current of gas g, jittered for this instrument. */
    private final double[][] fragments;
    private final double[] background;
    private final double[] driftA;
    private final double[] driftB;
    /** Decades by which the background has risen at the end of the run (as u^2), per ion. */
    private final double[] rise;
    private final List<List<Release>> byGas = new ArrayList<>();

    RunRenderer(SampleDraw draw, SplittableRandom rng) {
        this.draw = draw;
        this.rng = rng;
        this.inst = draw.instrument;
        this.ions = Math.max(inst.maxMz(), 100) + 2; // every gas ion, even where the set-up scans fewer
        fragments = new double[GASES.length][ions];
        for (Gas g : GASES) {
            fragments[g.ordinal()][g.mainIon()] = 1.0;
            for (Map.Entry<Integer, Double> f : new java.util.TreeMap<>(g.fragments(inst.samLike())).entrySet()) {
                double jitter = 1 + ParameterTable.FRAGMENT_JITTER * (2 * rng.nextDouble() - 1);
                fragments[g.ordinal()][f.getKey()] = f.getValue() / 100 * jitter;
            }
            byGas.add(new ArrayList<>());
        }
        for (Release r : draw.releases) {
            byGas.get(r.gas.ordinal()).add(r);
        }
        background = new double[ions];
        driftA = new double[ions];
        driftB = new double[ions];
        rise = new double[ions];
        boolean lowHydrogen = "A".equals(inst.setup()) && rng.nextDouble() < ParameterTable.LOW_HYDROGEN_SHARE;
        for (int m = 0; m < ions; m++) {
            if (inst.samLike()) {
                double[] range = ParameterTable.SAM_BACKGROUND.getOrDefault(m, ParameterTable.SAM_BACKGROUND_OTHER);
                background[m] = range[0] * Math.pow(range[1] / range[0], rng.nextDouble());
            } else {
                Double b = ParameterTable.COMMERCIAL_BACKGROUND.get(m);
                double jitter = m == 4 ? 1 : Math.pow(10, rng.nextGaussian() * ParameterTable.BACKGROUND_SIGMA_DECADES);
                double state = lowHydrogen ? Math.pow(10, ParameterTable.LOW_HYDROGEN_STATE_DECADES.getOrDefault(m, 0.0)) : 1;
                background[m] = b == null ? 0 : b * jitter * state;
            }
            boolean volatileIon = m == 17 || m == 18 || m == 32 || m == 44;
            double s = volatileIon ? ParameterTable.DRIFT_SIGMA_VOLATILE : ParameterTable.DRIFT_SIGMA_OTHER;
            driftA[m] = rng.nextGaussian() * s;
            driftB[m] = rng.nextGaussian() * s;
        }
        for (int m : new java.util.TreeSet<>(ParameterTable.RISING_BACKGROUND.keySet())) {
            double[] meanSd = ParameterTable.RISING_BACKGROUND.get(m);
            if (m < ions && !inst.samLike()) {
                rise[m] = meanSd[0] + meanSd[1] * rng.nextGaussian();
            }
        }
    }

    /** Signal of every integer ion at true temperature t and run fraction u, per unit scale (He current or counts). */
    private void ionLevels(double t, double u, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int g = 0; g < GASES.length; g++) {
            double level = 0;
            for (Release r : byGas.get(g)) {
                level += r.height * r.at(t);
            }
            if (level == 0) {
                continue;
            }
            double[] f = fragments[g];
            for (int m = 0; m < ions; m++) {
                if (f[m] != 0) {
                    out[m] += level * f[m];
                }
            }
        }
        // a strong ion leaks about 1 % into m - 1
        for (int m = 1; m < ions; m++) {
            out[m - 1] += ParameterTable.LEAK_TO_LOWER_MZ * out[m];
        }
        // scattered ions: every m/z carries a small share of all released gas
        double released = 0;
        for (int m = 0; m < ions; m++) {
            released += out[m];
        }
        for (int m = 0; m < ions; m++) {
            out[m] += ParameterTable.SCATTERED_ION_FRACTION * released;
        }
        for (int m = 0; m < ions; m++) {
            double drift = Math.exp(driftA[m] * u + driftB[m] * u * u) * Math.pow(10, rise[m] * u * u);
            out[m] += background[m] * drift * (inst.samLike() ? 1.0 / inst.scale() : 1);
        }
    }

    void writeCommercial(RowWriter w) throws IOException {
        w.ascii("time,temp,m/z,abundance\n");
        int scans = (int) Math.floor(inst.durationSeconds() / inst.scanSeconds()) + 1;
        double[] level = new double[ions];
        double duration = inst.durationSeconds();
        double wobblePhase = rng.nextDouble() * 2 * Math.PI;
        for (int s = 0; s < scans; s++) {
            double time = s * inst.scanSeconds();
            double trueT = inst.temperatureAt(time);
            // oven control: residual around the linear ramp of about 1.5 C (section 1)
            double reading = trueT + 1.2 * Math.sin(2 * Math.PI * time / 400 + wobblePhase) + rng.nextGaussian() * 0.4;
            ionLevels(trueT, time / duration, level);
            for (int m = 0; m <= inst.maxMz(); m++) {
                double current = inst.scale() * level[m];
                double sd = Math.sqrt(ParameterTable.NOISE_SHOT_A * current
                        + ParameterTable.NOISE_RELATIVE * ParameterTable.NOISE_RELATIVE * current * current);
                double value = current + inst.offset() + rng.nextGaussian() * sd
                        + ParameterTable.NOISE_FLOOR_A * skewedFloor();
                w.fixed(time, 3);
                w.put((byte) ',');
                w.fixed(reading, 3);
                w.put((byte) ',');
                w.fixed(m, 1);
                w.put((byte) ',');
                w.scientific(value);
                w.put((byte) '\n');
            }
        }
    }

    /**
     * The detector floor's noise, mean 0 and sd 1, skewed upwards as the real trace ions' is: a gamma variate of
     * shape NOISE_FLOOR_SHAPE (a sum of exponentials), centred and scaled.
     */
    private double skewedFloor() {
        int k = ParameterTable.NOISE_FLOOR_SHAPE;
        double product = 1;
        for (int i = 0; i < k; i++) {
            product *= 1 - rng.nextDouble(); // in (0, 1]: the logarithm stays finite
        }
        return (-Math.log(product) - k) / Math.sqrt(k);
    }

    void writeSam(RowWriter w) throws IOException {
        w.ascii("time,temp,m/z,abundance\n");
        List<double[]> list = samMassList(); // {m/z as written, integer ion, factor}
        double duration = inst.durationSeconds();
        double[] level = new double[ions];
        double time = 0;
        double lastLevelsAt = Double.NaN;
        while (time <= duration) {
            for (double[] entry : list) {
                if (time > duration) {
                    break;
                }
                double trueT = inst.temperatureAt(time);
                if (!(Math.abs(time - lastLevelsAt) < 0.2)) { // levels change slowly: refresh every 0.2 s
                    ionLevels(trueT, time / duration, level);
                    lastLevelsAt = time;
                }
                double rate = inst.scale() * level[(int) entry[1]] * entry[2];
                double value = ParameterTable.SAM_COUNT_STEP * poisson(rate / ParameterTable.SAM_COUNT_STEP);
                w.fixed(time, 2);
                w.put((byte) ',');
                w.fixed(trueT + rng.nextGaussian() * 0.016, 3);
                w.put((byte) ',');
                w.fixed(entry[0], 1);
                w.put((byte) ',');
                w.fixed(value, 1);
                w.put((byte) '\n');
                time += inst.scanSeconds();
            }
            time += 0.04 + 0.2 * rng.nextDouble(); // gap between mass-list segments
        }
    }

    /** SAM-like mass list: 1.9, 2, 3, 12..100 (or 150), no 4, 18 dropped with p = 0.5, a few high masses, bands. */
    private List<double[]> samMassList() {
        List<double[]> list = new ArrayList<>();
        list.add(new double[] {1.9, 2, 0.9 + 0.15 * rng.nextDouble()});
        list.add(new double[] {2, 2, 1});
        list.add(new double[] {3, 3, 1});
        int top = rng.nextBoolean() ? 100 : 150;
        boolean dropWater = rng.nextBoolean();
        boolean bands = rng.nextDouble() < 5.0 / 9;
        Map<Integer, double[]> bandFactors = new HashMap<>();
        for (int centre : BAND_CENTRES) {
            bandFactors.put(centre, new double[] {0.9 + 0.15 * rng.nextDouble(), 0.9 + 0.15 * rng.nextDouble(),
                0.9 + 0.15 * rng.nextDouble(), 0.75 + 0.15 * rng.nextDouble()});
        }
        for (int m = 12; m <= Math.min(top, inst.maxMz()); m++) {
            if (m == 18 && dropWater) {
                continue;
            }
            if (bands && bandFactors.containsKey(m)) {
                double[] f = bandFactors.get(m);
                list.add(new double[] {m + BAND_OFFSETS[0], m, f[0]});
                list.add(new double[] {m + BAND_OFFSETS[1], m, f[1]});
                list.add(new double[] {m, m, 1});
                list.add(new double[] {m + BAND_OFFSETS[2], m, f[2]});
                list.add(new double[] {m + BAND_OFFSETS[3], m, f[3]});
            } else {
                list.add(new double[] {m, m, 1});
            }
        }
        int high = 2 + rng.nextInt(4);
        for (int i = 0; i < high; i++) {
            int m = 151 + rng.nextInt(387); // up to 537
            list.add(new double[] {m, ions - 1, 1}); // beyond the simulated ions: background only
        }
        return list;
    }

    private int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = 1;
        int k = -1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > limit);
        return k;
    }
}
