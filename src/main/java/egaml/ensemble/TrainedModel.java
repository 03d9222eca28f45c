package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.gbt.GbtConfig;
import egaml.gbt.GbtMember;
import egaml.ingest.CleanRun;
import egaml.ingest.IngestConfig;
import egaml.nn.NnMember;
import egaml.nn.NnPreset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;

/**
 * A trained egaml model: how runs are read, the members, and the ensemble that combines them. A member that
 * was not trained is null (with its configuration).
 *
 * @param preset the preset it was trained with
 */
public record TrainedModel(long seed, String preset, IngestConfig ingest, GbtConfig gbtConfig, NnPreset nnPreset,
                           StackerConfig stackerConfig, GbtMember gbt, NnMember nn, Ensemble ensemble) {
    public TrainedModel {
        if (gbt == null && nn == null) {
            throw new IllegalArgumentException("a model needs at least one member");
        }
    }

    /** Family probabilities of every member for the runs. */
    public Map<String, double[][]> familyPredictions(List<CleanRun> runs, int threads) {
        return familyPredictions(runs, threads, (member, seconds) -> { });
    }

    /** Family probabilities of every member for the runs; {@code timing} hears each member's wall seconds. */
    public Map<String, double[][]> familyPredictions(List<CleanRun> runs, int threads, ObjDoubleConsumer<String> timing) {
        Map<String, double[][]> families = new LinkedHashMap<>();
        if (gbt != null) {
            long t = System.nanoTime();
            families.putAll(gbt.predict(runs, threads).families());
            timing.accept("gbt", (System.nanoTime() - t) / 1e9);
        }
        if (nn != null) {
            long t = System.nanoTime();
            families.putAll(nn.predict(runs, threads).families());
            timing.accept("nn", (System.nanoTime() - t) / 1e9);
        }
        return families;
    }

    /** Probabilities [sample][label] for the runs; SAM samples are recognised from {@code types}. */
    public double[][] predict(List<CleanRun> runs, List<InstrumentType> types, int threads) {
        return predict(runs, types, threads, (member, seconds) -> { });
    }

    /** As above; {@code timing} hears each member's wall seconds. */
    public double[][] predict(List<CleanRun> runs, List<InstrumentType> types, int threads,
                              ObjDoubleConsumer<String> timing) {
        return ensemble.predict(familyPredictions(runs, threads, timing), types);
    }
}
