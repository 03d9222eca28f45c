package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.gbt.GbtConfig;
import egaml.gbt.GbtMember;
import egaml.ingest.CleanRun;
import egaml.ingest.IngestConfig;

import java.util.List;

/**
 * A trained egaml model: how runs are read, the members, and the ensemble that combines them.
 *
 * @param preset the preset it was trained with
 */
public record TrainedModel(long seed, String preset, IngestConfig ingest, GbtConfig gbtConfig, StackerConfig stackerConfig,
                           GbtMember gbt, Ensemble ensemble) {

    /** Probabilities [sample][label] for the runs; SAM samples are recognised from {@code types}. */
    public double[][] predict(List<CleanRun> runs, List<InstrumentType> types, int threads) {
        GbtMember.Prediction p = gbt.predict(runs, threads);
        return ensemble.predict(p.families(), types);
    }
}
