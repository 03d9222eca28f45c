package egaml.ensemble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.AtomicFiles;
import egaml.core.Checksums;
import egaml.core.TaskStore;
import egaml.core.Version;
import egaml.member.TrainingData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Where an unfinished training keeps its finished fold models: {@code MODEL_DIR.partial/} beside the model folder, with
 * {@code run.json}, the fingerprint of the data and settings it was started with. A training with {@code --resume}
 * takes the kept models; any other difference is refused rather than mixed in.
 */
public final class PartialTraining {
    private static final String RUN_FILE = "run.json";

    private PartialTraining() {
    }

    /** MODEL_DIR.partial beside the model folder. */
    public static Path folderFor(Path modelDir) {
        Path abs = modelDir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".partial");
    }

    /** SHA-256 of every sample's id, labels and run checksum, in order: the identity of a labelled dataset. */
    public static String dataSha256(TrainingData data) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
            rows.append(data.runs().get(i).sampleId()).append(Arrays.toString(data.y()[i]))
                    .append(data.runs().get(i).summary().md5()).append('\n');
        }
        return Checksums.sha256(rows.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What must not change between an interrupted training and its resumption: egaml, settings and data. */
    public static String fingerprint(TrainingSettings settings, TrainingData data) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("egamlVersion", Version.current());
        root.set("settings", settings.toJson());
        root.put("samples", data.size());
        root.put("dataSha256", dataSha256(data));
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The store of finished fold models in {@code partial}; refuses to mix an unfinished training with other data or
     * settings, and an existing one unless {@code resume}. {@code notice} hears what was decided.
     */
    public static TaskStore open(Path partial, String fingerprint, boolean resume, Consumer<String> notice) throws IOException {
        Path runFile = partial.resolve(RUN_FILE);
        if (Files.isDirectory(partial)) {
            if (!resume) {
                throw new IllegalArgumentException("an interrupted training was found in " + partial
                        + "; pass --resume to continue it, or delete that folder to start over");
            }
            String before = Files.isRegularFile(runFile) ? Files.readString(runFile) : "";
            if (!before.equals(fingerprint)) {
                throw new IllegalArgumentException("cannot resume: " + runFile + " was made with other data or settings "
                        + "(the same --data, --preset, --seed, --models, --config and overrides are needed); delete "
                        + partial + " to start over");
            }
            notice.accept("resuming the training kept in " + partial);
        } else {
            if (resume) {
                notice.accept("nothing to resume in " + partial + "; training from the start");
            }
            Files.createDirectories(partial);
            AtomicFiles.write(runFile, o -> o.write(fingerprint.getBytes(StandardCharsets.UTF_8)));
        }
        return TaskStore.folder(partial);
    }

    /** Deletes the kept fold models once the model folder is written. */
    public static void finish(Path partial) throws IOException {
        AtomicFiles.deleteTree(partial);
    }
}
