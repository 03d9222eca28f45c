package egaml.features;

import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The base features of many samples in one realisation: rows in sample order, columns as
 * {@link FeatureExtractor#names()}.
 */
public record FeatureTable(FeatureRealisation realisation, List<String> sampleIds, float[][] rows) {

    /** Extracts the features of every run with {@code threads} worker threads (result independent of it). */
    public static FeatureTable extract(List<CleanRun> runs, FeatureRealisation realisation, SeedSequence seeds,
                                       int threads, IntConsumer progress) {
        FeatureExtractor fx = new FeatureExtractor();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "egaml-features");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (CleanRun run : runs) {
                futures.add(pool.submit(() -> {
                    try {
                        return fx.extract(run, realisation, seeds);
                    } finally {
                        progress.accept(1);
                    }
                }));
            }
            float[][] rows = new float[runs.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = futures.get(i).get();
            }
            return new FeatureTable(realisation, runs.stream().map(CleanRun::sampleId).toList(), rows);
        } catch (ExecutionException e) {
            throw new IllegalStateException("feature extraction failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    public int size() {
        return rows.length;
    }
}
