package egaml.gbt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.AtomicFiles;
import egaml.core.EgamlDataException;
import egaml.core.JsonManifest;
import egaml.core.Label;
import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.features.FeatureExtractor;
import egaml.features.FeatureRealisation;
import egaml.features.FeatureTable;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained GBT member: the fold models of a cross-validation and what is needed to rebuild their
 * inputs (seed, realisations). New samples get the mean probability over the fold models of each trim-range
 * family (method.md 8.4), calibrated. Saved as a folder: {@code gbt.json}
 * and one LightGBM text model per fold model under {@code models/}, loadable by any LightGBM.
 */
public record GbtMember(long seed, GbtConfig config, List<FeatureRealisation> realisations, List<FoldModel> models,
                        FamilyCalibration calibration) implements egaml.member.ExplainableMember {
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "gbt.json";

    public GbtMember {
        realisations = List.copyOf(realisations);
        models = List.copyOf(models);
        calibration = calibration == null ? FamilyCalibration.none() : calibration;
    }

    public static GbtMember of(GbtCrossValidation.Result result, long seed, GbtConfig config) {
        return new GbtMember(seed, config, result.realisations(), result.models(), result.calibration());
    }

    @Override
    public String kind() {
        return GbtKind.NAME;
    }

    @Override
    public List<Family> families() {
        return GbtCrossValidation.familyNames(realisations).stream()
                .map(name -> new Family(name, GbtKind.NAME, SamRole.TREES)).toList();
    }

    @Override
    public String format() {
        return "LightGBM text models + gbt.json";
    }

    @Override
    public int modelCount() {
        return models.size();
    }

    /**
     * Per trim-range family, the mean probability of its fold models for each label (method.md 8.4), calibrated, as
     * logits.
     */
    @Override
    public FamilyScores predict(List<CleanRun> runs, int threads) {
        SeedSequence seeds = new SeedSequence(seed);
        int n = runs.size();
        FamilyAverager average = new FamilyAverager(n);
        families().forEach(f -> average.declare(f.name()));
        for (FeatureRealisation r : realisations) {
            float[][] rows = FeatureTable.extract(runs, r, seeds, threads, k -> { }).rows();
            List<FoldModel> mine = models.stream().filter(m -> m.realisation() == r.index()).toList();
            double[][] wide = new double[n][];
            for (int i = 0; i < n; i++) {
                wide[i] = FoldModel.widen(rows[i]);
            }
            List<double[]> predictions = Parallel.map("gbt-predict", threads, mine, m -> m.predict(rows, wide));
            for (int k = 0; k < mine.size(); k++) {
                average.add(GbtCrossValidation.familyName(r.trimRange()), mine.get(k).label(), predictions.get(k));
            }
        }
        return FamilyScores.ofProbabilities(calibration.apply(average.means()), FamilyScores.PROBABILITY_CLIP);
    }

    /** Evidence of every family's logits (see {@link GbtAttribution}). */
    @Override
    public List<egaml.member.FamilyAttribution> attribute(List<CleanRun> runs, boolean[][] labels,
                                                          egaml.member.AttributionSettings settings,
                                                          egaml.member.FamilyScores known, int threads) {
        return GbtAttribution.attribute(this, runs, labels, settings, known, threads);
    }

    /** Writes the member to {@code dir} atomically (a temporary folder renamed into place; an old one replaced). */
    public void save(Path dir) throws IOException {
        AtomicFiles.writeFolder(dir, tmp -> {
            Files.createDirectories(tmp.resolve("models"));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("format", "egaml-gbt");
            root.put("formatVersion", FORMAT_VERSION);
            root.put("egamlVersion", egaml.core.Version.current());
            root.put("seed", seed);
            root.set("config", json.valueToTree(config));
            root.put("baseFeatures", FeatureExtractor.COUNT);
            root.set("featureNames", json.valueToTree(FeatureExtractor.names()));
            root.set("realisations", json.valueToTree(realisations));
            if (!calibration.shifts().isEmpty()) {
                ObjectNode shifts = root.putObject("calibration");
                shifts.put("meaning", "per family and label, the shift added to logit(p) of the family's mean probability");
                calibration.shifts().forEach((family, a) -> {
                    ObjectNode perLabel = shifts.putObject(family);
                    for (Label l : Label.all()) {
                        perLabel.put(l.columnName(), a[l.ordinal()]);
                    }
                });
            }
            ArrayNode list = root.putArray("models");
            for (FoldModel m : models) {
                ObjectNode node = list.addObject();
                node.put("realisation", m.realisation());
                node.put("repeat", m.repeat());
                node.put("fold", m.fold());
                node.put("label", m.label().columnName());
                node.set("pairIons", json.valueToTree(m.pairIons()));
                if (m.model() == null) {
                    node.put("prior", m.prior());
                } else {
                    node.put("file", "models/" + m.fileName());
                    Files.writeString(tmp.resolve("models").resolve(m.fileName()), m.model(), StandardCharsets.UTF_8);
                }
            }
            json.writeValue(tmp.resolve(MANIFEST).toFile(), root);
        });
    }

    /** Reads a saved member; a damaged or incompatible folder gives a data error naming the file. */
    public static GbtMember load(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        JsonNode root = JsonManifest.read(manifest, "egaml-gbt", FORMAT_VERSION, "a saved GBT member");
        if (root.path("baseFeatures").asInt() != FeatureExtractor.COUNT) {
            throw new EgamlDataException(manifest, 0, "made with " + root.path("baseFeatures").asInt()
                    + " base features; this egaml computes " + FeatureExtractor.COUNT);
        }
        try {
            ObjectMapper json = new ObjectMapper();
            GbtConfig config = json.treeToValue(root.get("config"), GbtConfig.class);
            List<FeatureRealisation> realisations = new ArrayList<>();
            for (JsonNode r : root.get("realisations")) {
                realisations.add(json.treeToValue(r, FeatureRealisation.class));
            }
            List<FoldModel> models = new ArrayList<>();
            for (JsonNode m : root.get("models")) {
                Label label = Label.fromColumnName(m.path("label").asText()).orElseThrow(() ->
                        new EgamlDataException(manifest, 0, "unknown label '" + m.path("label").asText() + "'"));
                List<Integer> ions = new ArrayList<>();
                m.path("pairIons").forEach(v -> ions.add(v.asInt()));
                String text = null;
                double prior = Double.NaN;
                if (m.has("file")) {
                    Path file = dir.resolve(m.get("file").asText());
                    try {
                        text = Files.readString(file, StandardCharsets.UTF_8);
                    } catch (NoSuchFileException e) {
                        throw new EgamlDataException(file, 0, "missing model file listed in " + manifest);
                    }
                } else {
                    prior = m.path("prior").asDouble();
                }
                models.add(new FoldModel(m.path("realisation").asInt(), m.path("repeat").asInt(), m.path("fold").asInt(),
                        label, ions, text, prior));
            }
            Map<String, double[]> shifts = new LinkedHashMap<>();
            JsonNode calibration = root.path("calibration");
            for (java.util.Iterator<String> it = calibration.fieldNames(); it.hasNext(); ) {
                String family = it.next();
                if (family.equals("meaning")) {
                    continue;
                }
                double[] a = new double[Label.COUNT];
                for (Label l : Label.all()) {
                    JsonNode v = calibration.path(family).path(l.columnName());
                    if (!v.isNumber()) {
                        throw new EgamlDataException(manifest, 0, "calibration of " + family + " has no number for "
                                + l.columnName());
                    }
                    a[l.ordinal()] = v.asDouble();
                }
                shifts.put(family, a);
            }
            return new GbtMember(root.path("seed").asLong(), config, realisations, models, new FamilyCalibration(shifts));
        } catch (IOException | RuntimeException e) {
            if (e instanceof EgamlDataException d) {
                throw d;
            }
            throw new EgamlDataException(manifest, 0, "damaged manifest: " + e.getMessage(), e);
        }
    }
}
