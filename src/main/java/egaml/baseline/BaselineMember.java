package egaml.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.AtomicFiles;
import egaml.core.EgamlDataException;
import egaml.core.JsonManifest;
import egaml.core.Label;
import egaml.ingest.CleanRun;
import egaml.member.Family;
import egaml.member.FamilyAverager;
import egaml.member.FamilyScores;
import egaml.member.FittedMember;
import egaml.member.SamRole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained baseline member: one logistic regression per (fold, label). New runs get, per label, the mean logit of
 * the fold models. Saved as {@code baseline.json} and one liblinear model text file per fold model under
 * {@code models/} (liblinear's own format; feature i is {@link BinFeatures#name} of i - 1, the last one the bias).
 */
public record BaselineMember(long seed, BaselineSettings settings, List<FoldModel> models) implements FittedMember {
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "baseline.json";
    public static final String FAMILY = "baseline_lr";

    /** One label's model of one fold, with the setting the inner search chose. */
    public record FoldModel(int fold, Label label, BaselineSettings.Penalty penalty, double strength, LabelModel model) {
        String fileName() {
            return String.format(java.util.Locale.ROOT, "f%d_%s.txt", fold, label.columnName());
        }
    }

    public BaselineMember {
        models = List.copyOf(models);
    }

    @Override
    public String kind() {
        return BaselineKind.NAME;
    }

    @Override
    public List<Family> families() {
        return List.of(new Family(FAMILY, BaselineKind.NAME, SamRole.NONE));
    }

    @Override
    public String format() {
        return "liblinear model text files + baseline.json";
    }

    @Override
    public int modelCount() {
        return models.size();
    }

    @Override
    public FamilyScores predict(List<CleanRun> runs, int threads) {
        int n = runs.size();
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = BinFeatures.of(runs.get(i));
        }
        FamilyAverager average = new FamilyAverager(n);
        for (FoldModel m : models) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = m.model().logit(x[i]);
            }
            average.add(FAMILY, m.label(), z);
        }
        return new FamilyScores(average.means());
    }

    @Override
    public void save(Path dir) throws IOException {
        AtomicFiles.writeFolder(dir, tmp -> {
            Files.createDirectories(tmp.resolve("models"));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("format", "egaml-baseline");
            root.put("formatVersion", FORMAT_VERSION);
            root.put("egamlVersion", egaml.core.Version.current());
            root.put("seed", seed);
            root.set("settings", json.valueToTree(settings));
            root.put("features", "max abundance above the channel minimum per 100 C bin x m/z 0-99, divided by the run's "
                    + "maximum; liblinear feature i (1-based) is featureNames[i-1], the last one the bias");
            root.set("featureNames", json.valueToTree(java.util.stream.IntStream.range(0, BinFeatures.COUNT)
                    .mapToObj(BinFeatures::name).toList()));
            ArrayNode list = root.putArray("models");
            for (FoldModel m : models) {
                ObjectNode node = list.addObject();
                node.put("fold", m.fold());
                node.put("label", m.label().columnName());
                node.put("penalty", m.penalty().name());
                node.put("strength", m.strength());
                String text = m.model().text();
                if (text == null) {
                    node.put("constantLogit", m.model().constant());
                } else {
                    node.put("file", "models/" + m.fileName());
                    Files.writeString(tmp.resolve("models").resolve(m.fileName()), text, StandardCharsets.UTF_8);
                }
            }
            json.writeValue(tmp.resolve(MANIFEST).toFile(), root);
        });
    }

    public static BaselineMember load(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        JsonNode root = JsonManifest.read(manifest, "egaml-baseline", FORMAT_VERSION, "a saved baseline member");
        try {
            ObjectMapper json = new ObjectMapper();
            BaselineSettings settings = json.treeToValue(root.get("settings"), BaselineSettings.class);
            List<FoldModel> models = new ArrayList<>();
            for (JsonNode m : root.path("models")) {
                Label label = Label.fromColumnName(m.path("label").asText()).orElseThrow(() ->
                        new EgamlDataException(manifest, 0, "unknown label '" + m.path("label").asText() + "'"));
                LabelModel model;
                if (m.has("file")) {
                    Path file = dir.resolve(m.get("file").asText());
                    try {
                        model = LabelModel.of(Files.readString(file, StandardCharsets.UTF_8), 0);
                    } catch (NoSuchFileException e) {
                        throw new EgamlDataException(file, 0, "missing model file listed in " + manifest);
                    } catch (IOException | RuntimeException e) {
                        throw new EgamlDataException(file, 0, "not a liblinear model: " + e.getMessage(), e);
                    }
                } else {
                    model = LabelModel.of(null, m.path("constantLogit").asDouble());
                }
                models.add(new FoldModel(m.path("fold").asInt(), label,
                        BaselineSettings.Penalty.valueOf(m.path("penalty").asText()), m.path("strength").asDouble(), model));
            }
            return new BaselineMember(root.path("seed").asLong(), settings, models);
        } catch (IOException | IllegalArgumentException e) {
            throw new EgamlDataException(manifest, 0, "damaged manifest: " + e.getMessage(), e);
        }
    }
}
