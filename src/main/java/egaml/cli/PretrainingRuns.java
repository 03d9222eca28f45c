package egaml.cli;

import egaml.aug.AugSettings;
import egaml.ingest.Dataset;
import egaml.ingest.IngestConfig;
import egaml.member.MemberSettings;
import egaml.member.TrainingData;

import java.nio.file.Path;
import java.util.Collection;

/**
 * The labelled runs given with {@code --pretrain-data} (e.g. simulated runs): read with the training data's cleaning,
 * refused unless a chosen member pretrains on them, so that a forgotten option never goes unnoticed.
 */
final class PretrainingRuns {
    private PretrainingRuns() {
    }

    /** The runs of {@code dir}, or null when no folder was given. */
    static TrainingData load(Path dir, Collection<MemberSettings> members, IngestOptions ingest, IngestConfig config,
                             boolean quiet) {
        boolean pretrains = members.stream().anyMatch(m -> m instanceof AugSettings a && a.pretrainEpochs() > 0);
        if (dir == null) {
            return null;
        }
        if (!pretrains) {
            throw new IllegalArgumentException("--pretrain-data " + dir + ": no chosen member pretrains (the aug member "
                    + "does with --aug-pretrain-epochs N, N > 0)");
        }
        LabelledRuns runs = LabelledRuns.load(Dataset.open(dir), ingest, config, null, quiet);
        return new TrainingData(runs.runs(), runs.y(), runs.types());
    }
}
