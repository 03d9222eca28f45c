package egaml.ensemble;

import egaml.core.Label;
import egaml.core.SeedSequence;
import egaml.cv.Fold;
import egaml.cv.LogLoss;
import egaml.cv.MultilabelStratifiedKFold;
import egaml.cv.StratifiedKFold;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits the per-label stacker of method.md 10 on out-of-fold family logits: bags of multilabel folds,
 * random family dropout, a random search over (alpha, rho) scored by inner stratified CV, and the box-
 * constrained quasi-Newton fit. Produces the stacker's own out-of-fold probabilities (the mean over bags)
 * and the family weight table used for new samples.
 */
public final class StackerTrainer {
    private static final long STREAM = 0x57ACL;

    private final StackerConfig config;

    public StackerTrainer(StackerConfig config) {
        this.config = config;
    }

    /**
     * @param oof       out-of-fold probabilities [sample][label] of the stacker
     * @param weights   mean effective weight [label][family] over all fits (a dropped family counts 0)
     * @param families  family names in column order
     * @param intercepts mean intercept per label (all 0 without the intercept option)
     */
    public record Result(double[][] oof, double[][] weights, double[] intercepts, List<String> families) {
    }

    /**
     * Trains on family logits {@code z[family][sample][label]} of the labelled samples.
     */
    public Result fit(List<String> families, double[][][] z, int[][] y, SeedSequence seeds) {
        int n = y.length;
        int k = families.size();
        double[][] sum = new double[n][Label.COUNT];
        int[][] count = new int[n][Label.COUNT];
        double[][] weights = new double[Label.COUNT][k];
        double[] intercepts = new double[Label.COUNT];
        int[] fits = new int[Label.COUNT];
        for (int bag = 0; bag < config.bags(); bag++) {
            SplittableRandom bagRng = seeds.random(STREAM, bag);
            boolean pairs = bagRng.nextBoolean();
            List<Fold> folds = new MultilabelStratifiedKFold(config.folds(), pairs).split(y, seeds.derive(STREAM, bag, 1));
            for (Fold fold : folds) {
                for (Label label : Label.all()) {
                    int j = label.ordinal();
                    SplittableRandom rng = seeds.random(STREAM, bag, fold.index(), j);
                    double[][] zl = column(z, j);
                    int[] yl = new int[n];
                    for (int i = 0; i < n; i++) {
                        yl[i] = y[i][j];
                    }
                    FoldFit f = fitFold(zl, yl, fold.train(), rng);
                    double[] p = f.predict(zl, fold.test());
                    for (int i = 0; i < fold.test().length; i++) {
                        sum[fold.test()[i]][j] += p[i];
                        count[fold.test()[i]][j]++;
                    }
                    for (int c = 0; c < k; c++) {
                        weights[j][c] += f.effective()[c];
                    }
                    intercepts[j] += f.intercept();
                    fits[j]++;
                }
            }
        }
        double[][] oof = new double[n][Label.COUNT];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < Label.COUNT; j++) {
                oof[i][j] = sum[i][j] / count[i][j];
            }
        }
        for (int j = 0; j < Label.COUNT; j++) {
            for (int c = 0; c < k; c++) {
                weights[j][c] /= fits[j];
            }
            intercepts[j] /= fits[j];
        }
        return new Result(oof, weights, intercepts, List.copyOf(families));
    }

    /** Effective weights over all K families (dropped ones 0), the intercept (0 when off) and the hyperparameters. */
    public record FoldFit(double[] effective, double intercept, double alpha, double rho) {
        double[] predict(double[][] z, int[] rows) {
            double[][] sel = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                sel[i] = z[rows[i]];
            }
            return StackerObjective.predict(sel, effective, intercept);
        }
    }

    /** One fit on the training rows of one label: dropout, search, refit. Uses only y of {@code train}. */
    public FoldFit fitFold(double[][] z, int[] y, int[] train, SplittableRandom rng) {
        int k = z[0].length;
        // drop floor((0.4 + 0.2 U) K) families at random
        int drop = (int) Math.floor((0.4 + 0.2 * rng.nextDouble()) * k);
        drop = Math.min(drop, k - 1);
        int[] order = StratifiedKFold.shuffled(k, rng);
        boolean[] kept = new boolean[k];
        for (int i = drop; i < k; i++) {
            kept[order[i]] = true;
        }
        int[] cols = java.util.stream.IntStream.range(0, k).filter(c -> kept[c]).toArray();
        double[][] zt = new double[train.length][cols.length];
        int[] yt = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            for (int c = 0; c < cols.length; c++) {
                zt[i][c] = z[train[i]][cols[c]];
            }
            yt[i] = y[train[i]];
        }
        int draws = config.minDraws() + rng.nextInt(config.maxDraws() - config.minDraws() + 1);
        int inner = config.minInnerFolds() + rng.nextInt(config.maxInnerFolds() - config.minInnerFolds() + 1);
        List<double[]> grid = new ArrayList<>();
        for (double a : StackerConfig.ALPHAS) {
            for (double r : StackerConfig.RHOS) {
                grid.add(new double[] {a, r});
            }
        }
        int[] pick = StratifiedKFold.shuffled(grid.size(), rng);
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] best = grid.get(pick[0]);
        int positives = 0;
        for (int v : yt) {
            positives += v;
        }
        boolean searchable = draws > 1 && positives >= inner && yt.length - positives >= inner;
        if (searchable) {
            int[] innerFold = StratifiedKFold.assign(yt, inner, rng);
            for (int d = 0; d < draws; d++) {
                double[] h = grid.get(pick[d]);
                double loss = 0;
                for (int f = 0; f < inner; f++) {
                    int fold = f;
                    int[] tr = java.util.stream.IntStream.range(0, yt.length).filter(i -> innerFold[i] != fold).toArray();
                    int[] te = java.util.stream.IntStream.range(0, yt.length).filter(i -> innerFold[i] == fold).toArray();
                    double[] x = solve(select(zt, tr), select(yt, tr), h[0], h[1]);
                    double[] p = StackerObjective.predict(select(zt, te),
                            StackerObjective.effective(java.util.Arrays.copyOf(x, cols.length), config.cap()),
                            config.intercept() ? x[cols.length] : 0);
                    for (int i = 0; i < te.length; i++) {
                        loss += LogLoss.binary(yt[te[i]], p[i]);
                    }
                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = h;
                }
            }
        }
        double[] x = solve(zt, yt, best[0], best[1]);
        double[] v = StackerObjective.effective(java.util.Arrays.copyOf(x, cols.length), config.cap());
        double[] full = new double[k];
        for (int c = 0; c < cols.length; c++) {
            full[cols[c]] = v[c];
        }
        return new FoldFit(full, config.intercept() ? x[cols.length] : 0, best[0], best[1]);
    }

    /** Bounds of the optional intercept, in logits. */
    static final double INTERCEPT_BOUND = 10;

    /** Raw weights in [0, 1], then the intercept in [-10, 10] when enabled. */
    private double[] solve(double[][] z, int[] y, double alpha, double rho) {
        int k = z[0].length;
        int n = config.intercept() ? k + 1 : k;
        double[] start = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < k; i++) {
            start[i] = 1.0 / k;
            hi[i] = 1;
        }
        if (config.intercept()) {
            lo[k] = -INTERCEPT_BOUND;
            hi[k] = INTERCEPT_BOUND;
        }
        return BoxQuasiNewton.withBounds(lo, hi)
                .minimise(new StackerObjective(z, y, config.cap(), alpha, rho, config.intercept()), start).x();
    }

    /** z[family][sample][label] -> [sample][family] for one label. */
    static double[][] column(double[][][] z, int label) {
        int n = z[0].length;
        double[][] out = new double[n][z.length];
        for (int f = 0; f < z.length; f++) {
            for (int i = 0; i < n; i++) {
                out[i][f] = z[f][i][label];
            }
        }
        return out;
    }

    private static double[][] select(double[][] z, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = z[rows[i]];
        }
        return out;
    }

    private static int[] select(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }
}
