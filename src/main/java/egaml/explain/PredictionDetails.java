package egaml.explain;

import egaml.core.CsvFiles;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.ingest.CleanRun;
import egaml.report.RunFacts;
import egaml.report.TrainingProfile;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sidecar of a predictions file ({@code <predictions>.details.csv}): per sample its instrument type, the
 * out-of-range warnings, and per label the families' probability range, spread and a disagreement flag. The
 * predictions file itself keeps exactly the challenge's columns.
 */
public final class PredictionDetails {
    private final CSVPrinter out;
    private final Optional<TrainingProfile> profile;

    public PredictionDetails(Writer writer, Optional<TrainingProfile> profile) throws IOException {
        this.out = new CSVPrinter(writer, CsvFiles.WRITE);
        this.profile = profile;
        List<String> header = new ArrayList<>(List.of("sample_id", "instrument_type", "warning_count", "warnings"));
        for (String l : Label.columnNames()) {
            header.add(l + "_low");
            header.add(l + "_high");
            header.add(l + "_spread");
            header.add(l + "_disagree");
        }
        out.printRecord(header);
    }

    /** The warnings of a run: null when the model has no training profile. */
    public List<String> warnings(CleanRun run, InstrumentType type) {
        return profile.map(p -> p.warnings(RunFacts.of(run, type))).orElse(null);
    }

    /** One row: the sample's warnings (null: the model has no training profile) and its families' uncertainty. */
    public void write(String sampleId, InstrumentType type, List<String> warnings, Uncertainty u) throws IOException {
        List<Object> row = new ArrayList<>();
        row.add(sampleId);
        row.add(type.code());
        row.add(warnings == null ? "" : String.valueOf(warnings.size()));
        row.add(warnings == null ? "unknown: the model has no training profile" : String.join(" | ", warnings));
        for (int l = 0; l < Label.COUNT; l++) {
            row.add(String.format(Locale.ROOT, "%.6f", u.low()[l]));
            row.add(String.format(Locale.ROOT, "%.6f", u.high()[l]));
            row.add(String.format(Locale.ROOT, "%.6f", u.spread()[l]));
            row.add(u.disagree()[l] ? "1" : "0");
        }
        out.printRecord(row);
    }

    public void flush() throws IOException {
        out.flush();
    }
}
