package egaml.cli;

import egaml.core.CsvFiles;
import egaml.core.EgamlDataException;
import egaml.core.Label;
import egaml.core.Logistic;
import egaml.ensemble.FamilySelection;
import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.ingest.LabelTable;
import egaml.member.Family;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code egaml families}: which of a model's families earn their place in the ensemble. */
@Command(name = "families", mixinStandardHelpOptions = true,
        description = {"For a trained model: each family's out-of-fold log loss, the correlation of every two families' "
                + "out-of-fold logits (mean over labels of Pearson's r), and the greedy ensemble curve: families added one "
                + "at a time, each time the one that gives the stacker (refitted, cross-fitted, the model's own stacker "
                + "settings and seed) the lowest out-of-fold log loss.",
            "Reads the model's oof_models.csv and the training labels."})
final class FamiliesCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A trained model folder.")
    Path model;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "The training labels (train_labels.csv).")
    Path labels;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainedModel trained = ModelStore.load(model);
        List<String> families = trained.ensemble().families().stream().map(Family::name).toList();
        LabelTable table = LabelTable.read(labels);
        Path oofFile = model.resolve("oof_models.csv");
        Map<String, Map<String, double[]>> byFamily = new LinkedHashMap<>();
        families.forEach(f -> byFamily.put(f, new LinkedHashMap<>()));
        try (Reader reader = Files.newBufferedReader(oofFile);
             CSVParser csv = CsvFiles.READ.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord r : csv) {
                Map<String, double[]> rows = byFamily.get(r.get("model"));
                if (rows == null) {
                    continue; // members, the ensemble and the prior
                }
                double[] p = new double[Label.COUNT];
                for (Label l : Label.all()) {
                    p[l.ordinal()] = Double.parseDouble(r.get(l.columnName()));
                }
                rows.put(r.get("sample_id"), p);
            }
        }
        List<String> ids = new ArrayList<>(byFamily.get(families.get(0)).keySet());
        int[][] y = new int[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            y[i] = table.get(id).orElseThrow(() -> new EgamlDataException(labels, 0, "no labels for sample " + id
                    + " of " + oofFile));
        }
        double[][][] z = new double[families.size()][ids.size()][Label.COUNT];
        for (int f = 0; f < families.size(); f++) {
            Map<String, double[]> rows = byFamily.get(families.get(f));
            for (int i = 0; i < ids.size(); i++) {
                double[] p = rows.get(ids.get(i));
                if (p == null) {
                    throw new EgamlDataException(oofFile, 0, "family " + families.get(f) + " has no row for " + ids.get(i));
                }
                for (int l = 0; l < Label.COUNT; l++) {
                    z[f][i][l] = Logistic.logit(p[l], 1e-12);
                }
            }
        }
        FamilySelection s = FamilySelection.of(families, z, y, trained.settings().stacker(), trained.settings().seed());
        PrintWriter o = spec.commandLine().getOut();
        int width = 4 + Math.max(8, families.stream().mapToInt(String::length).max().orElse(8));
        o.printf(Locale.ROOT, "%-" + width + "s  oof loss  correlation of logits with:%n", "family");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  %8s ", "", ""));
        for (int b = 0; b < families.size(); b++) {
            head.append(String.format(Locale.ROOT, " %6s", "[" + (b + 1) + "]"));
        }
        o.println(head);
        for (int a = 0; a < families.size(); a++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  %8.4f ",
                    "[" + (a + 1) + "] " + families.get(a), s.loss()[a]));
            for (int b = 0; b < families.size(); b++) {
                line.append(String.format(Locale.ROOT, " %6.3f", s.correlation()[a][b]));
            }
            o.println(line);
        }
        o.println("greedy ensemble curve (stacker refitted at each step, out-of-fold log loss):");
        for (int k = 0; k < s.greedy().size(); k++) {
            o.printf(Locale.ROOT, "  %d. + %-" + width + "s %.4f%n", k + 1, s.greedy().get(k).added(),
                    s.greedy().get(k).ensembleLoss());
        }
        o.flush();
        return 0;
    }
}
