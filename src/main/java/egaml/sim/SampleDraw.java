package egaml.sim;

import egaml.core.Label;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The random choices behind one simulated run (ega-physics.md section 6 steps 1-4): labels, instrument,
 * species and their gas releases, including the family interactions and the ramp/pressure shifts.
 */
final class SampleDraw {
    final Set<Label> labels;
    final Instrument instrument;
    final List<String> species = new ArrayList<>();
    final List<Release> releases = new ArrayList<>();

    /** A mutable peak while interactions are applied, before the ramp shift. */
    private static final class Draft {
        final Label family; // null for peaks every run has
        final Gas gas;
        double tp;
        final double fwhm;
        double height;
        final double energy;

        Draft(Label family, Gas gas, double tp, double fwhm, double height, double energy) {
            this.family = family;
            this.gas = gas;
            this.tp = tp;
            this.fwhm = fwhm;
            this.height = height;
            this.energy = energy;
        }
    }

    /** @param forced the labels to use, or null to draw them from the real combinations */
    SampleDraw(SplittableRandom rng, boolean samLike, Set<Label> forced) {
        Set<Label> drawn = drawLabels(rng); // always drawn, so that forcing labels leaves the other draws alike
        this.labels = forced == null ? drawn : EnumSet.copyOf(forced.isEmpty() ? EnumSet.noneOf(Label.class) : forced);
        this.instrument = samLike ? Instrument.sam(rng) : Instrument.commercial(rng);
        List<Draft> drafts = new ArrayList<>();
        boolean mixture = labels.size() > 1;
        boolean natural = labels.size() >= ParameterTable.NATURAL_SAMPLE_LABELS;
        double dilution = natural ? tenToUniform(rng, ParameterTable.NATURAL_DILUTION_MIN_DECADES,
                ParameterTable.NATURAL_DILUTION_MAX_DECADES) : 1;
        for (Label label : labels) {
            ParameterTable.Family family = ParameterTable.FAMILIES.get(label);
            double sigma = natural ? Math.min(family.sigmaDecades(), ParameterTable.NATURAL_FAMILY_SIGMA_DECADES)
                    : family.sigmaDecades();
            double sf = Math.pow(10, rng.nextGaussian() * sigma);
            double wf = mixture ? Math.pow(10, ParameterTable.MIXTURE_WEIGHT_MIN_DECADES * rng.nextDouble()) : 1;
            if (label == Label.OXYCHLORINE && natural) {
                wf = tenToUniform(rng, ParameterTable.NATURAL_OXYCHLORINE_MIN_DECADES,
                        ParameterTable.NATURAL_OXYCHLORINE_MAX_DECADES);
            } else {
                wf *= dilution;
            }
            List<ReleaseSpecies> options = natural
                    ? ParameterTable.NATURAL_SPECIES.getOrDefault(label, family.species()) : family.species();
            List<ReleaseSpecies> chosen = new ArrayList<>();
            chosen.add(pick(options, rng, null));
            if (options.size() > 1 && rng.nextDouble() < ParameterTable.SECOND_SPECIES_PROBABILITY) {
                chosen.add(pick(options, rng, chosen.get(0)));
            }
            int speciesCount = chosen.size();
            if (!natural) { // a rock or soil has none of the pure minerals' impurities (NATURAL_SPECIES)
                for (ReleaseSpecies s : family.accompanying()) {
                    if (rng.nextDouble() < s.probability()) {
                        chosen.add(s);
                    }
                }
            }
            for (int i = 0; i < chosen.size(); i++) {
                ReleaseSpecies s = chosen.get(i);
                // the mixture weight dilutes the species, not what accompanies them (MIXTURE_WEIGHT_MIN_DECADES)
                double factor = i < speciesCount ? sf * wf : sf;
                species.add(label.columnName() + ": " + s.name());
                for (ReleaseSpecies.Peak p : s.peaks()) {
                    drafts.add(jittered(label, p, factor, rng));
                }
            }
        }
        if (natural) {
            double so2 = Math.pow(10, rng.nextGaussian() * ParameterTable.NATURAL_SO2_SIGMA_DECADES);
            for (ReleaseSpecies s : ParameterTable.NATURAL_RELEASES) {
                if (rng.nextDouble() < s.probability()) {
                    species.add("natural sample: " + s.name());
                    double factor = s == ParameterTable.NATURAL_SO2 ? so2 : 1;
                    for (ReleaseSpecies.Peak p : s.peaks()) {
                        drafts.add(jittered(null, p, factor, rng));
                    }
                }
            }
        }
        for (ParameterTable.EveryRun r : ParameterTable.EVERY_RUN) {
            double dry = r.peak() == ParameterTable.ADSORBED_WATER && labels.contains(Label.SILICATE)
                    ? Math.pow(10, ParameterTable.SILICATE_ADSORBED_WATER_DECADES) : 1;
            drafts.add(jittered(null, r.peak(), dry * Math.pow(10, rng.nextGaussian() * r.sigmaDecades()), rng));
        }
        if (rng.nextDouble() < ParameterTable.ORGANICS_PROBABILITY) {
            double factor = Math.pow(10, rng.nextGaussian() * ParameterTable.ORGANICS_SIGMA);
            species.add("trace organics");
            for (ReleaseSpecies.Peak p : ParameterTable.ORGANICS) {
                drafts.add(jittered(null, p, factor, rng));
            }
        }
        interactions(drafts, rng);
        for (Draft d : drafts) {
            double tp = Release.kissinger(d.tp, d.energy, instrument.ramp());
            if (instrument.samLike()) {
                boolean decomposition = d.family == Label.CARBONATE || d.family == Label.SULFATE || d.family == Label.SULFIDE;
                tp -= decomposition ? ParameterTable.SAM_SHIFT_DECOMPOSITION_C : ParameterTable.SAM_SHIFT_OTHER_C;
            }
            releases.add(new Release(d.gas, tp, d.fwhm, d.height, d.family == null ? "all" : d.family.columnName(),
                    ParameterTable.MEMORY.get(d.gas), instrument.ramp()));
        }
    }

