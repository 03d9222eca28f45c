package egaml.explain;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Logistic;
import egaml.core.Preset;
import egaml.ensemble.MemberRegistry;
import egaml.ensemble.ModelTrainer;
import egaml.ensemble.SamMode;
import egaml.ensemble.TrainedModel;
import egaml.ensemble.TrainingSettings;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.member.AttributionSettings;
import egaml.member.EvidenceMap;
import egaml.member.TrainingData;
import egaml.member.TrainingListener;
import egaml.sim.SimulationConfig;
import egaml.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EnsembleExplainerTest {
    @TempDir
    static Path dir;
    static List<CleanRun> runs;
    static List<InstrumentType> types;
    static TrainedModel model;

    @BeforeAll
    static void train() throws IOException {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(40, 31).withSamFraction(0.15)).write(sim, false, 2, k -> { });
        Dataset d = Dataset.open(sim);
        List<SampleRef> labelled = d.labelled();
        runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { }).requireAll();
        types = labelled.stream().map(SampleRef::instrumentType).toList();
        int[][] y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
        TrainingSettings settings = TrainingSettings.of(Preset.SMOKE, List.of("gbt", "nn"), 5, MemberRegistry.standard())
                .withSamMode(SamMode.BLEND);
        model = ModelTrainer.train(new TrainingData(runs, y, types), settings, MemberRegistry.standard(), 2,
                egaml.core.TaskStore.NONE, TrainingListener.NONE).model();
    }

    @Test
    void evidenceAddsUpToTheEnsembleLogitMinusItsReferenceOnBothInstrumentTypes() {
        List<Explanation> all = EnsembleExplainer.explain(model, runs, types, null, new AttributionSettings(4, 0), 2);
        double[][] predicted = model.predict(runs, types, 2);
        assertThat(types).contains(InstrumentType.SAM_TESTBED, InstrumentType.COMMERCIAL);
        double placed = 0;
        double runLevel = 0;
        for (int i = 0; i < runs.size(); i++) {
            Explanation e = all.get(i);
            for (int l = 0; l < Label.COUNT; l++) {
                EvidenceMap map = e.maps()[l];
                double cells = map.total() - map.runLevel();
                assertThat(map.total()).isCloseTo(e.logit()[l] - e.referenceLogit()[l], within(1e-9));
                placed += Math.abs(cells);
                runLevel += Math.abs(map.runLevel());
                assertThat(e.probability()[l]).isCloseTo(predicted[i][l], within(1e-4));
                assertThat(e.logit()[l]).isCloseTo(Logistic.logit(e.probability()[l], 1e-15), within(1e-9));
            }
            double shares = e.familyShares().values().stream().mapToDouble(s -> s[3]).sum();
            assertThat(shares).isCloseTo(e.logit()[3] - e.referenceLogit()[3], within(1e-6));
        }
        // the evidence is placed on ions, not left at run level: most of it sits in (m/z, temperature) cells
        assertThat(placed).isGreaterThan(3 * runLevel);
    }

    @Test
    void onlyTheAskedLabelsAreSplitAndTheProbabilitiesStayTheModels() {
        boolean[][] wanted = new boolean[runs.size()][Label.COUNT];
        for (int i = 0; i < runs.size(); i += 2) {
            wanted[i][Label.SULFATE.ordinal()] = true;
        }
        List<Explanation> some = EnsembleExplainer.explain(model, runs, types, wanted, new AttributionSettings(4, 1), 2);
        List<Explanation> all = EnsembleExplainer.explain(model, runs, types, null, new AttributionSettings(4, 1), 2);
        double[][] predicted = model.predict(runs, types, 2);
        for (int i = 0; i < runs.size(); i++) {
            for (int l = 0; l < Label.COUNT; l++) {
                EvidenceMap map = some.get(i).maps()[l];
                assertThat(some.get(i).probability()[l]).isCloseTo(predicted[i][l], within(1e-4));
                assertThat(map.total()).isCloseTo(some.get(i).logit()[l] - some.get(i).referenceLogit()[l], within(1e-9));
                if (wanted[i][l]) {
                    // the same evidence as when every label is split
                    for (int m = 0; m < EvidenceMap.IONS; m++) {
                        for (int k = 0; k < EvidenceMap.CELLS; k++) {
                            assertThat(map.cell(m, k)).isCloseTo(all.get(i).maps()[l].cell(m, k), within(1e-9));
                        }
                    }
                } else {
                    assertThat(map.total() - map.runLevel()).isZero();
                }
            }
        }
    }
}
