package egaml.gbt;

import com.microsoft.ml.lightgbm.PredictionType;
import egaml.core.CsvFiles;
import egaml.core.EgamlDataException;
import egaml.core.SeedSequence;
import egaml.features.FeatureRealisation;
import egaml.features.FeatureTable;
import egaml.ingest.CleanRun;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an export of {@link BoosterInputs} the way another tool would use it: each booster's text model loaded from its
 * file, its inputs picked from the exported table by the names the model records, its raw scores computed by
 * LightGBM; compared with the raw scores egaml computes from the runs themselves.
 */
public final class BoosterInputsCheck {
    private static final CSVFormat WITH_HEADER = CsvFiles.READ.builder().setHeader().setSkipHeaderRecord(true).get();

    /** The outcome: boosters checked and the largest |difference| of a raw score. */
    public record Result(int boosters, int rows, double largestDifference) {
    }

    private BoosterInputsCheck() {
    }

    /**
     * @param export the folder written by {@link BoosterInputs#write} for {@code runs}, in the same order
     */
    public static Result run(Path export, GbtMember member, List<CleanRun> runs) throws IOException {
        LightGbm.ensureLoaded();
        SeedSequence seeds = new SeedSequence(member.seed());
        Map<Integer, float[][]> base = new HashMap<>();
        Map<String, Map<String, double[]>> tables = new HashMap<>();
        int boosters = 0;
        double largest = 0;
        Path index = export.resolve("boosters.csv");
        try (Reader reader = Files.newBufferedReader(index); CSVParser csv = WITH_HEADER.parse(reader)) {
            for (CSVRecord b : csv) {
                if (b.get("model_file").isEmpty()) {
                    continue; // a constant prior: no booster
                }
                int realisation = Integer.parseInt(b.get("realisation"));
                FoldModel model = member.models().stream().filter(m -> m.realisation() == realisation
                                && m.repeat() == Integer.parseInt(b.get("repeat")) && m.fold() == Integer.parseInt(b.get("fold"))
                                && m.label().columnName().equals(b.get("label"))).findFirst()
                        .orElseThrow(() -> new EgamlDataException(index, b.getRecordNumber() + 1,
                                "no such booster in the model"));
                FeatureRealisation r = member.realisations().stream().filter(x -> x.index() == realisation)
                        .findFirst().orElseThrow();
                double[] ours = model.rawScores(base.computeIfAbsent(realisation,
                        k -> FeatureTable.extract(runs, r, seeds, 1, i -> { }).rows()));
                Map<String, double[]> table = tables.computeIfAbsent(b.get("inputs_file"),
                        f -> readColumns(export.resolve(f), runs.size()));
                try (LGBMBooster booster = LGBMBooster.createFromModelfile(b.get("model_file"))) {
                    String[] names = booster.getFeatureNames();
                    double[] x = new double[runs.size() * names.length];
                    for (int c = 0; c < names.length; c++) {
                        double[] column = table.get(names[c]);
                        if (column == null) {
                            throw new EgamlDataException(export.resolve(b.get("inputs_file")), 1, "no column "
                                    + names[c] + ", which " + b.get("model_file") + " reads");
                        }
                        for (int i = 0; i < runs.size(); i++) {
                            x[i * names.length + c] = column[i];
                        }
                    }
                    double[] theirs = booster.predictForMat(x, runs.size(), names.length, true,
                            PredictionType.C_API_PREDICT_RAW_SCORE, "num_threads=1");
                    for (int i = 0; i < ours.length; i++) {
                        largest = Math.max(largest, Math.abs(theirs[i] - ours[i]));
                    }
                } catch (LGBMException e) {
                    throw new IllegalStateException("LightGBM failed on " + b.get("model_file") + ": " + e.getMessage(), e);
                }
                boosters++;
            }
        }
        return new Result(boosters, runs.size(), largest);
    }

    /** Every column of an exported table by name, as a reader that parses doubles sees it. */
    private static Map<String, double[]> readColumns(Path table, int rows) {
        try (Reader reader = Files.newBufferedReader(table); CSVParser csv = WITH_HEADER.parse(reader)) {
            List<String> names = csv.getHeaderNames();
            Map<String, double[]> columns = new HashMap<>();
            for (String name : names) {
                columns.put(name, new double[rows]);
            }
            int r = 0;
            for (CSVRecord record : csv) {
                if (r >= rows) {
                    throw new EgamlDataException(table, record.getRecordNumber() + 1, "more rows than the " + rows + " runs");
                }
                for (int c = 1; c < names.size(); c++) {
                    columns.get(names.get(c))[r] = Double.parseDouble(record.get(c));
                }
                r++;
            }
            if (r != rows) {
                throw new EgamlDataException(table, r + 1, r + " rows for " + rows + " runs");
            }
            return columns;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
