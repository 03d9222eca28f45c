package egaml.spark;

import egaml.ensemble.MemberRegistry;
import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.ensemble.TrainingSettings;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
import egaml.member.UnitPlan;
import egaml.report.TrainingProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an executor keeps between the tasks of one job: the training's decoded runs and each member's unit plan (so a
 * feature table or scaled input is prepared once per executor, not once per unit), or the loaded model of a batch
 * prediction. Spark's tasks are stateless functions and an executor's only memory between them is its JVM, so this is
 * the one static, mutable holder in egaml (the usual Spark idiom); it keeps one training and one model at a time, so a
 * long-lived executor does not accumulate them.
 */
final class ExecutorCache {
    private static final Object LOCK = new Object();
    private static String trainingId;
    private static TrainingData data;
    private static final Map<String, UnitPlan> PLANS = new HashMap<>();
    private static String modelKey;
    private static LoadedModel model;

    private ExecutorCache() {
    }

    /** A model folder as an executor uses it. */
    record LoadedModel(TrainedModel model, Optional<TrainingProfile> profile) {
    }

    /**
     * The unit plan of {@code member} for the training {@code id}; the first call on an executor decodes the broadcast
     * runs and builds the plan, later ones reuse it.
     */
    static UnitPlan plan(String id, String member, String settingsJson, Supplier<byte[]> dataBytes) {
        synchronized (LOCK) {
            if (!id.equals(trainingId)) {
                trainingId = null;
                data = null;
                PLANS.clear();
                data = TrainingDataCodec.decode(dataBytes.get());
                trainingId = id;
            }
            UnitPlan plan = PLANS.get(member);
            if (plan == null) {
                MemberRegistry registry = MemberRegistry.standard();
                TrainingSettings settings;
                try {
                    settings = TrainingSettings.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree(settingsJson),
                            registry);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the training settings sent by the driver", e);
                }
                plan = registry.get(member).trainer(settings.members().get(member))
                        .units(data, TrainingContext.of(settings.seed(), 1));
                PLANS.put(member, plan);
            }
            return plan;
        }
    }

    /** The model in {@code dir}, loaded once per executor (again if its manifest changed). */
    static LoadedModel model(Path dir) {
        Path manifest = dir.resolve(ModelStore.MANIFEST);
        String key;
        try {
            key = dir.toAbsolutePath().normalize() + "|" + Files.getLastModifiedTime(manifest).toMillis() + "|"
                    + Files.size(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model folder " + dir + " on this executor (it must be on "
                    + "storage every executor reaches)", e);
        }
        synchronized (LOCK) {
            if (!key.equals(modelKey)) {
                modelKey = null;
                model = new LoadedModel(ModelStore.load(dir), TrainingProfile.read(dir));
                modelKey = key;
            }
            return model;
        }
    }
}
