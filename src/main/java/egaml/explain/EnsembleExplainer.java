package egaml.explain;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Logistic;
import egaml.ensemble.Ensemble;
import egaml.ensemble.SamMode;
import egaml.ensemble.TrainedModel;
import egaml.ingest.CleanRun;
import egaml.member.AttributionSettings;
import egaml.member.EvidenceMap;
import egaml.member.ExplainableMember;
import egaml.member.FamilyAttribution;
import egaml.member.FamilyScores;
import egaml.member.FittedMember;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Carries the members' evidence through the ensemble, so that it is stated in the ensemble's own logit. The ensemble is
 * a fixed function of the family logits z_f (the stacker's sigmoid(b + sum_f w_f z_f), or for SAM testbed runs the
 * blend or average rule, then the clip). Between the families' references z0_f and their logits it is split with
 * secant slopes: the logit L of the final probability changes by sum_f c_f (z_f - z0_f), with c_f = w_f times the
 * secant of L over the stacker's logit (the stacker), or the blend's two sigmoid secants combined (the SAM blend). Each
 * family's evidence map, times c_f, is its part of the ensemble's evidence; the parts add up to L - L0.
 */
public final class EnsembleExplainer {
    /** Logits of final probabilities are taken with this clip, so a probability of exactly 0 or 1 stays finite. */
    private static final double LOGIT_CLIP = 1e-15;

    private EnsembleExplainer() {
    }

    /**
     * Explanations of the runs, in order.
     *
     * @param labels [sample][label] the labels whose evidence is wanted (null: all); others may have all of it at run level
     */
    public static List<Explanation> explain(TrainedModel model, List<CleanRun> runs, List<InstrumentType> types,
                                            boolean[][] labels, AttributionSettings settings, int threads) {
        return explain(model, runs, types, labels, settings, null, threads);
    }

    /**
     * As above, given the family logits of every member for these runs (from the prediction being explained; null:
     * computed here), so that what the explanation leaves at run level is not predicted twice.
     */
    public static List<Explanation> explain(TrainedModel model, List<CleanRun> runs, List<InstrumentType> types,
                                            boolean[][] labels, AttributionSettings settings, FamilyScores known,
                                            int threads) {
        Ensemble ensemble = model.ensemble();
        Map<String, FamilyAttribution> byFamily = new LinkedHashMap<>();
        List<String> unexplained = new ArrayList<>();
        for (FittedMember m : model.members()) {
            FamilyScores own = known == null ? null : known.only(m.families().stream().map(f -> f.name()).toList());
            if (m instanceof ExplainableMember e) {
                for (FamilyAttribution a : e.attribute(runs, labels, settings, own, threads)) {
                    byFamily.put(a.family(), a);
                }
            } else {
                FamilyScores scores = own != null ? own : m.predict(runs, threads);
                for (String f : scores.names()) {
                    double[][] z = scores.get(f);
                    byFamily.put(f, new FamilyAttribution(f, z, z, emptyMaps(z.length)));
                    unexplained.add(f);
                }
            }
        }
        List<String> names = ensemble.names();
        Map<String, double[][]> z = new LinkedHashMap<>();
        Map<String, double[][]> z0 = new LinkedHashMap<>();
        for (String f : names) {
            FamilyAttribution a = byFamily.get(f);
            if (a == null) {
                throw new IllegalStateException("no member explains family " + f);
            }
            z.put(f, a.logits());
            z0.put(f, a.reference());
        }
        double[][] p = ensemble.predict(new FamilyScores(z), types);
        double[][] p0 = ensemble.predict(new FamilyScores(z0), types);
        List<Explanation> out = new ArrayList<>();
        double[] blend = ensemble.blendWeights();
        for (int i = 0; i < runs.size(); i++) {
            double[] logit = new double[Label.COUNT];
            double[] reference = new double[Label.COUNT];
            EvidenceMap[] maps = new EvidenceMap[Label.COUNT];
            Map<String, double[]> shares = new LinkedHashMap<>();
            names.forEach(f -> shares.put(f, new double[Label.COUNT]));
            List<double[]> familyLogits = new ArrayList<>();
            for (String f : names) {
                familyLogits.add(z.get(f)[i]);
            }
            for (int l = 0; l < Label.COUNT; l++) {
                logit[l] = Logistic.logit(p[i][l], LOGIT_CLIP);
                reference[l] = Logistic.logit(p0[i][l], LOGIT_CLIP);
                double[] c = coefficients(ensemble, blend, names, z, z0, i, l, types.get(i));
                EvidenceMap map = new EvidenceMap();
                for (int f = 0; f < names.size(); f++) {
                    FamilyAttribution a = byFamily.get(names.get(f));
                    map.addScaled(a.maps()[i][l], c[f]);
                    shares.get(names.get(f))[l] = c[f] * (a.logits()[i][l] - a.reference()[i][l]);
                }
                // the secants make the parts add up; what rounding leaves over is kept visible at run level
                map.addRunLevel(logit[l] - reference[l] - map.total());
                maps[l] = map;
            }
            out.add(new Explanation(runs.get(i).sampleId(), types.get(i), p[i].clone(), logit, reference, maps, shares,
                    List.copyOf(unexplained), Uncertainty.of(familyLogits)));
        }
        return out;
    }

