package egaml.explain;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.cv.StratifiedKFold;
import egaml.ensemble.TrainedModel;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;
import egaml.member.AttributionSettings;
import egaml.member.EvidenceMap;
import egaml.report.RunProfile;
import egaml.sim.Gas;
import egaml.sim.ParameterTable;
import egaml.sim.ReleaseTruth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Checks that explanations point at what really drives the predictions: against the known releases of simulated runs,
 * and by deleting the evidence cells of real runs.
 */
public final class Faithfulness {
    /** A gas's ions that count as its own: the main ion and fragments of at least this percentage of it. */
    static final double FRAGMENT_PERCENT = 10;

    private Faithfulness() {
    }

    /** Ions of at least this percentage of the main ion count in the lenient check: every ion the gas visibly produces. */
    public static final double ANY_FRAGMENT_PERCENT = 1;

    /** The ions of a gas: main ion and fragments of at least 10 % (commercial pattern). */
    public static Set<Integer> ionsOf(String gas) {
        return ionsOf(gas, FRAGMENT_PERCENT);
    }

    /**
     * The ions of a gas: main ion and fragments of at least {@code percent} of it (commercial pattern), and the ion
     * below the main one when the simulator's leak into m - 1 reaches that percentage.
     */
    public static Set<Integer> ionsOf(String gas, double percent) {
        Gas g = Gas.valueOf(gas);
        Set<Integer> out = new HashSet<>();
        out.add(g.mainIon());
        g.fragments(false).forEach((mz, pct) -> {
            if (pct >= percent) {
                out.add(mz);
            }
        });
        // the simulated spectrometer leaks a share of every ion into m - 1 (O2 shows at m/z 31 too)
        if (100 * ParameterTable.LEAK_TO_LOWER_MZ >= percent && g.mainIon() > 0) {
            out.add(g.mainIon() - 1);
        }
        return out;
    }

    /**
     * The ground-truth check of one call: the strongest positive evidence segment lies on an ion of one of the
     * label's simulated releases and overlaps that release (peak +- FWHM).
     */
    public static boolean pointsAtTruth(Explanation e, Label label, List<ReleaseTruth> releases) {
        return pointsAtTruth(e, label, releases, FRAGMENT_PERCENT);
    }

    /** As above, counting fragments of at least {@code fragmentPercent} of the gas's main ion as its ions. */
    public static boolean pointsAtTruth(Explanation e, Label label, List<ReleaseTruth> releases, double fragmentPercent) {
        List<EvidenceText.Segment> segments = EvidenceText.segments(e.maps()[label.ordinal()]).stream()
                .filter(s -> s.amount() > 0).toList();
        if (segments.isEmpty()) {
            return false;
        }
        EvidenceText.Segment top = segments.get(0);
        for (ReleaseTruth r : releases) {
            if (!r.family().equals(label.columnName()) || !ionsOf(r.gas(), fragmentPercent).contains(top.mz())) {
                continue;
            }
            double lo = r.peak() - r.fwhm();
            double hi = r.peak() + r.fwhm();
            if (top.from() <= hi && top.to() >= lo) {
                return true;
            }
        }
        return false;
    }

    /** A call to check by deletion: sample index and label. */
    public record Call(int sample, Label label) {
    }

    /** Mean probability drops per k: top-k evidence cells deleted vs k random cells (averaged over draws). */
    public record DeletionCurve(int[] ks, double[] topDrop, double[] randomDrop, double[] topWins, int calls) {
    }

