package egaml.cli;

import egaml.ensemble.ModelStore;
import egaml.ensemble.TrainedModel;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.DatasetLoader;
import egaml.nn.NnExport;
import egaml.nn.NnKind;
import egaml.nn.NnMember;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml export-nn}: a model's networks as NumPy arrays for PyTorch and other tools. */
@Command(name = "export-nn", mixinStandardHelpOptions = true,
        description = {"Writes every network of a model's NN member as NumPy arrays (weights/<snapshot>.npz, one named "
                + "array per parameter) with nn_export.json describing the layout, so PyTorch or any tool that reads "
                + ".npz can run them.",
            "With --data, also writes the networks' inputs for those runs (inputs_cK.npz per configuration) and egaml's "
                + "own logits of every network (expected_logits.npz). tools/nn_from_npz.py loads an export into PyTorch "
                + "and checks it reproduces those logits."})
final class ExportNnCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A trained model folder.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (must not exist unless --force).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Runs (a dataset folder or run files' folder) whose inputs and logits to include.")
    Path data;

    @Option(names = "--force", description = "Replace an existing --out folder.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for reading runs (default: the number of cores).")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException("--out " + out + " exists; add --force to replace it");
        }
        TrainedModel trained = ModelStore.load(model);
        NnMember nn = trained.member(NnKind.NAME, NnMember.class);
        List<CleanRun> runs = List.of();
        if (data != null) {
            Dataset dataset = Dataset.open(data);
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            try (Progress progress = Progress.start("read", dataset.size(), !quiet)) {
                runs = DatasetLoader.load(dataset.samples(), new egaml.ingest.RunLoader(trained.settings().ingest(), null),
                        n, progress).requireAll();
            }
        }
        long t0 = System.nanoTime();
        NnExport.write(out, nn, runs);
        int snapshots = nn.models().stream().mapToInt(m -> m.snapshots().size()).sum();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d networks (%d fold models, %d configurations)%s in %.1f s -> %s%n", snapshots,
                nn.models().size(), nn.configurations().size(),
                runs.isEmpty() ? "" : ", inputs and logits of " + runs.size() + " runs",
                (System.nanoTime() - t0) / 1e9, out.toAbsolutePath());
        o.flush();
        return 0;
    }
}
