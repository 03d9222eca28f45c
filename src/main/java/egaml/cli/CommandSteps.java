package egaml.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Locale;

/** Runs egaml commands in-process as the numbered steps of a larger command ({@code demo}, {@code bench transfer}). */
final class CommandSteps {
    private CommandSteps() {
    }

    /**
     * Prints the step's title and command line, runs it with the caller's output and error streams, and returns
     * its wall time in seconds; a non-zero exit stops the caller with the command line that failed.
     *
     * @param caller the calling command's name, for the failure message
     */
    static double run(CommandLine.Model.CommandSpec spec, PrintWriter o, String caller, String title, String... args) {
        o.printf(Locale.ROOT, "%n== %s%n$ egaml %s%n", title, String.join(" ", args));
        o.flush();
        long t0 = System.nanoTime();
        CommandLine cli = EgamlCli.commandLine();
        cli.setOut(o);
        cli.setErr(spec.commandLine().getErr());
        int exit = cli.execute(args);
        if (exit != 0) {
            throw new IllegalStateException(caller + " step failed (exit " + exit + "): egaml " + String.join(" ", args));
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
