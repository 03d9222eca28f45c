package egaml.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the JSON manifest of a saved egaml folder, checking its format name and version. */
public final class JsonManifest {
    private JsonManifest() {
    }

    /**
     * @param what what the folder should be, for the message ("an egaml model folder")
     * @throws EgamlDataException naming the manifest when it is missing, not JSON, of another format or version
     */
    public static JsonNode read(Path manifest, String format, int version, String what) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(manifest.toFile());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new EgamlDataException(manifest, 0, "missing: " + manifest.getParent() + " is not " + what);
        } catch (IOException e) {
            throw new EgamlDataException(manifest, 0, "damaged manifest (not valid JSON): " + e.getMessage(), e);
        }
        if (root == null || !format.equals(root.path("format").asText())) {
            throw new EgamlDataException(manifest, 0, "not " + what + " (format is '"
                    + (root == null ? "" : root.path("format").asText()) + "', expected '" + format + "')");
        }
        int found = root.path("formatVersion").asInt(-1);
        if (found != version) {
            throw new EgamlDataException(manifest, 0, "format version found " + found + ", supported " + version);
        }
        return root;
    }
}
