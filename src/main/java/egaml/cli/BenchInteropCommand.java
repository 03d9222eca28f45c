package egaml.cli;

import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.gbt.BoosterInputsCheck;
import egaml.gbt.GbtKind;
import egaml.gbt.GbtMember;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml bench interop}: do the exported booster inputs reproduce egaml's raw scores in LightGBM? */
@Command(name = "interop", mixinStandardHelpOptions = true,
        description = {"Checks an export of 'egaml features --model' as another tool would use it: each booster's text "
                + "model loaded from its file, its inputs picked from the exported table by the feature names the model "
                + "records, raw scores computed by LightGBM; prints the largest difference from the raw scores egaml "
                + "computes from the runs. Exit 1 if it exceeds --tolerance.",
            "The networks' export is checked by tools/nn_from_npz.py (PyTorch); bench/interop.sh runs both."})
final class BenchInteropCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "The model that was exported.")
    Path model;

    @Option(names = "--inputs", required = true, paramLabel = "DIR", description = "The folder 'features --model' wrote.")
    Path inputs;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The runs it was written for.")
    Path data;

    @Option(names = "--tolerance", defaultValue = "1e-9", paramLabel = "T",
            description = "Largest allowed |difference| of a raw score (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainedModel trained = ModelStore.load(model);
        GbtMember gbt = trained.member(GbtKind.NAME, GbtMember.class);
        Dataset dataset = Dataset.open(data);
        List<CleanRun> runs = ingest.loadAll(dataset, trained.settings().ingest(), "read", true).requireAll();
        long t0 = System.nanoTime();
        BoosterInputsCheck.Result r = BoosterInputsCheck.run(inputs, gbt, runs);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "LightGBM from the exported tables and text models: %d boosters x %d runs, largest "
                        + "|raw score - egaml's| = %.3g (tolerance %.3g) in %.1f s%n", r.boosters(), r.rows(),
                r.largestDifference(), tolerance, (System.nanoTime() - t0) / 1e9);
        o.flush();
        return r.largestDifference() <= tolerance ? 0 : 1;
    }
}
