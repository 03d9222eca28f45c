package egaml.nn;

/**
 * One trained network of a cross-validation: its configuration, repeat and fold, and its parameters at the
 * snapshot epoch in DJL's encoding ({@link EgaNet#save}).
 */
public record NnFoldModel(int configuration, int repeat, int fold, byte[] parameters) {
    public String fileName() {
        return String.format(java.util.Locale.ROOT, "nn_c%d_r%d_f%d.params", configuration, repeat, fold);
    }
}
