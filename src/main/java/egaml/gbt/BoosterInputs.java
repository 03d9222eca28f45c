package egaml.gbt;

import egaml.core.AtomicFiles;
import egaml.core.CsvFiles;
import egaml.core.SeedSequence;
import egaml.features.FeatureExtractor;
import egaml.features.FeatureRealisation;
import egaml.features.FeatureTable;
import egaml.ingest.CleanRun;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact inputs of a saved GBT member's LightGBM boosters for a set of runs, so that LightGBM outside egaml can
 * reproduce its raw scores from the text models. Each feature realisation has its own table: the base features of that
 * realisation (its trim draws and window offset come from the member's seed) and every pair feature that one of its
 * boosters reads. A booster picks its columns by the feature names recorded in its text model; a pair feature's
 * value depends only on its name (the two ions, in order, and the kind), so one column serves every booster that
 * names it.
 *
 * @param columns the column names, base features first
 * @param rows    per sample, the values in column order (NaN = missing, as LightGBM reads it)
 */
public record BoosterInputs(FeatureRealisation realisation, List<String> sampleIds, List<String> columns,
                            float[][] rows) {

    public BoosterInputs {
        sampleIds = List.copyOf(sampleIds);
        columns = List.copyOf(columns);
    }

    /** The file of a realisation's table inside an export folder. */
    public static String fileName(FeatureRealisation realisation) {
        return "realisation_" + realisation.index() + ".csv";
    }

    /** One table per realisation of the member, for these runs. */
    public static List<BoosterInputs> of(GbtMember member, List<CleanRun> runs, int threads) {
        SeedSequence seeds = new SeedSequence(member.seed());
        List<BoosterInputs> out = new ArrayList<>();
        for (FeatureRealisation r : member.realisations()) {
            float[][] base = FeatureTable.extract(runs, r, seeds, threads, k -> { }).rows();
            List<PairFeatures> pairs = member.models().stream()
                    .filter(m -> m.realisation() == r.index() && m.model() != null)
                    .map(m -> new PairFeatures(m.label(), m.pairIons())).toList();
            Map<String, Integer> column = new LinkedHashMap<>();
            FeatureExtractor.names().forEach(name -> column.put(name, column.size()));
            pairs.forEach(p -> p.names().forEach(name -> column.putIfAbsent(name, column.size())));
            float[][] rows = new float[runs.size()][];
            for (int i = 0; i < rows.length; i++) {
                float[] row = new float[column.size()];
                System.arraycopy(base[i], 0, row, 0, FeatureExtractor.COUNT);
                for (PairFeatures p : pairs) {
                    float[] values = p.compute(base[i]);
                    List<String> names = p.names();
                    for (int c = 0; c < values.length; c++) {
                        row[column.get(names.get(c))] = values[c];
                    }
                }
                rows[i] = row;
            }
            out.add(new BoosterInputs(r, runs.stream().map(CleanRun::sampleId).toList(), List.copyOf(column.keySet()),
                    rows));
        }
        return out;
    }

    /**
     * Writes the tables and {@code boosters.csv} (each booster's model file, what it was trained for and its table) to
     * the folder {@code out}, atomically.
     *
     * @param modelFolder how the booster files are named in the index: the member's folder as the user knows it
     */
    public static void write(Path out, GbtMember member, List<BoosterInputs> tables, String modelFolder)
            throws IOException {
        AtomicFiles.writeFolder(out, tmp -> {
            for (BoosterInputs t : tables) {
                try (var os = Files.newOutputStream(tmp.resolve(fileName(t.realisation())));
                     CSVPrinter csv = CsvFiles.printer(os)) {
                    csv.print("sample_id");
                    for (String c : t.columns()) {
                        csv.print(c);
                    }
                    csv.println();
                    for (int i = 0; i < t.rows().length; i++) {
                        csv.print(t.sampleIds().get(i));
                        for (float v : t.rows()[i]) {
                            csv.print(value(v));
                        }
                        csv.println();
                    }
                }
            }
            try (var os = Files.newOutputStream(tmp.resolve("boosters.csv")); CSVPrinter csv = CsvFiles.printer(os)) {
                csv.printRecord("model_file", "realisation", "trim_range", "window_offset", "repeat", "fold", "label",
                        "inputs_file", "inputs", "constant_prior");
                for (FoldModel m : member.models()) {
                    FeatureRealisation r = member.realisations().stream()
                            .filter(x -> x.index() == m.realisation()).findFirst().orElseThrow();
                    boolean constant = m.model() == null;
                    csv.printRecord(constant ? "" : modelFolder + "/models/" + m.fileName(), r.index(), r.trimRange(),
                            r.windowOffset(), m.repeat(), m.fold(), m.label().columnName(),
                            constant ? "" : fileName(r), constant ? 0 : m.inputNames().size(),
                            constant ? CsvFiles.number(m.prior()) : "");
                }
            }
        });
    }

    /**
     * A feature value as text that a reader parsing doubles gets back exactly: the double LightGBM sees in egaml (the
     * float widened), not the float's short form ("0.1" would read back as a different double from 0.1f, and a
     * threshold between the two would send the row down another branch).
     */
    public static String value(float v) {
        if (Float.isNaN(v)) {
            return "NaN";
        }
        return v == (long) v && Math.abs(v) < 1e7 ? Long.toString((long) v) : Double.toString(v);
    }
}
