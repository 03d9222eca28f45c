package egaml.cli;

import egaml.ensemble.MemberRegistry;
import egaml.member.MemberKind;
import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members' command-line options on a command that trains: each member's option objects become sections of
 * {@code --help} (everyday ones after the command's own options, experiment variants last), and their values are
 * applied to that member's settings. Options of a member that is not trained are refused, not ignored.
 */
final class MemberCli {
    private final MemberRegistry registry;
    private final Map<String, List<MemberOptions>> options = new LinkedHashMap<>();
    private final Map<String, String> owner = new LinkedHashMap<>();
    private CommandSpec spec;

    MemberCli(MemberRegistry registry) {
        this.registry = registry;
        for (MemberKind k : registry.kinds()) {
            options.put(k.name(), k.options());
        }
    }

    MemberRegistry registry() {
        return registry;
    }

    /** Adds every member's options to the command, in sections. */
    void addTo(CommandSpec command) {
        this.spec = command;
        List<String> footer = new ArrayList<>(List.of(command.usageMessage().footer()));
        footer.add("%nMembers (--models):");
        for (MemberKind k : registry.kinds()) {
            footer.add("  " + k.name() + (k.inDefaultModels() ? "" : " (not in the default ensemble)") + ": "
                    + k.description().replace("%", "%%"));
        }
        command.usageMessage().footer(footer.toArray(new String[0]));
        for (boolean experimental : new boolean[] {false, true}) {
            for (Map.Entry<String, List<MemberOptions>> e : options.entrySet()) {
                for (MemberOptions o : e.getValue()) {
                    if (o.experimental() != experimental) {
                        continue;
                    }
                    CommandSpec annotated = CommandSpec.forAnnotatedObject(o);
                    ArgGroupSpec.Builder group = ArgGroupSpec.builder().heading(o.heading() + "%n").exclusive(false)
                            .validate(false);
                    for (OptionSpec option : annotated.options()) {
                        OptionSpec copy = OptionSpec.builder(option).build();
                        group.addArg(copy);
                        owner.put(copy.longestName(), e.getKey());
                    }
                    command.addArgGroup(group.build());
                }
            }
        }
    }

    /** {@code base} with the command line's options of that member. */
    MemberSettings apply(String member, MemberSettings base) {
        MemberSettings s = base;
        for (MemberOptions o : options.get(member)) {
            s = o.apply(s);
        }
        return s;
    }

    /** Refuses options given for members that are not among {@code models}. */
    void checkOnlyFor(List<String> models) {
        if (spec == null) {
            return;
        }
        List<String> stray = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String member = owner.get(o.longestName());
            if (member != null && !models.contains(member)) {
                stray.add(o.longestName() + " (" + member + ")");
            }
        }
        if (!stray.isEmpty()) {
            throw new IllegalArgumentException("options of members that are not trained: " + String.join(", ", stray)
                    + "; members trained: " + String.join(",", models) + " (see --models)");
        }
    }
}
