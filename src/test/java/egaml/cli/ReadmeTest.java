package egaml.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's command table and the command definitions cannot drift apart. */
class ReadmeTest {
    private static final Pattern ROW = Pattern.compile("^\\| `\\./egaml ([a-z-]+)(?: (gbt|nn|ingest|aug|interop|explain|units|transfer))?([^`]*)`");
    private static final Pattern OPTION = Pattern.compile("(--[a-z][a-z0-9-]*)");

    @Test
    void everyCommandIsInTheReadmeTableAndEveryOptionThereExists() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        CommandLine cli = EgamlCli.commandLine();
        Set<String> documented = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (!m.find()) {
                continue;
            }
            CommandLine command = cli.getSubcommands().get(m.group(1));
            if (command == null) {
                problems.add("README names a command that does not exist: " + m.group(1));
                continue;
            }
            documented.add(m.group(1));
            if (m.group(2) != null) {
                command = command.getSubcommands().get(m.group(2));
                if (command == null) {
                    problems.add("README names a subcommand that does not exist: " + m.group(1) + " " + m.group(2));
                    continue;
                }
            }
            String cell = line.substring(0, line.indexOf(" | ", 2) > 0 ? line.indexOf(" | ", 2) : line.length());
            Matcher o = OPTION.matcher(cell);
            while (o.find()) {
                String name = o.group(1);
                String positive = name.startsWith("--no-") ? "--" + name.substring(5) : name;
                if (command.getCommandSpec().findOption(name) == null && command.getCommandSpec().findOption(positive) == null) {
                    problems.add("README row of '" + m.group(1) + "' names " + name + ", which the command does not have");
                }
            }
        }
        assertThat(problems).isEmpty();
        Set<String> commands = new LinkedHashSet<>(cli.getSubcommands().keySet());
        commands.remove("help");
        assertThat(documented).containsAll(commands);
    }

    @Test
    void completionIsGeneratedFromTheCommandDefinitions() {
        CliRunner r = CliRunner.run("generate-completion");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("egaml").contains("--on-error").contains("--nn-epochs").contains("predict");
    }
}
