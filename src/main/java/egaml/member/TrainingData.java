package egaml.member;

import egaml.core.InstrumentType;
import egaml.ingest.CleanRun;

import java.util.List;

/**
 * The labelled runs a member is cross-validated on.
 *
 * @param runs  cleaned runs, one per sample
 * @param y     labels [sample][label], 0/1
 * @param types instrument type per sample
 */
public record TrainingData(List<CleanRun> runs, int[][] y, List<InstrumentType> types) {
    public TrainingData {
        runs = List.copyOf(runs);
        types = List.copyOf(types);
        if (runs.size() != y.length || types.size() != y.length) {
            throw new IllegalArgumentException("runs, labels and instrument types differ in length: " + runs.size()
                    + ", " + y.length + ", " + types.size());
        }
    }

    public int size() {
        return y.length;
    }

    /** True for the SAM testbed samples. */
    public boolean[] samMask() {
        return InstrumentType.samMask(types);
    }
}
