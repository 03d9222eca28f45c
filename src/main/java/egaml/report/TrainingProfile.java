package egaml.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.EgamlDataException;
import egaml.core.InstrumentType;
import egaml.ingest.CleanRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a model's training runs looked like, kept in the model folder ({@value #FILE}) so that prediction can say when a
 * run is outside it: the sorted values of each {@link RunFacts} number over the training runs, how many runs had each
 * m/z channel and helium, and how many were of each instrument type.
 */
public record TrainingProfile(int runs, Map<InstrumentType, Integer> types, int[] channelRuns, int heliumRuns,
                              Map<String, double[]> values) {
    public static final String FILE = "training_profile.json";
    static final List<String> NUMBERS = List.of("tempMin", "tempMax", "signal", "dynamicRange", "pointsPerIon");

    public static TrainingProfile of(List<CleanRun> runs, List<InstrumentType> types) {
        Map<InstrumentType, Integer> typeCounts = new EnumMap<>(InstrumentType.class);
        int[] channelRuns = new int[RunFacts.IONS];
        int helium = 0;
        Map<String, double[]> values = new java.util.LinkedHashMap<>();
        NUMBERS.forEach(k -> values.put(k, new double[runs.size()]));
        for (int i = 0; i < runs.size(); i++) {
            RunFacts f = RunFacts.of(runs.get(i), types.get(i));
            typeCounts.merge(f.type(), 1, Integer::sum);
            for (int m = 0; m < RunFacts.IONS; m++) {
                channelRuns[m] += f.channels()[m] ? 1 : 0;
            }
            helium += f.helium() ? 1 : 0;
            values.get("tempMin")[i] = f.tempMin();
            values.get("tempMax")[i] = f.tempMax();
            values.get("signal")[i] = f.signal();
            values.get("dynamicRange")[i] = f.dynamicRange();
            values.get("pointsPerIon")[i] = f.pointsPerIon();
        }
        values.replaceAll((k, v) -> Arrays.stream(v).filter(Double::isFinite).sorted().toArray());
        return new TrainingProfile(runs.size(), typeCounts, channelRuns, helium, values);
    }

    /** The share of training values at most {@code x}. */
    public double shareAtMost(String number, double x) {
        double[] v = values.get(number);
        int k = 0;
        while (k < v.length && v[k] <= x) {
            k++;
        }
        return v.length == 0 ? 0 : (double) k / v.length;
    }

    /** The training values' quantile q (nearest rank). */
    public double quantile(String number, double q) {
        double[] v = values.get(number);
        if (v.length == 0) {
            return Double.NaN;
        }
        return v[(int) Math.min(v.length - 1, Math.max(0, Math.round(q * (v.length - 1))))];
    }

    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", "egaml-training-profile");
        root.put("formatVersion", 1);
        root.put("meaning", "facts of the training runs, for the out-of-range warnings of predict and explain");
        root.put("runs", runs);
        ObjectNode t = root.putObject("instrumentTypes");
        types.forEach((k, v) -> t.put(k.code(), v));
        root.set("channelRuns", json.valueToTree(channelRuns));
        root.put("heliumRuns", heliumRuns);
        ObjectNode v = root.putObject("sortedValues");
        values.forEach((k, a) -> {
            ArrayNode arr = v.putArray(k);
            for (double x : a) {
                arr.add(Math.round(x * 1e4) / 1e4);
            }
        });
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The profile of a model folder; empty for a folder written before profiles existed. */
    public static Optional<TrainingProfile> read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            Map<InstrumentType, Integer> types = new EnumMap<>(InstrumentType.class);
            root.path("instrumentTypes").fields().forEachRemaining(e -> types.put(InstrumentType.fromCode(e.getKey())
                    .orElseThrow(() -> new EgamlDataException(file, 0, "unknown instrument type " + e.getKey())),
                    e.getValue().asInt()));
            int[] channels = new int[RunFacts.IONS];
            JsonNode c = root.path("channelRuns");
            if (c.size() != RunFacts.IONS) {
                throw new EgamlDataException(file, 0, "channelRuns needs " + RunFacts.IONS + " counts, has " + c.size());
            }
            for (int m = 0; m < RunFacts.IONS; m++) {
                channels[m] = c.get(m).asInt();
            }
            Map<String, double[]> values = new java.util.LinkedHashMap<>();
            for (String k : NUMBERS) {
                List<Double> list = new ArrayList<>();
                root.path("sortedValues").path(k).forEach(x -> list.add(x.asDouble()));
                values.put(k, list.stream().mapToDouble(Double::doubleValue).toArray());
            }
            return Optional.of(new TrainingProfile(root.path("runs").asInt(), types, channels,
                    root.path("heliumRuns").asInt(), values));
        } catch (IOException e) {
            throw new EgamlDataException(file, 0, "damaged training profile: " + e.getMessage(), e);
        }
    }

    /**
     * Plain-language warnings for a run outside what the model saw; empty when it looks like the training runs. A
     * number is outside when fewer than 1 % of training runs are beyond it.
     */
    public List<String> warnings(RunFacts run) {
        List<String> out = new ArrayList<>();
        int sameType = types.getOrDefault(run.type(), 0);
        if (sameType < Math.max(1, 0.05 * runs)) {
            out.add(String.format(Locale.ROOT, "%s run: %d of the %d training runs (%.1f %%) were of this instrument type",
                    run.type().code(), sameType, runs, 100.0 * sameType / runs));
        }
        double tMax = run.tempMax();
        if (Double.isFinite(tMax) && shareAtMost("tempMax", tMax) < 0.01) {
            double typical = quantile("tempMax", 0.02);
            out.add(String.format(Locale.ROOT, "temperature stops at %.0f °C; %.0f %% of training runs reach %.0f °C",
                    tMax, 100 * (1 - shareAtMost("tempMax", typical - 1e-9)), typical));
        }
        double tMin = run.tempMin();
        if (Double.isFinite(tMin) && 1 - shareAtMost("tempMin", tMin - 1e-9) < 0.01) {
            double typical = quantile("tempMin", 0.98);
            out.add(String.format(Locale.ROOT, "temperature starts at %.0f °C; %.0f %% of training runs start at or below %.0f °C",
                    tMin, 100 * shareAtMost("tempMin", typical), typical));
        }
        List<Integer> missing = new ArrayList<>();
        List<Integer> unusual = new ArrayList<>();
        for (int m = 0; m < RunFacts.IONS; m++) {
            double share = (double) channelRuns[m] / runs;
            if (!run.channels()[m] && share >= 0.99) {
                missing.add(m);
            } else if (run.channels()[m] && share < 0.01) {
                unusual.add(m);
            }
        }
        if (!missing.isEmpty()) {
            out.add("m/z " + list(missing) + " missing; at least 99 % of training runs have "
                    + (missing.size() == 1 ? "it" : "them"));
        }
        if (!unusual.isEmpty()) {
            out.add("m/z " + list(unusual) + " present; fewer than 1 % of training runs have "
                    + (unusual.size() == 1 ? "it" : "them") + " (the model learnt nothing from "
                    + (unusual.size() == 1 ? "it" : "them") + ")");
        }
        range(out, "signal", run.signal(), "largest abundance 10^%.1f; training runs range 10^%.1f to 10^%.1f");
        range(out, "dynamicRange", run.dynamicRange(),
                "dynamic range (largest over typical abundance) 10^%.1f; training runs range 10^%.1f to 10^%.1f");
        range(out, "pointsPerIon", run.pointsPerIon(), "%.0f points per ion; training runs have %.0f to %.0f");
        double heliumShare = (double) heliumRuns / runs;
        if (run.helium() && heliumShare < 0.01) {
            out.add(String.format(Locale.ROOT, "helium (m/z 4) was measured; %.0f %% of training runs had none", 100 * (1 - heliumShare)));
        } else if (!run.helium() && heliumShare > 0.99) {
            out.add(String.format(Locale.ROOT, "no helium (m/z 4) rows; %.0f %% of training runs had them", 100 * heliumShare));
        }
        return out;
    }

    private void range(List<String> out, String number, double x, String format) {
        if (!Double.isFinite(x) || values.get(number).length == 0) {
            return;
        }
        double below = shareAtMost(number, x - 1e-12);
        double above = 1 - shareAtMost(number, x);
        if (below < 0.005 || above < 0.005) {
            out.add(String.format(Locale.ROOT, format, x, quantile(number, 0.005), quantile(number, 0.995)));
        }
    }

    private static String list(List<Integer> mz) {
        List<String> s = mz.stream().limit(12).map(String::valueOf).toList();
        return String.join(", ", s) + (mz.size() > 12 ? " and " + (mz.size() - 12) + " more" : "");
    }
}