    /** c_f of sample i and label l: the ensemble logit's change per unit change of family f's logit, along the path. */
    static double[] coefficients(Ensemble ensemble, double[] blend, List<String> names, Map<String, double[][]> z,
                                 Map<String, double[][]> z0, int i, int l, InstrumentType type) {
        int families = names.size();
        double[] w = ensemble.weights()[l];
        double b = ensemble.intercepts()[l];
        double a = b;
        double a0 = b;
        double u = 0;
        double u0 = 0;
        double mean = 0;
        double mean0 = 0;
        for (int f = 0; f < families; f++) {
            double zf = z.get(names.get(f))[i][l];
            double z0f = z0.get(names.get(f))[i][l];
            a += w[f] * zf;
            a0 += w[f] * z0f;
            u += blend[f] * zf;
            u0 += blend[f] * z0f;
            mean += zf / families;
            mean0 += z0f / families;
        }
        DoubleUnaryOperator finalLogit = q -> Logistic.logit(ensemble.clip().apply(q, type), LOGIT_CLIP);
        double[] c = new double[families];
        boolean sam = type == InstrumentType.SAM_TESTBED && ensemble.samMode() != SamMode.STACKER;
        if (!sam) {
            double t = secant(x -> finalLogit.applyAsDouble(Logistic.sigmoid(x)), a0, a);
            for (int f = 0; f < families; f++) {
                c[f] = t * w[f];
            }
        } else if (ensemble.samMode() == SamMode.AVERAGE) {
            double t = secant(x -> finalLogit.applyAsDouble(Logistic.sigmoid(x)), mean0, mean);
            for (int f = 0; f < families; f++) {
                c[f] = t / families;
            }
        } else {
            double sa = secant(Logistic::sigmoid, a0, a);
            double su = secant(Logistic::sigmoid, u0, u);
            double q = (Logistic.sigmoid(a) + 2 * Logistic.sigmoid(u)) / 3;
            double q0 = (Logistic.sigmoid(a0) + 2 * Logistic.sigmoid(u0)) / 3;
            double t = secant(finalLogit, q0, q);
            for (int f = 0; f < families; f++) {
                c[f] = t * (sa * w[f] / 3 + 2 * su * blend[f] / 3);
            }
        }
        return c;
    }

    /** (g(y) - g(x)) / (y - x), or the central derivative where x and y (nearly) coincide. */
    static double secant(DoubleUnaryOperator g, double x, double y) {
        double d = y - x;
        if (Math.abs(d) > 1e-9 * Math.max(1, Math.abs(x))) {
            return (g.applyAsDouble(y) - g.applyAsDouble(x)) / d;
        }
        double h = 1e-6 * Math.max(1e-3, Math.abs(x));
        return (g.applyAsDouble(x + h) - g.applyAsDouble(x - h)) / (2 * h);
    }

    private static EvidenceMap[][] emptyMaps(int n) {
        EvidenceMap[][] maps = new EvidenceMap[n][Label.COUNT];
        for (EvidenceMap[] row : maps) {
            for (int l = 0; l < Label.COUNT; l++) {
                row[l] = new EvidenceMap();
            }
        }
        return maps;
    }
}
