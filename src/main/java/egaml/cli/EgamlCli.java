package egaml.cli;

import egaml.core.EgamlDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The {@code egaml} command line. Exit status: 0 success, 1 check failed, 2 bad input or usage, 3 internal error, 4 the
 * environment failed (disk, permissions, memory).
 */
@Command(name = "egaml", mixinStandardHelpOptions = true, versionProvider = EgamlCli.Version.class,
        description = "Reads evolved gas analysis mass spectrometry (EGA-MS) runs and predicts which mineral "
                + "families a sample contains.",
        subcommands = {DemoCommand.class, InspectCommand.class, ValidateCommand.class, SimulateCommand.class, StatsCommand.class, RealismCommand.class, TrainCommand.class, PredictCommand.class, EvaluateCommand.class, CvCommand.class, FeaturesCommand.class, FamiliesCommand.class, ExplainCommand.class, ExportNnCommand.class, BenchCommand.class,
            CacheCommand.class, CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit status: 0 success, 1 a check failed (validate), 2 bad input or usage, 3 internal error, "
            + "4 the environment failed (disk full, permission denied, out of memory): the message says what to do."})
public final class EgamlCli implements Runnable {
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 3;
    public static final int EXIT_ENVIRONMENT = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with egaml's error handling, for main and for in-process tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EgamlCli());
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof TrainsMembers t) {
                t.memberCli().addTo(sub.getCommandSpec());
            }
        }
        cli.setExecutionExceptionHandler(EgamlCli::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof EgamlDataException) {
            err.println("egaml: error: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("egaml " + cmd.getCommandName() + ": " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (e instanceof egaml.spark.ClusterException) {
            err.println("egaml " + cmd.getCommandName() + ": " + e.getMessage());
            err.flush();
            return EXIT_ENVIRONMENT;
        }
        IOException io = e instanceof IOException x ? x : e instanceof java.io.UncheckedIOException u ? u.getCause() : null;
        if (io != null) {
            err.println("egaml: " + cmd.getCommandName() + " could not read or write a file: " + describe(io));
            err.flush();
            return EXIT_ENVIRONMENT;
        }
        err.println("egaml: internal error (please report it with the command you ran):");
        e.printStackTrace(err);
        err.flush();
        return EXIT_INTERNAL;
    }

    /** What an I/O failure means for the user and what to do about it. */
    static String describe(IOException e) {
        String text = String.valueOf(e.getMessage());
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + text + " (check the folder's permissions, or write elsewhere)";
        }
        if (text.contains("No space left") || text.contains("Disk quota")) {
            return text + " (free some disk space, or write elsewhere; nothing half-written was left in place)";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.toString();
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int status;
        try {
            status = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("egaml: out of memory (" + e.getMessage() + "); give Java more with EGAML_JAVA_OPTS=-Xmx16g "
                    + "(the launcher's default is -Xmx8g), or use fewer --threads or a smaller predict --chunk");
            status = EXIT_ENVIRONMENT;
        }
        System.exit(status);
    }

    /** egaml's version, from the build. */
    public static String version() {
        return egaml.core.Version.current();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"egaml " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
