package egaml.nn;

import egaml.TestData;
import egaml.core.EgamlDataException;
import egaml.core.Preset;
import egaml.core.SeedSequence;
import egaml.member.FamilyScores;
import egaml.member.TrainingListener;
import egaml.cv.LogLoss;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.sim.SimulationConfig;
import egaml.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NnCrossValidationTest {
    @TempDir
    Path dir;

    private record Data(List<CleanRun> runs, int[][] y, boolean[] sam) {
    }

    private static Data load(Dataset d, int limit) {
        List<SampleRef> labelled = d.labelled().subList(0, Math.min(limit, d.labelled().size()));
        List<CleanRun> runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { })
                .requireAll();
        int[][] y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
        boolean[] sam = new boolean[y.length];
        for (int i = 0; i < sam.length; i++) {
            sam[i] = runs.get(i).summary().detectedType() == egaml.core.InstrumentType.SAM_TESTBED;
        }
        return new Data(runs, y, sam);
    }

    @Test
    void smokeCrossValidationOnRealRunsBeatsTheLabelPriorAndRepeatsExactly() {
        // the network needs a few hundred samples to learn anything at the reference's learning rate
        Data data = load(Dataset.open(TestData.sharedData()), 300);
        NnPreset smoke = NnPreset.of(Preset.SMOKE);
        NnCrossValidation.Result r = NnCrossValidation.run(data.runs(), data.y(), data.sam(), smoke, new SeedSequence(1), 2, TrainingListener.NONE);
        double nn = LogLoss.aggregated(data.y(), r.familyLogits().memberProbabilities());
        double prior = LogLoss.aggregated(data.y(), LogLoss.priorPredictions(data.y(), data.y().length));
        assertThat(nn).isLessThan(prior);
        assertThat(r.models()).hasSize(smoke.folds());
        assertThat(r.familyLogits().names()).containsExactly("nn_share_wd1e-04");
        // same seed, same predictions, whether the fold models train one or two at a time
        List<CleanRun> few = data.runs().subList(0, 40);
        int[][] fewY = java.util.Arrays.copyOf(data.y(), 40);
        boolean[] fewSam = java.util.Arrays.copyOf(data.sam(), 40);
        NnPreset quick = smoke.withEpochs(2, 2);
        NnCrossValidation.Result one = NnCrossValidation.run(few, fewY, fewSam, quick, new SeedSequence(1), 1, TrainingListener.NONE);
        NnCrossValidation.Result two = NnCrossValidation.run(few, fewY, fewSam, quick, new SeedSequence(1), 2, TrainingListener.NONE);
        assertThat(two.familyLogits().meanLogits()).isDeepEqualTo(one.familyLogits().meanLogits());
        NnCrossValidation.Result other = NnCrossValidation.run(few, fewY, fewSam, quick, new SeedSequence(2), 2, TrainingListener.NONE);
        assertThat(other.familyLogits().meanLogits()).isNotEqualTo(one.familyLogits().meanLogits());
    }

    @Test
    void samSamplesArePredictedByEveryFoldModelButNeverTrainedOn() {
        int n = 40;
        int[][] y = new int[n][10];
        boolean[] sam = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i][i % 10] = 1;
            y[i][(i * 7) % 10] = 1;
        }
        sam[3] = sam[17] = sam[30] = true;
        NnPreset preset = NnPreset.of(Preset.FAST).withRepeatsAndFolds(2, 4);
        List<NnCrossValidation.Task> tasks = NnCrossValidation.plan(y, sam, preset, 2, new SeedSequence(5));
        assertThat(tasks).hasSize(2 * 2 * 4);
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < 2; r++) {
                int[] predicted = new int[n];
                for (NnCrossValidation.Task t : tasks) {
                    if (t.config() != c || t.repeat() != r) {
                        continue;
                    }
                    for (int row : t.train()) {
                        assertThat(sam[row]).as("SAM row %d in training", row).isFalse();
                    }
                    assertThat(t.train().length + t.inference().length).isEqualTo(n);
                    for (int row : t.inference()) {
                        predicted[row]++;
                    }
                }
                for (int i = 0; i < n; i++) {
                    // a commercial sample once per repeat, a SAM sample by every fold model
                    assertThat(predicted[i]).as("row %d", i).isEqualTo(sam[i] ? 4 : 1);
                }
            }
        }
        // repeats and configurations use different splits
        assertThat(tasks.get(0).train()).isNotEqualTo(tasks.get(4).train());
    }

    @Test
    void savedMemberPredictsExactlyAsTheTrainedOne() throws IOException {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(30, 5).withFormat(SimulationConfig.Format.COMMERCIAL)).write(sim, false, 2, k -> { });
        Data data = load(Dataset.open(sim), 30);
        NnPreset preset = NnPreset.of(Preset.SMOKE).toBuilder().scalingSets(List.of(NnPreset.SHARE, NnPreset.ALL_SQRT))
                .epochs(2, 2).activation(NnActivation.RRELU_REFERENCE).inputDropoutMode(TapTable.InputDropout.Mode.SERIES)
                .blockDropoutAll(true).weightDecay(1e-3).averaging(NnPreset.Averaging.parse("logits:1")).build();
        NnCrossValidation.Result r = NnCrossValidation.run(data.runs(), data.y(), data.sam(), preset, new SeedSequence(9), 2, TrainingListener.NONE);
        NnMember member = NnMember.of(r, 9, preset);
        List<CleanRun> fresh = data.runs().subList(0, 5);
        FamilyScores before = member.predict(fresh, 2);
        // models dealt to three threads (an uneven split across the configurations) predict the same
        FamilyScores three = member.predict(fresh, 3);
        for (String family : before.names()) {
            assertThat(three.get(family)).isDeepEqualTo(before.get(family));
        }
        Path saved = dir.resolve("nn");
        member.save(saved);
        assertThat(saved.resolve("nn.json")).exists();
        try (var files = Files.list(saved.resolve("models"))) {
            assertThat(files.count()).isEqualTo(8); // 2 configurations x 2 folds x 2 averaged epochs
        }
        FamilyScores after = NnMember.load(saved).predict(fresh, 1);
        assertThat(after.meanLogits()).isDeepEqualTo(before.meanLogits());
        assertThat(after.names()).containsExactly("nn_share_wd1e-03", "nn_max+share+ion^0.5_wd1e-03");
        assertThat(member.families().stream().map(f -> f.samRole()).toList())
                .containsExactly(egaml.member.SamRole.NETWORK, egaml.member.SamRole.NETWORK_PREFERRED);
        exportHoldsTheParametersAndTheLogitsEgamlPredicts(member, fresh, before);

        Path file;
        try (var files = Files.list(saved.resolve("models"))) {
            file = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> NnMember.load(saved)).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining("checksum");
    }

    /**
     * The NumPy export: every snapshot's arrays are its parameters by name, and the exported logits, averaged as
     * egaml averages them (snapshots, then fold models of a family), are the member's own prediction.
     */
    private void exportHoldsTheParametersAndTheLogitsEgamlPredicts(NnMember member, List<CleanRun> runs,
                                                                   FamilyScores predicted) throws IOException {
        Path export = dir.resolve("export");
        NnExport.write(export, member, runs);
        var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(export.resolve(NnExport.MANIFEST).toFile());
        assertThat(manifest.path("snapshots")).hasSize(8);
        try (ai.djl.ndarray.NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
             var logitsIn = Files.newInputStream(export.resolve("expected_logits.npz"))) {
            ai.djl.ndarray.NDList logits = ai.djl.ndarray.NDList.decode(m, logitsIn);
            ai.djl.ndarray.NDList exact;
            try (var in = Files.newInputStream(export.resolve("expected_logits_float64.npz"))) {
                exact = ai.djl.ndarray.NDList.decode(m, in);
            }
            // the same networks in double precision: the float32 predictions differ only by rounding
            for (ai.djl.ndarray.NDArray e : exact) {
                assertThat(e.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT64);
                double[] wide = e.toDoubleArray();
                float[] narrow = logits.get(e.getName()).toFloatArray();
                for (int i = 0; i < wide.length; i++) {
                    assertThat((double) narrow[i]).isCloseTo(wide[i], org.assertj.core.api.Assertions.within(1e-3));
                }
            }
            java.util.Map<String, double[][]> sums = new java.util.HashMap<>();
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            for (NnFoldModel fold : member.models()) {
                NnConfig config = member.configurations().get(fold.configuration());
                double[][] foldMean = new double[runs.size()][EgaNet.LABELS];
                for (int s = 0; s < fold.snapshots().size(); s++) {
                    String name = NnExport.snapshotName(fold, s);
                    EgaNet net = new EgaNet(config.architecture());
                    try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(fold.snapshots().get(s)));
                         var npz = Files.newInputStream(export.resolve("weights").resolve(name + ".npz"))) {
                        net.load(m, in);
                        ai.djl.ndarray.NDList arrays = ai.djl.ndarray.NDList.decode(m, npz);
                        assertThat(arrays).hasSize(net.parameterList().size());
                        for (int k = 0; k < arrays.size(); k++) {
                            ai.djl.nn.Parameter p = net.parameterList().get(k);
                            assertThat(arrays.get(k).getName()).isEqualTo(p.getName());
                            assertThat(arrays.get(k).getShape()).isEqualTo(net.shapeOf(p.getName()));
                            assertThat(arrays.get(k).toFloatArray()).containsExactly(p.getArray().toFloatArray());
                        }
                    }
                    float[] values = logits.get(name).toFloatArray();
                    for (int i = 0; i < runs.size(); i++) {
                        for (int l = 0; l < EgaNet.LABELS; l++) {
                            foldMean[i][l] += (double) values[i * EgaNet.LABELS + l] / fold.snapshots().size();
                        }
                    }
                }
                double[][] sum = sums.computeIfAbsent(config.family(), f -> new double[runs.size()][EgaNet.LABELS]);
                for (int i = 0; i < runs.size(); i++) {
                    for (int l = 0; l < EgaNet.LABELS; l++) {
                        sum[i][l] += (float) foldMean[i][l];
                    }
                }
                counts.merge(config.family(), 1, Integer::sum);
            }
            for (String family : predicted.names()) {
                double[][] expected = predicted.get(family);
                for (int i = 0; i < runs.size(); i++) {
                    for (int l = 0; l < EgaNet.LABELS; l++) {
                        assertThat(sums.get(family)[i][l] / counts.get(family)).isCloseTo(expected[i][l],
                                org.assertj.core.api.Assertions.within(1e-5));
                    }
                }
            }
            try (var x = Files.newInputStream(export.resolve("inputs_c1.npz"))) {
                assertThat(ai.djl.ndarray.NDList.decode(m, x).get("x").getShape())
                        .isEqualTo(new ai.djl.ndarray.types.Shape(runs.size(), 3, EgaNet.IONS, EgaNet.TEMPERATURES));
            }
        }
        assertThat(Files.readAllLines(export.resolve("sample_ids.csv"))).hasSize(runs.size() + 1);
    }
}
