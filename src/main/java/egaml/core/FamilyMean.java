package egaml.core;

import java.util.Map;

/** A member's table from its families' tables: the element-wise mean of [sample][label] values. */
public final class FamilyMean {
    private FamilyMean() {
    }

    /**
     * The mean over the families (each adds value / count, in the map's order, so the result is reproducible bit for
     * bit); the families must have the same number of samples.
     */
    public static double[][] of(Map<String, double[][]> families) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("no family to average");
        }
        int n = families.values().iterator().next().length;
        double[][] mean = new double[n][Label.COUNT];
        for (double[][] values : families.values()) {
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    mean[i][l] += values[i][l] / families.size();
                }
            }
        }
        return mean;
    }
}
