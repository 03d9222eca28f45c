package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.SeedSequence;
import egaml.core.TaskStore;
import egaml.cv.LogLoss;
import egaml.gbt.GbtConfig;
import egaml.gbt.GbtCrossValidation;
import egaml.gbt.GbtMember;
import egaml.ingest.CleanRun;
import egaml.ingest.IngestConfig;
import egaml.nn.NnCrossValidation;
import egaml.nn.NnMember;
import egaml.nn.NnPreset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Trains a whole model: the members (the NN, then the GBT) with out-of-fold predictions, the stacker on the members' out-of-fold
 * family logits (so the ensemble's own cross-validated score is honest), and the SAM rule.
 */
public final class ModelTrainer {
    private static final long STACKER_STREAM = 0x5AC4L;

    private ModelTrainer() {
    }

    /**
     * The trained model and its cross-validation.
     *
     * @param oof out-of-fold probabilities [sample][label] by name: each family, "gbt", "nn", "ensemble", "prior"
     */
    public record Outcome(TrainedModel model, Map<String, double[][]> oof, double gbtSeconds, double nnSeconds,
                          double stackerSeconds) {
        public double[][] ensemble() {
            return oof.get("ensemble");
        }
    }

    /** Trains the GBT member only, with the preset's settings (a quick model, e.g. for tests). */
    public static Outcome train(List<CleanRun> runs, List<InstrumentType> types, int[][] y, String preset, long seed,
                                IngestConfig ingest, SamMode samMode, int threads, IntConsumer progress) {
        return train(runs, types, y, preset, GbtConfig.preset(preset), null, StackerConfig.preset(preset), seed, ingest,
                samMode, threads, TaskStore.NONE, new TrainingListener() {
                    @Override
                    public void step(int steps) {
                        progress.accept(steps);
                    }
                });
    }

    /**
     * Trains the members that have a configuration (a null {@code gbtConfig} or {@code nnPreset} leaves that member
     * out), then the stacker on all their families and the SAM rule. Finished fold models are put in {@code store}
     * and taken from it when present, so an interrupted training resumes where it stopped.
     */
    public static Outcome train(List<CleanRun> runs, List<InstrumentType> types, int[][] y, String preset,
                                GbtConfig gbtConfig, NnPreset nnPreset, StackerConfig stackerConfig, long seed,
                                IngestConfig ingest, SamMode samMode, int threads, TaskStore store,
                                TrainingListener listener) {
        return train(runs, types, y, preset, gbtConfig, nnPreset, stackerConfig, seed, ingest, samMode, ProbabilityClip.NONE,
                threads, store, listener);
    }

    /** As above, with final probability bounds per instrument type. */
    public static Outcome train(List<CleanRun> runs, List<InstrumentType> types, int[][] y, String preset,
                                GbtConfig gbtConfig, NnPreset nnPreset, StackerConfig stackerConfig, long seed,
                                IngestConfig ingest, SamMode samMode, ProbabilityClip clip, int threads, TaskStore store,
                                TrainingListener listener) {
        SeedSequence seeds = new SeedSequence(seed);
        Map<String, double[][]> familyOof = new LinkedHashMap<>();
        Map<String, double[][]> members = new LinkedHashMap<>();
        NnMember nnMember = null;
        double nnSeconds = 0;
        if (nnPreset != null) {
            boolean[] sam = InstrumentType.samMask(types);
            listener.stage("train nn", NnCrossValidation.epochs(nnPreset));
            NnCrossValidation.Result nn = NnCrossValidation.run(runs, y, sam, nnPreset, seeds, threads, false, store,
                    (model, epoch, loss) -> {
                listener.message(String.format(java.util.Locale.ROOT, "%s epoch %d loss %.4f", model, epoch, loss));
                listener.step(1);
            });
            familyOof.putAll(nn.families());
            members.put("nn", nn.member());
            nnMember = NnMember.of(nn, seed, nnPreset);
            nnSeconds = nn.seconds();
        }
        GbtMember gbtMember = null;
        double gbtSeconds = 0;
        if (gbtConfig != null) {
            listener.stage("train gbt", GbtCrossValidation.tasks(gbtConfig));
            GbtCrossValidation.Result gbt = GbtCrossValidation.run(runs, y, gbtConfig, seeds, threads, store, listener::step);
            Map<String, double[][]> withGbtFirst = new LinkedHashMap<>(gbt.families());
            withGbtFirst.putAll(familyOof);
            familyOof = withGbtFirst;
            members.put("gbt", gbt.member());
            gbtMember = GbtMember.of(gbt, seed, gbtConfig);
            gbtSeconds = gbt.seconds();
        }
        long t0 = System.nanoTime();
        listener.stage("stacker", 1);
        List<String> families = new ArrayList<>(familyOof.keySet());
        Ensemble provisional = new Ensemble(families, new double[Label.COUNT][families.size()], new double[Label.COUNT],
                samMode);
        double[][][] z = provisional.logits(familyOof);
        StackerTrainer.Result stacked = new StackerTrainer(stackerConfig).fit(families, z, y, seeds.child(STACKER_STREAM));
        Ensemble ensemble = new Ensemble(families, stacked.weights(), stacked.intercepts(), samMode, clip);
        double[][] ensembleOof = ensemble.applySamRule(stacked.oof(), z, types);
        listener.step(1);
        double stackerSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, double[][]> oof = new LinkedHashMap<>(familyOof);
        oof.putAll(members);
        oof.put("ensemble", ensembleOof);
        oof.put("prior", LogLoss.priorPredictions(y, y.length));
        TrainedModel model = new TrainedModel(seed, preset, ingest, gbtConfig, nnPreset, stackerConfig, gbtMember, nnMember,
                ensemble);
        return new Outcome(model, oof, gbtSeconds, nnSeconds, stackerSeconds);
    }
}
