package egaml.ensemble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.Preset;
import egaml.ingest.IngestConfig;
import egaml.member.MemberKind;
import egaml.member.MemberSettings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything that decides what {@code train} produces, in one immutable value: seed, preset, how runs are read, each
 * member's settings, the stacker, the SAM rule and the probability clip. Its one JSON form ({@link #toJson}) is what
 * {@code --print-config} prints, what {@code --config} files change key by key ({@link #merge}), what the model
 * manifest records and what an interrupted training's resume fingerprint compares.
 *
 * @param members each trained member's settings by member name, in registry order
 * @param samMode the SAM testbed rule; null: the default for the trained families ({@link Ensemble#defaultSamMode})
 */
public record TrainingSettings(long seed, Preset preset, IngestConfig ingest, Map<String, MemberSettings> members,
                               StackerConfig stacker, SamMode samMode, ProbabilityClip clip) {
    /** Keys of the JSON form that are not member sections. */
    public static final Set<String> RESERVED_KEYS = Set.of("seed", "preset", "models", "ingest", "stacker", "samMode", "clip");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public TrainingSettings {
        members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one member");
        }
        clip = clip == null ? ProbabilityClip.NONE : clip;
    }

    /** A preset's settings for the given members (names in registry order). */
    public static TrainingSettings of(Preset preset, List<String> models, long seed, MemberRegistry registry) {
        Map<String, MemberSettings> members = new LinkedHashMap<>();
        for (String m : registry.parse(String.join(",", models))) {
            members.put(m, registry.get(m).settings(preset));
        }
        return new TrainingSettings(seed, preset, IngestConfig.defaults(), members, StackerConfig.preset(preset), null,
                ProbabilityClip.NONE);
    }

    public List<String> models() {
        return new ArrayList<>(members.keySet());
    }

    /** The largest number of outer folds among the members (the training needs twice as many samples). */
    public int folds() {
        return members.values().stream().mapToInt(MemberSettings::folds).max().orElse(2);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(s, preset, ingest, members, stacker, samMode, clip);
    }

    public TrainingSettings withIngest(IngestConfig i) {
        return new TrainingSettings(seed, preset, i, members, stacker, samMode, clip);
    }

    public TrainingSettings withStacker(StackerConfig s) {
        return new TrainingSettings(seed, preset, ingest, members, s, samMode, clip);
    }

    public TrainingSettings withSamMode(SamMode m) {
        return new TrainingSettings(seed, preset, ingest, members, stacker, m, clip);
    }

    public TrainingSettings withClip(ProbabilityClip c) {
        return new TrainingSettings(seed, preset, ingest, members, stacker, samMode, c);
    }

    /** The same settings with one member's replaced by {@code change} of them. */
    public TrainingSettings withMember(String name, UnaryOperator<MemberSettings> change) {
        if (!members.containsKey(name)) {
            throw new IllegalArgumentException("member " + name + " is not trained (models: " + models() + ")");
        }
        Map<String, MemberSettings> out = new LinkedHashMap<>(members);
        out.put(name, change.apply(members.get(name)));
        return new TrainingSettings(seed, preset, ingest, out, stacker, samMode, clip);
    }

    /** The one JSON form. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("seed", seed);
        root.put("preset", preset.code());
        root.set("models", JSON.valueToTree(models()));
        root.set("ingest", JSON.valueToTree(ingest));
        members.forEach((name, s) -> root.set(name, JSON.valueToTree(s)));
        root.set("stacker", JSON.valueToTree(stacker));
        root.put("samMode", samMode == null ? "auto" : samMode.code());
        root.put("clip", clip.toString());
        return root;
    }

    /** {@link #toJson} as indented text with a final newline. */
    public String toJsonText() {
        try {
            return JSON.writeValueAsString(toJson()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the JSON form; a bad value is an IllegalArgumentException naming the key. */
    public static TrainingSettings fromJson(JsonNode root, MemberRegistry registry) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("settings must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RESERVED_KEYS.contains(key) && registry.find(key).isEmpty()) {
                throw new IllegalArgumentException("unknown section '" + key + "' (sections: " + sections(registry) + ")");
            }
        }
        Preset preset = Preset.parse(text(root, "preset"));
        List<String> models = new ArrayList<>();
        root.path("models").forEach(m -> models.add(m.asText()));
        List<String> ordered = registry.parse(String.join(",", models));
        Map<String, MemberSettings> members = new LinkedHashMap<>();
        for (String name : ordered) {
            MemberKind kind = registry.get(name);
            JsonNode node = root.get(name);
            members.put(name, node == null ? kind.settings(preset) : read(name, node, kind.settingsType()));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RESERVED_KEYS.contains(key) && !ordered.contains(key)) {
                throw new IllegalArgumentException("section '" + key + "' is for a member that is not trained (models: "
                        + ordered + ")");
            }
        }
        String sam = root.path("samMode").asText("auto");
        return new TrainingSettings(root.path("seed").asLong(1), preset,
                root.has("ingest") ? read("ingest", root.get("ingest"), IngestConfig.class) : IngestConfig.defaults(), members,
                root.has("stacker") ? read("stacker", root.get("stacker"), StackerConfig.class) : StackerConfig.preset(preset),
                sam.equals("auto") ? null : SamMode.parse(sam), ProbabilityClip.parse(root.path("clip").asText("none")));
    }

    /**
     * These settings with the values of {@code override} (a part of the JSON form) changed key by key, nested objects
     * too; {@code preset} and {@code models} there are ignored (the caller has chosen them, command line first). An
     * unknown key is an IllegalArgumentException naming it and the known ones.
     */
    public TrainingSettings merge(JsonNode override, MemberRegistry registry) {
        if (override == null || !override.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with any of " + sections(registry));
        }
        ObjectNode merged = toJson();
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("preset") || key.equals("models")) {
                continue;
            }
            if (!merged.has(key)) {
                throw new IllegalArgumentException(RESERVED_KEYS.contains(key) || registry.find(key).isEmpty()
                        ? "unknown section '" + key + "' (sections: " + sections(registry) + ")"
                        : "section '" + key + "' is for a member that is not trained (models: " + models() + ")");
            }
            merged.set(key, mergeValue(key, merged.get(key), e.getValue()));
        }
        return fromJson(merged, registry);
    }

    private static JsonNode mergeValue(String path, JsonNode base, JsonNode change) {
        if (!base.isObject()) {
            return change;
        }
        if (!change.isObject()) {
            throw new IllegalArgumentException("'" + path + "' must be an object of settings");
        }
        ObjectNode out = ((ObjectNode) base).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = change.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!out.has(e.getKey())) {
                throw new IllegalArgumentException("unknown setting '" + path + "." + e.getKey() + "' (known: "
                        + String.join(", ", (Iterable<String>) out::fieldNames) + ")");
            }
            out.set(e.getKey(), mergeValue(path + "." + e.getKey(), out.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    private static <T> T read(String section, JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException("invalid '" + section + "' settings: " + message, e);
        }
    }

    private static String text(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be given as text");
        }
        return v.asText();
    }

    private static String sections(MemberRegistry registry) {
        List<String> out = new ArrayList<>(List.of("seed", "ingest"));
        out.addAll(registry.names());
        out.addAll(List.of("stacker", "samMode", "clip"));
        return String.join(", ", out);
    }
}
