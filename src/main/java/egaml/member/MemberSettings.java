package egaml.member;

/**
 * A member's training settings: an immutable record that Jackson writes and reads (the model manifest, {@code
 * --print-config}, {@code --config} and the resume fingerprint all use that one form).
 */
public interface MemberSettings {
    /** Outer folds of the member's cross-validation (the training needs at least twice as many samples). */
    int folds();
}
