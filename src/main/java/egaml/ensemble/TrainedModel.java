package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.ingest.CleanRun;
import egaml.member.FamilyScores;
import egaml.member.FittedMember;

import java.util.List;
import java.util.function.ObjDoubleConsumer;

/**
 * A trained egaml model: the settings it was trained with, its fitted members (in registry order) and the ensemble
 * that combines their families.
 */
public record TrainedModel(TrainingSettings settings, List<FittedMember> members, Ensemble ensemble) {
    public TrainedModel {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one member");
        }
    }

    /** Logits of every member's families for the runs; {@code timing} hears each member's wall seconds. */
    public FamilyScores familyScores(List<CleanRun> runs, int threads, ObjDoubleConsumer<String> timing) {
        FamilyScores all = new FamilyScores(java.util.Map.of());
        for (FittedMember m : members) {
            long t = System.nanoTime();
            all = all.and(m.predict(runs, threads));
            timing.accept(m.kind(), (System.nanoTime() - t) / 1e9);
        }
        return all;
    }

    /** Probabilities [sample][label] for the runs; SAM samples are recognised from {@code types}. */
    public double[][] predict(List<CleanRun> runs, List<InstrumentType> types, int threads) {
        return predict(runs, types, threads, (member, seconds) -> { });
    }

    /** As above; {@code timing} hears each member's wall seconds. */
    public double[][] predict(List<CleanRun> runs, List<InstrumentType> types, int threads,
                              ObjDoubleConsumer<String> timing) {
        return ensemble.predict(familyScores(runs, threads, timing), types);
    }

    /**
     * The member of kind {@code kind}, as its own type; a model without one is an IllegalArgumentException naming the
     * members it has (for commands that work on one member, such as the exports).
     */
    public <M extends FittedMember> M member(String kind, Class<M> type) {
        return members.stream().filter(m -> m.kind().equals(kind)).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the model has no " + kind + " member (its members: "
                        + members.stream().map(FittedMember::kind).toList() + ")"));
    }
}
