package egaml.ingest;

import egaml.core.Quantiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the row filter of method.md 3.1 while rows stream in, and gathers the run's summary.
 * Not thread-safe; one builder per run.
 */
public final class CleanRunBuilder implements RowSink {
    private static final int SEEN_INT_LIMIT = 4096;

    private final IngestConfig config;
    private final int limit;
    private final Channel[] channels;

    private long rows;
    private double timeMin = Double.POSITIVE_INFINITY;
    private double timeMax = Double.NEGATIVE_INFINITY;
    private double tempMin = Double.POSITIVE_INFINITY;
    private double tempMax = Double.NEGATIVE_INFINITY;
    private double mzMax = Double.NEGATIVE_INFINITY;
    private double abundanceMax = Double.NEGATIVE_INFINITY;
    private long fractionalRows;
    private long negativeRows;
    private long sharedTimeRows;
    private long tempDecreases;
    private long excludedFractional;
    private long excludedAboveLimit;
    private long excludedHelium;
    private double prevTime = Double.NaN;
    private double prevTemp = Double.NaN;
    private final boolean[] seenInt = new boolean[SEEN_INT_LIMIT];
    private final Set<Double> seenOther = new HashSet<>();

    public CleanRunBuilder(IngestConfig config) {
        this.config = config;
        this.limit = config.channelLimit();
        this.channels = new Channel[limit];
    }

    @Override
    public void row(long line, double time, double temp, double mz, double abundance) {
        rows++;
        if (time < timeMin) {
            timeMin = time;
        }
        if (time > timeMax) {
            timeMax = time;
        }
        if (temp < tempMin) {
            tempMin = temp;
        }
        if (temp > tempMax) {
            tempMax = temp;
        }
        if (mz > mzMax) {
            mzMax = mz;
        }
        if (abundance > abundanceMax) {
            abundanceMax = abundance;
        }
        if (abundance < 0) {
            negativeRows++;
        }
        if (time == prevTime) {
            sharedTimeRows++;
        }
        if (temp < prevTemp) {
            tempDecreases++;
        }
        prevTime = time;
        prevTemp = temp;

        double whole = Math.rint(mz);
        boolean integer = whole == mz;
        if (integer && mz < SEEN_INT_LIMIT) {
            seenInt[(int) mz] = true;
        } else {
            seenOther.add(mz);
        }
        int channel;
        if (integer) {
            channel = (int) Math.min(whole, Integer.MAX_VALUE);
        } else {
            fractionalRows++;
            if (config.fractionalMz() == IngestConfig.FractionalMz.ROUND
                    && Math.abs(mz - whole) <= config.roundTolerance() + 1e-9) {
                channel = (int) Math.min(whole, Integer.MAX_VALUE);
            } else {
                excludedFractional++;
                return;
            }
        }
        if (channel >= limit) {
            excludedAboveLimit++;
            return;
        }
        if (channel == IngestConfig.HELIUM_MZ && !config.keepHelium()) {
            excludedHelium++;
            return;
        }
        Channel c = channels[channel];
        if (c == null) {
            c = new Channel();
            channels[channel] = c;
        }
        c.add((float) time, (float) temp, abundance);
    }

    /** Finishes the run: applies the sparse-channel filter and freezes the channels. */
    public CleanRun build(String sampleId, RunParser.Result parsed) {
        int present = 0;
        for (Channel c : channels) {
            if (c != null) {
                present++;
            }
        }
        double[] counts = new double[present];
        int k = 0;
        for (Channel c : channels) {
            if (c != null) {
                counts[k++] = c.size;
            }
        }
        double threshold = present == 0 ? 0 : config.sparseFraction() * Quantiles.linear(counts, config.sparseQuantile());
        List<Integer> sparse = new ArrayList<>();
        long excludedSparse = 0;
        ChannelSeries[] out = new ChannelSeries[limit];
        ChannelSeries previous = null;
        for (int mz = 0; mz < limit; mz++) {
            Channel c = channels[mz];
            if (c == null) {
                continue;
            }
            if (!(c.size > threshold)) {
                sparse.add(mz);
                excludedSparse += c.size;
                continue;
            }
            float[] time = Arrays.copyOf(c.time, c.size);
            float[] temp = Arrays.copyOf(c.temp, c.size);
            double[] abundance = Arrays.copyOf(c.abundance, c.size);
            if (previous != null && Arrays.equals(previous.time(), time) && Arrays.equals(previous.temp(), temp)) {
                time = previous.time(); // full scans: share one copy of time and temperature
                temp = previous.temp();
            }
            out[mz] = new ChannelSeries(mz, time, temp, abundance);
            previous = out[mz];
        }
        int distinct = seenOther.size();
        for (boolean seen : seenInt) {
            if (seen) {
                distinct++;
            }
        }
        RunSummary summary = new RunSummary(parsed.bytes(), rows, timeMin, timeMax, tempMin, tempMax, distinct, mzMax,
                fractionalRows, negativeRows, abundanceMax, sharedTimeRows, tempDecreases, excludedFractional,
                excludedAboveLimit, excludedHelium, excludedSparse, sparse,
                RunSummary.detect(rows, sharedTimeRows, abundanceMax), parsed.md5());
        return new CleanRun(sampleId, summary, out);
    }

    /** Growable columns of one channel. */
    private static final class Channel {
        float[] time = new float[256];
        float[] temp = new float[256];
        double[] abundance = new double[256];
        int size;

        void add(float t, float temperature, double value) {
            if (size == abundance.length) {
                int cap = size * 2;
                time = Arrays.copyOf(time, cap);
                temp = Arrays.copyOf(temp, cap);
                abundance = Arrays.copyOf(abundance, cap);
            }
            time[size] = t;
            temp[size] = temperature;
            abundance[size] = value;
            size++;
        }
    }
}
