package egaml.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.AtomicFiles;
import egaml.core.Checksums;
import egaml.core.Parallel;
import egaml.core.EgamlDataException;
import egaml.core.JsonManifest;
import egaml.core.Label;
import egaml.gbt.GbtConfig;
import egaml.gbt.GbtMember;
import egaml.ingest.IngestConfig;
import egaml.nn.NnMember;
import egaml.nn.NnPreset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The model folder: {@code manifest.json} (egaml and format version, configuration, seed, label names, ingest
 * settings, members, stacker weights per label, environment, SHA-256 of every member file), the members in
 * their libraries' own formats ({@code gbt/}: LightGBM text models; {@code nn/}: DJL parameter files), and
 * whatever extra files the trainer adds
 * ({@code oof.csv}, {@code cv.json}). Written atomically; read back with every file checked.
 */
public final class ModelStore {
    public static final String MANIFEST = "manifest.json";
    public static final int FORMAT_VERSION = 1;
    private static final String GBT_DIR = "gbt";
    private static final String NN_DIR = "nn";

    private ModelStore() {
    }

    /**
     * Writes the model and the extra files (name to content) into {@code dir}, replacing it atomically.
     *
     * @param provenance extra manifest entries (training data, cv scores...)
     */
    public static void save(Path dir, TrainedModel model, Map<String, String> extraFiles, ObjectNode provenance)
            throws IOException {
        AtomicFiles.writeFolder(dir, tmp -> {
            if (model.gbt() != null) {
                model.gbt().save(tmp.resolve(GBT_DIR));
            }
            if (model.nn() != null) {
                model.nn().save(tmp.resolve(NN_DIR));
            }
            for (Map.Entry<String, String> e : extraFiles.entrySet()) {
                Files.writeString(tmp.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("format", "egaml-model");
            root.put("formatVersion", FORMAT_VERSION);
            root.put("egamlVersion", egaml.core.Version.current());
            root.put("created", Instant.now().toString());
            root.put("seed", model.seed());
            root.put("preset", model.preset());
            root.set("labels", json.valueToTree(Label.columnNames()));
            root.set("ingest", json.valueToTree(model.ingest()));
            ObjectNode config = root.putObject("config");
            if (model.gbtConfig() != null) {
                config.set("gbt", json.valueToTree(model.gbtConfig()));
            }
            if (model.nnPreset() != null) {
                config.set("nn", json.valueToTree(model.nnPreset()));
            }
            config.set("stacker", json.valueToTree(model.stackerConfig()));
            config.put("samMode", model.ensemble().samMode().code());
            config.put("clip", model.ensemble().clip().toString());
            com.fasterxml.jackson.databind.node.ArrayNode memberList = root.putArray("members");
            if (model.gbt() != null) {
                ObjectNode member = memberList.addObject();
                member.put("name", "gbt");
                member.put("path", GBT_DIR);
                member.put("format", "LightGBM text models + gbt.json");
            }
            if (model.nn() != null) {
                ObjectNode member = memberList.addObject();
                member.put("name", "nn");
                member.put("path", NN_DIR);
                member.put("format", "DJL parameter files (PyTorch engine) + nn.json");
                member.put("models", model.nn().models().size());
            }
            ObjectNode stacker = root.putObject("stacker");
            stacker.set("families", json.valueToTree(model.ensemble().families()));
            ObjectNode intercepts = stacker.putObject("intercepts");
            for (Label l : Label.all()) {
                intercepts.put(l.columnName(), model.ensemble().intercepts()[l.ordinal()]);
            }
            ObjectNode weights = stacker.putObject("weights");
            for (Label l : Label.all()) {
                ObjectNode w = weights.putObject(l.columnName());
                for (int f = 0; f < model.ensemble().families().size(); f++) {
                    w.put(model.ensemble().families().get(f), model.ensemble().weights()[l.ordinal()][f]);
                }
            }
            ObjectNode env = root.putObject("environment");
            env.put("java", System.getProperty("java.version"));
            env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            env.put("lightgbm", "4.1.0 (lightgbm4j 4.1.0-2)");
            env.put("djl", ai.djl.engine.Engine.class.getPackage().getImplementationVersion() == null ? "0.36.0"
                    : ai.djl.engine.Engine.class.getPackage().getImplementationVersion());
            env.put("pytorch", "2.7.1 (CPU)");
            root.set("provenance", provenance);
            Map<String, String> hashes = new TreeMap<>();
            for (String member : List.of(GBT_DIR, NN_DIR)) {
                if (Files.isDirectory(tmp.resolve(member))) {
                    hashes.putAll(hashes(tmp, tmp.resolve(member)));
                }
            }
            root.set("files", json.valueToTree(hashes));
            json.writeValue(tmp.resolve(MANIFEST).toFile(), root);
        });
    }

    /** Reads a model folder; a missing, damaged or incompatible folder gives a data error naming the file. */
    public static TrainedModel load(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir)) {
            throw new EgamlDataException(dir, 0, "no such model folder");
        }
        JsonNode root = JsonManifest.read(manifest, "egaml-model", FORMAT_VERSION, "an egaml model folder");
        ObjectMapper json = new ObjectMapper();
        String madeBy = root.path("egamlVersion").asText("unknown");
        if (compareVersions(madeBy, egaml.core.Version.current()) > 0) {
            throw new EgamlDataException(manifest, 0, "made by egaml " + madeBy + ", newer than this egaml "
                    + egaml.core.Version.current() + "; update egaml to use it");
        }
        if (!json.valueToTree(Label.columnNames()).equals(root.path("labels"))) {
            throw new EgamlDataException(manifest, 0, "labels " + root.path("labels") + " differ from " + Label.columnNames());
        }
        JsonNode files = root.path("files");
        List<String> names = new ArrayList<>();
        files.fieldNames().forEachRemaining(names::add);
        int threads = Runtime.getRuntime().availableProcessors();
        Parallel.map("model-check", threads, names, name -> { // the first bad file in the manifest's order is reported
            Path file = dir.resolve(name);
            String expected = files.get(name).asText();
            String actual;
            try {
                actual = Checksums.sha256(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                throw new EgamlDataException(file, 0, "missing member file listed in " + manifest);
            } catch (IOException e) {
                throw new EgamlDataException(file, 0, "cannot read member file: " + e, e);
            }
            if (!actual.equals(expected)) {
                throw new EgamlDataException(file, 0, "checksum differs from " + manifest + ": the file changed or is damaged");
            }
            return name;
        });
        try {
            IngestConfig ingest = json.treeToValue(root.path("ingest"), IngestConfig.class);
            JsonNode gbtNode = root.path("config").path("gbt");
            GbtConfig gbtConfig = gbtNode.isMissingNode() ? null : json.treeToValue(gbtNode, GbtConfig.class);
            JsonNode nnNode = root.path("config").path("nn");
            NnPreset nnPreset = nnNode.isMissingNode() ? null : json.treeToValue(nnNode, NnPreset.class);
            StackerConfig stackerConfig = json.treeToValue(root.path("config").path("stacker"), StackerConfig.class);
            SamMode sam = SamMode.parse(root.path("config").path("samMode").asText());
            List<String> families = new ArrayList<>();
            root.path("stacker").path("families").forEach(f -> families.add(f.asText()));
            double[][] weights = new double[Label.COUNT][families.size()];
            for (Label l : Label.all()) {
                JsonNode w = root.path("stacker").path("weights").path(l.columnName());
                for (int f = 0; f < families.size(); f++) {
                    if (!w.has(families.get(f))) {
                        throw new EgamlDataException(manifest, 0, "no stacker weight for " + l.columnName() + "/" + families.get(f));
                    }
                    weights[l.ordinal()][f] = w.get(families.get(f)).asDouble();
                }
            }
            double[] intercepts = new double[Label.COUNT];
            for (Label l : Label.all()) {
                intercepts[l.ordinal()] = root.path("stacker").path("intercepts").path(l.columnName()).asDouble(0);
            }
            boolean hasGbt = false;
            boolean hasNn = false;
            for (JsonNode m : root.path("members")) {
                hasGbt |= m.path("name").asText().equals("gbt");
                hasNn |= m.path("name").asText().equals("nn");
            }
            boolean withGbt = hasGbt;
            boolean withNn = hasNn;
            List<Object> members = Parallel.map("model-load", 2, List.of(GBT_DIR, NN_DIR), member -> member.equals(GBT_DIR)
                    ? (withGbt ? GbtMember.load(dir.resolve(GBT_DIR)) : null)
                    : (withNn ? NnMember.load(dir.resolve(NN_DIR), false) : null)); // files checked above
            GbtMember gbt = (GbtMember) members.get(0);
            NnMember nn = (NnMember) members.get(1);
            return new TrainedModel(root.path("seed").asLong(), root.path("preset").asText(), ingest, gbtConfig, nnPreset,
                    stackerConfig, gbt, nn, new Ensemble(families, weights, intercepts, sam,
                    ProbabilityClip.parse(root.path("config").path("clip").asText("none"))));
        } catch (IOException | IllegalArgumentException e) {
            throw new EgamlDataException(manifest, 0, "damaged manifest: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> hashes(Path root, Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Checksums.sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /** Compares dotted numeric versions ("0.1.0" &lt; "0.2.0"); non-numeric parts compare as 0. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int u = i < x.length ? parse(x[i]) : 0;
            int v = i < y.length ? parse(y[i]) : 0;
            if (u != v) {
                return Integer.compare(u, v);
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
