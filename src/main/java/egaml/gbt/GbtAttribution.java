package egaml.gbt;

import egaml.core.Label;
import egaml.core.Logistic;
import egaml.core.SeedSequence;
import egaml.core.Parallel;
import egaml.features.FeatureExtractor;
import egaml.features.FeatureRealisation;
import egaml.features.FeatureTable;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;
import egaml.member.EvidenceMap;
import egaml.member.FamilyAttribution;
import egaml.member.FamilyScores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GBT member's logits split into evidence with LightGBM's exact tree SHAP contributions.
 *
 * <p>A family's logit is not a sum of tree outputs: it is the calibrated logit of the mean probability of its fold
 * models. The split keeps it exact with the secant ("rescale") rule: with each model's raw score r_k = b_k + sum of its
 * contributions (b_k its expected raw score), the family's mean probability moves from its reference (every model at
 * b_k) by (1/K) sum_k s_k (r_k - b_k), s_k the slope of the sigmoid's secant between b_k and r_k, and the family's
 * logit by t times that, t the secant slope of the calibrated logit. Each contribution is weighted by t s_k / K, so
 * the parts add up to the family's logit minus its reference logit (the trees' expected raw scores).
 *
 * <p>Features are placed where they look: a per-ion statistic over the ion's whole temperature range, a peak's
 * temperature, prominence and height at the peak's temperature (the ion's range when it has none), a prevalence window
 * on its 50 °C window, a pair feature half on each of its two ions, and the four run-wide statistics at run level.
 */
final class GbtAttribution {
    /** Half the width given to a feature located at one temperature (a peak's): one evidence cell. */
    private static final double POINT_HALF_WIDTH = EvidenceMap.CELL_WIDTH / 2.0;

    private GbtAttribution() {
    }

