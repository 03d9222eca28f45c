package egaml.cli;

import egaml.ensemble.TrainingSettings;
import egaml.ingest.Dataset;
import egaml.member.MemberTrainer;
import egaml.member.TrainingContext;
import egaml.member.TrainingData;
import egaml.member.UnitPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code egaml bench units}: how long a preset's fold-model units take, and what that means for a cluster. Runs a seeded
 * sample of each member's units here, one at a time on one core (as a one-core Spark executor runs them), with their
 * group's preparation timed apart, then schedules all units of the preset the way Spark starts them (in the engine's
 * order, each on the executor that frees first, a group prepared once per executor) for each executor count.
 */
@Command(name = "units", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times a seeded sample of a preset's fold-model units (one core each, as a one-core Spark executor "
                + "runs them) and estimates the wall time of the units on N executors (train --engine spark). The driver's "
                + "reading and the final assembly and stacker come on top (printed by train in units.csv and cv.json).")
final class BenchUnitsCommand implements Callable<Integer>, TrainsMembers {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--models", paramLabel = "M", description = "Members, comma-separated (default: the default ensemble).")
    String models;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--sample", defaultValue = "3", paramLabel = "K",
            description = "Units timed per member (default: ${DEFAULT-VALUE}); drawn from the --seed.")
    int sample;

    @Option(names = "--executors", defaultValue = "2,8,32", split = ",", paramLabel = "N",
            description = "Executor counts (one core each) to estimate for (default: ${DEFAULT-VALUE}).")
    List<Integer> executors;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final MemberCli members = new MemberCli(egaml.ensemble.MemberRegistry.standard());

    @Override
    public MemberCli memberCli() {
        return members;
    }

    /** A member's measured unit and preparation times. */
    record Timing(List<String> keys, Map<String, String> groups, double unitSeconds, double prepareSeconds) {
    }

    @Override
    public Integer call() {
        if (sample < 1) {
            throw new IllegalArgumentException("--sample must be at least 1, got " + sample);
        }
        for (int e : executors) {
            if (e < 1) {
                throw new IllegalArgumentException("--executors must be at least 1, got " + e);
            }
        }
        TrainingSettings s = settings.resolve(models, members, ingest);
        PrintWriter o = spec.commandLine().getOut();
        LabelledRuns labelled = LabelledRuns.load(Dataset.open(data), ingest, s.ingest(), null, true);
        TrainingData training = new TrainingData(labelled.runs(), labelled.y(), labelled.types());
        TrainingContext context = TrainingContext.of(s.seed(), 1);
        o.printf(Locale.ROOT, "preset %s, seed %d, %d labelled samples; %d units timed per member on one core%n", s.preset(),
                s.seed(), training.size(), sample);
        Map<String, Timing> timings = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(s.seed());
        for (Map.Entry<String, egaml.member.MemberSettings> m : s.members().entrySet()) {
            MemberTrainer trainer = members.registry().get(m.getKey()).trainer(m.getValue());
            UnitPlan plan = trainer.units(training, context);
            List<String> keys = plan.keys();
            if (keys.isEmpty()) {
                o.printf(Locale.ROOT, "%-8s trains in one piece where the model is assembled (no units)%n", m.getKey());
                continue;
            }
            Map<String, String> groups = new LinkedHashMap<>();
            keys.forEach(k -> groups.put(k, plan.group(k)));
            List<String> drawn = new ArrayList<>();
            for (int i : egaml.cv.StratifiedKFold.shuffled(keys.size(), random)) {
                if (drawn.size() < sample) {
                    drawn.add(keys.get(i));
                }
            }
            double prepare = 0;
            int prepared = 0;
            double run = 0;
            double longest = 0;
            Set<String> done = new HashSet<>();
            for (String k : drawn) {
                if (done.add(groups.get(k))) {
                    long t = System.nanoTime();
                    plan.prepare(k);
                    prepare += (System.nanoTime() - t) / 1e9;
                    prepared++;
                }
                long t = System.nanoTime();
                plan.run(k);
                double sec = (System.nanoTime() - t) / 1e9;
                run += sec;
                longest = Math.max(longest, sec);
            }
            Timing timing = new Timing(keys, groups, run / drawn.size(), prepare / prepared);
            timings.put(m.getKey(), timing);
            o.printf(Locale.ROOT, "%-8s %6d units in %d groups; unit %.1f s on average (longest of %d: %.1f s), group "
                            + "preparation %.1f s; %.2f core-hours of units%n", m.getKey(), keys.size(),
                    new HashSet<>(groups.values()).size(), timing.unitSeconds(), drawn.size(), longest,
                    timing.prepareSeconds(), keys.size() * timing.unitSeconds() / 3600);
        }
        if (timings.isEmpty()) {
            o.println("no member cuts its work into units: a Spark training would run it all on the driver");
            return 0;
        }
        o.println("estimated wall time of the units (Spark's order: members with fewer units first; each unit on the "
                + "executor that frees first; a group prepared once per executor):");
        for (int e : executors) {
            double wall = schedule(timings, e);
            o.printf(Locale.ROOT, "  %3d executors: %s%n", e, duration(wall));
        }
        o.flush();
        return 0;
    }

    /** The finish time of the last unit when {@code executors} one-core executors take the units in Spark's order. */
    static double schedule(Map<String, Timing> timings, int executors) {
        double[] free = new double[executors];
        List<Set<String>> prepared = new ArrayList<>();
        for (int e = 0; e < executors; e++) {
            prepared.add(new HashSet<>());
        }
        List<Map.Entry<String, Timing>> order = new ArrayList<>(timings.entrySet());
        order.sort(Comparator.comparingInt(en -> en.getValue().keys().size()));
        for (Map.Entry<String, Timing> m : order) {
            Timing t = m.getValue();
            for (String k : t.keys()) {
                int e = 0;
                for (int i = 1; i < executors; i++) {
                    if (free[i] < free[e]) {
                        e = i;
                    }
                }
                free[e] += t.unitSeconds() + (prepared.get(e).add(t.groups().get(k)) ? t.prepareSeconds() : 0);
            }
        }
        double wall = 0;
        for (double f : free) {
            wall = Math.max(wall, f);
        }
        return wall;
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
