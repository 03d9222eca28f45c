package egaml.ensemble;

import egaml.baseline.BaselineKind;
import egaml.gbt.GbtKind;
import egaml.member.MemberKind;
import egaml.nn.NnKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The member kinds egaml knows, in the order their families enter the stacker. A new member is registered by one
 * line in {@link #standard()}; tests add toy members with {@link #with}.
 */
public record MemberRegistry(List<MemberKind> kinds) {
    public MemberRegistry {
        kinds = List.copyOf(kinds);
        List<String> seen = new ArrayList<>();
        for (MemberKind k : kinds) {
            if (!k.name().matches("[a-z][a-z0-9_]*") || seen.contains(k.name())
                    || TrainingSettings.RESERVED_KEYS.contains(k.name())) {
                throw new IllegalArgumentException("member name '" + k.name() + "' is not a new lower-case identifier "
                        + "(taken: " + seen + " and " + TrainingSettings.RESERVED_KEYS + ")");
            }
            seen.add(k.name());
        }
    }

    /** egaml's members. */
    public static MemberRegistry standard() {
        return new MemberRegistry(List.of(
                new GbtKind(),
                new NnKind(),
                new BaselineKind(),
                new egaml.aug.AugKind()));
    }

    /** This registry and one more kind. */
    public MemberRegistry with(MemberKind kind) {
        List<MemberKind> out = new ArrayList<>(kinds);
        out.add(kind);
        return new MemberRegistry(out);
    }

    public Optional<MemberKind> find(String name) {
        return kinds.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The kind of that name; an unknown name is an IllegalArgumentException that lists the known ones. */
    public MemberKind get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown member '" + name + "' (members: "
                + String.join(", ", names()) + ")"));
    }

    public List<String> names() {
        return kinds.stream().map(MemberKind::name).toList();
    }

    /** Parses a comma-separated member list into registry order, e.g. "nn,gbt" -> [gbt, nn]. */
    public List<String> parse(String list) {
        List<String> asked = new ArrayList<>();
        for (String m : list.split(",")) {
            String name = m.strip().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            get(name);
            if (!asked.contains(name)) {
                asked.add(name);
            }
        }
        if (asked.isEmpty()) {
            throw new IllegalArgumentException("no member named in '" + list + "' (members: " + String.join(", ", names()) + ")");
        }
        return names().stream().filter(asked::contains).toList();
    }
}
