package egaml.cli;

import egaml.core.CsvFiles;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.explain.EnsembleExplainer;
import egaml.explain.EvidenceText;
import egaml.explain.Explanation;
import egaml.explain.Faithfulness;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.member.AttributionSettings;
import egaml.member.FamilyScores;
import egaml.report.IonNames;
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

    @Option(names = "--models", defaultValue = "0", paramLabel = "N",
            description = "Fold models per family whose evidence is placed on cells (default: ${DEFAULT-VALUE}: all; "
                    + "'predict --report' uses 1).")
    int models;

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
        AttributionSettings settings = new AttributionSettings(steps, models);
        int threads = ingest.threads();
        if (sim != null) {
            LabelledRuns runs = LabelledRuns.load(Dataset.open(sim), ingest, trained.settings().ingest(), limit, true);
            Map<String, List<ReleaseTruth>> truth = readTruth(sim.resolve("truth.csv"));
            // only the calls the check is about are explained: single-label commercial runs predicted above 0.5
            FamilyScores families = trained.familyScores(runs.runs(), threads, (member, s) -> { });
            double[][] p = trained.ensemble().predict(families, runs.types());
            List<Integer> picked = new ArrayList<>();
            List<Label> pickedLabel = new ArrayList<>();
            for (int i = 0; i < p.length; i++) {
                int[] y = runs.y()[i];
                if (runs.types().get(i) != InstrumentType.COMMERCIAL || java.util.Arrays.stream(y).sum() != 1) {
                    continue;
                }
                int l = java.util.stream.IntStream.range(0, Label.COUNT).filter(j -> y[j] == 1).findFirst().orElseThrow();
                if (p[i][l] > 0.5) {
                    picked.add(i);
                    pickedLabel.add(Label.all().get(l));
                }
            }
            boolean[][] wanted = new boolean[picked.size()][Label.COUNT];
            for (int q = 0; q < picked.size(); q++) {
                wanted[q][pickedLabel.get(q).ordinal()] = true;
            }
            List<CleanRun> pickedRuns = picked.stream().map(runs.runs()::get).toList();
            long t0 = System.nanoTime();
            List<Explanation> all = EnsembleExplainer.explain(trained, pickedRuns,
                    picked.stream().map(runs.types()::get).toList(), wanted, settings, families.rows(picked), threads);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<Label, int[]> tally = Faithfulness.emptyTally();
            Map<Label, Map<String, Integer>> missedOn = new java.util.EnumMap<>(Label.class);
            for (int q = 0; q < all.size(); q++) {
                Label label = pickedLabel.get(q);
                List<ReleaseTruth> releases = truth.get(pickedRuns.get(q).sampleId());
                if (releases == null) {
                    throw new IllegalArgumentException(sim.resolve("truth.csv") + ": no row for sample "
                            + pickedRuns.get(q).sampleId());
                }
                int[] t = tally.get(label);
                t[0]++;
                t[2] += Faithfulness.pointsAtTruth(all.get(q), label, releases, Faithfulness.ANY_FRAGMENT_PERCENT) ? 1 : 0;
                if (Faithfulness.pointsAtTruth(all.get(q), label, releases)) {
                    t[1]++;
                } else {
                    EvidenceText.segments(all.get(q).maps()[label.ordinal()]).stream().filter(sg -> sg.amount() > 0)
                            .findFirst().ifPresent(sg -> missedOn.computeIfAbsent(label, k -> new java.util.TreeMap<>())
                                    .merge(String.format(Locale.ROOT, "%s %.0f-%.0f", IonNames.gasFirst(sg.mz()), sg.from(),
                                            sg.to()), 1, Integer::sum));
                }
            }
            o.printf(Locale.ROOT, "simulated truth: %d runs; %d single-label commercial runs called above 0.5, explained in "
                    + "%.1f s (%.0f ms per run and label, %d steps, %d threads)%n", p.length, all.size(), seconds,
                    1000 * seconds / Math.max(1, all.size()), steps, threads);
            o.printf(Locale.ROOT, "  on truth: the top positive evidence lies on the main ion or a >= 10 %% fragment of one of the "
                    + "label's simulated releases and overlaps it (peak +- FWHM); any ion: fragments >= 1 %%%n");
            o.printf(Locale.ROOT, "  %-16s %6s %8s %8s %8s%n", "label", "calls", "on truth", "share", "any ion");
            int calls = 0;
            int hits = 0;
            int loose = 0;
            for (Label l : Label.all()) {
                int[] t = tally.get(l);
                calls += t[0];
                hits += t[1];
                loose += t[2];
                String misses = missedOn.getOrDefault(l, Map.of()).entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                        .map(en -> en.getKey() + " x" + en.getValue()).collect(java.util.stream.Collectors.joining(", "));
                o.printf(Locale.ROOT, "  %-16s %6d %8d %8s %8s   %s%n", l.columnName(), t[0], t[1], share(t[1], t[0]),
                        share(t[2], t[0]), misses.isEmpty() ? "" : "misses' top evidence: " + misses);
            }
            o.printf(Locale.ROOT, "  %-16s %6d %8d %8s %8s%n", "all", calls, hits, share(hits, calls), share(loose, calls));
        }
        if (data != null) {
            LabelledRuns runs = LabelledRuns.load(Dataset.open(data), ingest, trained.settings().ingest(), limit, true);
            FamilyScores families = trained.familyScores(runs.runs(), threads, (member, s) -> { });
            double[][] p = trained.ensemble().predict(families, runs.types());
            boolean[][] wanted = new boolean[p.length][Label.COUNT];
            for (int i = 0; i < p.length; i++) {
                for (int l = 0; l < Label.COUNT; l++) {
                    wanted[i][l] = p[i][l] >= 0.5;
                }
            }
            long t0 = System.nanoTime();
            List<Explanation> all = EnsembleExplainer.explain(trained, runs.runs(), runs.types(), wanted, settings, families,
                    threads);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Faithfulness.Call> calls = new ArrayList<>();
            for (int i = 0; i < wanted.length; i++) {
                for (Label l : Label.all()) {
                    if (wanted[i][l.ordinal()]) {
                        calls.add(new Faithfulness.Call(i, l));
                    }
                }
            }
            int[] ks = {1, 3, 10};
            Faithfulness.DeletionCurve curve = Faithfulness.deletion(trained, runs.runs(), runs.types(), all, calls, ks,
                    draws, seed, threads);
            o.printf(Locale.ROOT, "deletion: %d runs, their %d calls (probability >= 0.5) explained in %.1f s; drops are in "
                    + "probability, averaged over the calls (random: %d draws each)%n", all.size(), curve.calls(), seconds, draws);
            o.printf(Locale.ROOT, "  %4s %18s %18s %16s%n", "k", "drop, top-k cells", "drop, random k", "top-k drops more");
            for (int q = 0; q < ks.length; q++) {
                o.printf(Locale.ROOT, "  %4d %18.4f %18.4f %15.0f%%%n", ks[q], curve.topDrop()[q], curve.randomDrop()[q],
                        100 * curve.topWins()[q]);
            }
        }
        o.flush();
        return 0;
    }

    private static String share(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
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
