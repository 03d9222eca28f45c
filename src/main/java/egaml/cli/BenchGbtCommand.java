package egaml.cli;

import egaml.core.Label;
import egaml.core.SeedSequence;
import egaml.features.FeatureExtractor;
import egaml.features.FeatureRealisation;
import egaml.features.FeatureTable;
import egaml.gbt.LightGbm;
import egaml.ingest.CleanRun;
import egaml.ingest.Dataset;
import egaml.ingest.SampleRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code egaml bench gbt}: feature extraction time and LightGBM fit speed. */
@Command(name = "gbt", mixinStandardHelpOptions = true,
        description = "Times feature extraction for every run of a dataset (cache warm), and single-threaded LightGBM fits "
                + "of the full preset's setting on the labelled samples; prints seconds, fits per second per core and "
                + "peak heap.")
final class BenchGbtCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A labelled dataset folder.")
    Path data;

    @Option(names = "--fits", defaultValue = "4", paramLabel = "N", description = "LightGBM fits to time (default: ${DEFAULT-VALUE}).")
    int fits;

    @Mixin
    IngestOptions ingest;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (fits < 1) {
            throw new IllegalArgumentException("--fits must be at least 1, got " + fits);
        }
        PrintWriter o = spec.commandLine().getOut();
        Dataset dataset = Dataset.open(data);
        List<SampleRef> labelled = dataset.labelled();
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException(data + " has no labelled samples");
        }
        ingest.loadAll(dataset, "read", true).requireAll(); // warm the cache
        HeapMeter.reset();
        List<CleanRun> runs = ingest.loadAll(dataset, "read", true).requireAll();
        SeedSequence seeds = new SeedSequence(1);
        long t0 = System.nanoTime();
        FeatureTable table = FeatureTable.extract(runs, FeatureRealisation.of(0, seeds), seeds, ingest.threads(), k -> { });
        double extract = (System.nanoTime() - t0) / 1e9;
        o.printf(Locale.ROOT, "features: %d runs x %d features in %.2f s with %d threads (cache warm; %.1f ms per run)%n",
                runs.size(), FeatureExtractor.COUNT, extract, ingest.threads(), 1000 * extract / runs.size());
        java.util.Map<String, Integer> row = new java.util.HashMap<>();
        for (int i = 0; i < dataset.size(); i++) {
            row.put(dataset.samples().get(i).sampleId(), i);
        }
        int n = labelled.size();
        int cols = FeatureExtractor.COUNT;
        float[] x = new float[n * cols];
        for (int i = 0; i < n; i++) {
            System.arraycopy(table.rows()[row.get(labelled.get(i).sampleId())], 0, x, i * cols, cols);
        }
        LightGbm.Matrix m = new LightGbm.Matrix(x, n, cols);
        egaml.gbt.GbtConfig full = egaml.gbt.GbtConfig.preset(egaml.core.Preset.FULL);
        o.printf(Locale.ROOT, "LightGBM setting of the full preset: %s, max_bin=%d%n", full.params().spec(), full.maxBin());
        double total = 0;
        for (int f = 0; f < fits; f++) {
            Label label = Label.all().get(f % Label.COUNT);
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = dataset.labelsOf(labelled.get(i)).orElseThrow()[label.ordinal()];
            }
            long s = System.nanoTime();
            LightGbm.fit(m, y, full.params(), f, full.maxBin(), null);
            double sec = (System.nanoTime() - s) / 1e9;
            total += sec;
            o.printf(Locale.ROOT, "fit %d (%s): %d x %d, %d trees, 1 thread: %.2f s%n", f + 1, label.columnName(), n,
                    cols, full.params().trees(), sec);
            o.flush();
        }
        o.printf(Locale.ROOT, "LightGBM: %.2f s per fit, %.2f fits per second per core; peak heap %.0f MB%n", total / fits,
                fits / total, HeapMeter.peakMb());
        o.flush();
        return 0;
    }
}
