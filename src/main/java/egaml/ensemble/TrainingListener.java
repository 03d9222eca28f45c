package egaml.ensemble;

/** What a long training reports: the stage it enters (with its number of steps), steps done, a status line. */
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
