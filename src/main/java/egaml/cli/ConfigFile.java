package egaml.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.EgamlDataException;
import egaml.ensemble.StackerConfig;
import egaml.gbt.GbtConfig;
import egaml.nn.NnPreset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Training settings as JSON: a preset's numbers ({@code --print-config} writes them), which a file given with
 * {@code --config} overrides key by key. The file is an object with any of {@code "gbt"}, {@code "nn"} and
 * {@code "stacker"}, each holding the keys to change, e.g. {@code {"nn": {"epochs": 30, "repeats": 2}}}.
 */
final class ConfigFile {
    private static final Set<String> SECTIONS = Set.of("gbt", "nn", "stacker");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigFile() {
    }

    /** The settings of the three training stages. */
    record Settings(GbtConfig gbt, NnPreset nn, StackerConfig stacker) {
        static Settings preset(String name) {
            return new Settings(GbtConfig.preset(name), NnPreset.named(name), StackerConfig.preset(name));
        }
    }

    /** The settings as JSON. */
    static String json(Settings s) {
        try {
            return JSON.writeValueAsString(JSON.valueToTree(s)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base} with the file's values; a bad file gives a data error naming the file, line and key. */
    static Settings apply(Path file, Settings base) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new EgamlDataException(file, 0, "no such configuration file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new EgamlDataException(file, at == null ? 0 : at.getLineNr(), "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EgamlDataException(file, 0, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new EgamlDataException(file, 1, "expected a JSON object with any of " + SECTIONS);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SECTIONS.contains(key)) {
                throw new EgamlDataException(file, 0, "unknown section '" + key + "' (sections: gbt, nn, stacker)");
            }
        }
        return new Settings(merge(file, "gbt", base.gbt(), root.get("gbt"), GbtConfig.class),
                merge(file, "nn", base.nn(), root.get("nn"), NnPreset.class),
                merge(file, "stacker", base.stacker(), root.get("stacker"), StackerConfig.class));
    }

    private static <T> T merge(Path file, String section, T base, JsonNode override, Class<T> type) {
        if (override == null) {
            return base;
        }
        if (!override.isObject()) {
            throw new EgamlDataException(file, 0, "'" + section + "' must be an object of settings");
        }
        ObjectNode merged = JSON.valueToTree(base);
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!merged.has(e.getKey())) {
                throw new EgamlDataException(file, 0, "unknown setting '" + section + "." + e.getKey() + "' (known: "
                        + String.join(", ", (Iterable<String>) merged::fieldNames) + ")");
            }
            JsonNode current = merged.get(e.getKey());
            if (current.isObject() && e.getValue().isObject()) {
                ObjectNode inner = ((ObjectNode) current).deepCopy();
                for (Iterator<Map.Entry<String, JsonNode>> fields = e.getValue().fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    if (!inner.has(f.getKey())) {
                        throw new EgamlDataException(file, 0, "unknown setting '" + section + "." + e.getKey() + "."
                                + f.getKey() + "' (known: " + String.join(", ", (Iterable<String>) inner::fieldNames) + ")");
                    }
                    inner.set(f.getKey(), f.getValue());
                }
                merged.set(e.getKey(), inner);
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        try {
            return JSON.treeToValue(merged, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
            throw new EgamlDataException(file, 0, "invalid '" + section + "' settings: " + message);
        }
    }
}
