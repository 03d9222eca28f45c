package egaml.preprocess;

/**
 * A temperature x m/z matrix: {@code values[t][m]}, row t = temperature bin of {@link #grid()},
 * column m = m/z. Absent channels are all-zero columns.
 *
 * @param empty true when the run had no channel after cleaning (all zeros; method.md 3.5)
 * @param flat  true when the global scaling was skipped because the run is flat
 */
public record Spectrogram(String sampleId, TemperatureGrid grid, double[][] values, boolean empty, boolean flat) {

    public int bins() {
        return values.length;
    }

    public int channels() {
        return values.length == 0 ? 0 : values[0].length;
    }

    /** The values in row-major order ([t][m]) as floats, e.g. for a network's input tensor. */
    public float[] toFloatArray() {
        int m = channels();
        float[] out = new float[values.length * m];
        for (int t = 0; t < values.length; t++) {
            for (int j = 0; j < m; j++) {
                out[t * m + j] = (float) values[t][j];
            }
        }
        return out;
    }
}
