package egaml.aug;

import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.cv.Fold;
import egaml.cv.LogLoss;
import egaml.cv.MultilabelStratifiedKFold;
import egaml.member.FamilyAverager;
import egaml.member.FamilyScores;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
import egaml.nn.NnCrossValidation;
import egaml.nn.NnModelTrainer;
import egaml.nn.NnThreads;
import egaml.render.RenderBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Out-of-fold training of the augmented-spectrogram member: per repeat a new multilabel-stratified split; SAM testbed
 * runs are removed from every training part and predicted by every fold model, as in the NN member. Fold models train
 * two at a time with one PyTorch thread each, seeded by (repeat, fold), so results do not depend on the thread count.
 */
final class AugCrossValidation {
    static final long FOLD_STREAM = 0xA06_0002L;
    static final long TRAIN_STREAM = 0xA06_0003L;
    static final long PRETRAIN_STREAM = 0xA06_0004L;

    private record Task(String network, int repeat, int fold, int[] train, int[] inference) {
        /** The unit's key; the temporal CNN keeps the key it had before there were other families. */
        String key() {
            return network.equals(TemporalCnn.NAME) ? String.format(Locale.ROOT, "aug/r%d_f%d", repeat, fold)
                    : String.format(Locale.ROOT, "aug/%s_r%d_f%d", network, repeat, fold);
        }

        /** The fold model's seed; the temporal CNN's is the one it had before there were other families. */
        long seed(SeedSequence seeds) {
            return network.equals(TemporalCnn.NAME) ? seeds.derive(TRAIN_STREAM, repeat, fold)
                    : seeds.derive(TRAIN_STREAM, repeat, fold, SeedSequence.keyOf(network));
        }
    }

    /** The fold models, in training order: every network family on the same folds. */
    private static List<Task> plan(AugSettings s, TrainingData data, SeedSequence seeds) {
        boolean[] sam = data.samMask();
        List<Task> tasks = new ArrayList<>();
        MultilabelStratifiedKFold splitter = new MultilabelStratifiedKFold(s.folds(), false);
        for (int r = 0; r < s.repeats(); r++) {
            for (Fold f : splitter.split(data.y(), seeds.derive(FOLD_STREAM, r))) {
                int[] train = NnModelTrainer.without(f.train(), sam);
                for (String network : s.networks()) {
                    tasks.add(new Task(network, r, f.index(), train, NnCrossValidation.complement(train, data.size())));
                }
            }
        }
        return tasks;
    }

    /** One fold model on one PyTorch thread. */
    private static AugModelTrainer.Result train(List<RenderBase> bases, TrainingData data, Task t, AugSettings s,
                                                SeedSequence seeds, SeedSequence tta, AugModelTrainer.EpochListener epochs,
                                                byte[] initial) {
        NnThreads.use(1);
        return AugModelTrainer.train(bases, data.y(), t.train(), t.inference(), s, t.network(), t.seed(seeds), tta,
                epochs, initial);
    }

    /**
     * The network every fold model of family {@code network} starts from: trained on all pretraining runs (SAM testbed
     * runs left out, as in the fold models) for the settings' pretraining epochs; null when the member does not
     * pretrain. Called after {@link #checkPretraining}.
     */
    private static byte[] pretrained(AugSettings s, String network, TrainingContext context) {
        if (s.pretrainEpochs() == 0) {
            return null;
        }
        long seed = network.equals(TemporalCnn.NAME) ? context.seeds().derive(PRETRAIN_STREAM)
                : context.seeds().derive(PRETRAIN_STREAM, SeedSequence.keyOf(network));
        TrainingData p = context.pretraining(); // present: checkPretraining ran before
        List<RenderBase> bases = Parallel.map("aug-render-pretraining", context.threads(), p.runs(), RenderBase::of);
        int[] rows = NnModelTrainer.without(java.util.stream.IntStream.range(0, p.size()).toArray(), p.samMask());
        NnThreads.use(1); // one PyTorch thread, as the fold models: the same bits whatever the thread count
        AugSettings pre = s.with(s.pretrainEpochs(), s.repeats(), s.width(), 0);
        return AugModelTrainer.train(bases, p.y(), rows, new int[0], pre, network, seed,
                AugMember.ttaSeeds(context.seed()), (epoch, loss) -> context.listener().message(String.format(Locale.ROOT,
                        "aug %s pretraining epoch %d loss %.4f", network, epoch, loss)), null).parameters();
    }

    /** Refuses pretraining epochs without pretraining runs before anything is trained. */
    private static void checkPretraining(AugSettings s, TrainingContext context) {
        if (s.pretrainEpochs() > 0 && context.pretraining() == null) {
            throw new IllegalArgumentException("aug: " + s.pretrainEpochs() + " pretraining epochs need pretraining "
                    + "runs (--pretrain-data DIR of 'egaml train' or 'egaml cv'; a local training only)");
        }
    }

