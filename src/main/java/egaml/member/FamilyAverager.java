package egaml.member;

import egaml.core.Label;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Averages fold models' values (logits or probabilities) into family tables: a sample's value for a label is the mean
 * over the family's models that predicted that sample and label. Sums are taken in the order the values are added,
 * so the result is reproducible bit for bit. Families keep the order in which they were first seen.
 */
public final class FamilyAverager {
    private final int samples;
    private final Map<String, double[][]> sums = new LinkedHashMap<>();
    private final Map<String, int[][]> counts = new LinkedHashMap<>();

    public FamilyAverager(int samples) {
        this.samples = samples;
    }

    /** Adds one model's values of every label for the given rows. */
    public void add(String family, int[] rows, float[][] values) {
        double[][] sum = sums.computeIfAbsent(family, k -> new double[samples][Label.COUNT]);
        int[][] count = counts.computeIfAbsent(family, k -> new int[samples][Label.COUNT]);
        for (int j = 0; j < rows.length; j++) {
            for (int l = 0; l < Label.COUNT; l++) {
                sum[rows[j]][l] += values[j][l];
                count[rows[j]][l]++;
            }
        }
    }

    /** Adds one single-label model's values for the given rows ({@code rows[j]} gets {@code values[j]}). */
    public void add(String family, Label label, int[] rows, double[] values) {
        if (values.length != rows.length) {
            throw new IllegalArgumentException("got " + values.length + " values for " + rows.length + " rows");
        }
        double[][] sum = sums.computeIfAbsent(family, k -> new double[samples][Label.COUNT]);
        int[][] count = counts.computeIfAbsent(family, k -> new int[samples][Label.COUNT]);
        int l = label.ordinal();
        for (int j = 0; j < rows.length; j++) {
            sum[rows[j]][l] += values[j];
            count[rows[j]][l]++;
        }
    }

    /** Adds one single-label model's values for every sample, in sample order. */
    public void add(String family, Label label, double[] values) {
        int[] all = new int[samples];
        for (int i = 0; i < samples; i++) {
            all[i] = i;
        }
        add(family, label, all, values);
    }

    /** Fixes the position of a family in {@link #means()} before any value is added to it. */
    public void declare(String family) {
        sums.computeIfAbsent(family, k -> new double[samples][Label.COUNT]);
        counts.computeIfAbsent(family, k -> new int[samples][Label.COUNT]);
    }

    /** The mean values per family; every sample and label must have been predicted by each family. */
    public Map<String, double[][]> means() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : sums.entrySet()) {
            int[][] count = counts.get(e.getKey());
            double[][] mean = new double[samples][Label.COUNT];
            for (int i = 0; i < samples; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    if (count[i][l] == 0) {
                        throw new IllegalStateException("sample " + i + " got no " + Label.all().get(l).columnName()
                                + " prediction from family " + e.getKey());
                    }
                    mean[i][l] = e.getValue()[i][l] / count[i][l];
                }
            }
            out.put(e.getKey(), mean);
        }
        return out;
    }
}
