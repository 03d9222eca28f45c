package egaml.nn;

import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.sim.SimulationConfig;
import egaml.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NnModelTrainerTest {
    @TempDir
    static Path dir;
    static List<CleanRun> runs;
    static int[][] y;

    @BeforeAll
    static void simulate() throws IOException {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(30, 8).withFormat(SimulationConfig.Format.COMMERCIAL)).write(sim, false, 2, k -> { });
        Dataset d = Dataset.open(sim);
        List<SampleRef> labelled = d.labelled();
        runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { }).requireAll();
        y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
    }

    /** The saved networks reproduce the held-out logits of training, whichever epochs are used. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "logits:2", "logits:1:2", "weights:2"})
    void savedSnapshotsReproduceTheHeldOutLogits(String averaging) {
        NnPreset preset = NnPreset.named("smoke").withEpochs(3, 3)
                .withVariants(NnActivation.RRELU_REFERENCE, TapTable.InputDropout.Mode.ELEMENT, true, 1e-3,
                        NnPreset.Averaging.parse(averaging));
        NnConfig config = preset.configurations(new SeedSequence(4)).get(0);
        NnInputs inputs = NnInputs.of(runs, config, new SeedSequence(4));
        int[] train = new int[24];
        int[] held = new int[6];
        for (int i = 0; i < 30; i++) {
            if (i < 24) {
                train[i] = i;
            } else {
                held[i - 24] = i;
            }
        }
        int[] epochs = new int[1];
        NnModelTrainer.Result r = NnModelTrainer.train(inputs, y, train, held, config, 77, (e, loss) -> {
            assertThat(loss).isFinite().isPositive();
            epochs[0]++;
        });
        assertThat(epochs[0]).isEqualTo(3);
        int expectedSnapshots = switch (averaging) {
            case "logits:2" -> 2;
            case "logits:1:2" -> 2; // epochs 1 and 3
            default -> 1;
        };
        assertThat(r.snapshots()).hasSize(expectedSnapshots);
        NnThreads.use(1);
        float[][] again = NnMember.predictOne(config, new NnFoldModel(0, 0, 0, r.snapshots()), inputs, held);
        for (int i = 0; i < held.length; i++) {
            for (int l = 0; l < 10; l++) {
                assertThat((double) again[i][l]).isCloseTo(r.logits()[i][l], within(1e-3 + 1e-5 * Math.abs(r.logits()[i][l])));
            }
        }
        // the same seed trains the same network
        NnModelTrainer.Result same = NnModelTrainer.train(inputs, y, train, held, config, 77, null);
        assertThat(same.logits()).isDeepEqualTo(r.logits());
    }

    @Test
    void refusesTooFewTrainingSamples() {
        NnConfig config = NnPreset.named("smoke").configurations(new SeedSequence(1)).get(0);
        NnInputs inputs = NnInputs.of(runs, config, new SeedSequence(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                NnModelTrainer.train(inputs, y, new int[] {1, 2, 3}, new int[] {4}, config, 1, null))
                .hasMessageContaining("fewer than one batch");
    }
}
