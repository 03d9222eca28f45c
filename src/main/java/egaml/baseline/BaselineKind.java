package egaml.baseline;

import egaml.core.Label;
import egaml.core.Logistic;
import egaml.core.Parallel;
import egaml.core.Preset;
import egaml.core.SeedSequence;
import egaml.cv.Fold;
import egaml.cv.LogLoss;
import egaml.cv.MultilabelStratifiedKFold;
import egaml.cv.StratifiedKFold;
import egaml.member.FamilyAverager;
import egaml.member.FamilyScores;
import egaml.member.FittedMember;
import egaml.member.MemberKind;
import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The baseline member: the challenge's benchmark model, per-label logistic regression on binned peak heights
 * ({@link BinFeatures}), answering "what does the simple baseline give on my data?". Off by default; {@code --models
 * baseline} alone, or beside the others for the stacker.
 */
public final class BaselineKind implements MemberKind {
    public static final String NAME = "baseline";
    private static final long FOLD_STREAM = 0xBA5E_0001L;
    private static final long INNER_STREAM = 0xBA5E_0002L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the challenge's benchmark: per-label L1/L2 logistic regression on max abundance per 100 C bin x m/z";
    }

    @Override
    public Class<BaselineSettings> settingsType() {
        return BaselineSettings.class;
    }

    @Override
    public BaselineSettings settings(Preset preset) {
        return BaselineSettings.preset(preset);
    }

    @Override
    public List<MemberOptions> options() {
        return List.of(new BaselineOptions());
    }

    @Override
    public boolean inDefaultModels() {
        return false;
    }

    @Override
    public FittedMember load(Path dir, boolean filesChecked) {
        return BaselineMember.load(dir);
    }

    @Override
    public MemberTrainer trainer(MemberSettings settings) {
        BaselineSettings s = cast(settings, BaselineSettings.class);
        return new MemberTrainer() {
            @Override
            public long steps() {
                return (long) s.folds() * Label.COUNT;
            }

            @Override
            public Fit crossValidate(TrainingData data, TrainingContext context) {
                return BaselineKind.crossValidate(s, data, context);
            }
        };
    }

    private record Unit(Fold fold, Label label) {
    }

    private record Chosen(BaselineMember.FoldModel model, double innerLoss) {
    }

    static MemberTrainer.Fit crossValidate(BaselineSettings s, TrainingData data, TrainingContext context) {
        long t0 = System.nanoTime();
        SeedSequence seeds = context.seeds();
        int n = data.size();
        float[][] x = Parallel.map("baseline-features", context.threads(), data.runs(), BinFeatures::of)
                .toArray(new float[0][]);
        List<Unit> units = new ArrayList<>();
        for (Fold f : new MultilabelStratifiedKFold(s.folds(), false).split(data.y(), seeds.derive(FOLD_STREAM))) {
            for (Label l : Label.all()) {
                units.add(new Unit(f, l));
            }
        }
        List<Chosen> chosen = Parallel.map("baseline", context.threads(), units, u -> {
            Chosen c = fitUnit(s, x, column(data.y(), u.label()), u, seeds);
            context.listener().step(1);
            return c;
        });
        FamilyAverager average = new FamilyAverager(n);
        List<BaselineMember.FoldModel> models = new ArrayList<>();
        Map<String, Integer> picks = new LinkedHashMap<>();
        for (int k = 0; k < units.size(); k++) {
            Unit u = units.get(k);
            BaselineMember.FoldModel m = chosen.get(k).model();
            models.add(m);
            double[] z = new double[u.fold().test().length];
            for (int i = 0; i < z.length; i++) {
                z[i] = m.model().logit(x[u.fold().test()[i]]);
            }
            average.add(BaselineMember.FAMILY, u.label(), u.fold().test(), z);
            picks.merge(m.penalty() + " C=" + m.strength(), 1, Integer::sum);
        }
        BaselineMember member = new BaselineMember(context.seed(), s, models);
        List<String> summary = List.of(
                String.format(Locale.ROOT, "%d folds x %d labels; penalty and C by %d-fold inner CV over %s x %s (%d fits)",
                        s.folds(), Label.COUNT, s.innerFolds(), s.penalties(), s.strengths(), units.size() * s.fitsPerModel()),
                "settings chosen (count of fold models): " + picks);
        return new MemberTrainer.Fit(member, new FamilyScores(average.means()), (System.nanoTime() - t0) / 1e9, summary);
    }

    /** The inner search over penalty and strength on the fold's training rows, then the refit on all of them. */
    private static Chosen fitUnit(BaselineSettings s, float[][] x, int[] y, Unit u, SeedSequence seeds) {
        int[] train = u.fold().train();
        int[] yTrain = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            yTrain[i] = y[train[i]];
        }
        int[] inner = StratifiedKFold.assign(yTrain, s.innerFolds(), seeds.random(INNER_STREAM, u.fold().index(),
                u.label().ordinal()));
        BaselineSettings.Penalty bestPenalty = null;
        double bestC = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (BaselineSettings.Penalty penalty : s.penalties()) {
            for (double c : s.strengths()) {
                double loss = 0;
                for (int k = 0; k < s.innerFolds(); k++) {
                    int[][] split = StratifiedKFold.split(inner, k);
                    LabelModel m = LabelModel.fit(x, y, rows(train, split[0]), penalty, c);
                    for (int i : split[1]) {
                        int row = train[i];
                        loss += LogLoss.binary(y[row], Logistic.sigmoid(m.logit(x[row])));
                    }
                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestPenalty = penalty;
                    bestC = c;
                }
            }
        }
        LabelModel model = LabelModel.fit(x, y, train, bestPenalty, bestC);
        return new Chosen(new BaselineMember.FoldModel(u.fold().index(), u.label(), bestPenalty, bestC, model),
                bestLoss / train.length);
    }

    private static int[] rows(int[] train, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = train[positions[i]];
        }
        return out;
    }

    private static int[] column(int[][] y, Label label) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i][label.ordinal()];
        }
        return out;
    }
}
