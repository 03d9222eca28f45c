package egaml.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.AtomicFiles;
import egaml.core.Checksums;
import egaml.core.Parallel;
import egaml.core.EgamlDataException;
import egaml.core.JsonManifest;
import egaml.core.Label;
import egaml.core.Version;
import egaml.member.Family;
import egaml.member.FittedMember;
import egaml.member.SamRole;

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
 * The model folder: {@code manifest.json} (egaml and format version, the training settings, seed, label names,
 * members, stacker families with their SAM roles and weights per label, environment, SHA-256 of every member file),
 * each member in its own folder in its libraries' formats ({@code gbt/}: LightGBM text models; {@code nn/}: DJL
 * parameter files; ...), and whatever extra files the trainer adds ({@code oof.csv}, {@code cv.json}). Written
 * atomically; read back with every file checked.
 */
public final class ModelStore {
    public static final String MANIFEST = "manifest.json";
    /** 2: members listed by kind with one folder each, settings in one section, families with their SAM roles. */
    public static final int FORMAT_VERSION = 2;

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
            for (FittedMember m : model.members()) {
                m.save(tmp.resolve(m.kind()));
            }
            for (Map.Entry<String, String> e : extraFiles.entrySet()) {
                Files.writeString(tmp.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("format", "egaml-model");
            root.put("formatVersion", FORMAT_VERSION);
            root.put("egamlVersion", Version.current());
            root.put("created", Instant.now().toString());
            root.put("seed", model.settings().seed());
            root.put("preset", model.settings().preset().code());
            root.set("labels", json.valueToTree(Label.columnNames()));
            root.set("settings", model.settings().toJson());
            ArrayNode memberList = root.putArray("members");
            for (FittedMember m : model.members()) {
                ObjectNode member = memberList.addObject();
                member.put("name", m.kind());
                member.put("path", m.kind());
                member.put("format", m.format());
                member.put("models", m.modelCount());
            }
            Ensemble ensemble = model.ensemble();
            ObjectNode stacker = root.putObject("stacker");
            ArrayNode families = stacker.putArray("families");
            for (Family f : ensemble.families()) {
                families.addObject().put("name", f.name()).put("member", f.member()).put("samRole", f.samRole().name());
            }
            stacker.put("samMode", ensemble.samMode().code());
            stacker.put("clip", ensemble.clip().toString());
            ObjectNode intercepts = stacker.putObject("intercepts");
            for (Label l : Label.all()) {
                intercepts.put(l.columnName(), ensemble.intercepts()[l.ordinal()]);
            }
            ObjectNode weights = stacker.putObject("weights");
            for (Label l : Label.all()) {
                ObjectNode w = weights.putObject(l.columnName());
                for (int f = 0; f < ensemble.families().size(); f++) {
                    w.put(ensemble.families().get(f).name(), ensemble.weights()[l.ordinal()][f]);
                }
            }
            ObjectNode env = root.putObject("environment");
            env.put("java", System.getProperty("java.version"));
            env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            Version.libraries().forEach(env::put); // as the build recorded them (src/main/resources/egaml/version.properties)
            root.set("provenance", provenance);
            Map<String, String> hashes = new TreeMap<>();
            for (FittedMember m : model.members()) {
                hashes.putAll(hashes(tmp, tmp.resolve(m.kind())));
            }
            root.set("files", json.valueToTree(hashes));
            json.writeValue(tmp.resolve(MANIFEST).toFile(), root);
        });
    }

    /** Reads a model folder with egaml's members. */
    public static TrainedModel load(Path dir) {
        return load(dir, MemberRegistry.standard());
    }

    /** Reads a model folder; a missing, damaged or incompatible folder gives a data error naming the file. */
    public static TrainedModel load(Path dir, MemberRegistry registry) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir)) {
            throw new EgamlDataException(dir, 0, "no such model folder");
        }
        JsonNode root = readManifest(manifest);
        ObjectMapper json = new ObjectMapper();
        String madeBy = root.path("egamlVersion").asText("unknown");
        if (compareVersions(madeBy, Version.current()) > 0) {
            throw new EgamlDataException(manifest, 0, "made by egaml " + madeBy + ", newer than this egaml "
                    + Version.current() + "; update egaml to use it");
        }
        if (!json.valueToTree(Label.columnNames()).equals(root.path("labels"))) {
            throw new EgamlDataException(manifest, 0, "labels " + root.path("labels") + " differ from " + Label.columnNames());
        }
        checkFiles(dir, manifest, root.path("files"));
        try {
            TrainingSettings settings = TrainingSettings.fromJson(root.path("settings"), registry);
            List<String> kinds = new ArrayList<>();
            for (JsonNode m : root.path("members")) {
                String name = m.path("name").asText();
                if (registry.find(name).isEmpty()) {
                    throw new EgamlDataException(manifest, 0, "member '" + name + "' is unknown to this egaml (members: "
                            + String.join(", ", registry.names()) + ")");
                }
                kinds.add(name);
            }
            // members load in parallel; files were checked above
            List<FittedMember> members = Parallel.map("model-load", Math.max(1, kinds.size()), kinds,
                    name -> registry.get(name).load(dir.resolve(name), true));
            List<Family> families = new ArrayList<>();
            for (JsonNode f : root.path("stacker").path("families")) {
                families.add(new Family(f.path("name").asText(), f.path("member").asText(),
                        SamRole.valueOf(f.path("samRole").asText())));
            }
            double[][] weights = new double[Label.COUNT][families.size()];
            for (Label l : Label.all()) {
                JsonNode w = root.path("stacker").path("weights").path(l.columnName());
                for (int f = 0; f < families.size(); f++) {
                    if (!w.has(families.get(f).name())) {
                        throw new EgamlDataException(manifest, 0, "no stacker weight for " + l.columnName() + "/"
                                + families.get(f).name());
                    }
                    weights[l.ordinal()][f] = w.get(families.get(f).name()).asDouble();
                }
            }
            double[] intercepts = new double[Label.COUNT];
            for (Label l : Label.all()) {
                intercepts[l.ordinal()] = root.path("stacker").path("intercepts").path(l.columnName()).asDouble(0);
            }
            Ensemble ensemble = new Ensemble(families, weights, intercepts,
                    SamMode.parse(root.path("stacker").path("samMode").asText()),
                    ProbabilityClip.parse(root.path("stacker").path("clip").asText("none")));
            return new TrainedModel(settings, members, ensemble);
        } catch (IllegalArgumentException e) {
            throw new EgamlDataException(manifest, 0, "damaged manifest: " + e.getMessage(), e);
        }
    }

    private static JsonNode readManifest(Path manifest) {
        try {
            return JsonManifest.read(manifest, "egaml-model", FORMAT_VERSION, "an egaml model folder");
        } catch (EgamlDataException e) {
            if (e.getMessage().contains("format version found 1,")) {
                throw new EgamlDataException(manifest, 0, "format version found 1, supported " + FORMAT_VERSION
                        + ": the folder was written by egaml before members became plug-ins; train it again with this "
                        + "egaml ('egaml train')");
            }
            throw e;
        }
    }

    /** Checks every member file against the manifest's SHA-256; the first bad file in the manifest's order is reported. */
    private static void checkFiles(Path dir, Path manifest, JsonNode files) {
        List<String> names = new ArrayList<>();
        files.fieldNames().forEachRemaining(names::add);
        int threads = Runtime.getRuntime().availableProcessors();
        Parallel.map("model-check", threads, names, name -> {
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
