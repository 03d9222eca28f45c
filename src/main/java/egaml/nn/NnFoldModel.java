package egaml.nn;

import java.util.List;
import java.util.Locale;

/**
 * One trained network of a cross-validation: its configuration, repeat and fold, and its parameters in DJL's
 * encoding ({@link EgaNet#save}): one snapshot, or one per averaged epoch, whose logits are averaged.
 */
public record NnFoldModel(int configuration, int repeat, int fold, List<byte[]> snapshots) {
    public NnFoldModel {
        snapshots = List.copyOf(snapshots);
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("a fold model needs at least one snapshot");
        }
    }

    public String fileName(int snapshot) {
        return String.format(Locale.ROOT, "nn_c%d_r%d_f%d_s%d.params", configuration, repeat, fold, snapshot);
    }
}
