package egaml.member;

import egaml.ingest.CleanRun;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained member: immutable, it predicts its families' logits for new runs and saves itself in its libraries' own
 * formats. Loading is its {@link MemberKind}'s job.
 */
public interface FittedMember {
    /** The name of its kind in the registry ({@link MemberKind#name()}). */
    String kind();

    /** Its families, in the order of {@link #predict}'s tables. */
    List<Family> families();

    /** Logits of every family for the runs; the result does not depend on {@code threads}. */
    FamilyScores predict(List<CleanRun> runs, int threads);

    /** Writes the member into the folder {@code dir} atomically (replacing an old one). */
    void save(Path dir) throws IOException;

    /** What the saved folder holds, in a few words for the model manifest (e.g. "LightGBM text models + gbt.json"). */
    String format();

    /** How many fitted models it holds (fold models, snapshots or the like), for summaries. */
    int modelCount();
}
