package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.SeedSequence;
import egaml.cv.LogLoss;
import egaml.gbt.GbtConfig;
import egaml.gbt.GbtCrossValidation;
import egaml.gbt.GbtMember;
import egaml.ingest.CleanRun;
import egaml.ingest.IngestConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Trains a whole model: the members with out-of-fold predictions, the stacker on the members' out-of-fold
 * family logits (so the ensemble's own cross-validated score is honest), and the SAM rule.
 */
public final class ModelTrainer {
    private static final long STACKER_STREAM = 0x5AC4L;

    private ModelTrainer() {
    }

    /**
     * The trained model and its cross-validation.
     *
     * @param oof out-of-fold probabilities [sample][label] by name: each family, "gbt", "ensemble", "prior"
     */
    public record Outcome(TrainedModel model, Map<String, double[][]> oof, double gbtSeconds, double stackerSeconds) {
        public double[][] ensemble() {
            return oof.get("ensemble");
        }
    }

    public static Outcome train(List<CleanRun> runs, List<InstrumentType> types, int[][] y, String preset, long seed,
                                IngestConfig ingest, SamMode samMode, int threads, IntConsumer progress) {
        return train(runs, types, y, preset, GbtConfig.preset(preset), seed, ingest, samMode, threads, progress);
    }

    /** Trains with the preset's stacker and the given GBT settings (a preset's, possibly overridden). */
    public static Outcome train(List<CleanRun> runs, List<InstrumentType> types, int[][] y, String preset,
                                GbtConfig gbtConfig, long seed, IngestConfig ingest, SamMode samMode, int threads,
                                IntConsumer progress) {
        return train(runs, types, y, preset, gbtConfig, StackerConfig.preset(preset), seed, ingest, samMode, threads,
                progress);
    }

    /** Trains with the given GBT and stacker settings. */
    public static Outcome train(List<CleanRun> runs, List<InstrumentType> types, int[][] y, String preset,
                                GbtConfig gbtConfig, StackerConfig stackerConfig, long seed, IngestConfig ingest,
                                SamMode samMode, int threads, IntConsumer progress) {
        SeedSequence seeds = new SeedSequence(seed);
        GbtCrossValidation.Result gbt = GbtCrossValidation.run(runs, y, gbtConfig, seeds, threads, progress);
        long t0 = System.nanoTime();
        List<String> families = new ArrayList<>(gbt.families().keySet());
        Ensemble provisional = new Ensemble(families, new double[Label.COUNT][families.size()], new double[Label.COUNT],
                samMode);
        double[][][] z = provisional.logits(gbt.families());
        StackerTrainer.Result stacked = new StackerTrainer(stackerConfig).fit(families, z, y, seeds.child(STACKER_STREAM));
        Ensemble ensemble = new Ensemble(families, stacked.weights(), stacked.intercepts(), samMode);
        double[][] ensembleOof = ensemble.applySamRule(stacked.oof(), z, types);
        double stackerSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, double[][]> oof = new LinkedHashMap<>(gbt.families());
        oof.put("gbt", gbt.member());
        oof.put("ensemble", ensembleOof);
        oof.put("prior", LogLoss.priorPredictions(y, y.length));
        TrainedModel model = new TrainedModel(seed, preset, ingest, gbtConfig, stackerConfig,
                GbtMember.of(gbt, seed, gbtConfig), ensemble);
        return new Outcome(model, oof, gbt.seconds(), stackerSeconds);
    }
}
