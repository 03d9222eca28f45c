package egaml.ensemble;

import com.fasterxml.jackson.databind.ObjectMapper;
import egaml.core.EgamlDataException;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Logistic;
import egaml.core.Preset;
import egaml.core.TaskStore;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.member.Family;
import egaml.member.FamilyScores;
import egaml.member.FittedMember;
import egaml.member.MemberKind;
import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import egaml.member.MemberTrainer;
import egaml.member.SamRole;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
import egaml.member.TrainingListener;
import egaml.sim.SimulationConfig;
import egaml.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member added through the interface alone trains, stacks, saves, loads and predicts in a model folder. */
class ToyMemberTest {
    @TempDir
    Path dir;

    /** Settings of the toy: how strongly the channel count moves the logit. */
    public record ToySettings(int folds, double slope) implements MemberSettings {
    }

    /** Logit = training prior + slope x (present channels / 100 - 0.5): fitted per fold, then averaged. */
    record ToyMember(double[] intercepts, double slope) implements FittedMember {
        @Override
        public String kind() {
            return "toy";
        }

        @Override
        public List<Family> families() {
            return List.of(new Family("toy_channels", "toy", SamRole.NONE));
        }

        @Override
        public FamilyScores predict(List<CleanRun> runs, int threads) {
            double[][] z = new double[runs.size()][Label.COUNT];
            for (int i = 0; i < runs.size(); i++) {
                double x = runs.get(i).presentChannels().size() / 100.0 - 0.5;
                for (int l = 0; l < Label.COUNT; l++) {
                    z[i][l] = intercepts[l] + slope * x;
                }
            }
            return new FamilyScores(Map.of("toy_channels", z));
        }

        @Override
        public void save(Path folder) throws IOException {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("toy.json"), new ObjectMapper().writeValueAsString(this));
        }

        @Override
        public String format() {
            return "toy.json";
        }

        @Override
        public int modelCount() {
            return 1;
        }
    }

    static class ToyKind implements MemberKind {
        @Override
        public String name() {
            return "toy";
        }

        @Override
        public String description() {
            return "a toy member for tests";
        }

        @Override
        public Class<ToySettings> settingsType() {
            return ToySettings.class;
        }

        @Override
        public MemberSettings settings(Preset preset) {
            return new ToySettings(2, 0.5);
        }

        @Override
        public List<MemberOptions> options() {
            return List.of();
        }

        @Override
        public MemberTrainer trainer(MemberSettings settings) {
            ToySettings s = cast(settings, ToySettings.class);
            return new MemberTrainer() {
                @Override
                public long steps() {
                    return 1;
                }

                @Override
                public Fit crossValidate(TrainingData data, TrainingContext context) {
                    double[] prior = new double[Label.COUNT];
                    for (int[] row : data.y()) {
                        for (int l = 0; l < Label.COUNT; l++) {
                            prior[l] += (row[l] + 0.5) / (data.size() + 1.0);
                        }
                    }
                    double[] intercepts = new double[Label.COUNT];
                    for (int l = 0; l < Label.COUNT; l++) {
                        intercepts[l] = Logistic.logit(prior[l], 1e-7);
                    }
                    ToyMember member = new ToyMember(intercepts, s.slope());
                    context.listener().step(1);
                    return new Fit(member, member.predict(data.runs(), 1), 0, List.of("toy fitted"));
                }
            };
        }

        @Override
        public FittedMember load(Path folder, boolean filesChecked) {
            try {
                return new ObjectMapper().readValue(folder.resolve("toy.json").toFile(), ToyMember.class);
            } catch (IOException e) {
                throw new EgamlDataException(folder.resolve("toy.json"), 0, "not a toy member: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void aMemberRegisteredThroughTheInterfaceTrainsSavesLoadsAndPredicts() throws IOException {
        Path sim = dir.resolve("sim");
        new Simulator(SimulationConfig.of(24, 8).withSamFraction(0.1)).write(sim, false, 2, k -> { });
        Dataset d = Dataset.open(sim);
        List<SampleRef> labelled = d.labelled();
        List<CleanRun> runs = DatasetLoader.load(labelled, new RunLoader(IngestConfig.defaults(), null), 2, k -> { })
                .requireAll();
        List<InstrumentType> types = labelled.stream().map(SampleRef::instrumentType).toList();
        int[][] y = labelled.stream().map(s -> d.labelsOf(s).orElseThrow()).toArray(int[][]::new);
        MemberRegistry registry = MemberRegistry.standard().with(new ToyKind());

        TrainingSettings settings = TrainingSettings.of(Preset.SMOKE, List.of("toy", "baseline"), 3, registry);
        assertThat(settings.toJsonText()).contains("\"toy\" : {").contains("\"slope\" : 0.5");
        ModelTrainer.Outcome outcome = ModelTrainer.train(new TrainingData(runs, y, types), settings, registry, 2,
                TaskStore.NONE, TrainingListener.NONE);
        assertThat(outcome.model().ensemble().names()).containsExactly("baseline_lr", "toy_channels");
        assertThat(outcome.model().ensemble().samMode()).isEqualTo(SamMode.AVERAGE); // no tree or network family
        assertThat(outcome.oof()).containsKeys("toy_channels", "toy", "baseline", "ensemble", "prior");
        assertThat(outcome.summary().get("toy")).containsExactly("toy fitted");

        Path model = dir.resolve("model");
        ModelStore.save(model, outcome.model(), Map.of(), new ObjectMapper().createObjectNode());
        assertThat(model.resolve("toy/toy.json")).exists();
        assertThat(Files.readString(model.resolve("manifest.json"))).contains("\"name\" : \"toy\"")
                .contains("\"samRole\" : \"NONE\"");
        TrainedModel loaded = ModelStore.load(model, registry);
        assertThat(loaded.settings()).isEqualTo(outcome.model().settings());
        assertThat(loaded.predict(runs, types, 1)).isDeepEqualTo(outcome.model().predict(runs, types, 2));

        // egaml without the toy refuses the folder by naming the member
        assertThatThrownBy(() -> ModelStore.load(model)).isInstanceOf(EgamlDataException.class)
                .hasMessageContaining("toy");
    }

    @Test
    void aMemberNameMustBeNewAndNotASettingsKey() {
        MemberKind clash = new ToyKind() {
            @Override
            public String name() {
                return "gbt";
            }
        };
        assertThatThrownBy(() -> MemberRegistry.standard().with(clash)).hasMessageContaining("member name 'gbt'");
        MemberKind reserved = new ToyKind() {
            @Override
            public String name() {
                return "stacker";
            }
        };
        assertThatThrownBy(() -> MemberRegistry.standard().with(reserved)).hasMessageContaining("member name 'stacker'");
    }
}
