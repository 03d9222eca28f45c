package egaml.member;

import java.util.List;

/**
 * A member's cross-validation cut into independent units of work (one fold model each), for an engine that runs them
 * elsewhere (egaml.spark) and hands their results back through the {@link egaml.core.TaskStore}: once every unit's
 * bytes are in the store, {@link MemberTrainer#crossValidate} only assembles them, exactly as when resuming an
 * interrupted training. A unit's bytes depend only on the data, the settings, the master seed and its key, never on
 * where or beside what it ran, so a distributed training equals the local one.
 */
public interface UnitPlan {
    /** A member that does not cut its work into units: it trains where the model is assembled. */
    UnitPlan NONE = new UnitPlan() {
        @Override
        public List<String> keys() {
            return List.of();
        }

        @Override
        public byte[] run(String key) {
            throw new IllegalArgumentException("no unit " + key);
        }
    };

    /** The units' store keys, in the order a local training trains them. */
    List<String> keys();

    /**
     * Computes one unit and returns the bytes the local training would have put in the store under {@code key}.
     * Thread-safe; preparation shared by several units (a feature table, scaled inputs) is done once per plan.
     */
    byte[] run(String key);

    /**
     * The preparation {@code key} shares with other units (a feature realisation, a configuration's scaled inputs): an
     * executor pays it once per group. The default: none shared.
     */
    default String group(String key) {
        return key;
    }

    /** Does the preparation of {@code key}'s group now (idempotent; {@link #run} does it when needed). */
    default void prepare(String key) {
    }

    /**
     * A plan over keyed units that share a preparation per group, each group's prepared once, by the first unit that
     * needs it (thread-safe).
     *
     * @param member  the member's name, for the message about an unknown key
     * @param units   the units by key, in training order
     * @param group   a unit's group (units of one group share one preparation)
     * @param prepare the preparation of a unit's group
     * @param run     a unit's bytes, given its group's preparation
     */
    static <U, P> UnitPlan keyed(String member, java.util.Map<String, U> units, java.util.function.Function<U, String> group,
                                 java.util.function.Function<U, P> prepare,
                                 java.util.function.BiFunction<U, P, byte[]> run) {
        java.util.Map<String, U> byKey = new java.util.LinkedHashMap<>(units);
        java.util.Map<String, P> prepared = new java.util.concurrent.ConcurrentHashMap<>();
        return new UnitPlan() {
            @Override
            public List<String> keys() {
                return List.copyOf(byKey.keySet());
            }

            @Override
            public byte[] run(String key) {
                U u = unit(key);
                return run.apply(u, preparation(u));
            }

            @Override
            public String group(String key) {
                return group.apply(unit(key));
            }

            @Override
            public void prepare(String key) {
                preparation(unit(key));
            }

            private U unit(String key) {
                U u = byKey.get(key);
                if (u == null) {
                    throw new IllegalArgumentException("the " + member + " member has no unit " + key);
                }
                return u;
            }

            private P preparation(U u) {
                return prepared.computeIfAbsent(group.apply(u), g -> prepare.apply(u));
            }
        };
    }
}
