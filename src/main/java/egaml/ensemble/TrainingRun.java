package egaml.ensemble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.InstrumentType;
import egaml.core.TaskStore;
import egaml.cv.PredictionTable;
import egaml.member.SamRole;
import egaml.member.TrainingData;
import egaml.member.TrainingListener;
import egaml.report.TrainingReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code egaml train} as a library call: checks the settings against the data, trains (resuming from
 * {@code MODEL_DIR.partial/} when asked), and writes the model folder with its records: {@code oof.csv},
 * {@code oof_models.csv}, {@code cv.json}, {@code report.html} and the provenance in the manifest.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    /**
     * A finished training.
     *
     * @param cv    the content of {@code cv.json}
     * @param units what the unit engine reported (nothing for a local training)
     */
    public record Result(ModelTrainer.Outcome outcome, ObjectNode cv, double seconds, UnitEngine.Report units) {
    }

    /**
     * @param dataDir     the dataset folder (recorded in the manifest)
     * @param readSeconds time spent reading the runs before this call (recorded in cv.json)
     * @param notice      hears decisions worth telling the user (resuming, nothing to resume)
     */
    public static Result train(Path dataDir, TrainingData data, TrainingSettings settings, MemberRegistry registry,
                               Path out, boolean resume, int threads, double readSeconds, TrainingListener listener,
                               Consumer<String> notice) throws IOException {
        return train(dataDir, data, settings, registry, out, resume, threads, readSeconds, UnitEngine.LOCAL, listener, notice);
    }

    /**
     * As above, with the units run by {@code engine} before the members assemble them; a distributed engine's record
     * of its units goes to {@code units.csv} in the model folder.
     */
    public static Result train(Path dataDir, TrainingData data, TrainingSettings settings, MemberRegistry registry,
                               Path out, boolean resume, int threads, double readSeconds, UnitEngine engine,
                               TrainingListener listener, Consumer<String> notice) throws IOException {
        return train(dataDir, data, settings, registry, out, resume, threads, readSeconds, engine, listener, notice, null);
    }

    /**
     * Labelled runs that members able to pretrain learn from before their fold models, and where they were read
     * (recorded in the manifest's provenance).
     */
    public record Pretraining(Path dataDir, TrainingData data) {
    }

    /** As above, with pretraining runs (null: none). */
    public static Result train(Path dataDir, TrainingData data, TrainingSettings settings, MemberRegistry registry,
                               Path out, boolean resume, int threads, double readSeconds, UnitEngine engine,
                               TrainingListener listener, Consumer<String> notice, Pretraining pretraining)
            throws IOException {
        long t0 = System.nanoTime();
        check(data, settings, registry);
        Path partial = PartialTraining.folderFor(out);
        String fingerprint = PartialTraining.fingerprint(settings, data);
        String pretrainingSha256 = pretraining == null ? null : PartialTraining.dataSha256(pretraining.data());
        if (pretraining != null) {
            // a resumed training must not mix fold models that started from different pretrained networks
            fingerprint += "\npretraining data " + pretrainingSha256;
        }
        TaskStore store = PartialTraining.open(partial, fingerprint, resume, notice);
        long tUnits = System.nanoTime();
        UnitEngine.Report units = engine.run(data, settings, registry, store, listener);
        double unitSeconds = (System.nanoTime() - tUnits) / 1e9;
        ModelTrainer.Outcome outcome = ModelTrainer.train(data, settings, registry, threads, store, listener,
                pretraining == null ? null : pretraining.data());
        List<String> ids = data.runs().stream().map(egaml.ingest.CleanRun::sampleId).toList();
        ObjectNode cv = CvReport.json(outcome.oof(), data.y(), data.types());
        ObjectNode seconds = cv.putObject("seconds");
        seconds.put("read", readSeconds);
        if (!units.unitsCsv().isEmpty()) {
            seconds.put("units", unitSeconds);
        }
        outcome.seconds().forEach(seconds::put);
        double total = readSeconds + (System.nanoTime() - t0) / 1e9;
        seconds.put("total", total);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        long sam = data.types().stream().filter(t -> t == InstrumentType.SAM_TESTBED).count();
        ObjectNode provenance = json.createObjectNode();
        provenance.put("data", dataDir.toAbsolutePath().normalize().toString());
        provenance.put("samples", data.size());
        provenance.put("samSamples", sam);
        if (pretraining != null) {
            ObjectNode pre = provenance.putObject("pretraining");
            pre.put("data", pretraining.dataDir().toAbsolutePath().normalize().toString());
            pre.put("samples", pretraining.data().size());
            pre.put("dataSha256", pretrainingSha256);
        }
        provenance.set("cv", cv.get("logLoss").get("ensemble"));
        provenance.set("seconds", seconds);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("oof.csv", PredictionTable.csv(ids, outcome.ensemble()));
        files.put("oof_models.csv", PredictionTable.csvByModel(ids, outcome.oof()));
        files.put("cv.json", json.writeValueAsString(cv));
        if (!units.unitsCsv().isEmpty()) {
            files.put("units.csv", units.unitsCsv());
        }
        files.put(egaml.report.TrainingProfile.FILE, egaml.report.TrainingProfile.of(data.runs(), data.types()).toJson());
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "data: %s, %d labelled samples (%d SAM testbed)",
                dataDir.toAbsolutePath().normalize(), data.size(), sam));
        if (pretraining != null) {
            facts.add(String.format(Locale.ROOT, "pretraining runs: %s, %d labelled samples",
                    pretraining.dataDir().toAbsolutePath().normalize(), pretraining.data().size()));
        }
        facts.add(String.format(Locale.ROOT, "preset %s, seed %d, members: %s", settings.preset(), settings.seed(),
                String.join(", ", settings.models())));
        settings.members().forEach((name, s) -> facts.add(name + ": " + s));
        facts.addAll(units.summary());
        StringBuilder wall = new StringBuilder(String.format(Locale.ROOT, "wall time %.1f s (read %.1f s", total, readSeconds));
        if (!units.unitsCsv().isEmpty()) {
            wall.append(String.format(Locale.ROOT, ", units %.1f s", unitSeconds));
        }
        outcome.seconds().forEach((k, v) -> wall.append(String.format(Locale.ROOT, ", %s %.1f s", k, v)));
        facts.add(wall.append(")").toString());
        facts.add("SAM testbed samples: " + outcome.model().ensemble().samMode().code() + " rule; probability clip: "
                + outcome.model().ensemble().clip());
        files.put("report.html", TrainingReport.html(new TrainingReport.Content("egaml training report", facts, ids,
                data.y(), outcome.oof(), outcome.model().ensemble().names(), outcome.model().ensemble().weights(),
                data.runs())));
        ModelStore.save(out, outcome.model(), files, provenance);
        PartialTraining.finish(partial);
        return new Result(outcome, cv, total, units);
    }

    /** Refuses, before any work, what cannot be trained: too few samples, a SAM rule the members cannot serve. */
    static void check(TrainingData data, TrainingSettings settings, MemberRegistry registry) {
        int folds = settings.folds();
        if (data.size() < 2 * folds) {
            throw new IllegalArgumentException("the data have " + data.size() + " labelled samples; the " + settings.preset()
                    + " settings need at least " + 2 * folds);
        }
        if (settings.samMode() == SamMode.BLEND) {
            Set<SamRole> roles = EnumSet.noneOf(SamRole.class);
            settings.models().forEach(m -> roles.addAll(registry.get(m).samRoles()));
            if (!roles.contains(SamRole.TREES) || !(roles.contains(SamRole.NETWORK) || roles.contains(SamRole.NETWORK_PREFERRED))) {
                throw new IllegalArgumentException("--sam-mode blend needs members with tree and network families (gbt and "
                        + "nn); use average or stacker with " + settings.models());
            }
        }
    }
}
