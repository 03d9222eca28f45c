package egaml.member;

import egaml.core.SeedSequence;
import egaml.core.TaskStore;

/**
 * What a member's cross-validation gets besides its settings and data.
 *
 * @param seed     the master seed (saved with the member)
 * @param threads  worker threads (results do not depend on it)
 * @param store    finished fold models of an interrupted training ({@link TaskStore#NONE}: none kept)
 * @param trace    members that can also report diagnostics per epoch do so ({@code cv --trace})
 * @param listener progress
 * @param pretraining labelled runs a member may learn from before its fold models (e.g. simulated runs), never
 *                    scored; {@code null}: none
 */
public record TrainingContext(long seed, int threads, TaskStore store, boolean trace, TrainingListener listener,
                              TrainingData pretraining) {
    public TrainingContext(long seed, int threads, TaskStore store, boolean trace, TrainingListener listener) {
        this(seed, threads, store, trace, listener, null);
    }

    public TrainingContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        store = store == null ? TaskStore.NONE : store;
        listener = listener == null ? TrainingListener.NONE : listener;
    }

    public static TrainingContext of(long seed, int threads) {
        return new TrainingContext(seed, threads, TaskStore.NONE, false, TrainingListener.NONE);
    }

    public SeedSequence seeds() {
        return new SeedSequence(seed);
    }
}
