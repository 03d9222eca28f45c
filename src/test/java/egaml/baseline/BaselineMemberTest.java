package egaml.baseline;

import egaml.core.EgamlDataException;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Preset;
import egaml.cv.LogLoss;
import egaml.ingest.CleanRun;
import egaml.ingest.CleanRunBuilder;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunLoader;
import egaml.ingest.RunParser;
import egaml.ingest.SampleRef;
import egaml.member.FamilyScores;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
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

class BaselineMemberTest {
    @TempDir
    Path dir;

    @Test
    void featuresAreTheBinnedPeakHeightsAboveEachChannelsMinimum() {
        CleanRunBuilder b = new CleanRunBuilder(new IngestConfig(IngestConfig.FractionalMz.DROP, 0.3, false, 100, 0.0, 0.98));
        double[][] rows = {{44, 50, 3}, {44, 150, 5}, {44, 420, 11}, {44, 480, 7}, {18, 50, 2}, {18, 1500, 4}, {18, -20, 1}};
        long line = 2;
        for (double[] r : rows) {
            b.row(line, line, r[1], r[0], r[2]);
            line++;
        }
        CleanRun run = b.build("T", new RunParser.Result(0, null));
        float[] f = BinFeatures.of(run);
        // m/z 44: minimum 3, so 150 C -> 2, 420 and 480 C -> max(8, 4) = 8, the run's largest value
        assertThat(f[BinFeatures.index(1, 44)]).isEqualTo(2f / 8);
        assertThat(f[BinFeatures.index(4, 44)]).isEqualTo(1f);
        assertThat(f[BinFeatures.index(0, 44)]).isZero();
        // m/z 18: minimum 1 (at -20 C, first bin), 1500 C -> last bin
        assertThat(f[BinFeatures.index(0, 18)]).isEqualTo(1f / 8);
        assertThat(f[BinFeatures.index(BinFeatures.BINS - 1, 18)]).isEqualTo(3f / 8);
        assertThat(BinFeatures.name(BinFeatures.index(4, 44))).isEqualTo("max_400-500C_mz44");
    }

    @Test
    void crossValidatesReproduciblyAndTheSavedMemberPredictsTheSame() throws IOException {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(60, 3).withSamFraction(0.1)).write(sim, false, 2, k -> { });
        Dataset d = Dataset.open(sim);
        List<SampleRef> labelled = d.labelled();
        List<CleanRun> runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { })
                .requireAll();
        List<InstrumentType> types = labelled.stream().map(SampleRef::instrumentType).toList();
        int[][] y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
        TrainingData data = new TrainingData(runs, y, types);
        BaselineSettings settings = BaselineSettings.preset(Preset.FAST).withSearch(
                List.of(BaselineSettings.Penalty.L1, BaselineSettings.Penalty.L2), List.of(0.3, 3.0));
        MemberTrainer trainer = new BaselineKind().trainer(settings);
        MemberTrainer.Fit fit = trainer.crossValidate(data, TrainingContext.of(11, 2));
        MemberTrainer.Fit again = trainer.crossValidate(data, TrainingContext.of(11, 1));
        assertThat(again.oof().get(BaselineMember.FAMILY)).isDeepEqualTo(fit.oof().get(BaselineMember.FAMILY));
        double loss = LogLoss.aggregated(y, fit.oof().memberProbabilities());
        double prior = LogLoss.aggregated(y, LogLoss.priorPredictions(y, y.length));
        assertThat(loss).isLessThan(prior);
        assertThat(fit.member().modelCount()).isEqualTo(5 * Label.COUNT);

        BaselineMember member = (BaselineMember) fit.member();
        FamilyScores before = member.predict(runs.subList(0, 7), 2);
        Path saved = dir.resolve("baseline");
        member.save(saved);
        try (var files = Files.list(saved.resolve("models"))) {
            assertThat(Files.readString(files.findFirst().orElseThrow())).startsWith("solver_type L"); // liblinear's format
        }
        FamilyScores after = BaselineMember.load(saved).predict(runs.subList(0, 7), 1);
        assertThat(after.get(BaselineMember.FAMILY)).isDeepEqualTo(before.get(BaselineMember.FAMILY));

        Files.writeString(saved.resolve("baseline.json"), "{\"format\":\"egaml-baseline\",\"formatVersion\":5}");
        assertThatThrownBy(() -> BaselineMember.load(saved)).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining("format version found 5, supported 1");
    }
}
