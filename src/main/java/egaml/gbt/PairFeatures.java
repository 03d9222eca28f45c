package egaml.gbt;

import egaml.core.Label;
import egaml.features.FeatureExtractor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-label ion-pair features of method.md 7.7, built from a fold's training rows only: the label's
 * key ions plus its most abundant ions among positives (the very top one discarded), paired as
 * positions (i, j) with i &lt; j and i + j &lt;= 10, with 14 differences and ratios per pair.
 *
 * @param ions the ordered ion list (10-13 entries)
 */
public record PairFeatures(Label label, List<Integer> ions) {

    /** Key m/z per label (method.md 7.7). */
    public static final Map<Label, List<Integer>> KEY_IONS = keyIons();

    private static Map<Label, List<Integer>> keyIons() {
        Map<Label, List<Integer>> m = new EnumMap<>(Label.class);
        m.put(Label.OXYCHLORINE, List.of(31, 32));
        m.put(Label.OXALATE, List.of(28, 29, 44));
        m.put(Label.IRON_OXIDE, List.of(20, 30));
        m.put(Label.CHLORIDE, List.of(36));
        m.put(Label.CARBONATE, List.of(43, 44, 42));
        m.put(Label.BASALT, List.of(18, 30));
        m.put(Label.SULFIDE, List.of(64, 48));
        m.put(Label.SULFATE, List.of(64, 48));
        m.put(Label.PHYLLOSILICATE, List.of());
        m.put(Label.SILICATE, List.of());
        return m;
    }

    static final String[] KINDS = {"dT00", "dT01", "dT10", "dT11", "prom00", "prom01", "prom10", "prom11",
        "height00", "height01", "height10", "height11", "mean", "p2m"};

    /** Ranks the ions from the training rows (base features) positive for the label. */
    public static PairFeatures fit(Label label, float[][] baseRows, int[] labels) {
        int ions = FeatureExtractor.IONS;
        List<double[]> medians = new ArrayList<>(); // {mz, median}
        for (int m = 0; m < ions; m++) {
            int col = FeatureExtractor.ionColumn("ion_mean", m);
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < baseRows.length; i++) {
                if (labels[i] == 1) {
                    values.add((double) baseRows[i][col]);
                }
            }
            double median = values.isEmpty() ? 0
                    : egaml.core.Quantiles.linear(values.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
            medians.add(new double[] {m, median});
        }
        medians.sort(Comparator.<double[]>comparingDouble(a -> -a[1]).thenComparingDouble(a -> a[0]));
        Set<Integer> list = new LinkedHashSet<>(KEY_IONS.get(label));
        for (int k = 1; k <= 10; k++) {
            list.add((int) medians.get(k)[0]);
        }
        return new PairFeatures(label, List.copyOf(list));
    }

    /** The (i, j) list positions that are paired. */
    public List<int[]> pairs() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < ions.size(); i++) {
            for (int j = i + 1; j < ions.size() && i + j <= 10; j++) {
                out.add(new int[] {i, j});
            }
        }
        return out;
    }

    public int count() {
        return pairs().size() * KINDS.length;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (int[] p : pairs()) {
            for (String k : KINDS) {
                out.add("pair_mz" + ions.get(p[0]) + "_mz" + ions.get(p[1]) + "_" + k);
            }
        }
        return out;
    }

    /** Column of m/z 0 for the per-ion kinds read by the pair features (the column of m/z m is this + m). */
    private static final int ION_MEAN = FeatureExtractor.ionColumn("ion_mean", 0);
    private static final int ION_PEAK_RATIO = FeatureExtractor.ionColumn("ion_peak_ratio", 0);

    /** The pair features of one sample from its base features (NaN where undefined). */
    public float[] compute(float[] base) {
        List<int[]> pairs = pairs();
        float[] out = new float[pairs.size() * KINDS.length];
        int c = 0;
        for (int[] p : pairs) {
            int a = ions.get(p[0]);
            int b = ions.get(p[1]);
            for (int x = 0; x < 2; x++) {
                for (int y = 0; y < 2; y++) {
                    float ta = base[FeatureExtractor.peakTempColumn(x, a)];
                    float tb = base[FeatureExtractor.peakTempColumn(y, b)];
                    out[c + x * 2 + y] = ta > FeatureExtractor.TEMP_MISSING && tb > FeatureExtractor.TEMP_MISSING
                            ? ta - tb : Float.NaN;
                    out[c + 4 + x * 2 + y] = ratio(base[FeatureExtractor.peakPromColumn(x, a)],
                            base[FeatureExtractor.peakPromColumn(y, b)]);
                    out[c + 8 + x * 2 + y] = ratio(base[FeatureExtractor.peakHeightColumn(x, a)],
                            base[FeatureExtractor.peakHeightColumn(y, b)]);
                }
            }
            out[c + 12] = ratio(base[ION_MEAN + a], base[ION_MEAN + b]);
            out[c + 13] = ratio(base[ION_PEAK_RATIO + a], base[ION_PEAK_RATIO + b]);
            c += KINDS.length;
        }
        return out;
    }

    private static float ratio(float a, float b) {
        return a > 0 && b > 0 ? a / b : Float.NaN;
    }
}
