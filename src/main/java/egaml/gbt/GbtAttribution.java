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
import egaml.report.RunProfile;
import egaml.member.AttributionSettings;
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
 * <p>Features are placed where their value comes from: a per-ion statistic of the signal (mean, share, half-width) on
 * the ion's cells in proportion to its signal above baseline there, one of the ion's maximum (maximum, peak ratio, peak
 * temperature) at the maximum's temperature, the ion's noise over its whole temperature range; a peak's temperature,
 * prominence and height at the peak's temperature (the ion's range when it has none, where the evidence is the lack of
 * a peak); a prevalence window on its 50 °C window; a pair feature half on each of its two ions; the four run-wide
 * statistics at run level.
 */
final class GbtAttribution {
    /** Half the width given to a feature located at one temperature (a peak's): one evidence cell. */
    private static final double POINT_HALF_WIDTH = EvidenceMap.CELL_WIDTH / 2.0;

    private GbtAttribution() {
    }

    /** Evidence of every family for the runs; {@code wanted[i][l]} (null: all) says which labels to split into evidence. */
    static List<FamilyAttribution> attribute(GbtMember member, List<CleanRun> runs, boolean[][] wanted,
                                             AttributionSettings settings, FamilyScores known, int threads) {
        SeedSequence seeds = new SeedSequence(member.seed());
        int n = runs.size();
        IonPlaces[] ranges = ionPlaces(runs);
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
                int index = 0;
                for (FoldModel m : mine) {
                    if (m.label() == label) {
                        boolean shap = settings.modelsPerFamily() == 0 || index < settings.modelsPerFamily();
                        family.add(m, rows, wide, r, ranges, wanted, known != null, shap);
                        index++;
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
            double[][] z = known != null ? known.get(name) : logits.get(name);
            double[][] z0 = reference.get(name);
            double[][] p = means.get(name);
            double[][] p0 = referenceMeans.get(name);
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    EvidenceMap map = a.maps[i][l];
                    double dp = p[i][l] - p0[i][l];
                    double dz = z[i][l] - z0[i][l];
                    if (Math.abs(dp) > 1e-12 && a.used[l] > 0) {
                        // the map holds sum_k s_k (r_k - b_k) over the models with contributions; weighted t / k (t =
                        // dz / dp) it is their mean's part of the change, exact when every model has contributions
                        // (sum over all K is K dp); what the others add is run-level
                        map.scale(dz / dp / a.used[l]);
                        map.addRunLevel(dz - map.total());
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

    /**
     * Where one run's ions have readings and signal: per m/z the lowest and highest temperature of its series (the run's
     * range when it has none) and the share of its signal above baseline (its 1 % quantile) in each evidence cell (null
     * when it has no signal).
     */
    record IonPlaces(double[][] range, double[][] signal) {
    }

    static IonPlaces[] ionPlaces(List<CleanRun> runs) {
        IonPlaces[] out = new IonPlaces[runs.size()];
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
            double[][] range = new double[FeatureExtractor.IONS][];
            double[][] signal = new double[FeatureExtractor.IONS][];
            for (int m = 0; m < FeatureExtractor.IONS; m++) {
                ChannelSeries c = m < run.channelLimit() ? run.channel(m) : null;
                if (c == null || c.size() == 0) {
                    range[m] = whole;
                    continue;
                }
                double a = Double.POSITIVE_INFINITY;
                double b = Double.NEGATIVE_INFINITY;
                double base = RunProfile.baseline(c);
                double[] shares = new double[EvidenceMap.CELLS];
                double sum = 0;
                for (int q = 0; q < c.size(); q++) {
                    float t = c.temp()[q];
                    a = Math.min(a, t);
                    b = Math.max(b, t);
                    double v = Math.max(0, c.abundance()[q] - base);
                    shares[EvidenceMap.cellOf(t)] += v;
                    sum += v;
                }
                range[m] = new double[] {a, b};
                if (sum > 0) {
                    for (int k = 0; k < shares.length; k++) {
                        shares[k] /= sum;
                    }
                    signal[m] = shares;
                }
            }
            out[i] = new IonPlaces(range, signal);
        }
        return out;
    }

    /** Places amount of input column {@code c} of a model with pair features {@code pairs} for one run. */
    static void place(int c, float[] base, PairFeatures pairs, FeatureRealisation r, IonPlaces ions, EvidenceMap map,
                      double amount) {
        int n = FeatureExtractor.IONS;
        if (c < FeatureExtractor.PEAK_BLOCK) {
            int mz = c % n;
            int kind = c - mz;
            if (kind == FeatureExtractor.ionColumn("ion_jitter", 0)) {
                whole(mz, ions, map, amount);
            } else if (kind == FeatureExtractor.ionColumn("ion_peak_temp", 0)
                    || kind == FeatureExtractor.ionColumn("ion_max", 0) || kind == FeatureExtractor.ionColumn("ion_max_rel", 0)
                    || kind == FeatureExtractor.ionColumn("ion_peak_ratio", 0)) {
                atPeak(mz, base[FeatureExtractor.ionColumn("ion_peak_temp", mz)], ions, map, amount);
            } else {
                onSignal(mz, ions, map, amount);
            }
        } else if (c < FeatureExtractor.PREVALENCE_BLOCK) {
            int mz = c % n;
            int peak = (c - FeatureExtractor.PEAK_BLOCK) / n / 3;
            atPeak(mz, base[FeatureExtractor.peakTempColumn(peak, mz)], ions, map, amount);
        } else if (c < FeatureExtractor.GLOBAL_BLOCK) {
            int q = c - FeatureExtractor.PREVALENCE_BLOCK;
            int window = q / n;
            int mz = q % n;
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
                atPeak(a, base[FeatureExtractor.peakTempColumn(x, a)], ions, map, amount / 2);
                atPeak(b, base[FeatureExtractor.peakTempColumn(y, b)], ions, map, amount / 2);
            } else {
                onSignal(a, ions, map, amount / 2);
                onSignal(b, ions, map, amount / 2);
            }
        }
    }

    private static void atPeak(int mz, float temperature, IonPlaces ions, EvidenceMap map, double amount) {
        if (temperature > FeatureExtractor.TEMP_MISSING && temperature < FeatureExtractor.TEMP_AT_END) {
            map.add(mz, temperature - POINT_HALF_WIDTH, temperature + POINT_HALF_WIDTH, amount);
        } else {
            whole(mz, ions, map, amount); // no peak: the evidence is the whole series' lack of one
        }
    }

    private static void onSignal(int mz, IonPlaces ions, EvidenceMap map, double amount) {
        if (ions.signal()[mz] != null) {
            map.addShares(mz, ions.signal()[mz], amount);
        } else {
            whole(mz, ions, map, amount);
        }
    }

    private static void whole(int mz, IonPlaces ions, EvidenceMap map, double amount) {
        map.add(mz, ions.range()[mz][0], ions.range()[mz][1], amount);
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
        /** Per label, the fold models whose contributions are in the maps. */
        final int[] used = new int[Label.COUNT];

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

        /**
         * Adds fold model {@code m}: tree SHAP for the rows whose label is explained when {@code shap}, raw scores for
         * the rest (only the reference where the family's logits are known and the row is not explained).
         */
        void add(FoldModel m, float[][] rows, double[][] wide, FeatureRealisation r, IonPlaces[] ranges, boolean[][] wanted,
                 boolean logitsKnown, boolean shap) {
            int l = m.label().ordinal();
            count[l]++;
            if (m.model() == null) {
                for (int i = 0; i < rows.length; i++) {
                    probability[i][l] += m.prior();
                    referenceProbability[i][l] += m.prior();
                }
                return;
            }
            if (shap) {
                used[l]++;
            }
            // tree SHAP costs far more than a prediction: it is spent only where evidence is asked for
            List<Integer> explained = new ArrayList<>();
            List<Integer> scored = new ArrayList<>();
            List<Integer> referenceOnly = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                boolean asked = wanted == null || wanted[i][l];
                if (asked && shap) {
                    explained.add(i);
                } else if (asked || !logitsKnown) {
                    scored.add(i);
                } else {
                    referenceOnly.add(i);
                }
            }
            if (explained.size() < rows.length) {
                // the expected raw score is the same for every row: one row's contributions give it
                int any = explained.isEmpty() ? 0 : explained.get(0);
                double[] one = m.contributions(new float[][] {rows[any]}, new double[][] {wide[any]})[0];
                double p0 = Logistic.sigmoid(one[one.length - 1]);
                if (!scored.isEmpty()) {
                    double[] raw = m.rawScores(scored.stream().map(i -> rows[i]).toArray(float[][]::new),
                            scored.stream().map(i -> wide[i]).toArray(double[][]::new));
                    for (int q = 0; q < scored.size(); q++) {
                        probability[scored.get(q)][l] += Logistic.sigmoid(raw[q]);
                        referenceProbability[scored.get(q)][l] += p0;
                    }
                }
                for (int i : referenceOnly) {
                    probability[i][l] = Double.NaN; // not needed: the family's logit is known
                    referenceProbability[i][l] += p0;
                }
            }
            if (!explained.isEmpty()) {
                addContributions(m, explained, rows, wide, r, ranges);
            }
        }

        private void addContributions(FoldModel m, List<Integer> explained, float[][] allRows, double[][] allWide,
                                      FeatureRealisation r, IonPlaces[] allRanges) {
            int l = m.label().ordinal();
            float[][] rows = explained.stream().map(i -> allRows[i]).toArray(float[][]::new);
            double[][] wide = explained.stream().map(i -> allWide[i]).toArray(double[][]::new);
            double[][] phi = m.contributions(rows, wide);
            PairFeatures pairs = new PairFeatures(m.label(), m.pairIons());
            for (int q = 0; q < rows.length; q++) {
                int i = explained.get(q);
                double[] row = phi[q];
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
                        place(c, rows[q], pairs, r, allRanges[i], maps[i][l], slope * row[c]);
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
