package egaml.explain;

import egaml.core.Label;
import egaml.member.EvidenceMap;
import egaml.report.IonNames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Evidence in words: an ion's neighbouring temperature cells that push the same way are one release segment
 * ("SO2 (m/z 64) 625-775 °C (+2.10)"); the strongest segments for and against a label make its sentence.
 */
public final class EvidenceText {
    /** Cells weaker than this share of the map's strongest cell are left out of segments (they still count in sums). */
    static final double CELL_FLOOR = 0.02;

    private EvidenceText() {
    }

    /** One ion's run of neighbouring cells pushing the same way. */
    public record Segment(int mz, double from, double to, double amount) {
        public String describe() {
            return String.format(Locale.ROOT, "%s %.0f-%.0f °C (%+.2f)", IonNames.gasFirst(mz), from, to, amount);
        }
    }

    /** The segments of a map, strongest (by absolute amount) first. */
    public static List<Segment> segments(EvidenceMap map) {
        double max = 0;
        for (int m = 0; m < EvidenceMap.IONS; m++) {
            for (int k = 0; k < EvidenceMap.CELLS; k++) {
                max = Math.max(max, Math.abs(map.cell(m, k)));
            }
        }
        List<Segment> out = new ArrayList<>();
        if (max == 0) {
            return out;
        }
        double floor = CELL_FLOOR * max;
        for (int m = 0; m < EvidenceMap.IONS; m++) {
            int k = 0;
            while (k < EvidenceMap.CELLS) {
                double v = map.cell(m, k);
                if (Math.abs(v) <= floor) {
                    k++;
                    continue;
                }
                int start = k;
                double sum = 0;
                while (k < EvidenceMap.CELLS && Math.abs(map.cell(m, k)) > floor && Math.signum(map.cell(m, k)) == Math.signum(v)) {
                    sum += map.cell(m, k);
                    k++;
                }
                out.add(new Segment(m, EvidenceMap.cellStart(start), EvidenceMap.cellStart(k), sum));
            }
        }
        out.sort(Comparator.comparingDouble((Segment s) -> -Math.abs(s.amount())).thenComparingInt(Segment::mz));
        return out;
    }

    /**
     * The sentence of one label: probability, family range, the strongest segments for and against (in the ensemble's
     * logit units) and the run-level part when it matters, e.g.
     * {@code sulfate 0.93 (families 0.85-0.97): SO2 (m/z 64) 625-775 °C (+2.10), ...; against: ...}.
     */
    public static String sentence(Explanation e, Label label, int maxFor, int maxAgainst) {
        int l = label.ordinal();
        EvidenceMap map = e.maps()[l];
        List<Segment> all = segments(map);
        List<String> pro = all.stream().filter(s -> s.amount() > 0).limit(maxFor).map(Segment::describe).toList();
        List<String> contra = all.stream().filter(s -> s.amount() < 0).limit(maxAgainst).map(Segment::describe).toList();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %.2f (families %.2f-%.2f%s): ", label.columnName(),
                e.probability()[l], e.uncertainty().low()[l], e.uncertainty().high()[l],
                e.uncertainty().disagree()[l] ? ", members disagree" : ""));
        b.append(pro.isEmpty() ? "no evidence for" : String.join(", ", pro));
        if (!contra.isEmpty()) {
            b.append("; against: ").append(String.join(", ", contra));
        }
        double total = map.total();
        if (Math.abs(map.runLevel()) >= 0.1 * Math.max(1e-9, Math.abs(total)) && Math.abs(map.runLevel()) >= 0.05) {
            b.append(String.format(Locale.ROOT, "; run-wide signal level and heating rate (%+.2f)", map.runLevel()));
        }
        b.append(String.format(Locale.ROOT, " [logit %.2f = reference %.2f %+.2f]", e.logit()[l], e.referenceLogit()[l], total));
        return b.toString();
    }
}
