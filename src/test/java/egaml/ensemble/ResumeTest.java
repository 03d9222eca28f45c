package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.core.Preset;
import egaml.member.TrainingData;
import egaml.member.TrainingListener;
import egaml.core.TaskStore;
import egaml.gbt.GbtConfig;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.nn.NnPreset;
import egaml.sim.SimulationConfig;
import egaml.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An interrupted training keeps its finished fold models, and resuming gives what an uninterrupted run gives. */
class ResumeTest {
    @TempDir
    Path dir;

    @Test
    void resumingAfterAnInterruptionRedoesOnlyUnfinishedWork() throws Exception {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(30, 13).withSamFraction(0.1)).write(sim, false, 2, k -> { });
        Dataset d = Dataset.open(sim);
        List<SampleRef> labelled = d.labelled();
        List<CleanRun> runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { }).requireAll();
        List<InstrumentType> types = labelled.stream().map(SampleRef::instrumentType).toList();
        int[][] y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
        GbtConfig gbt = GbtConfig.preset(Preset.SMOKE);
        NnPreset nn = NnPreset.of(Preset.SMOKE).withEpochs(2, 2);
        int tasks = egaml.gbt.GbtCrossValidation.tasks(gbt) + nn.folds();

        ModelTrainer.Outcome uninterrupted = train(runs, types, y, gbt, nn, TaskStore.NONE);

        TaskStore kept = TaskStore.folder(dir.resolve("partial"));
        AtomicInteger puts = new AtomicInteger();
        TaskStore failing = new TaskStore() {
            @Override
            public Optional<byte[]> get(String key) {
                return kept.get(key);
            }

            @Override
            public void put(String key, byte[] value) {
                if (puts.incrementAndGet() > 7) {
                    throw new IllegalStateException("simulated interruption");
                }
                kept.put(key, value);
            }
        };
        assertThatThrownBy(() -> train(runs, types, y, gbt, nn, failing)).hasMessageContaining("simulated interruption");

        AtomicInteger trained = new AtomicInteger();
        AtomicInteger reused = new AtomicInteger();
        TaskStore counting = new TaskStore() {
            @Override
            public Optional<byte[]> get(String key) {
                Optional<byte[]> v = kept.get(key);
                v.ifPresent(b -> reused.incrementAndGet());
                return v;
            }

            @Override
            public void put(String key, byte[] value) {
                trained.incrementAndGet();
                kept.put(key, value);
            }
        };
        ModelTrainer.Outcome resumed = train(runs, types, y, gbt, nn, counting);
        assertThat(reused.get()).isEqualTo(7);
        assertThat(trained.get()).isEqualTo(tasks - 7);
        assertThat(resumed.ensemble()).isDeepEqualTo(uninterrupted.ensemble());
        assertThat(resumed.oof().get("nn")).isDeepEqualTo(uninterrupted.oof().get("nn"));
        assertThat(resumed.oof().get("gbt")).isDeepEqualTo(uninterrupted.oof().get("gbt"));
    }

    private static ModelTrainer.Outcome train(List<CleanRun> runs, List<InstrumentType> types, int[][] y, GbtConfig gbt,
                                              NnPreset nn, TaskStore store) {
        // one worker: the interruption then falls after exactly 7 finished fold models
        TrainingSettings settings = TrainingSettings.of(Preset.SMOKE, List.of("gbt", "nn"), 3, MemberRegistry.standard())
                .withMember("gbt", s -> gbt).withMember("nn", s -> nn).withSamMode(SamMode.BLEND);
        return ModelTrainer.train(new TrainingData(runs, y, types), settings, MemberRegistry.standard(), 1, store,
                TrainingListener.NONE);
    }
}
