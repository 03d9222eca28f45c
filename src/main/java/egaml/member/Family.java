package egaml.member;

import java.util.Objects;

/**
 * One model family: the unit the stacker weighs. Its name is unique within a model (members prefix their families
 * with their own name, e.g. {@code gbt_r10}, {@code nn_share}).
 *
 * @param name    unique name, a column of the stacker's weight table
 * @param member  the member kind that produces it
 * @param samRole its part in the SAM testbed blend
 */
public record Family(String name, String member, SamRole samRole) {
    public Family {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(samRole, "samRole");
    }
}
