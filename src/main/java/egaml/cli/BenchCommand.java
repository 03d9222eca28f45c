package egaml.cli;

import picocli.CommandLine.Command;

/** {@code egaml bench ...}: benchmark commands that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on a dataset; each prints times, throughput and peak memory.",
        subcommands = {BenchIngestCommand.class, BenchGbtCommand.class, BenchNnCommand.class, BenchAugCommand.class, BenchInteropCommand.class, BenchExplainCommand.class,
                BenchUnitsCommand.class, BenchTransferCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
