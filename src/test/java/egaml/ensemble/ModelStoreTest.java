package egaml.ensemble;

import egaml.core.EgamlDataException;
import egaml.core.InstrumentType;
import egaml.core.Preset;
import egaml.cv.LogLoss;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.member.Family;
import egaml.member.SamRole;
import egaml.member.TrainingData;
import egaml.member.TrainingListener;
import egaml.sim.SimulationConfig;
import egaml.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelStoreTest {
    @TempDir
    static Path dir;
    static List<CleanRun> runs;
    static List<InstrumentType> types;
    static int[][] y;
    static ModelTrainer.Outcome outcome;
    static Path saved;

    @BeforeAll
    static void train() throws IOException {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(40, 21).withSamFraction(0.1)).write(sim, false, 2, k -> { });
        Dataset d = Dataset.open(sim);
        List<SampleRef> labelled = d.labelled();
        runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { }).requireAll();
        types = labelled.stream().map(SampleRef::instrumentType).toList();
        y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
        // the whole system: both members, the stacker and the reference's SAM blend
        TrainingSettings settings = TrainingSettings.of(Preset.SMOKE, List.of("gbt", "nn"), 5, MemberRegistry.standard())
                .withSamMode(SamMode.BLEND);
        outcome = ModelTrainer.train(new TrainingData(runs, y, types), settings, MemberRegistry.standard(), 2,
                egaml.core.TaskStore.NONE, TrainingListener.NONE);
        saved = dir.resolve("model");
        ModelStore.save(saved, outcome.model(), Map.of("oof.csv", "x"), new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode());
    }

    @Test
    void loadedFolderPredictsExactlyAsTheModelInMemory() {
        List<CleanRun> fresh = runs.subList(0, 8);
        List<InstrumentType> freshTypes = types.subList(0, 8);
        double[][] inMemory = outcome.model().predict(fresh, freshTypes, 2);
        double[][] loaded = ModelStore.load(saved).predict(fresh, freshTypes, 1);
        assertThat(loaded).isDeepEqualTo(inMemory);
        assertThat(outcome.oof()).containsKeys("gbt_r10", "gbt", "nn_share_wd1e-04", "nn", "ensemble", "prior");
        assertThat(outcome.model().ensemble().families()).containsExactly(new Family("gbt_r10", "gbt", SamRole.TREES),
                new Family("nn_share_wd1e-04", "nn", SamRole.NETWORK));
        assertThat(saved.resolve("nn").resolve("nn.json")).exists();
        assertThat(saved.resolve("gbt").resolve("gbt.json")).exists();
        try {
            String manifest = Files.readString(saved.resolve("manifest.json"));
            // library versions come from the build, not from literals in the code
            assertThat(manifest).contains("\"djl\" : \"" + egaml.core.Version.library("djl") + "\"")
                    .contains("\"lightgbm4j\" : \"4.1.0-2\"").doesNotContain("${").doesNotContain("unknown");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(LogLoss.aggregated(y, outcome.ensemble())).isFinite();
    }

    @Test
    void samSamplesFollowTheSamRule() {
        double[][][] z = {{{2.0, -1, 0, 0, 0, 0, 0, 0, 0, 0}}, {{0.0, -3, 0, 0, 0, 0, 0, 0, 0, 0}}};
        double[][] weights = new double[10][2];
        Ensemble average = new Ensemble(List.of(tree("gbt_r10"), tree("gbt_r5")), weights, new double[10], SamMode.AVERAGE,
                null);
        double[][] stacked = {{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}};
        double[][] sam = average.applySamRule(stacked, z, List.of(InstrumentType.SAM_TESTBED));
        assertThat(sam[0][0]).isEqualTo(1 / (1 + Math.exp(-1.0)));
        assertThat(sam[0][1]).isEqualTo(1 / (1 + Math.exp(2.0)));
        assertThat(average.applySamRule(stacked, z, List.of(InstrumentType.COMMERCIAL))[0]).containsExactly(stacked[0]);
        assertThatThrownBy(() -> new Ensemble(List.of(tree("gbt_r10")), weights, new double[10], SamMode.BLEND, null))
                .hasMessageContaining("blend needs tree and network families");
    }

    @Test
    void theSamBlendPicksFamiliesByTheirDeclaredRolesNotTheirNames() {
        // a network family named like the preferred one but declared NETWORK, and a new family named "nn2_..."
        List<Family> families = List.of(tree("gbt_r10"), new Family("nn_max+share+ion^0.5_x", "other", SamRole.NETWORK),
                new Family("nn2_transformer", "nn2", SamRole.NONE), new Family("net3", "nn", SamRole.NETWORK_PREFERRED));
        Ensemble blend = new Ensemble(families, new double[10][4], new double[10], SamMode.BLEND, null);
        double[][][] z = new double[4][1][10];
        z[0][0][0] = 1.0;
        z[1][0][0] = 100.0;
        z[2][0][0] = -100.0;
        z[3][0][0] = 2.0;
        double[][] stacked = {{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}};
        double[][] out = blend.applySamRule(stacked, z, List.of(InstrumentType.SAM_TESTBED));
        double sam = 1 / (1 + Math.exp(-(0.45 * 1.0 + 0.25 * 2.0)));
        assertThat(out[0][0]).isCloseTo((0.5 + 2 * sam) / 3, org.assertj.core.data.Offset.offset(1e-15));
    }

    private static Family tree(String name) {
        return new Family(name, "gbt", SamRole.TREES);
    }

    @Test
    void damagedOrIncompatibleFoldersGiveClearErrors() throws IOException {
        assertThatThrownBy(() -> ModelStore.load(dir.resolve("nowhere"))).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining("no such model folder");
        Path copy = copy(saved, dir.resolve("copy1"));
        Files.writeString(copy.resolve("manifest.json"), "{ broken");
        assertThatThrownBy(() -> ModelStore.load(copy)).hasMessageContaining("manifest.json").hasMessageContaining("not valid JSON");

        Path missing = copy(saved, dir.resolve("copy2"));
        try (var files = Files.list(missing.resolve("gbt/models"))) {
            Files.delete(files.findFirst().orElseThrow());
        }
        assertThatThrownBy(() -> ModelStore.load(missing)).hasMessageContaining("missing member file");

        Path changed = copy(saved, dir.resolve("copy3"));
        try (var files = Files.list(changed.resolve("gbt/models"))) {
            Path f = files.findFirst().orElseThrow();
            Files.writeString(f, Files.readString(f).replace("tree", "TREE"));
        }
        assertThatThrownBy(() -> ModelStore.load(changed)).hasMessageContaining("checksum differs");

        Path network = copy(saved, dir.resolve("copy6")); // a damaged network file is caught by the folder's manifest
        Path weights;
        try (var files = Files.list(network.resolve("nn/models"))) {
            weights = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 1;
        Files.write(weights, bytes);
        assertThatThrownBy(() -> ModelStore.load(network)).hasMessageContaining("checksum differs")
                .hasMessageContaining(weights.getFileName().toString());

        Path newer = copy(saved, dir.resolve("copy4"));
        String m = Files.readString(newer.resolve("manifest.json"));
        Files.writeString(newer.resolve("manifest.json"), m.replaceFirst("\"egamlVersion\" : \"[^\"]*\"", "\"egamlVersion\" : \"99.0.0\""));
        assertThatThrownBy(() -> ModelStore.load(newer)).hasMessageContaining("made by egaml 99.0.0, newer than this egaml");

        Path format = copy(saved, dir.resolve("copy5"));
        Files.writeString(format.resolve("manifest.json"), m.replace("\"formatVersion\" : 2", "\"formatVersion\" : 7"));
        assertThatThrownBy(() -> ModelStore.load(format)).hasMessageContaining("format version found 7, supported 2");

        Path old = copy(saved, dir.resolve("copy7")); // a folder of the format before members were plug-ins
        Files.writeString(old.resolve("manifest.json"), m.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1"));
        assertThatThrownBy(() -> ModelStore.load(old)).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining("format version found 1, supported 2").hasMessageContaining("train it again");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
