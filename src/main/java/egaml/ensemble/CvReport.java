package egaml.ensemble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.cv.LogLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The cross-validation report of a training ({@code cv.json}): log loss of every model, per label and aggregated. */
public final class CvReport {
    private CvReport() {
    }

    /** Per-label and aggregated out-of-fold log loss of every model, and the SAM-only figure with its sample size. */
    public static ObjectNode json(Map<String, double[][]> oof, int[][] y, List<InstrumentType> types) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("samples", y.length);
        root.put("metric", "aggregated log loss: mean over labels of binary log loss, p clipped to [1e-15, 1 - 1e-15]");
        ObjectNode scores = root.putObject("logLoss");
        for (Map.Entry<String, double[][]> e : oof.entrySet()) {
            ObjectNode s = scores.putObject(e.getKey());
            s.put("aggregated", LogLoss.aggregated(y, e.getValue()));
            ObjectNode per = s.putObject("perLabel");
            double[] v = LogLoss.perLabel(y, e.getValue());
            for (Label l : Label.all()) {
                per.put(l.columnName(), v[l.ordinal()]);
            }
        }
        List<Integer> sam = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == InstrumentType.SAM_TESTBED) {
                sam.add(i);
            }
        }
        ObjectNode samNode = root.putObject("samOnly");
        samNode.put("samples", sam.size());
        if (!sam.isEmpty() && oof.containsKey("ensemble")) {
            int[][] ys = sam.stream().map(i -> y[i]).toArray(int[][]::new);
            double[][] ps = sam.stream().map(i -> oof.get("ensemble")[i]).toArray(double[][]::new);
            samNode.put("ensembleAggregated", LogLoss.aggregated(ys, ps));
            samNode.put("note", "few SAM samples: this figure mostly measures how low the predictions are");
        }
        return root;
    }
}