    /**
     * Deletion check: for every call, the run with its k strongest positive evidence cells replaced by the channel's
     * baseline (its 1 % quantile: no release there), and with k random cells among those the run has data in (the
     * same replacement, {@code draws} draws), predicted again; returns the mean drop of the label's probability.
     */
    public static DeletionCurve deletion(TrainedModel model, List<CleanRun> runs, List<InstrumentType> types,
                                         List<Explanation> explanations, List<Call> calls, int[] ks, int draws, long seed,
                                         int threads) {
        double[] top = new double[ks.length];
        double[] random = new double[ks.length];
        double[] wins = new double[ks.length];
        SplittableRandom rng = new SplittableRandom(seed);
        // per call, its cells with readings and those ranked by evidence: the same for every k
        List<List<int[]>> available = new ArrayList<>();
        List<List<int[]>> ranked = new ArrayList<>();
        for (Call c : calls) {
            EvidenceMap map = explanations.get(c.sample()).maps()[c.label().ordinal()];
            List<int[]> cells = cellsWithData(runs.get(c.sample()));
            List<int[]> byEvidence = new ArrayList<>(cells);
            byEvidence.sort(Comparator.comparingDouble((int[] a) -> -map.cell(a[0], a[1])));
            available.add(cells);
            ranked.add(byEvidence);
        }
        for (int q = 0; q < ks.length; q++) {
            List<CleanRun> topRuns = new ArrayList<>();
            List<CleanRun> randomRuns = new ArrayList<>();
            List<InstrumentType> topTypes = new ArrayList<>();
            List<InstrumentType> randomTypes = new ArrayList<>();
            for (int ci = 0; ci < calls.size(); ci++) {
                Call c = calls.get(ci);
                CleanRun run = runs.get(c.sample());
                List<int[]> cells = available.get(ci);
                List<int[]> byEvidence = ranked.get(ci);
                topRuns.add(delete(run, byEvidence.subList(0, Math.min(ks[q], byEvidence.size()))));
                topTypes.add(types.get(c.sample()));
                for (int d = 0; d < draws; d++) {
                    int[] order = StratifiedKFold.shuffled(cells.size(), rng);
                    List<int[]> picked = new ArrayList<>();
                    for (int t = 0; t < Math.min(ks[q], order.length); t++) {
                        picked.add(cells.get(order[t]));
                    }
                    randomRuns.add(delete(run, picked));
                    randomTypes.add(types.get(c.sample()));
                }
            }
            double[][] pTop = model.predict(topRuns, topTypes, threads);
            double[][] pRandom = model.predict(randomRuns, randomTypes, threads);
            for (int i = 0; i < calls.size(); i++) {
                Call c = calls.get(i);
                int l = c.label().ordinal();
                double before = explanations.get(c.sample()).probability()[l];
                double dropTop = before - pTop[i][l];
                double dropRandom = 0;
                for (int d = 0; d < draws; d++) {
                    dropRandom += (before - pRandom[i * draws + d][l]) / draws;
                }
                top[q] += dropTop / calls.size();
                random[q] += dropRandom / calls.size();
                wins[q] += (dropTop > dropRandom ? 1.0 : 0.0) / calls.size();
            }
        }
        return new DeletionCurve(ks.clone(), top, random, wins, calls.size());
    }

    /** The (m/z, cell) pairs where the run has readings. */
    static List<int[]> cellsWithData(CleanRun run) {
        List<int[]> out = new ArrayList<>();
        for (ChannelSeries c : run.presentChannels()) {
            if (c.mz() >= EvidenceMap.IONS) {
                continue;
            }
            boolean[] seen = new boolean[EvidenceMap.CELLS];
            for (float t : c.temp()) {
                seen[EvidenceMap.cellOf(t)] = true;
            }
            for (int k = 0; k < seen.length; k++) {
                if (seen[k]) {
                    out.add(new int[] {c.mz(), k});
                }
            }
        }
        return out;
    }

    /** The run with the readings of the given (m/z, cell) pairs set to their channel's 1 % quantile. */
    static CleanRun delete(CleanRun run, List<int[]> cells) {
        Map<Integer, Set<Integer>> byIon = new java.util.HashMap<>();
        for (int[] c : cells) {
            byIon.computeIfAbsent(c[0], k -> new HashSet<>()).add(c[1]);
        }
        ChannelSeries[] channels = run.channels().clone();
        for (Map.Entry<Integer, Set<Integer>> e : byIon.entrySet()) {
            ChannelSeries c = channels[e.getKey()];
            double base = RunProfile.baseline(c);
            double[] a = c.abundance().clone();
            for (int i = 0; i < a.length; i++) {
                if (e.getValue().contains(EvidenceMap.cellOf(c.temp()[i]))) {
                    a[i] = base;
                }
            }
            channels[e.getKey()] = new ChannelSeries(c.mz(), c.time(), c.temp(), a);
        }
        return new CleanRun(run.sampleId(), run.summary(), channels);
    }

    /** Per label: calls checked, how many pointed at the truth, and how many at any ion of it (lenient). */
    public static Map<Label, int[]> emptyTally() {
        Map<Label, int[]> m = new EnumMap<>(Label.class);
        Label.all().forEach(l -> m.put(l, new int[3]));
        return m;
    }

    static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
