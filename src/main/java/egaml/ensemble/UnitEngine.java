package egaml.ensemble;

import egaml.core.TaskStore;
import egaml.member.TrainingData;
import egaml.member.TrainingListener;

/**
 * Where a training's units (one fold model each, {@link egaml.member.UnitPlan}) run. The local engine lets every
 * member train its units itself, in its cross-validation; another engine (egaml.spark) runs the units the store does not
 * hold yet elsewhere and puts their bytes in the store before the members' cross-validations assemble them. The model
 * is the same either way: a unit's bytes depend only on the data, the settings, the seed and its key.
 */
public interface UnitEngine {
    /** Members train their units in this process, inside their cross-validation. */
    UnitEngine LOCAL = new UnitEngine() {
        @Override
        public Report run(TrainingData data, TrainingSettings settings, MemberRegistry registry, TaskStore store,
                          TrainingListener listener) {
            return Report.NONE;
        }
    };

    /**
     * Runs the units of {@code settings}' members that {@code store} does not hold and puts each one's bytes there.
     * Members without units ({@link egaml.member.UnitPlan#NONE}) are left to train where the model is assembled.
     */
    Report run(TrainingData data, TrainingSettings settings, MemberRegistry registry, TaskStore store,
               TrainingListener listener);

    /**
     * What an engine did, for the model folder.
     *
     * @param unitsCsv one row per unit it ran (member, key, seconds, where, attempt), or "" when it ran none here
     * @param summary  lines for the training report and the console
     */
    record Report(String unitsCsv, java.util.List<String> summary) {
        public static final Report NONE = new Report("", java.util.List.of());

        public Report {
            summary = java.util.List.copyOf(summary);
        }
    }
}
