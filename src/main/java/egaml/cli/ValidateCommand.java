package egaml.cli;

import egaml.core.InstrumentType;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.ingest.LabelTable;
import egaml.ingest.SampleRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code egaml validate DATA_DIR}: checks every run of a dataset and lists every bad sample. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks every run of a dataset folder: each file parses, its MD5 matches metadata.csv "
                + "(when given), and labelled splits have labels for it. Prints the counts per split and "
                + "instrument type, and every bad sample with the reason.",
            "Exit status 0 when all samples are good, 1 when any is bad, 2 when the dataset itself "
                + "(metadata.csv, a labels file) cannot be read."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA_DIR",
            description = "A dataset folder (metadata.csv and <split>_labels.csv), or a folder of run CSV files.")
    Path data;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Dataset dataset = Dataset.open(data);
        DatasetLoader.Result result = ingest.loadAll(dataset, "validate", quiet);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, int[]> counts = new TreeMap<>(); // "split|type" -> {samples, good, labelled}
        Set<String> bad = new HashSet<>();
        for (DatasetLoader.Failure f : result.failures()) {
            bad.add(f.sample().sampleId());
            problems.add(f.sample().sampleId() + ": " + f.message());
        }
        for (int i = 0; i < dataset.size(); i++) {
            SampleRef s = dataset.samples().get(i);
            CleanRun run = result.runs().get(i);
            InstrumentType detected = run == null ? null : run.summary().detectedType();
            InstrumentType type = s.instrumentType() != null ? s.instrumentType() : detected;
            String key = s.split() + "|" + (type == null ? "unknown" : type.code());
            int[] c = counts.computeIfAbsent(key, k -> new int[3]);
            c[0]++;
            boolean labelled = dataset.labelsOf(s).isPresent();
            if (dataset.splitHasLabels(s) && !labelled) {
                bad.add(s.sampleId());
                problems.add(s.sampleId() + ": no labels in " + dataset.labelsBySplit().get(s.split()).file()
                        + " (declared at " + s.origin() + ")");
            }
            if (labelled) {
                c[2]++;
            }
            if (run != null && !bad.contains(s.sampleId())) {
                c[1]++;
            }
            if (run != null && s.instrumentType() != null && detected != s.instrumentType()) {
                warnings.add(s.sampleId() + ": metadata says " + s.instrumentType() + " but the layout looks "
                        + detected);
            }
            if (run != null && run.presentChannels().isEmpty()) {
                warnings.add(s.sampleId() + ": no channel left after cleaning (it will get all-zero inputs)");
            }
        }
        Set<String> ids = new HashSet<>();
        dataset.samples().forEach(s -> ids.add(s.sampleId()));
        for (Map.Entry<String, LabelTable> e : dataset.labelsBySplit().entrySet()) {
            long extra = e.getValue().asMap().keySet().stream().filter(id -> !ids.contains(id)).count();
            if (extra > 0) {
                warnings.add(e.getValue().file() + ": " + extra + " labelled sample(s) not in " + Dataset.METADATA);
            }
        }

        out.printf(Locale.ROOT, "dataset  %s (%d samples)%n", data, dataset.size());
        out.printf(Locale.ROOT, "%-10s %-12s %8s %8s %9s%n", "split", "instrument", "samples", "good", "labelled");
        Map<String, Integer> goodByType = new TreeMap<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            String[] k = e.getKey().split("\\|");
            int[] c = e.getValue();
            out.printf(Locale.ROOT, "%-10s %-12s %8d %8d %9d%n", k[0], k[1], c[0], c[1], c[2]);
            goodByType.merge(k[1], c[1], Integer::sum);
        }
        for (String w : warnings) {
            out.println("warning: " + w);
        }
        int good = dataset.size() - bad.size();
        StringBuilder byType = new StringBuilder();
        goodByType.forEach((t, n) -> byType.append(byType.length() == 0 ? "" : ", ").append(n).append(' ').append(t));
        if (problems.isEmpty()) {
            out.printf(Locale.ROOT, "OK: %d good samples (%s), 0 bad%n", good, byType);
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "FAILED: %d good samples (%s), %d bad:%n", good, byType, bad.size());
        for (String p : problems) {
            out.println("  bad " + p);
        }
        out.flush();
        return EgamlCli.EXIT_CHECK_FAILED;
    }
}
