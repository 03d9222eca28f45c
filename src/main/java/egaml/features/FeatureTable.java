package egaml.features;

import egaml.core.Parallel;
import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;

import java.util.List;
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
        List<float[]> rows = Parallel.map("features", threads, runs, run -> {
            try {
                return fx.extract(run, realisation, seeds);
            } finally {
                progress.accept(1);
            }
        });
        return new FeatureTable(realisation, runs.stream().map(CleanRun::sampleId).toList(), rows.toArray(new float[0][]));
    }

    public int size() {
        return rows.length;
    }
}
