package egaml.member;

/**
 * The part a family plays in the reference's SAM testbed blend (method.md 11.2:
 * {@code (stacker + 2 sigmoid(0.45 trees + 0.25 network)) / 3}). Families declare it; nothing is inferred from names.
 */
public enum SamRole {
    /** Averaged into the blend's tree term (the GBT families). */
    TREES,
    /** Averaged into the network term when no {@link #NETWORK_PREFERRED} family exists. */
    NETWORK,
    /** The network term's families when present (the reference: the network on all three scalings). */
    NETWORK_PREFERRED,
    /** Not part of the blend (it still enters the stacker and the average rule). */
    NONE
}
