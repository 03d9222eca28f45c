package egaml.ensemble;

import egaml.core.SeedSequence;
import egaml.core.TaskStore;
import egaml.cv.LogLoss;
import egaml.member.Family;
import egaml.member.FamilyScores;
import egaml.member.FittedMember;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
import egaml.member.TrainingListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a whole model: every member with out-of-fold predictions, the stacker on all their families' out-of-fold
 * logits (so the ensemble's own cross-validated score is honest), and the SAM rule.
 */
public final class ModelTrainer {
    static final long STACKER_STREAM = 0x5AC4L;

    private ModelTrainer() {
    }

    /**
     * The trained model and its cross-validation.
     *
     * @param oof     out-of-fold probabilities [sample][label] by name: each family, each member, "ensemble", "prior"
     * @param seconds wall seconds per member and for the "stacker"
     * @param summary per member, the lines its trainer wrote about what it fitted
     */
    public record Outcome(TrainedModel model, Map<String, double[][]> oof, Map<String, Double> seconds,
                          Map<String, List<String>> summary) {
        public double[][] ensemble() {
            return oof.get("ensemble");
        }
    }

    /**
     * Cross-validates the members of {@code settings} in registry order, then fits the stacker on all their families and
     * the SAM rule. Finished fold models are put in {@code store} and taken from it when present, so an interrupted
     * training resumes where it stopped.
     */
    public static Outcome train(TrainingData data, TrainingSettings settings, MemberRegistry registry, int threads,
                                TaskStore store, TrainingListener listener) {
        return train(data, settings, registry, threads, store, listener, null);
    }

    /** As above, with labelled runs that members able to pretrain learn from first (null: none). */
    public static Outcome train(TrainingData data, TrainingSettings settings, MemberRegistry registry, int threads,
                                TaskStore store, TrainingListener listener, TrainingData pretraining) {
        TrainingContext context = new TrainingContext(settings.seed(), threads, store, false, listener, pretraining);
        FamilyScores oofScores = new FamilyScores(Map.of());
        List<Family> families = new ArrayList<>();
        List<FittedMember> members = new ArrayList<>();
        Map<String, double[][]> memberOof = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, List<String>> summary = new LinkedHashMap<>();
        for (Map.Entry<String, egaml.member.MemberSettings> m : settings.members().entrySet()) {
            MemberTrainer trainer = registry.get(m.getKey()).trainer(m.getValue());
            listener.stage("train " + m.getKey(), trainer.steps());
            MemberTrainer.Fit fit = trainer.crossValidate(data, context);
            oofScores = oofScores.and(fit.oof());
            families.addAll(fit.member().families());
            members.add(fit.member());
            memberOof.put(m.getKey(), fit.oof().memberProbabilities());
            seconds.put(m.getKey(), fit.seconds());
            summary.put(m.getKey(), fit.summary());
        }
        long t0 = System.nanoTime();
        listener.stage("stacker", 1);
        List<String> names = families.stream().map(Family::name).toList();
        double[][][] z = oofScores.columns(names);
        StackerTrainer.Result stacked = new StackerTrainer(settings.stacker()).fit(names, z, data.y(),
                new SeedSequence(settings.seed()).child(STACKER_STREAM));
        SamMode sam = settings.samMode() != null ? settings.samMode() : Ensemble.defaultSamMode(families);
        Ensemble ensemble = new Ensemble(families, stacked.weights(), stacked.intercepts(), sam, settings.clip());
        double[][] ensembleOof = ensemble.applySamRule(stacked.oof(), z, data.types());
        listener.step(1);
        seconds.put("stacker", (System.nanoTime() - t0) / 1e9);
        Map<String, double[][]> oof = new LinkedHashMap<>(oofScores.probabilities());
        oof.putAll(memberOof);
        oof.put("ensemble", ensembleOof);
        oof.put("prior", LogLoss.priorPredictions(data.y(), data.size()));
        return new Outcome(new TrainedModel(settings.withSamMode(sam), members, ensemble), oof, seconds, summary);
    }
}
