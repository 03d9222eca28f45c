package egaml.aug;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import egaml.nn.NoiseSource;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A network family of the augmented-spectrogram member. Every family reads the same input ({@link TemporalCnn#inputs}:
 * [sample, 100 m/z + position, 80 columns]) and is trained, predicted and saved the same way; each is its own family
 * for the stacker, on the same folds, so their out-of-fold rows can be compared and combined.
 */
public interface AugNetwork {
    /** The family names known to {@link #create}, in the order a member trains them. */
    List<String> NAMES = List.of(TemporalCnn.NAME, RecurrentNet.NAME);

    /** A network of family {@code name} with {@code width} channels and dropout before its head. */
    static AugNetwork create(String name, int width, double dropout) {
        return switch (name) {
            case TemporalCnn.NAME -> new TemporalCnn(width, dropout);
            case RecurrentNet.NAME -> new RecurrentNet(width, dropout);
            default -> throw new IllegalArgumentException("unknown aug network '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    /** The family's short name ({@code tcnn}, {@code gru}). */
    String name();

    /** One line for summaries and the member's manifest. */
    String description();

    /**
     * This family's peak learning rate as a multiple of the settings' ({@code --aug-lr}, the temporal CNN's): the
     * families learn at different speeds, and each multiple was chosen by out-of-fold log loss (docs/design.md).
     */
    double learningRateScale();

    /** The parameters in a fixed order. */
    List<Parameter> parameterList();

    long parameterCount();

    /** A random initialisation drawn from {@code random}. */
    void initialize(NDManager manager, SplittableRandom random);

    /** Logits [B, 10]; in training, dropout masks come from {@code noise}. */
    NDArray logits(NDArray x, boolean training, NoiseSource noise);

    void save(DataOutputStream out) throws IOException;

    /** Reads parameters written by {@link #save}; names and shapes must match. */
    void load(NDManager manager, DataInputStream in) throws IOException;
}
