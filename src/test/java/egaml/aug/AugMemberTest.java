package egaml.aug;

import egaml.core.InstrumentType;
import egaml.core.Preset;
import egaml.cv.LogLoss;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.member.FamilyScores;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
import egaml.render.RenderBase;
import egaml.render.Renderer;
import egaml.sim.SimulationConfig;
import egaml.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AugMemberTest {
    @TempDir
    Path dir;

    private TrainingData simulated(int samples, long seed) throws IOException {
        Path sim = dir.resolve("sim" + seed);
        new Simulator(SimulationConfig.of(samples, seed).withFormat(SimulationConfig.Format.COMMERCIAL))
                .write(sim, false, 2, k -> { });
        Dataset d = Dataset.open(sim);
        List<SampleRef> labelled = d.labelled();
        List<CleanRun> runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { })
                .requireAll();
        int[][] y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
        return new TrainingData(runs, y, runs.stream().map(r -> InstrumentType.COMMERCIAL).toList());
    }

    @Test
    void theConvolutionIsTheDirectSum() {
        try (ai.djl.ndarray.NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(1);
            int[][] settings = {{1, 1, 1}, {2, 1, 1}, {1, 2, 2}};   // stride, padding, dilation as the network uses them
            for (int[] c : settings) {
                int b = 3;
                int in = 7;
                int len = 20;
                int out = 5;
                int taps = 3;
                float[] x = new float[b * in * len];
                float[] w = new float[out * in * taps];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextDouble();
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (2 * r.nextDouble() - 1);
                }
                float[] y = TemporalCnn.convolve(m.create(x, new ai.djl.ndarray.types.Shape(b, in, len)),
                        m.create(w, new ai.djl.ndarray.types.Shape(out, in, taps)), c[0], c[1], c[2]).toFloatArray();
                int lo = (len + 2 * c[1] - c[2] * (taps - 1) - 1) / c[0] + 1;
                assertThat(y).hasSize(b * out * lo);
                for (int s = 0; s < b; s++) {
                    for (int o = 0; o < out; o++) {
                        for (int q = 0; q < lo; q++) {
                            double sum = 0;
                            for (int i = 0; i < in; i++) {
                                for (int j = 0; j < taps; j++) {
                                    int at = q * c[0] + j * c[2] - c[1];
                                    if (at >= 0 && at < len) {
                                        sum += w[(o * in + i) * taps + j] * x[(s * in + i) * len + at];
                                    }
                                }
                            }
                            assertThat((double) y[(s * out + o) * lo + q]).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-4));
                        }
                    }
                }
            }
        }
    }

    @Test
    void networkShapesAndATinyTrainingThatLearns() throws IOException {
        TemporalCnn net = new TemporalCnn(32, 0.2);
        assertThat(net.shapeOf("conv1")).isEqualTo(new ai.djl.ndarray.types.Shape(32, 101, 3));
        assertThat(net.shapeOf("head_weight")).isEqualTo(new ai.djl.ndarray.types.Shape(10, 320));
        TrainingData data = simulated(120, 3);
        AugSettings s = AugSettings.preset(Preset.SMOKE).with(12, 1, 32, 2).withTraining(3e-3, 1e-4, 0.25, 16);
        MemberTrainer.Fit fit = new AugKind().trainer(s).crossValidate(data, TrainingContext.of(5, 2));
        double loss = LogLoss.aggregated(data.y(), fit.oof().memberProbabilities());
        double prior = LogLoss.aggregated(data.y(), LogLoss.priorPredictions(data.y(), data.y().length));
        assertThat(loss).as(fit.summary().toString()).isLessThan(prior);
        assertThat(fit.summary()).anySatisfy(line -> assertThat(line).startsWith("aug_tcnn out-of-fold")
                .contains("0: ").contains("1: ").contains("4: ").contains("8: "));

        // saved and loaded, the member predicts new runs exactly as before; the same seed trains the same member
        AugMember member = (AugMember) fit.member();
        List<CleanRun> fresh = simulated(6, 8).runs();
        FamilyScores before = member.predict(fresh, 2);
        assertThat(member.predict(fresh, 1).get(AugMember.FAMILY)).isDeepEqualTo(before.get(AugMember.FAMILY));
        Path saved = dir.resolve("aug");
        member.save(saved);
        assertThat(saved.resolve("aug.json")).exists();
        try (var files = Files.list(saved.resolve("models"))) {
            assertThat(files.count()).isEqualTo(2);
        }
        AugMember loaded = AugMember.load(saved, true);
        assertThat(loaded.predict(fresh, 2).get(AugMember.FAMILY)).isDeepEqualTo(before.get(AugMember.FAMILY));
        // a member saved before the recurrent family (no network names in aug.json) loads as the temporal CNN
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(saved.resolve("aug.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("settings")).remove("networks");
        root.get("models").forEach(m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m).remove("network"));
        json.writeValue(saved.resolve("aug.json").toFile(), root);
        AugMember old = AugMember.load(saved, true);
        assertThat(old.settings().networks()).containsExactly("tcnn");
        assertThat(old.predict(fresh, 2).get(AugMember.FAMILY)).isDeepEqualTo(before.get(AugMember.FAMILY));
        MemberTrainer.Fit again = new AugKind().trainer(s).crossValidate(data, TrainingContext.of(5, 1));
        assertThat(again.oof().get(AugMember.FAMILY)).isDeepEqualTo(fit.oof().get(AugMember.FAMILY));
    }

    @Test
    void theRecurrentFamilyHasPyTorchsGruLayoutAndItsForwardShape() {
        RecurrentNet net = new RecurrentNet(32, 0.2);
        // torch.nn.GRU(32, 16, bidirectional=True, batch_first=True) names and shapes, so saved weights map onto it
        assertThat(net.shapeOf("weight_ih_l0")).isEqualTo(new ai.djl.ndarray.types.Shape(48, 32));
        assertThat(net.shapeOf("weight_hh_l0_reverse")).isEqualTo(new ai.djl.ndarray.types.Shape(48, 16));
        assertThat(net.shapeOf("bias_hh_l0")).isEqualTo(new ai.djl.ndarray.types.Shape(48));
        assertThat(net.shapeOf("head_weight")).isEqualTo(new ai.djl.ndarray.types.Shape(10, 12 * 32));
        try (ai.djl.ndarray.NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
            net.initialize(m, new java.util.SplittableRandom(2));
            ai.djl.ndarray.NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(3, 101, 80));
            ai.djl.ndarray.NDArray logits = net.logits(x, false, null);
            assertThat(logits.getShape()).isEqualTo(new ai.djl.ndarray.types.Shape(3, 10));
            // a sample's logits do not depend on the others in its batch
            float[] alone = net.logits(x.get("0:1"), false, null).toFloatArray();
            float[] inBatch = java.util.Arrays.copyOf(logits.toFloatArray(), 10);
            for (int l = 0; l < 10; l++) {
                assertThat(alone[l]).isCloseTo(inBatch[l], org.assertj.core.api.Assertions.within(1e-5f));
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AugNetwork.create("lstm", 32, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcnn, gru");
    }

    @Test
    void bothFamiliesTrainOnTheSameFoldsLearnReproduciblyAndRoundTrip() throws IOException {
        TrainingData data = simulated(120, 3);
        AugSettings s = AugSettings.preset(Preset.SMOKE).with(12, 1, 32, 2).withTraining(3e-3, 1e-4, 0.25, 16)
                .withNetworks(List.of("tcnn", "gru"));
        MemberTrainer.Fit fit = new AugKind().trainer(s).crossValidate(data, TrainingContext.of(5, 2));
        assertThat(fit.oof().names()).containsExactly("aug_tcnn", "aug_gru");
        double prior = LogLoss.aggregated(data.y(), LogLoss.priorPredictions(data.y(), data.y().length));
        double gru = LogLoss.aggregated(data.y(), FamilyScores.sigmoid(fit.oof().get("aug_gru")));
        assertThat(gru).as(fit.summary().toString()).isLessThan(prior);
        // the temporal CNN's fold models are the ones it trains alone (same seeds and folds)
        MemberTrainer.Fit alone = new AugKind().trainer(s.withNetworks(List.of("tcnn")))
                .crossValidate(data, TrainingContext.of(5, 2));
        assertThat(fit.oof().get("aug_tcnn")).isDeepEqualTo(alone.oof().get("aug_tcnn"));
        // the same seed trains the same recurrent networks, whatever the thread count
        MemberTrainer.Fit again = new AugKind().trainer(s).crossValidate(data, TrainingContext.of(5, 1));
        assertThat(again.oof().get("aug_gru")).isDeepEqualTo(fit.oof().get("aug_gru"));

        AugMember member = (AugMember) fit.member();
        assertThat(member.families()).extracting(egaml.member.Family::name).containsExactly("aug_tcnn", "aug_gru");
        List<CleanRun> fresh = simulated(5, 8).runs();
        FamilyScores before = member.predict(fresh, 2);
        Path saved = dir.resolve("aug2");
        member.save(saved);
        try (var files = Files.list(saved.resolve("models"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .contains("aug_gru_r0_f0.params", "aug_tcnn_r0_f1.params").hasSize(4);
        }
        AugMember loaded = AugMember.load(saved, true);
        FamilyScores after = loaded.predict(fresh, 1);
        assertThat(after.get("aug_gru")).isDeepEqualTo(before.get("aug_gru"));
        assertThat(after.get("aug_tcnn")).isDeepEqualTo(before.get("aug_tcnn"));
    }

    @Test
    void foldModelsStartFromTheNetworkPretrainedOnOtherRunsReproducibly() throws IOException {
        TrainingData data = simulated(40, 4);
        TrainingData pretraining = simulated(48, 9);
        AugSettings plain = AugSettings.preset(Preset.SMOKE).with(2, 1, 16, 2).withTraining(3e-3, 1e-4, 0.25, 8);
        AugSettings pre = plain.withPretraining(3);
        TrainingContext context = new TrainingContext(5, 2, null, false, null, pretraining);
        MemberTrainer.Fit without = new AugKind().trainer(plain).crossValidate(data, context);
        MemberTrainer.Fit with = new AugKind().trainer(pre).crossValidate(data, context);
        MemberTrainer.Fit again = new AugKind().trainer(pre).crossValidate(data,
                new TrainingContext(5, 1, null, false, null, pretraining));
        // the pretraining epochs change where the fold models start, and the same seed gives the same member
        assertThat(java.util.Arrays.deepEquals(with.oof().get(AugMember.FAMILY), without.oof().get(AugMember.FAMILY)))
                .isFalse();
        assertThat(again.oof().get(AugMember.FAMILY)).isDeepEqualTo(with.oof().get(AugMember.FAMILY));
        // pretraining runs are not predicted: the out-of-fold table covers the training runs only
        assertThat(with.oof().get(AugMember.FAMILY)).hasNumberOfRows(data.size());
        // asked to pretrain with nothing to pretrain on: an error that says what is missing
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AugKind().trainer(pre)
                        .crossValidate(data, TrainingContext.of(5, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--pretrain-data");
    }

    @Test
    void aNetworkGivingANonFiniteLogitIsStoppedWithTheRowNotPassedOn() throws IOException {
        List<RenderBase> bases = simulated(3, 6).runs().stream().map(RenderBase::of).toList();
        try (ai.djl.ndarray.NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
            TemporalCnn net = new TemporalCnn(16, 0.0);
            net.initialize(m, new java.util.SplittableRandom(1));
            ai.djl.ndarray.NDArray bias = net.parameterList().stream().filter(p -> p.getName().equals("head_bias"))
                    .findFirst().orElseThrow().getArray();
            float[] values = bias.toFloatArray();
            values[3] = Float.NaN;
            bias.set(values);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AugModelTrainer.predict(m, net, bases,
                            new int[] {0, 1, 2}, AugSettings.preset(Preset.SMOKE).render(), null, 0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("non-finite logit (NaN)")
                    .hasMessageContaining("input row 0");
        }
    }

    @Test
    void itsFoldModelsAreUnitsThatAKeptStoreAssemblesIntoTheSameMember() throws IOException {
        TrainingData data = simulated(40, 4);
        AugSettings s = AugSettings.preset(Preset.SMOKE).with(2, 1, 16, 2).withTraining(3e-3, 1e-4, 0.25, 8);
        MemberTrainer trainer = new AugKind().trainer(s);
        MemberTrainer.Fit direct = trainer.crossValidate(data, TrainingContext.of(5, 2));
        egaml.member.UnitPlan plan = trainer.units(data, TrainingContext.of(5, 1));
        assertThat(plan.keys()).containsExactly("aug/r0_f0", "aug/r0_f1");
        assertThat(plan.group("aug/r0_f1")).isEqualTo(plan.group("aug/r0_f0"));
        java.util.Map<String, byte[]> units = new java.util.HashMap<>();
        plan.keys().forEach(k -> units.put(k, plan.run(k)));
        egaml.core.TaskStore kept = new egaml.core.TaskStore() {
            @Override
            public java.util.Optional<byte[]> get(String key) {
                return java.util.Optional.ofNullable(units.get(key));
            }

            @Override
            public void put(String key, byte[] value) {
                throw new AssertionError("trained " + key + " again");
            }
        };
        MemberTrainer.Fit assembled = trainer.crossValidate(data, new TrainingContext(5, 2, kept, false, null));
        assertThat(assembled.oof().get(AugMember.FAMILY)).isDeepEqualTo(direct.oof().get(AugMember.FAMILY));
        List<CleanRun> fresh = simulated(3, 8).runs();
        assertThat(assembled.member().predict(fresh, 1).get(AugMember.FAMILY))
                .isDeepEqualTo(direct.member().predict(fresh, 1).get(AugMember.FAMILY));
    }

    @Test
    void renderingsOfRealRunsOfBothInstrumentsAreReproducibleAndInRange() {
        // the input stage as the trainer sees it: a canonical image and random ones, reproducible from the seed
        Dataset real = Dataset.open(egaml.TestData.sharedData());
        List<SampleRef> picked = new java.util.ArrayList<>(real.labelled().subList(0, 3));
        picked.add(real.labelled().stream().filter(r -> r.instrumentType() == InstrumentType.SAM_TESTBED).findFirst()
                .orElseThrow());
        List<CleanRun> runs = DatasetLoader.load(picked, new RunLoader(IngestConfig.defaults(), null), 2, k -> { })
                .requireAll();
        for (CleanRun run : runs) {
            RenderBase base = RenderBase.of(run);
            float[] canonical = Renderer.canonical(base);
            assertThat(canonical).hasSize(100 * 80);
            float[] a = Renderer.random(base, AugSettings.preset(Preset.FAST).render(), new java.util.SplittableRandom(1));
            float[] b = Renderer.random(base, AugSettings.preset(Preset.FAST).render(), new java.util.SplittableRandom(1));
            assertThat(a).containsExactly(b);
            float max = -5;
            for (float v : a) {
                max = Math.max(max, v);
                assertThat(v).isBetween(-4f, 0f);
            }
            assertThat(max).isEqualTo(0f);
        }
    }
}