    static List<FamilyAttribution> attribute(GbtMember member, List<CleanRun> runs, int threads) {
        SeedSequence seeds = new SeedSequence(member.seed());
        int n = runs.size();
        double[][][] ranges = ionRanges(runs);
        Map<String, Accumulator> families = new LinkedHashMap<>();
        for (String name : GbtCrossValidation.familyNames(member.realisations())) {
            families.put(name, new Accumulator(n));
        }
        for (FeatureRealisation r : member.realisations()) {
            float[][] rows = FeatureTable.extract(runs, r, seeds, threads, k -> { }).rows();
            double[][] wide = new double[n][];
            for (int i = 0; i < n; i++) {
                wide[i] = FoldModel.widen(rows[i]);
            }
            Accumulator family = families.get(GbtCrossValidation.familyName(r.trimRange()));
            List<FoldModel> mine = member.models().stream().filter(m -> m.realisation() == r.index()).toList();
            // one task per label: its models' maps are added into that label's maps only, in model order
            List<Label> labels = Label.all();
            Parallel.map("gbt-explain", threads, labels, label -> {
                for (FoldModel m : mine) {
                    if (m.label() == label) {
                        family.add(m, rows, wide, r, ranges);
                    }
                }
                return label;
            });
        }
        Map<String, double[][]> means = new LinkedHashMap<>();
        Map<String, double[][]> referenceMeans = new LinkedHashMap<>();
        families.forEach((name, a) -> {
            means.put(name, a.mean(false));
            referenceMeans.put(name, a.mean(true));
        });
        Map<String, double[][]> logits = FamilyScores.ofProbabilities(member.calibration().apply(means),
                FamilyScores.PROBABILITY_CLIP).logits();
        Map<String, double[][]> reference = FamilyScores.ofProbabilities(member.calibration().apply(referenceMeans),
                FamilyScores.PROBABILITY_CLIP).logits();
        List<FamilyAttribution> out = new ArrayList<>();
        for (Map.Entry<String, Accumulator> e : families.entrySet()) {
            String name = e.getKey();
            Accumulator a = e.getValue();
            double[][] z = logits.get(name);
            double[][] z0 = reference.get(name);
            double[][] p = means.get(name);
            double[][] p0 = referenceMeans.get(name);
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    EvidenceMap map = a.maps[i][l];
                    double moved = map.total(); // = K (P - P0), the sum of s_k times the contributions
                    double dp = p[i][l] - p0[i][l];
                    double dz = z[i][l] - z0[i][l];
                    if (Math.abs(dp) > 1e-12 && Math.abs(moved) > 1e-300) {
                        map.scale(dz / moved); // t s_k / K with t = dz / dp and moved / K = dp
                    } else if (Math.abs(dz) > 0) {
                        // no measurable movement of the mean probability: whatever remains is run-level
                        map.scale(0);
                        map.addRunLevel(dz);
                    }
                }
            }
            out.add(new FamilyAttribution(name, z, z0, a.maps));
        }
        return out;
    }

    /** Per run and m/z, the lowest and highest temperature of the ion's series (the run's range when it has none). */
    static double[][][] ionRanges(List<CleanRun> runs) {
        double[][][] out = new double[runs.size()][FeatureExtractor.IONS][];
        for (int i = 0; i < runs.size(); i++) {
            CleanRun run = runs.get(i);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (ChannelSeries c : run.presentChannels()) {
                for (float t : c.temp()) {
                    lo = Math.min(lo, t);
                    hi = Math.max(hi, t);
                }
            }
            double[] whole = Double.isFinite(lo) ? new double[] {lo, hi} : new double[] {0, 0};
            for (int m = 0; m < FeatureExtractor.IONS; m++) {
                ChannelSeries c = m < run.channelLimit() ? run.channel(m) : null;
                if (c == null || c.size() == 0) {
                    out[i][m] = whole;
                    continue;
                }
                double a = Double.POSITIVE_INFINITY;
                double b = Double.NEGATIVE_INFINITY;
                for (float t : c.temp()) {
                    a = Math.min(a, t);
                    b = Math.max(b, t);
                }
                out[i][m] = new double[] {a, b};
            }
        }
        return out;
    }

    /** Places amount of input column {@code c} of a model with pair features {@code pairs} for one run. */
    static void place(int c, float[] base, PairFeatures pairs, FeatureRealisation r, double[][] ionRange,
                      EvidenceMap map, double amount) {
        int ions = FeatureExtractor.IONS;
        if (c < FeatureExtractor.PEAK_BLOCK) {
            int mz = c % ions;
            if (c - mz == FeatureExtractor.ionColumn("ion_peak_temp", 0)) {
                atPeak(mz, base[c], ionRange, map, amount);
            } else {
                whole(mz, ionRange, map, amount);
            }
        } else if (c < FeatureExtractor.PREVALENCE_BLOCK) {
            int mz = c % ions;
            int peak = (c - FeatureExtractor.PEAK_BLOCK) / ions / 3;
            atPeak(mz, base[FeatureExtractor.peakTempColumn(peak, mz)], ionRange, map, amount);
        } else if (c < FeatureExtractor.GLOBAL_BLOCK) {
            int q = c - FeatureExtractor.PREVALENCE_BLOCK;
            int window = q / ions;
            int mz = q % ions;
            double start = r.windowOffset() + FeatureExtractor.WINDOW_WIDTH * window;
            map.add(mz, start, start + FeatureExtractor.WINDOW_WIDTH, amount);
        } else if (c < FeatureExtractor.COUNT) {
            map.addRunLevel(amount);
        } else {
            int q = c - FeatureExtractor.COUNT;
            int kinds = PairFeatures.KINDS.length;
            int[] pair = pairs.pairs().get(q / kinds);
            int kind = q % kinds;
            int a = pairs.ions().get(pair[0]);
            int b = pairs.ions().get(pair[1]);
            if (kind < 12) {
                int x = (kind % 4) / 2;
                int y = kind % 2;
                atPeak(a, base[FeatureExtractor.peakTempColumn(x, a)], ionRange, map, amount / 2);
                atPeak(b, base[FeatureExtractor.peakTempColumn(y, b)], ionRange, map, amount / 2);
            } else {
                whole(a, ionRange, map, amount / 2);
                whole(b, ionRange, map, amount / 2);
            }
        }
    }

    private static void atPeak(int mz, float temperature, double[][] ionRange, EvidenceMap map, double amount) {
        if (temperature > FeatureExtractor.TEMP_MISSING && temperature < FeatureExtractor.TEMP_AT_END) {
            map.add(mz, temperature - POINT_HALF_WIDTH, temperature + POINT_HALF_WIDTH, amount);
        } else {
            whole(mz, ionRange, map, amount); // no peak: the evidence is the whole series' lack of one
        }
    }

    private static void whole(int mz, double[][] ionRange, EvidenceMap map, double amount) {
        map.add(mz, ionRange[mz][0], ionRange[mz][1], amount);
    }

    /**
     * One family's running sums: per sample and label the sum of probabilities of its models, of their reference
     * probabilities, the model count, and the map of s_k-weighted contributions. Labels are filled by separate tasks.
     */
    private static final class Accumulator {
        final EvidenceMap[][] maps;
        final double[][] probability;
        final double[][] referenceProbability;
        final int[] count = new int[Label.COUNT];

        Accumulator(int n) {
            maps = new EvidenceMap[n][Label.COUNT];
            for (EvidenceMap[] row : maps) {
                for (int l = 0; l < Label.COUNT; l++) {
                    row[l] = new EvidenceMap();
                }
            }
            probability = new double[n][Label.COUNT];
            referenceProbability = new double[n][Label.COUNT];
        }

        void add(FoldModel m, float[][] rows, double[][] wide, FeatureRealisation r, double[][][] ranges) {
            int l = m.label().ordinal();
            count[l]++;
            if (m.model() == null) {
                for (int i = 0; i < rows.length; i++) {
                    probability[i][l] += m.prior();
                    referenceProbability[i][l] += m.prior();
                }
                return;
            }
            double[][] phi = m.contributions(rows, wide);
            PairFeatures pairs = new PairFeatures(m.label(), m.pairIons());
            for (int i = 0; i < rows.length; i++) {
                double[] row = phi[i];
                int cols = row.length - 1;
                double b = row[cols];
                double raw = b;
                for (int c = 0; c < cols; c++) {
                    raw += row[c];
                }
                double p = Logistic.sigmoid(raw);
                double p0 = Logistic.sigmoid(b);
                probability[i][l] += p;
                referenceProbability[i][l] += p0;
                double slope = Math.abs(raw - b) > 1e-9 ? (p - p0) / (raw - b) : p0 * (1 - p0);
                for (int c = 0; c < cols; c++) {
                    if (row[c] != 0) {
                        place(c, rows[i], pairs, r, ranges[i], maps[i][l], slope * row[c]);
                    }
                }
            }
        }

        double[][] mean(boolean reference) {
            double[][] sums = reference ? referenceProbability : probability;
            double[][] out = new double[sums.length][Label.COUNT];
            for (int i = 0; i < sums.length; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    out[i][l] = count[l] == 0 ? 0.5 : sums[i][l] / count[l];
                }
            }
            return out;
        }
    }
}
