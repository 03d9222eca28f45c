package egaml.member;

/**
 * What long work reports, the one progress type of egaml's training: the stage it enters (with its number of steps),
 * steps done, and a status line. Members call it from worker threads; implementations must be thread-safe.
 */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    default void stage(String name, long steps) {
    }

    default void step(int steps) {
    }

    default void message(String text) {
    }
}
