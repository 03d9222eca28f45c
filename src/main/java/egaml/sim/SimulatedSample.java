package egaml.sim;

import egaml.core.InstrumentType;
import egaml.core.Label;

import java.util.List;
import java.util.Set;

/** What was simulated for one run: its labels and the truth behind them. */
public record SimulatedSample(String sampleId, String relativePath, String md5, Set<Label> labels,
                             InstrumentType instrumentType, String setup, double ramp, List<String> species,
                             long bytes, List<ReleaseTruth> releases) {

    public int[] labelVector() {
        int[] y = new int[Label.COUNT];
        for (Label l : labels) {
            y[l.ordinal()] = 1;
        }
        return y;
    }
}
