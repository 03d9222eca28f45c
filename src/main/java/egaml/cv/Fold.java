package egaml.cv;

/**
 * One cross-validation fold: row indices for training and held out, each in increasing order.
 */
public record Fold(int index, int[] train, int[] test) {
}
