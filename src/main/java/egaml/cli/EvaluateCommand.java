package egaml.cli;

import egaml.core.EgamlDataException;
import egaml.core.Label;
import egaml.cv.Calibration;
import egaml.cv.LogLoss;
import egaml.cv.PredictionTable;
import egaml.ingest.LabelTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml evaluate}: scores a predictions CSV against labels. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores predicted probabilities against 0/1 labels: aggregated and per-label log loss (the challenge "
                + "metric, p clipped to [1e-15, 1 - 1e-15]) and a calibration table (predictions pooled over labels in "
                + "probability bins: mean predicted vs observed frequency). Every predicted sample must have labels, and every labelled "
                + "sample a prediction (unless --allow-missing).")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--predictions", required = true, paramLabel = "FILE",
            description = "CSV: sample_id and the ten label probabilities.")
    Path predictions;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "CSV: sample_id and the ten 0/1 labels.")
    Path labels;

    @Option(names = "--allow-missing", description = "Score the predicted samples even if some labelled samples have no "
            + "prediction (by default that is an error: a partial file would score as if it were complete).")
    boolean allowMissing;

    @Option(names = "--bins", defaultValue = "10", paramLabel = "N", description = "Calibration bins (default: ${DEFAULT-VALUE}).")
    int bins;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (bins < 2 || bins > 100) {
            throw new IllegalArgumentException("--bins must be between 2 and 100, got " + bins);
        }
        PredictionTable p = PredictionTable.read(predictions);
        LabelTable truth = LabelTable.read(labels);
        List<String> unknown = new ArrayList<>();
        int[][] y = new int[p.ids().size()][];
        for (int i = 0; i < y.length; i++) {
            int index = i;
            y[i] = truth.get(p.ids().get(i)).orElseGet(() -> {
                unknown.add(p.ids().get(index));
                return null;
            });
        }
        if (!unknown.isEmpty()) {
            throw new EgamlDataException(labels, 0, unknown.size() + " predicted sample(s) have no labels here, e.g. "
                    + unknown.subList(0, Math.min(5, unknown.size())) + " (from " + predictions + ")");
        }
        PrintWriter o = spec.commandLine().getOut();
        int unpredicted = truth.size() - y.length;
        if (unpredicted > 0 && !allowMissing) {
            java.util.Set<String> predicted = new java.util.HashSet<>(p.ids());
            List<String> lacking = truth.asMap().keySet().stream().filter(id -> !predicted.contains(id)).limit(5).toList();
            throw new EgamlDataException(predictions, 0, "lacks " + unpredicted + " of the " + truth.size()
                    + " labelled samples in " + labels + ", e.g. " + lacking + "; pass --allow-missing to score only the "
                    + "predicted ones");
        }
        o.printf(Locale.ROOT, "%d samples scored%s%n", y.length,
                unpredicted > 0 ? "; " + unpredicted + " labelled samples have no prediction and are not scored" : "");
        o.printf(Locale.ROOT, "aggregated log loss  %.4f%n", LogLoss.aggregated(y, p.probabilities()));
        double[] per = LogLoss.perLabel(y, p.probabilities());
        o.printf(Locale.ROOT, "%-16s %9s %9s %9s%n", "label", "log loss", "positives", "ECE");
        for (Label l : Label.all()) {
            int pos = 0;
            for (int[] row : y) {
                pos += row[l.ordinal()];
            }
            double ece = Calibration.expectedError(Calibration.bins(y, p.probabilities(), l.ordinal(), bins));
            o.printf(Locale.ROOT, "%-16s %9.4f %9d %9.4f%n", l.columnName(), per[l.ordinal()], pos, ece);
        }
        List<Calibration.Bin> pooled = Calibration.bins(y, p.probabilities(), -1, bins);
        o.printf(Locale.ROOT, "%ncalibration (all labels pooled; ECE %.4f)%n%-13s %7s %15s %9s%n",
                Calibration.expectedError(pooled), "predicted", "count", "mean predicted", "observed");
        for (Calibration.Bin b : pooled) {
            o.printf(Locale.ROOT, "[%.2f, %.2f)  %7d %15s %9s%n", b.low(), b.high(), b.count(),
                    b.count() == 0 ? "-" : String.format(Locale.ROOT, "%.4f", b.meanPredicted()),
                    b.count() == 0 ? "-" : String.format(Locale.ROOT, "%.4f", b.observed()));
        }
        o.flush();
        return 0;
    }
}
