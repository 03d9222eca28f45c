package egaml.cli;

import egaml.aug.AugSettings;
import egaml.ingest.Dataset;
import egaml.ingest.IngestConfig;
import egaml.member.MemberSettings;
import egaml.member.TrainingData;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Collection;

/**
 * The {@code --pretrain-data} option of {@code cv} and {@code train}: labelled runs (e.g. simulated ones) read with the
 * training data's cleaning, refused unless a chosen member pretrains on them, so that a forgotten option never goes
 * unnoticed.
 */
final class PretrainingRuns {
    @Option(names = "--pretrain-data", paramLabel = "DIR", description = "A labelled dataset folder (e.g. 'egaml "
            + "simulate' output) that members able to pretrain (aug, with --aug-pretrain-epochs) learn from before their "
            + "fold models; read with the same cleaning, never scored. train records it in the manifest (local "
            + "training only).")
    Path dir;

    /** The runs of the folder, or null when none was given. */
    TrainingData load(Collection<MemberSettings> members, IngestOptions ingest, IngestConfig config, boolean quiet) {
        if (dir == null) {
            return null;
        }
        if (members.stream().noneMatch(m -> m instanceof AugSettings a && a.pretrainEpochs() > 0)) {
            throw new IllegalArgumentException("--pretrain-data " + dir + ": no chosen member pretrains (the aug member "
                    + "does with --aug-pretrain-epochs N, N > 0)");
        }
        LabelledRuns runs = LabelledRuns.load(Dataset.open(dir), ingest, config, null, quiet);
        return new TrainingData(runs.runs(), runs.y(), runs.types());
    }
}
