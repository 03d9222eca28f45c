package egaml.cv;

import java.util.SplittableRandom;

/** Shuffled stratified K-fold on one binary label, and the seeded shuffle both stratifiers use. */
public final class StratifiedKFold {
    private StratifiedKFold() {
    }

    /** Fold number (0 .. k-1) per row: positives, then negatives, dealt round-robin in a shuffled order. */
    public static int[] assign(int[] y, int k, SplittableRandom rng) {
        int[] order = shuffled(y.length, rng);
        int[] fold = new int[y.length];
        int next = 0;
        for (int cls = 1; cls >= 0; cls--) {
            for (int i : order) {
                if (y[i] == cls) {
                    fold[i] = next++ % k;
                }
            }
        }
        return fold;
    }

    /** {training rows, held-out rows} of fold k. */
    public static int[][] split(int[] fold, int k) {
        int held = 0;
        for (int f : fold) {
            held += f == k ? 1 : 0;
        }
        int[] train = new int[fold.length - held];
        int[] test = new int[held];
        int a = 0;
        int b = 0;
        for (int i = 0; i < fold.length; i++) {
            if (fold[i] == k) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new int[][] {train, test};
    }

    /** 0 .. n-1 in a Fisher-Yates order drawn from rng. */
    public static int[] shuffled(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