    private static Set<Label> drawLabels(SplittableRandom rng) {
        int total = ParameterTable.COMBINATIONS.stream().mapToInt(ParameterTable.Combination::count).sum();
        int r = rng.nextInt(total);
        Set<Label> labels = EnumSet.noneOf(Label.class);
        for (ParameterTable.Combination c : ParameterTable.COMBINATIONS) {
            if (r < c.count()) {
                labels.addAll(c.labels());
                break;
            }
            r -= c.count();
        }
        if (rng.nextDouble() < ParameterTable.LABEL_FLIP_PROBABILITY) {
            Label flip = Label.all().get(rng.nextInt(Label.COUNT));
            if (!labels.remove(flip)) {
                labels.add(flip);
            }
        }
        return labels;
    }

    private static ReleaseSpecies pick(List<ReleaseSpecies> options, SplittableRandom rng, ReleaseSpecies exclude) {
        double total = 0;
        for (ReleaseSpecies s : options) {
            total += s == exclude ? 0 : s.probability();
        }
        double u = rng.nextDouble() * total;
        for (ReleaseSpecies s : options) {
            if (s == exclude) {
                continue;
            }
            u -= s.probability();
            if (u < 0) {
                return s;
            }
        }
        for (int i = options.size() - 1; i >= 0; i--) { // rounding left u >= 0: the last eligible option
            if (options.get(i) != exclude) {
                return options.get(i);
            }
        }
        throw new IllegalStateException("no species to pick");
    }

    /** Section 6 step 3: Tp + N(0, 20 C), FWHM x 10^N(0, 0.1), height x factor x 10^N(0, 0.15). */
    private static Draft jittered(Label family, ReleaseSpecies.Peak p, double factor, SplittableRandom rng) {
        double tp = p.tp() + rng.nextGaussian() * ParameterTable.TP_JITTER_C;
        double fwhm = p.fwhm() * Math.pow(10, rng.nextGaussian() * ParameterTable.FWHM_JITTER_DECADES);
        double h = p.height() * factor * Math.pow(10, rng.nextGaussian() * ParameterTable.HEIGHT_JITTER_DECADES);
        return new Draft(family, p.gas(), tp, fwhm, h, p.energyKj());
    }

    /** 10^U(lo, hi): a factor uniform in decades. */
    private static double tenToUniform(SplittableRandom rng, double lo, double hi) {
        return Math.pow(10, lo + (hi - lo) * rng.nextDouble());
    }

