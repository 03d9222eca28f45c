package egaml.nn;

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
import egaml.core.Label;
import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import egaml.member.Family;
import egaml.member.FamilyAverager;
import egaml.member.FamilyScores;
import egaml.member.FittedMember;
import egaml.member.SamRole;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained NN member: the configurations of a cross-validation and the fold models' parameters. New samples
 * get, per family, the mean logit over the family's fold models (method.md 6.7). Saved as a folder: {@code nn.json} (seed,
 * preset, configurations, model list) and one DJL parameter file per fold model under {@code models/}.
 */
public record NnMember(long seed, NnPreset preset, List<NnConfig> configurations, List<NnFoldModel> models)
        implements egaml.member.ExplainableMember {
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "nn.json";

    public NnMember {
        configurations = List.copyOf(configurations);
        models = List.copyOf(models);
    }

    public static NnMember of(NnCrossValidation.Result result, long seed, NnPreset preset) {
        return new NnMember(seed, preset, result.configurations(), result.models());
    }

    @Override
    public String kind() {
        return NnKind.NAME;
    }

    /** One family per distinct configuration family, in configuration order; the three-scaling ones lead the SAM blend. */
    @Override
    public List<Family> families() {
        java.util.Map<String, Family> out = new java.util.LinkedHashMap<>();
        for (NnConfig c : configurations) {
            out.putIfAbsent(c.family(), new Family(c.family(), NnKind.NAME,
                    c.scalings().size() == 3 ? SamRole.NETWORK_PREFERRED : SamRole.NETWORK));
        }
        return List.copyOf(out.values());
    }

    @Override
    public String format() {
        return "DJL parameter files (PyTorch engine) + nn.json";
    }

    @Override
    public int modelCount() {
        return models.size();
    }

    /**
     * Predicts the runs with every fold model. The models are dealt to {@code workers} threads (one PyTorch thread
     * each, as in training); a thread loads its models of each configuration once and runs them all on each batch's
     * inputs. The result does not depend on {@code workers}: the family means add the models in their saved order.
     */
    @Override
    public FamilyScores predict(List<CleanRun> runs, int workers) {
        SeedSequence seeds = new SeedSequence(seed);
        int n = runs.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        List<NnInputs> inputs = new ArrayList<>();
        for (int c = 0; c < configurations.size(); c++) {
            inputs.add(NnInputs.of(runs, configurations.get(c), seeds.child(NnCrossValidation.INPUT_STREAM, c)));
        }
        int groups = Math.max(1, Math.min(workers, models.size()));
        List<List<Integer>> shares = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<Integer> share = new ArrayList<>();
            for (int k = g; k < models.size(); k += groups) {
                share.add(k);
            }
            shares.add(share);
        }
        int threads = 1; // as in training: results do not depend on workers
        float[][][] perModel = new float[models.size()][][]; // each worker fills the entries of its own models
        Parallel.map("nn-predict", groups, shares, share -> {
            NnThreads.use(threads);
            for (int c = 0; c < configurations.size(); c++) {
                int config = c;
                List<Integer> mine = share.stream().filter(k -> models.get(k).configuration() == config).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                float[][][] logits = predictShare(configurations.get(c), mine.stream().map(models::get).toList(),
                        inputs.get(c), rows);
                for (int j = 0; j < mine.size(); j++) {
                    perModel[mine.get(j)] = logits[j];
                }
            }
            return share;
        });
        FamilyAverager average = new FamilyAverager(n);
        for (int c = 0; c < configurations.size(); c++) {
            for (int k = 0; k < models.size(); k++) {
                if (models.get(k).configuration() == c) {
                    average.add(configurations.get(c).family(), rows, perModel[k]);
                }
            }
        }
        return new FamilyScores(average.means());
    }

    /** Each fold model's logits [model][row][label]: the mean over its snapshots. */
    static float[][][] predictShare(NnConfig config, List<NnFoldModel> share, NnInputs inputs, int[] rows) {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            List<EgaNet> nets = new ArrayList<>();
            List<Integer> owner = new ArrayList<>();
            for (int k = 0; k < share.size(); k++) {
                NnFoldModel model = share.get(k);
                for (int s = 0; s < model.snapshots().size(); s++) {
                    EgaNet net = new EgaNet(config.architecture());
                    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(model.snapshots().get(s)))) {
                        net.load(manager, in);
                    } catch (IOException e) {
                        throw new IllegalStateException("fold model " + model.fileName(s) + ": " + e.getMessage(), e);
                    }
                    nets.add(net);
                    owner.add(k);
                }
            }
            float[][][] logits = NnModelTrainer.predict(manager, nets, inputs, rows, config.scalings().size());
            float[][][] out = new float[share.size()][rows.length][Label.COUNT];
            for (int j = 0; j < nets.size(); j++) {
                int k = owner.get(j);
                int snapshots = share.get(k).snapshots().size();
                for (int i = 0; i < rows.length; i++) {
                    for (int l = 0; l < Label.COUNT; l++) {
                        out[k][i][l] += logits[j][i][l] / snapshots;
                    }
                }
            }
            return out;
        }
    }

    /** Evidence of every family's logits (see {@link NnAttribution}). */
    @Override
    public List<egaml.member.FamilyAttribution> attribute(List<CleanRun> runs, boolean[][] labels,
                                                          egaml.member.AttributionSettings settings,
                                                          egaml.member.FamilyScores known, int threads) {
        return NnAttribution.attribute(this, runs, labels, settings, known, threads);
    }

    /** Writes the member to {@code dir} atomically (a temporary folder renamed into place; an old one replaced). */
    public void save(Path dir) throws IOException {
        AtomicFiles.writeFolder(dir, tmp -> {
            Files.createDirectories(tmp.resolve("models"));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("format", "egaml-nn");
            root.put("formatVersion", FORMAT_VERSION);
            root.put("egamlVersion", egaml.core.Version.current());
            root.put("seed", seed);
            root.set("preset", json.valueToTree(preset));
            ArrayNode configs = root.putArray("configurations");
            for (NnConfig c : configurations) {
                ObjectNode node = json.valueToTree(c);
                node.put("family", c.family());
                configs.add(node);
            }
            root.put("parameterEncoding", "DJL Parameter.save, one record per parameter: name (UTF), then the array");
            ArrayNode list = root.putArray("models");
            for (NnFoldModel m : models) {
                ObjectNode node = list.addObject();
                node.put("configuration", m.configuration());
                node.put("family", configurations.get(m.configuration()).family());
                node.put("repeat", m.repeat());
                node.put("fold", m.fold());
                ArrayNode files = node.putArray("snapshots");
                for (int s = 0; s < m.snapshots().size(); s++) {
                    ObjectNode f = files.addObject();
                    f.put("file", "models/" + m.fileName(s));
                    f.put("sha256", Checksums.sha256(m.snapshots().get(s)));
                    Files.write(tmp.resolve("models").resolve(m.fileName(s)), m.snapshots().get(s));
                }
            }
            json.writeValue(tmp.resolve(MANIFEST).toFile(), root);
        });
    }

    /** Reads a saved member; a damaged or incompatible folder gives a data error naming the file. */
    public static NnMember load(Path dir) {
        return load(dir, true);
    }

    /**
     * Loads a saved member; {@code verifyChecksums} false skips the check of each parameter file against
     * {@code nn.json}, for a caller that has just checked the same files itself (a model folder's manifest lists them).
     */
    public static NnMember load(Path dir, boolean verifyChecksums) {
        Path manifest = dir.resolve(MANIFEST);
        JsonNode root = JsonManifest.read(manifest, "egaml-nn", FORMAT_VERSION, "a saved NN member");
        try {
            ObjectMapper json = new ObjectMapper().configure(
                    com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            NnPreset preset = json.treeToValue(root.get("preset"), NnPreset.class);
            List<NnConfig> configs = new ArrayList<>();
            for (JsonNode c : root.get("configurations")) {
                configs.add(json.treeToValue(c, NnConfig.class));
            }
            List<NnFoldModel> models = new ArrayList<>();
            for (JsonNode m : root.get("models")) {
                List<byte[]> snapshots = new ArrayList<>();
                for (JsonNode f : m.path("snapshots")) {
                    Path file = dir.resolve(f.path("file").asText());
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(file);
                    } catch (NoSuchFileException e) {
                        throw new EgamlDataException(file, 0, "missing model file listed in " + manifest);
                    }
                    if (verifyChecksums && !f.path("sha256").asText().equals(Checksums.sha256(bytes))) {
                        throw new EgamlDataException(file, 0, "checksum differs from the one in " + manifest + " (damaged file)");
                    }
                    snapshots.add(bytes);
                }
                int c = m.path("configuration").asInt();
                if (c < 0 || c >= configs.size() || snapshots.isEmpty()) {
                    throw new EgamlDataException(manifest, 0, "a model entry names configuration " + c + " or has no snapshot");
                }
                models.add(new NnFoldModel(c, m.path("repeat").asInt(), m.path("fold").asInt(), snapshots));
            }
            return new NnMember(root.path("seed").asLong(), preset, configs, models);
        } catch (IOException | RuntimeException e) {
            if (e instanceof EgamlDataException d) {
                throw d;
            }
            throw new EgamlDataException(manifest, 0, "damaged manifest: " + e.getMessage(), e);
        }
    }
}
