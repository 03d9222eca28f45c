package egaml.sim;

/**
 * What to simulate.
 *
 * @param samples     number of runs
 * @param seed        master seed: the same seed gives the same bytes, whatever the thread count
 * @param format      instrument styles to draw
 * @param samFraction share of SAM-like runs when the format is MIXED
 * @param gzip        write .csv.gz (true) or plain .csv
 * @param split       split name written to metadata.csv and used for the labels file ({split}_labels.csv)
 * @param idPrefix    sample ids are the prefix and a zero-padded index
 * @param labels      when not null, every run gets exactly these labels instead of a drawn combination
 */
public record SimulationConfig(int samples, long seed, Format format, double samFraction, boolean gzip, String split,
                               String idPrefix, java.util.Set<egaml.core.Label> labels) {

    /** Instrument styles. */
    public enum Format { COMMERCIAL, SAM, MIXED }

    public SimulationConfig {
        if (samples < 1 || samples > 1_000_000) {
            throw new IllegalArgumentException("number of samples must be between 1 and 1,000,000, got " + samples);
        }
        if (!(samFraction >= 0 && samFraction <= 1)) {
            throw new IllegalArgumentException("SAM fraction must be in [0, 1], got " + samFraction);
        }
        if (split == null || !split.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("split must be a plain name such as train or test, got '" + split + "'");
        }
        if (idPrefix == null || !idPrefix.matches("[A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("id prefix may hold letters, digits, '_' and '-' only, got '" + idPrefix + "'");
        }
        labels = labels == null ? null : java.util.Set.copyOf(labels);
    }

    public static SimulationConfig of(int samples, long seed) {
        return new SimulationConfig(samples, seed, Format.MIXED, 0.02, true, "train", "SIM", null);
    }

    public SimulationConfig withFormat(Format f) {
        return new SimulationConfig(samples, seed, f, samFraction, gzip, split, idPrefix, labels);
    }

    public SimulationConfig withGzip(boolean gz) {
        return new SimulationConfig(samples, seed, format, samFraction, gz, split, idPrefix, labels);
    }

    public SimulationConfig withSplit(String name, String prefix) {
        return new SimulationConfig(samples, seed, format, samFraction, gzip, name, prefix, labels);
    }

    public SimulationConfig withLabels(java.util.Set<egaml.core.Label> fixed) {
        return new SimulationConfig(samples, seed, format, samFraction, gzip, split, idPrefix, fixed);
    }

    public SimulationConfig withSamFraction(double fraction) {
        return new SimulationConfig(samples, seed, format, fraction, gzip, split, idPrefix, labels);
    }
}
