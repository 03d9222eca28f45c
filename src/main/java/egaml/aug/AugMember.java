package egaml.aug;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.AtomicFiles;
import egaml.core.Checksums;
import egaml.core.EgamlDataException;
import egaml.core.JsonManifest;
import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import egaml.member.Family;
import egaml.member.FamilyAverager;
import egaml.member.FamilyScores;
import egaml.member.FittedMember;
import egaml.member.SamRole;
import egaml.nn.NnThreads;
import egaml.render.RenderBase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trained augmented-spectrogram member: its fold models' parameters, per network family. New runs get, per family,
 * the mean over its fold models of each model's logits averaged over the seeded renderings (test-time augmentation),
 * exactly as the out-of-fold rows were predicted. Saved as {@code aug.json} and one DJL parameter file per fold model
 * under {@code models/}.
 */
public record AugMember(long seed, AugSettings settings, List<FoldModel> models) implements FittedMember {
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "aug.json";
    /** The temporal CNN's family, the one every aug member had before the recurrent family. */
    public static final String FAMILY = family(TemporalCnn.NAME);
    private static final long TTA_STREAM = 0xA06_0004L;

    /** One network: its family, the (repeat, fold) it was trained for and its parameters in DJL's encoding. */
    public record FoldModel(String network, int repeat, int fold, byte[] parameters) {
        public String fileName() {
            return String.format(Locale.ROOT, "%s_r%d_f%d.params", family(network), repeat, fold);
        }
    }

    /** The stacker's family name of a network family ({@code aug_tcnn}, {@code aug_gru}). */
    public static String family(String network) {
        return "aug_" + network;
    }

    public AugMember {
        models = List.copyOf(models);
    }

    /** The seeds of the test-time renderings of a member trained with master seed {@code seed}. */
    static SeedSequence ttaSeeds(long seed) {
        return new SeedSequence(seed).child(TTA_STREAM);
    }

    @Override
    public String kind() {
        return AugKind.NAME;
    }

    @Override
    public List<Family> families() {
        return settings.networks().stream().map(n -> new Family(family(n), AugKind.NAME, SamRole.NONE)).toList();
    }

    @Override
    public String format() {
        return "DJL parameter files (PyTorch engine) + aug.json";
    }

    @Override
    public int modelCount() {
        return models.size();
    }

    @Override
    public FamilyScores predict(List<CleanRun> runs, int threads) {
        List<RenderBase> bases = runs.stream().map(RenderBase::of).toList();
        int[] rows = java.util.stream.IntStream.range(0, runs.size()).toArray();
        SeedSequence tta = ttaSeeds(seed);
        List<float[][]> logits = Parallel.map("aug-predict", Math.max(1, Math.min(threads, models.size())), models, m -> {
            NnThreads.use(1);
            try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
                AugNetwork net = AugModelTrainer.deserialise(manager, settings, m.network(), m.parameters());
                return AugModelTrainer.predict(manager, net, bases, rows, settings.render(), tta, settings.tta());
            } catch (IOException e) {
                throw new IllegalStateException("aug model " + m.fileName() + ": " + e.getMessage(), e);
            }
        });
        FamilyAverager average = new FamilyAverager(runs.size());
        settings.networks().forEach(n -> average.declare(family(n)));
        for (int i = 0; i < models.size(); i++) {
            average.add(family(models.get(i).network()), rows, logits.get(i));
        }
        return new FamilyScores(average.means());
    }

    @Override
    public void save(Path dir) throws IOException {
        AtomicFiles.writeFolder(dir, tmp -> {
            Files.createDirectories(tmp.resolve("models"));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("format", "egaml-aug");
            root.put("formatVersion", FORMAT_VERSION);
            root.put("egamlVersion", egaml.core.Version.current());
            root.put("seed", seed);
            root.set("settings", json.valueToTree(settings));
            ObjectNode networks = root.putObject("networks");
            for (String n : settings.networks()) {
                networks.put(n, AugNetwork.create(n, settings.width(), settings.dropout()).description());
            }
            root.put("parameters", "DJL's encoding, one record per parameter: name (UTF), then the array");
            ArrayNode list = root.putArray("models");
            for (FoldModel m : models) {
                ObjectNode node = list.addObject();
                node.put("network", m.network());
                node.put("repeat", m.repeat());
                node.put("fold", m.fold());
                node.put("file", "models/" + m.fileName());
                node.put("sha256", Checksums.sha256(m.parameters()));
                Files.write(tmp.resolve("models").resolve(m.fileName()), m.parameters());
            }
            json.writeValue(tmp.resolve(MANIFEST).toFile(), root);
        });
    }

    public static AugMember load(Path dir, boolean verifyChecksums) {
        Path manifest = dir.resolve(MANIFEST);
        JsonNode root = JsonManifest.read(manifest, "egaml-aug", FORMAT_VERSION, "a saved augmented-spectrogram member");
        try {
            AugSettings settings = new ObjectMapper().treeToValue(root.get("settings"), AugSettings.class);
            List<FoldModel> models = new ArrayList<>();
            for (JsonNode m : root.path("models")) {
                Path file = dir.resolve(m.path("file").asText());
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (NoSuchFileException e) {
                    throw new EgamlDataException(file, 0, "missing model file listed in " + manifest);
                }
                if (verifyChecksums && !m.path("sha256").asText().equals(Checksums.sha256(bytes))) {
                    throw new EgamlDataException(file, 0, "checksum differs from the one in " + manifest + " (damaged file)");
                }
                String network = m.path("network").asText(TemporalCnn.NAME); // absent before the recurrent family
                if (!settings.networks().contains(network)) {
                    throw new EgamlDataException(manifest, 0, "model " + file.getFileName() + " is of network '"
                            + network + "', not one of the settings' " + settings.networks());
                }
                models.add(new FoldModel(network, m.path("repeat").asInt(), m.path("fold").asInt(), bytes));
            }
            if (models.isEmpty()) {
                throw new EgamlDataException(manifest, 0, "no models listed");
            }
            return new AugMember(root.path("seed").asLong(), settings, models);
        } catch (IOException | RuntimeException e) {
            if (e instanceof EgamlDataException d) {
                throw d;
            }
            throw new EgamlDataException(manifest, 0, "damaged manifest: " + e.getMessage(), e);
        }
    }
}
