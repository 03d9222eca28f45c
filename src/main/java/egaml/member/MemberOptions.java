package egaml.member;

/**
 * Command-line overrides of a member's settings: an object whose fields carry picocli {@code @Option} annotations
 * (option names start with the member's name, e.g. {@code --gbt-repeats}). The commands that train show each in its
 * own section of {@code --help} under {@link #heading()}; experiment variants go to the end.
 */
public interface MemberOptions {
    /** The section's heading in {@code --help}, e.g. "GBT member (overrides of the preset):". */
    String heading();

    /** True for variants kept for experiments (off in the presets), listed after the everyday options. */
    boolean experimental();

    /** {@code base} with the options given on the command line; a bad value is an IllegalArgumentException. */
    MemberSettings apply(MemberSettings base);
}
