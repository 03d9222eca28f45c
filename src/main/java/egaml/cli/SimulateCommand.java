package egaml.cli;

import egaml.sim.SimulatedSample;
import egaml.sim.SimulationConfig;
import egaml.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml simulate}: a synthetic dataset in the layout of the real one. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic EGA-MS dataset in the layout of the real training data (metadata.csv, "
                + "<split>_labels.csv, one CSV per run), drawn from a physical model of gas release, ionisation and "
                + "instruments (shared/docs/ega-physics.md; parameters in egaml.sim.ParameterTable).",
            "Also writes truth.csv (set-up, ramp, mineral species and every gas release of each run) and simulation.json. "
                + "The same --seed gives the same bytes."})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must be new or empty).")
    Path out;

    @Option(names = "--samples", defaultValue = "100", paramLabel = "N", description = "Number of runs (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "mixed", paramLabel = "F",
            description = "commercial, sam or mixed (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--sam-fraction", defaultValue = "0.02", paramLabel = "F",
            description = "Share of SAM-like runs with --format mixed (default: ${DEFAULT-VALUE}; the real training set has 9 of 763).")
    double samFraction;

    @Option(names = "--compress", defaultValue = "gzip", paramLabel = "C",
            description = "gzip (.csv.gz, like the real data) or none (.csv) (default: ${DEFAULT-VALUE}).")
    String compress;

    @Option(names = "--split", defaultValue = "train", paramLabel = "NAME",
            description = "Split name in metadata.csv and of the labels file (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--id-prefix", defaultValue = "SIM", paramLabel = "P",
            description = "Sample ids are this prefix and a number (default: ${DEFAULT-VALUE}).")
    String idPrefix;

    @Option(names = "--labels", paramLabel = "L1,L2", split = ",",
            description = "Give every run exactly these labels (e.g. carbonate,sulfate; 'none' for none) instead of "
                    + "drawing the real label combinations.")
    List<String> labels;

    @Option(names = "--force", description = "Replace DIR if it exists (only once the new dataset is complete).")
    boolean force;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SimulationConfig.Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "commercial" -> SimulationConfig.Format.COMMERCIAL;
            case "sam" -> SimulationConfig.Format.SAM;
            case "mixed" -> SimulationConfig.Format.MIXED;
            default -> throw new IllegalArgumentException("--format must be commercial, sam or mixed, got '" + format + "'");
        };
        boolean gzip = switch (compress.toLowerCase(Locale.ROOT)) {
            case "gzip" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("--compress must be gzip or none, got '" + compress + "'");
        };
        java.util.Set<egaml.core.Label> fixed = null;
        if (labels != null) {
            fixed = java.util.EnumSet.noneOf(egaml.core.Label.class);
            for (String name : labels) {
                if (name.strip().equalsIgnoreCase("none")) {
                    continue;
                }
                fixed.add(egaml.core.Label.fromColumnName(name).orElseThrow(() -> new IllegalArgumentException(
                        "--labels: unknown label '" + name + "'; labels are " + egaml.core.Label.columnNames())));
            }
        }
        SimulationConfig config = new SimulationConfig(samples, seed, f, samFraction, gzip, split, idPrefix, fixed);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        long t0 = System.nanoTime();
        List<SimulatedSample> written;
        try (Progress progress = Progress.start("simulate", samples, !quiet)) {
            written = new Simulator(config).write(out, force, n, progress);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long sam = written.stream().filter(s -> s.instrumentType() == egaml.core.InstrumentType.SAM_TESTBED).count();
        long bytes = written.stream().mapToLong(SimulatedSample::bytes).sum();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "simulated %d runs (%d commercial, %d SAM-like; %.0f MB uncompressed) in %.1f s, seed %d%n",
                written.size(), written.size() - sam, sam, bytes / 1e6, seconds, seed);
        o.printf(Locale.ROOT, "dataset   %s (metadata.csv, %s_labels.csv, truth.csv, simulation.json)%n",
                out.toAbsolutePath().normalize(), split);
        o.flush();
        return 0;
    }
}
