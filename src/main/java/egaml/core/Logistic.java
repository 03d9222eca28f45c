package egaml.core;

/** The logistic function and its inverse, shared by the members, the stacker and the ensemble. */
public final class Logistic {
    private Logistic() {
    }

    /** 1 / (1 + e^-x). */
    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** log(p / (1 - p)) with p first clipped to [clip, 1 - clip], so 0 and 1 give finite logits. */
    public static double logit(double p, double clip) {
        double q = Math.min(Math.max(p, clip), 1 - clip);
        return Math.log(q / (1 - q));
    }
}
