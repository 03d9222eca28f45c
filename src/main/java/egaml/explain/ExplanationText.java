package egaml.explain;

import egaml.core.CsvFiles;
import egaml.core.Label;
import egaml.member.EvidenceMap;
import egaml.report.IonNames;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The text and table forms of explanations: what {@code explain} prints and the evidence CSV it writes. */
public final class ExplanationText {
    private ExplanationText() {
    }

    /** The labels of an explanation, most probable first. */
    public static List<Label> byProbability(Explanation e) {
        return Label.all().stream().sorted(Comparator.comparingDouble((Label l) -> -e.probability()[l.ordinal()])
                .thenComparingInt(Label::ordinal)).toList();
    }

    /** The labels worth a picture: those asked for, else those called (probability at least 0.5), else the top one. */
    public static List<Label> called(Explanation e, List<Label> asked) {
        if (asked != null && !asked.isEmpty()) {
            return asked;
        }
        List<Label> called = byProbability(e).stream().filter(l -> e.probability()[l.ordinal()] >= 0.5).toList();
        return called.isEmpty() ? byProbability(e).subList(0, 1) : called;
    }

    /** A sample's block of text: header, warnings, one sentence per label. */
    public static String block(Explanation e, List<String> warnings, List<Label> labels) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "sample %s (%s)%n", e.sampleId(), e.type().code()));
        if (warnings == null) {
            b.append("  warnings: unknown (the model folder has no training profile; train it again to get them)\n");
        } else if (warnings.isEmpty()) {
            b.append("  warnings: none (the run looks like the training runs)\n");
        } else {
            for (String w : warnings) {
                b.append("  warning: ").append(w).append('\n');
            }
        }
        for (Label l : labels) {
            b.append("  ").append(EvidenceText.sentence(e, l, 3, 2)).append('\n');
        }
        if (!e.unexplained().isEmpty()) {
            b.append("  (families without evidence, counted in the reference: ").append(String.join(", ", e.unexplained()))
                    .append(")\n");
        }
        return b.toString();
    }

    /** Header of the evidence table. */
    public static void evidenceHeader(CSVPrinter p) throws IOException {
        p.printRecord("sample_id", "label", "probability", "mz", "gas", "temp_from", "temp_to", "evidence");
    }

    /** The non-zero cells of every label of the explanation (and the run-level part, with an empty m/z), as rows. */
    public static void evidenceRows(CSVPrinter p, Explanation e, double floor) throws IOException {
        for (Label l : Label.all()) {
            EvidenceMap map = e.maps()[l.ordinal()];
            String prob = String.format(Locale.ROOT, "%.6f", e.probability()[l.ordinal()]);
            for (int m = 0; m < EvidenceMap.IONS; m++) {
                for (int k = 0; k < EvidenceMap.CELLS; k++) {
                    double v = map.cell(m, k);
                    if (Math.abs(v) > floor) {
                        p.printRecord(e.sampleId(), l.columnName(), prob, m, IonNames.gas(m),
                                (int) EvidenceMap.cellStart(k), (int) EvidenceMap.cellStart(k + 1),
                                String.format(Locale.ROOT, "%.6g", v));
                    }
                }
            }
            p.printRecord(e.sampleId(), l.columnName(), prob, "", "run level", "", "",
                    String.format(Locale.ROOT, "%.6g", map.runLevel()));
        }
    }

    /** Writes the evidence table of several explanations. */
    public static void evidenceCsv(Writer w, List<Explanation> all) throws IOException {
        CSVPrinter p = new CSVPrinter(w, CsvFiles.WRITE);
        evidenceHeader(p);
        for (Explanation e : all) {
            evidenceRows(p, e, 1e-6);
        }
        p.flush();
    }
}