    /** Section 6 step 4: the observed interactions between families. */
    private void interactions(List<Draft> drafts, SplittableRandom rng) {
        boolean ocl = labels.contains(Label.OXYCHLORINE);
        List<Draft> o2 = drafts.stream().filter(d -> d.family == Label.OXYCHLORINE && d.gas == Gas.O2).toList();
        // a rock or soil's trace oxychlorine has none of this (NATURAL_OXYCHLORINE_MIN_DECADES)
        boolean clay = labels.contains(Label.PHYLLOSILICATE) && labels.size() < ParameterTable.NATURAL_SAMPLE_LABELS;
        if (ocl && labels.contains(Label.IRON_OXIDE)) {
            // the iron oxide takes the O2 (ega-physics 6 step 4), but not where a clay is also present (obs, below)
            double factor = clay ? 1 : tenToUniform(rng, -2.5, -0.5);
            for (Draft d : o2) {
                d.tp -= 85;
                d.height *= factor;
            }
            double[] range = ParameterTable.IRON_WATER_WITH_OXYCHLORINE_DECADES;
            double water = tenToUniform(rng, range[0], range[1]);
            for (Draft d : drafts) {
                if (d.family == Label.IRON_OXIDE && d.gas == Gas.H2O) {
                    d.height *= water;
                }
            }
        }
        if (ocl && clay) {
            for (Draft d : o2) {
                d.height *= Math.pow(10, ParameterTable.OXYCHLORINE_O2_IN_CLAY_DECADES);
            }
            ReleaseSpecies hydrated = ParameterTable.OXYCHLORINE_IN_CLAY;
            if (rng.nextDouble() < hydrated.probability()) {
                double factor = Math.pow(10, rng.nextGaussian() * ParameterTable.OXYCHLORINE_IN_CLAY_SIGMA_DECADES);
                species.add("oxychlorine: " + hydrated.name());
                for (ReleaseSpecies.Peak p : hydrated.peaks()) {
                    drafts.add(jittered(Label.OXYCHLORINE, p, factor, rng));
                }
            }
        }
        double[] cl2 = ParameterTable.CL2_PER_OXYCHLORINE_O2;
        double cl2Ratio = clay ? cl2[2] : labels.contains(Label.IRON_OXIDE) ? cl2[1] : cl2[0];
        for (Draft d : o2) { // Cl2 on the O2's curve
            drafts.add(new Draft(Label.OXYCHLORINE, Gas.CL2, d.tp, d.fwhm, cl2Ratio * d.height, d.energy));
        }
        Draft mainO2 = o2.stream().max((a, b) -> Double.compare(a.height, b.height)).orElse(null);
        if (mainO2 != null && labels.contains(Label.SULFIDE)) {
            for (Draft d : drafts) {
                if (d.family == Label.SULFIDE && d.gas == Gas.SO2) {
                    d.tp = mainO2.tp + 20; // SO2 right after O2: sulfide oxidised by the released O2
                    d.height = 0.4 * mainO2.height;
                }
            }
        }
        if (mainO2 != null && (labels.contains(Label.PHYLLOSILICATE) || labels.contains(Label.IRON_OXIDE)
                || labels.contains(Label.CHLORIDE))) {
            double[] burnt = ParameterTable.BURNT_ORGANICS_CO2;
            drafts.add(new Draft(Label.OXYCHLORINE, Gas.CO2, burnt[0] + 30 * rng.nextGaussian(), burnt[1],
                    burnt[2] * mainO2.height * Math.pow(10, 0.3 * rng.nextGaussian()), 150));
        }
        if (mainO2 != null && (labels.contains(Label.PHYLLOSILICATE) || labels.contains(Label.SULFATE)
                || labels.contains(Label.IRON_OXIDE))) {
            drafts.add(new Draft(Label.OXYCHLORINE, Gas.HCL, 650 + 150 * rng.nextDouble(), 120,
                    0.02 * mainO2.height, 150));
        }
        ReleaseSpecies ironChloride = ParameterTable.IRON_CHLORIDE_OXIDATION;
        if (labels.contains(Label.CHLORIDE) && labels.contains(Label.IRON_OXIDE)
                && rng.nextDouble() < ironChloride.probability()) {
            double factor = Math.pow(10, rng.nextGaussian() * ParameterTable.IRON_CHLORIDE_SIGMA_DECADES);
            species.add("chloride: " + ironChloride.name());
            for (ReleaseSpecies.Peak p : ironChloride.peaks()) {
                drafts.add(jittered(Label.CHLORIDE, p, factor, rng));
            }
        }
        if (labels.contains(Label.CHLORIDE) && (labels.contains(Label.PHYLLOSILICATE) || labels.contains(Label.SULFATE))) {
            for (Draft d : drafts) {
                if (d.family == Label.CHLORIDE && d.gas == Gas.HCL) {
                    d.height *= Math.pow(10, 0.3 + 0.7 * rng.nextDouble());
                    d.tp = 600 + 200 * rng.nextDouble();
                }
            }
        }
        // every sulfate SO2 release comes with O2 on the same curve: m/z 32 about 1.3 x m/z 64 in total,
        // of which SO2's own fragment gives 0.15; not in a rock or soil (obs: the natural runs' m/z 32 falls to
        // 2e-5 per He above 800 C while their SO2 rises to 7e-4)
        boolean natural = labels.size() >= ParameterTable.NATURAL_SAMPLE_LABELS;
        List<Draft> added = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.family == Label.SULFATE && d.gas == Gas.SO2 && !natural) {
                added.add(new Draft(Label.SULFATE, Gas.O2, d.tp, d.fwhm, 1.15 * d.height, d.energy));
            }
        }
        drafts.addAll(added);
    }
}
