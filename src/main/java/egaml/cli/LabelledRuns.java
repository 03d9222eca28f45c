package egaml.cli;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.cv.LogLoss;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.SampleRef;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The labelled samples of a dataset, loaded, with their labels and instrument types; and how scores are printed. */
record LabelledRuns(List<SampleRef> samples, List<CleanRun> runs, int[][] y, List<InstrumentType> types) {

    /** Loads the first {@code limit} labelled samples (all when null) as the command line says to read runs. */
    static LabelledRuns load(Dataset dataset, IngestOptions ingest, Integer limit, boolean quiet) {
        return load(dataset, ingest, ingest.config(), limit, quiet);
    }

    /**
     * Loads the first {@code limit} labelled samples (all when null), cleaned with {@code config}, with a progress bar
     * unless quiet.
     */
    static LabelledRuns load(Dataset dataset, IngestOptions ingest, egaml.ingest.IngestConfig config, Integer limit,
                             boolean quiet) {
        List<SampleRef> labelled = dataset.labelled();
        if (limit != null) {
            labelled = labelled.subList(0, Math.min(limit, labelled.size()));
        }
        DatasetLoader.Result loaded;
        try (Progress progress = Progress.start("read", labelled.size(), !quiet)) {
            loaded = DatasetLoader.load(labelled, ingest.loader(config), ingest.threads(), progress);
        }
        List<CleanRun> runs = loaded.requireAll();
        int[][] y = new int[labelled.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = dataset.labelsOf(labelled.get(i)).orElseThrow();
        }
        return new LabelledRuns(labelled, runs, y, instrumentTypes(labelled, runs));
    }

    /** Instrument type per sample: from the metadata, else detected from the run's layout. */
    static List<InstrumentType> instrumentTypes(List<SampleRef> samples, List<CleanRun> runs) {
        List<InstrumentType> types = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            types.add(samples.get(i).instrumentTypeOf(runs.get(i)));
        }
        return types;
    }

    List<String> ids() {
        return samples.stream().map(SampleRef::sampleId).toList();
    }

    /** Prints the aggregated and per-label log loss of each named prediction set. */
    static void printScores(PrintWriter o, String title, int[][] y, Map<String, double[][]> predictions) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s %9s", title, "aggregated"));
        for (Label l : Label.all()) {
            header.append(String.format(Locale.ROOT, " %8.8s", l.columnName()));
        }
        o.println(header);
        for (Map.Entry<String, double[][]> e : predictions.entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %9.4f", e.getKey(),
                    LogLoss.aggregated(y, e.getValue())));
            for (double v : LogLoss.perLabel(y, e.getValue())) {
                line.append(String.format(Locale.ROOT, " %8.4f", v));
            }
            o.println(line);
        }
    }
}
