package egaml.gbt;

import egaml.TestData;
import egaml.core.EgamlDataException;
import egaml.core.Label;
import egaml.core.Preset;
import egaml.member.FamilyScores;
import egaml.member.TrainingListener;
import egaml.core.SeedSequence;
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

class GbtMemberTest {
    @TempDir
    Path dir;

    private record Data(List<CleanRun> runs, int[][] y) {
    }

    private static Data load(Dataset d, int limit) {
        List<SampleRef> labelled = d.labelled().subList(0, Math.min(limit, d.labelled().size()));
        List<CleanRun> runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { })
                .requireAll();
        int[][] y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
        return new Data(runs, y);
    }

    @Test
    void smokeCrossValidationOnRealRunsBeatsTheLabelPrior() {
        Data data = load(Dataset.open(TestData.sharedData()), 120);
        GbtCrossValidation.Result r = GbtCrossValidation.run(data.runs(), data.y(), GbtConfig.preset(Preset.SMOKE),
                new SeedSequence(1), 2, TrainingListener.NONE);
        double gbt = LogLoss.aggregated(data.y(), r.families().get("gbt_r10"));
        double prior = LogLoss.aggregated(data.y(), LogLoss.priorPredictions(data.y(), data.y().length));
        assertThat(gbt).isLessThan(prior);
        assertThat(r.models()).hasSize(2 * Label.COUNT);
        // same seed, same out-of-fold predictions
        GbtCrossValidation.Result again = GbtCrossValidation.run(data.runs(), data.y(), GbtConfig.preset(Preset.SMOKE),
                new SeedSequence(1), 1, TrainingListener.NONE);
        assertThat(again.families().get("gbt_r10")).isDeepEqualTo(r.families().get("gbt_r10"));
    }

    @Test
    void savedMemberPredictsExactlyAsTheTrainedOne() throws IOException {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(40, 5).withFormat(SimulationConfig.Format.COMMERCIAL)).write(sim, false, 2, k -> { });
        Data data = load(Dataset.open(sim), 40);
        GbtConfig config = GbtConfig.preset(Preset.SMOKE).toBuilder().calibrate(true).build();
        GbtCrossValidation.Result r = GbtCrossValidation.run(data.runs(), data.y(), config, new SeedSequence(9), 2,
                TrainingListener.NONE);
        assertThat(r.calibration().shifts()).containsOnlyKeys("gbt_r10");
        GbtMember member = GbtMember.of(r, 9, config);
        List<CleanRun> fresh = data.runs().subList(0, 6);
        FamilyScores before = member.predict(fresh, 2);
        Path saved = dir.resolve("model");
        member.save(saved);
        assertThat(saved.resolve("gbt.json")).exists();
        try (var files = Files.list(saved.resolve("models"))) {
            String first = Files.readString(files.findFirst().orElseThrow());
            assertThat(first).startsWith("tree"); // LightGBM's own text format
        }
        assertThat(Files.readString(saved.resolve("gbt.json"))).contains("\"calibration\"");
        GbtMember loaded = GbtMember.load(saved);
        assertThat(loaded.calibration().shifts().get("gbt_r10")).containsExactly(r.calibration().shifts().get("gbt_r10"));
        FamilyScores after = loaded.predict(fresh, 1);
        assertThat(after.get("gbt_r10")).isDeepEqualTo(before.get("gbt_r10"));
        assertThat(after.names()).containsExactly("gbt_r10");
        member.save(saved); // replacing an existing folder works
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sim", "model");
        }
    }

    @Test
    void damagedFoldersGiveClearErrors() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> GbtMember.load(empty)).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining("gbt.json").hasMessageContaining("is not a saved GBT member");
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("gbt.json"), "{ not json");
        assertThatThrownBy(() -> GbtMember.load(bad)).hasMessageContaining("not valid JSON");
        Files.writeString(bad.resolve("gbt.json"), "{\"format\":\"egaml-gbt\",\"formatVersion\":99}");
        assertThatThrownBy(() -> GbtMember.load(bad)).hasMessageContaining("format version found 99, supported 1");
        Files.writeString(bad.resolve("gbt.json"), "{\"format\":\"egaml-gbt\",\"formatVersion\":1,\"baseFeatures\":3704,"
                + "\"seed\":1,\"config\":{\"realisations\":1,\"repeats\":1,\"folds\":2,\"searchIterations\":0,"
                + "\"innerFolds\":2,\"maxTrees\":0,\"augment\":true,\"maxBin\":255},\"realisations\":[{\"index\":0,\"trimRange\":10,\"windowOffset\":3}],"
                + "\"models\":[{\"realisation\":0,\"repeat\":0,\"fold\":0,\"label\":\"basalt\",\"pairIons\":[],"
                + "\"file\":\"models/x.txt\"}]}");
        assertThatThrownBy(() -> GbtMember.load(bad)).hasMessageContaining("models/x.txt")
                .hasMessageContaining("missing model file");
    }

    /**
     * Interop: LightGBM given only the exported tables and the saved text models (loaded from the files, inputs picked
     * by the feature names the models record) reproduces every booster's raw score as egaml computes it.
     */
    @Test
    void exportedBoosterInputsReproduceEveryRawScoreFromTheTextModels() throws Exception {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(40, 6).withFormat(SimulationConfig.Format.COMMERCIAL)).write(sim, false, 2, k -> { });
        Data data = load(Dataset.open(sim), 40);
        GbtConfig config = GbtConfig.preset(Preset.SMOKE).toBuilder().realisations(2).build();
        GbtMember member = GbtMember.of(GbtCrossValidation.run(data.runs(), data.y(), config, new SeedSequence(4), 2,
                TrainingListener.NONE), 4, config);
        Path saved = dir.resolve("model");
        member.save(saved);
        List<CleanRun> fresh = data.runs().subList(0, 12);
        Path export = dir.resolve("export");
        BoosterInputs.write(export, member, BoosterInputs.of(member, fresh, 2), saved.toString());

        BoosterInputsCheck.Result check = BoosterInputsCheck.run(export, member, fresh);
        assertThat(check.boosters()).isEqualTo(member.models().stream().filter(m -> m.model() != null).count())
                .isGreaterThanOrEqualTo(2 * Label.COUNT - 4);
        assertThat(check.largestDifference()).isLessThanOrEqualTo(1e-9);
        // each text model names its inputs: the base features, then its own pair features
        for (FoldModel m : member.models().stream().filter(m -> m.model() != null).toList()) {
            String names = m.model().lines().filter(l -> l.startsWith("feature_names=")).findFirst().orElseThrow();
            assertThat(names).isEqualTo("feature_names=" + String.join(" ", m.inputNames()));
        }
        // a table that lacks a column a booster reads is named
        Path table = export.resolve("realisation_0.csv");
        List<String> lines = Files.readAllLines(table);
        Files.write(table, lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        assertThatThrownBy(() -> BoosterInputsCheck.run(export, member, fresh)).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining("realisation_0.csv").hasMessageContaining("no column pair_");
    }
}
