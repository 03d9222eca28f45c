package egaml.member;

import egaml.core.Preset;

import java.nio.file.Path;
import java.util.List;

/**
 * A kind of member: the extension point of egaml's ensemble. A kind names itself (the {@code --models} value, the
 * member's folder in a model and its section in the settings), gives its settings for each preset, turns settings
 * into a trainer, and loads what its fitted members saved. Registering it ({@code ensemble.MemberRegistry}) is all
 * the rest of egaml needs: training, the model folder, {@code cv}, {@code train}, {@code predict} and the stacker loop
 * over the registered kinds.
 */
public interface MemberKind {
    /** Lower-case identifier: {@code gbt}, {@code nn}, {@code baseline}. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** The record type of its settings (read from JSON by Jackson). */
    Class<? extends MemberSettings> settingsType();

    /** Its settings for a preset. */
    MemberSettings settings(Preset preset);

    /** Fresh command-line option objects (none: an empty list). */
    List<MemberOptions> options();

    /** A trainer for the settings (of {@link #settingsType()}). */
    MemberTrainer trainer(MemberSettings settings);

    /**
     * Loads a member saved by {@link FittedMember#save}; a damaged or incompatible folder gives an
     * {@code EgamlDataException} naming the file. {@code filesChecked}: the caller has already checked every file's
     * checksum (a model folder's manifest lists them), so the member need not check them again.
     */
    FittedMember load(Path dir, boolean filesChecked);

    /** The SAM roles its families can play (a SAM rule that needs a role no trained member has is refused up front). */
    default java.util.Set<SamRole> samRoles() {
        return java.util.Set.of(SamRole.NONE);
    }

    /** Whether a training without {@code --models} includes it. */
    default boolean inDefaultModels() {
        return true;
    }

    /** The settings in their own type; a wrong type is a programming error. */
    default <S extends MemberSettings> S cast(MemberSettings settings, Class<S> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalArgumentException(name() + " member: settings of type " + settings.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName());
        }
        return type.cast(settings);
    }
}
