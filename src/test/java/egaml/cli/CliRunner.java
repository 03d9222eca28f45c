package egaml.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs egaml commands in-process and captures their output. */
public record CliRunner(int exit, String out, String err) {
    public static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = EgamlCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRunner(exit, out.toString(), err.toString());
    }
}
