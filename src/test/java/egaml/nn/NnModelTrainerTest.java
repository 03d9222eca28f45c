package egaml.nn;

import egaml.core.Preset;
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
        NnThreads.use(1); // as every training thread does: results depend on PyTorch's thread count
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
        NnPreset preset = NnPreset.of(Preset.SMOKE).toBuilder().epochs(3, 3).activation(NnActivation.RRELU_REFERENCE)
                .blockDropoutAll(true).weightDecay(1e-3).averaging(NnPreset.Averaging.parse(averaging)).build();
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
        NnFoldModel model = new NnFoldModel(0, 0, 0, r.snapshots());
        float[][][] both = NnMember.predictShare(config, List.of(model, model), inputs, held);
        assertThat(both[1]).isDeepEqualTo(both[0]); // predicting several models at once changes none of them
        float[][] again = both[0];
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
        NnConfig config = NnPreset.of(Preset.SMOKE).configurations(new SeedSequence(1)).get(0);
        NnInputs inputs = NnInputs.of(runs, config, new SeedSequence(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                NnModelTrainer.train(inputs, y, new int[] {1, 2, 3}, new int[] {4}, config, 1, null))
                .hasMessageContaining("fewer than one batch");
    }

    /** Gain jitter changes the training inputs as the scalings say, is seeded, and leaves prediction inputs alone. */
    @Test
    void gainJitterRescalesEachIonAndIsSeeded() {
        List<egaml.preprocess.Scaling> sets = List.of(egaml.preprocess.Scaling.max(), egaml.preprocess.Scaling.share(),
                egaml.preprocess.Scaling.ion(1));
        NnPreset preset = NnPreset.of(Preset.SMOKE).withScalingSets(List.of(sets)).withTraining(0.5, LearningRateSchedule.CONSTANT);
        NnConfig config = preset.configurations(new SeedSequence(4)).get(0);
        NnInputs inputs = NnInputs.of(runs, config, new SeedSequence(4));
        int[] rows = {3, 7};
        List<float[]> plain = inputs.select(rows);
        List<float[]> a = inputs.jittered(rows, 0.5, new java.util.SplittableRandom(9));
        List<float[]> b = inputs.jittered(rows, 0.5, new java.util.SplittableRandom(9));
        assertThat(a.get(0)).isEqualTo(b.get(0));
        assertThat(inputs.jittered(rows, 0, new java.util.SplittableRandom(9)).get(1)).isSameAs(plain.get(1));
        int t = EgaNet.TEMPERATURES;
        int ions = EgaNet.IONS;
        for (int k = 0; k < rows.length; k++) {
            float[] p = plain.get(k);
            float[] j = a.get(k);
            boolean changed = false;
            for (int m = 0; m < ions; m++) {
                // max: every temperature of an m/z row is multiplied by the same gain
                double gain = Double.NaN;
                for (int i = 0; i < t; i++) {
                    int at = m * t + i;
                    if (Math.abs(p[at]) > 1e-3) {
                        double g = j[at] / p[at];
                        if (Double.isNaN(gain)) {
                            gain = g;
                        }
                        assertThat(g).isCloseTo(gain, within(1e-3 * gain));
                    }
                }
                changed |= !Double.isNaN(gain) && Math.abs(gain - 1) > 1e-3;
                // ion^1: each ion divided by its own total, so the gain cancels
                for (int i = 0; i < t; i++) {
                    int at = (2 * ions + m) * t + i;
                    assertThat((double) j[at]).isCloseTo(p[at], within(1e-4 + 1e-4 * Math.abs(p[at])));
                }
            }
            assertThat(changed).isTrue();
            // share: still sums to 1 over m/z wherever the temperature has signal
            for (int i = 0; i < t; i++) {
                double sum = 0;
                double before = 0;
                for (int m = 0; m < ions; m++) {
                    sum += j[(ions + m) * t + i];
                    before += p[(ions + m) * t + i];
                }
                if (Math.abs(before - 1) < 1e-3) {
                    assertThat(sum).isCloseTo(1, within(1e-3));
                }
            }
        }
        NnInputs noJitter = NnInputs.of(runs, preset.withTraining(0, LearningRateSchedule.CONSTANT).configurations(new SeedSequence(4)).get(0),
                new SeedSequence(4));
        assertThat(noJitter.spectrograms()).isEmpty();
        assertThat(noJitter.select(rows).get(0)).isEqualTo(plain.get(0));
    }

    @Test
    void cosineScheduleAndJitterTrainReproducibly() {
        NnConfig config = NnPreset.of(Preset.SMOKE).withEpochs(2, 2).withTraining(0.5, LearningRateSchedule.COSINE)
                .configurations(new SeedSequence(5)).get(0);
        assertThat(config.learningRateFactor(0, 10)).isEqualTo(1.0);
        assertThat(config.learningRateFactor(5, 10)).isCloseTo(0.5, within(1e-12));
        assertThat(config.learningRateFactor(9, 10)).isCloseTo(0.0245, within(1e-4));
        NnInputs inputs = NnInputs.of(runs, config, new SeedSequence(5));
        int[] train = java.util.stream.IntStream.range(0, 24).toArray();
        int[] held = java.util.stream.IntStream.range(24, 30).toArray();
        NnModelTrainer.Result a = NnModelTrainer.train(inputs, y, train, held, config, 3, null);
        NnModelTrainer.Result b = NnModelTrainer.train(inputs, y, train, held, config, 3, null);
        assertThat(a.logits()).isDeepEqualTo(b.logits());
        NnConfig constant = NnPreset.of(Preset.SMOKE).withEpochs(2, 2).configurations(new SeedSequence(5)).get(0);
        NnModelTrainer.Result c = NnModelTrainer.train(NnInputs.of(runs, constant, new SeedSequence(5)), y, train, held,
                constant, 3, null);
        assertThat(c.logits()[0][0]).isNotEqualTo(a.logits()[0][0]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LearningRateSchedule.parse("linear"))
                .hasMessageContaining("constant or cosine");
    }
}
