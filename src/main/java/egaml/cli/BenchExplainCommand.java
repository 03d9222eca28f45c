package egaml.cli;

import egaml.core.CsvFiles;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.explain.EnsembleExplainer;
import egaml.explain.Explanation;
import egaml.explain.Faithfulness;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.member.AttributionSettings;
import egaml.sim.ReleaseTruth;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code egaml bench explain}: are the explanations faithful? Against simulated truth, and by deletion on real runs. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Measures how faithful the explanations of a model are, and how long they take.",
            "With --sim (a folder from 'egaml simulate', whose truth.csv lists every release): for each single-label "
                + "commercial run predicted above 0.5 for its label, whether the strongest evidence segment lies on one of "
                + "the ions of that family's simulated gases and overlaps its release (peak +- FWHM); prints the share per "
                + "label.",
            "With --data (labelled runs the model did NOT train on): for every call (probability at least 0.5), the "
                + "drop of the label's probability when the k strongest evidence cells are replaced by the channel's "
                + "baseline, against k random cells with data (k = 1, 3, 10); prints both curves and how often the top "
                + "cells win."})
final class BenchExplainCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A model folder.")
    Path model;

    @Option(names = "--sim", paramLabel = "DIR", description = "A simulated dataset folder with truth.csv.")
    Path sim;

    @Option(names = "--data", paramLabel = "DIR", description = "A labelled dataset the model was not trained on.")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Use at most the first N runs of each dataset.")
    Integer limit;

    @Option(names = "--steps", defaultValue = "8", paramLabel = "N",
            description = "Integration steps of the networks' evidence (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--draws", defaultValue = "3", paramLabel = "N",
            description = "Random deletions per call and k (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the random cells (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (sim == null && data == null) {
            throw new IllegalArgumentException("give --sim DIR, --data DIR or both");
        }
        PrintWriter o = spec.commandLine().getOut();
        TrainedModel trained = ModelStore.load(model);
        AttributionSettings settings = new AttributionSettings(steps, 0);
        int threads = ingest.threads();
        if (sim != null) {
            LabelledRuns runs = LabelledRuns.load(Dataset.open(sim), ingest, trained.settings().ingest(), limit, true);
            Map<String, List<ReleaseTruth>> truth = readTruth(sim.resolve("truth.csv"));
            long t0 = System.nanoTime();
            List<Explanation> all = EnsembleExplainer.explain(trained, runs.runs(), runs.types(), null, settings, threads);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<Label, int[]> tally = Faithfulness.emptyTally();
            for (int i = 0; i < all.size(); i++) {
                int[] y = runs.y()[i];
                int positives = java.util.Arrays.stream(y).sum();
                if (runs.types().get(i) != InstrumentType.COMMERCIAL || positives != 1) {
                    continue;
                }
                Label label = Label.all().get(java.util.stream.IntStream.range(0, Label.COUNT).filter(l -> y[l] == 1)
                        .findFirst().orElseThrow());
                if (all.get(i).probability()[label.ordinal()] <= 0.5) {
                    continue;
                }
                List<ReleaseTruth> releases = truth.get(runs.runs().get(i).sampleId());
                if (releases == null) {
                    throw new IllegalArgumentException(sim.resolve("truth.csv") + ": no row for sample "
                            + runs.runs().get(i).sampleId());
                }
                int[] t = tally.get(label);
                t[0]++;
                t[1] += Faithfulness.pointsAtTruth(all.get(i), label, releases) ? 1 : 0;
            }
            o.printf(Locale.ROOT, "simulated truth: %d runs explained in %.1f s (%.0f ms per run, %d steps, %d threads)%n",
                    all.size(), seconds, 1000 * seconds / all.size(), steps, threads);
            o.printf(Locale.ROOT, "  %-16s %6s %8s %8s%n", "label", "calls", "on truth", "share");
            int calls = 0;
            int hits = 0;
            for (Label l : Label.all()) {
                int[] t = tally.get(l);
                calls += t[0];
                hits += t[1];
                o.printf(Locale.ROOT, "  %-16s %6d %8d %8s%n", l.columnName(), t[0], t[1],
                        t[0] == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * t[1] / t[0]));
            }
            o.printf(Locale.ROOT, "  %-16s %6d %8d %8s%n", "all", calls, hits,
                    calls == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * hits / calls));
        }
        if (data != null) {
            LabelledRuns runs = LabelledRuns.load(Dataset.open(data), ingest, trained.settings().ingest(), limit, true);
            long t0 = System.nanoTime();
            List<Explanation> all = EnsembleExplainer.explain(trained, runs.runs(), runs.types(), null, settings, threads);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Faithfulness.Call> calls = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                for (Label l : Label.all()) {
                    if (all.get(i).probability()[l.ordinal()] >= 0.5) {
                        calls.add(new Faithfulness.Call(i, l));
                    }
                }
            }
            int[] ks = {1, 3, 10};
            Faithfulness.DeletionCurve curve = Faithfulness.deletion(trained, runs.runs(), runs.types(), all, calls, ks,
                    draws, seed, threads);
            o.printf(Locale.ROOT, "deletion: %d runs explained in %.1f s; %d calls (probability >= 0.5)%n", all.size(),
                    seconds, curve.calls());
            o.printf(Locale.ROOT, "  %4s %18s %18s %16s%n", "k", "drop, top-k cells", "drop, random k", "top-k drops more");
            for (int q = 0; q < ks.length; q++) {
                o.printf(Locale.ROOT, "  %4d %18.4f %18.4f %15.0f%%%n", ks[q], curve.topDrop()[q], curve.randomDrop()[q],
                        100 * curve.topWins()[q]);
            }
        }
        o.flush();
        return 0;
    }

    static Map<String, List<ReleaseTruth>> readTruth(Path file) throws IOException {
        Map<String, List<ReleaseTruth>> out = new HashMap<>();
        try (CSVParser p = CSVParser.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            if (!p.getHeaderNames().contains("releases")) {
                throw new IllegalArgumentException(file + ": no 'releases' column (simulate the data again with this egaml)");
            }
            for (CSVRecord r : p) {
                try {
                    out.put(r.get("sample_id"), ReleaseTruth.parseList(r.get("releases")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
