package egaml.nn;

/**
 * What the network needs to know to run (method.md 5): the number of input scalings, the activation and the
 * dropout rates inside the network. Input dropout is applied when the tap table is built ({@link TapTable}).
 */
public record NnArchitecture(int scalings, NnActivation activation, double stemDropout, double reduceDropout,
                             double ionDropout, double finalDropout) {
    public NnArchitecture {
        if (scalings < 1 || scalings > 3) {
            throw new IllegalArgumentException("1 to 3 input scalings, got " + scalings);
        }
        for (double p : new double[] {stemDropout, reduceDropout, ionDropout, finalDropout}) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropout rates must be in [0, 1), got " + p);
            }
        }
    }

    /** The reference's always-on dropouts (m/z 0.05, final 0.5) and the given stem and reduce rates. */
    public static NnArchitecture of(int scalings, NnActivation activation, double stemDropout, double reduceDropout) {
        return new NnArchitecture(scalings, activation, stemDropout, reduceDropout, 0.05, 0.5);
    }
}