    /** The fold models of {@link #run} as units: one group, the rendering bases of every run, made once. */
    static egaml.member.UnitPlan units(AugSettings s, TrainingData data, TrainingContext context) {
        checkPretraining(s, context);
        SeedSequence seeds = context.seeds();
        SeedSequence tta = AugMember.ttaSeeds(context.seed());
        Map<String, Task> tasks = new java.util.LinkedHashMap<>();
        plan(s, data, seeds).forEach(t -> tasks.put(t.key(), t));
        Map<String, egaml.core.Once<byte[]>> initial = initialNetworks(s, context);
        return egaml.member.UnitPlan.keyed(AugKind.NAME, tasks, t -> "aug/bases",
                t -> data.runs().stream().map(RenderBase::of).toList(),
                (t, bases) -> train(bases, data, t, s, seeds, tta, (epoch, loss) -> { },
                        initial.get(t.network()).get()).encode());
    }

    /** Per network family, its pretrained start, made once by the first fold model that needs it. */
    private static Map<String, egaml.core.Once<byte[]>> initialNetworks(AugSettings s, TrainingContext context) {
        Map<String, egaml.core.Once<byte[]>> initial = new java.util.HashMap<>();
        for (String network : s.networks()) {
            initial.put(network, new egaml.core.Once<>(() -> pretrained(s, network, context)));
        }
        return initial;
    }

    private AugCrossValidation() {
    }

    static MemberTrainer.Fit run(AugSettings s, TrainingData data, TrainingContext context) {
        long t0 = System.nanoTime();
        checkPretraining(s, context);
        SeedSequence seeds = context.seeds();
        int n = data.size();
        // rendered by the first fold model that is not kept, so a training whose units are all kept renders nothing
        egaml.core.Once<List<RenderBase>> rendered = new egaml.core.Once<>(
                () -> Parallel.map("aug-render", context.threads(), data.runs(), RenderBase::of));
        List<Task> tasks = plan(s, data, seeds);
        SeedSequence tta = AugMember.ttaSeeds(context.seed());
        // pretrained by the first fold model that is not kept, like the renderings
        Map<String, egaml.core.Once<byte[]>> initial = initialNetworks(s, context);
        List<AugModelTrainer.Result> results = Parallel.map("aug", context.threads(), tasks, t -> {
            String name = String.format(Locale.ROOT, "aug %s r%d f%d", t.network(), t.repeat(), t.fold());
            java.util.Optional<byte[]> kept = context.store().get(t.key());
            if (kept.isPresent()) {
                AugModelTrainer.Result r = AugModelTrainer.Result.decode(kept.get());
                context.listener().step(r.losses().length);
                return r;
            }
            AugModelTrainer.Result r = train(rendered.get(), data, t, s, seeds, tta, (epoch, loss) -> {
                context.listener().message(String.format(Locale.ROOT, "%s epoch %d loss %.4f", name, epoch, loss));
                context.listener().step(1);
            }, initial.get(t.network()).get());
            context.store().put(t.key(), r.encode());
            return r;
        });
        FamilyAverager average = new FamilyAverager(n);
        Map<Integer, FamilyAverager> byRenderings = new java.util.TreeMap<>();
        List<AugMember.FoldModel> models = new ArrayList<>();
        s.networks().forEach(net -> average.declare(AugMember.family(net)));
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            AugModelTrainer.Result r = results.get(i);
            String family = AugMember.family(t.network());
            average.add(family, t.inference(), r.logits());
            r.byRenderings().forEach((k, logits) ->
                    byRenderings.computeIfAbsent(k, x -> new FamilyAverager(n)).add(family, t.inference(), logits));
            models.add(new AugMember.FoldModel(t.network(), t.repeat(), t.fold(), r.parameters()));
        }
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "%d repeats x %d folds x %d epochs; %d renderings averaged at prediction",
                s.repeats(), s.folds(), s.epochs(), s.tta()));
        for (String net : s.networks()) {
            AugNetwork network = AugNetwork.create(net, s.width(), s.dropout());
            summary.add(String.format(Locale.ROOT, "%s: %s (%,d parameters)", AugMember.family(net),
                    network.description(), network.parameterCount()));
        }
        for (String net : s.networks()) {
            String family = AugMember.family(net);
            StringBuilder line = new StringBuilder(family + " out-of-fold log loss by renderings averaged (0 = canonical):");
            byRenderings.forEach((k, avg) -> line.append(String.format(Locale.ROOT, " %d: %.4f", k,
                    LogLoss.aggregated(data.y(), FamilyScores.sigmoid(avg.means().get(family))))));
            summary.add(line.toString());
        }
        AugMember member = new AugMember(context.seed(), s, models);
        return new MemberTrainer.Fit(member, new FamilyScores(average.means()), (System.nanoTime() - t0) / 1e9, summary);
    }

    static long steps(AugSettings s) {
        return (long) s.repeats() * s.folds() * s.epochs() * s.networks().size();
    }
}
