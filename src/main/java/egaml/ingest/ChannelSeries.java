package egaml.ingest;

/**
 * The readings of one integer m/z channel of a run, in file (time) order.
 * Time and temperature are stored in single precision (the files carry at most 3 decimals);
 * channels of one commercial scan sequence share the same time and temperature arrays.
 * The arrays must not be modified.
 */
public record ChannelSeries(int mz, float[] time, float[] temp, double[] abundance) {
    public ChannelSeries {
        if (time.length != temp.length || temp.length != abundance.length) {
            throw new IllegalArgumentException("channel " + mz + ": arrays differ in length");
        }
    }

    public int size() {
        return abundance.length;
    }
}
