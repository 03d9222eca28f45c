package egaml.ensemble;

import egaml.core.InstrumentType;
import egaml.ingest.CleanRun;
import egaml.ingest.DatasetLoader;
import egaml.ingest.RunLoader;
import egaml.ingest.SampleRef;
import egaml.member.TrainingListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts a batch of runs of any size in chunks: each chunk's runs are read, predicted and handed on in input order,
 * then dropped, so memory does not grow with the number of runs. A bad run either stops the batch (naming its file,
 * line and reason) or is skipped and reported.
 */
public final class BatchPrediction {
    private BatchPrediction() {
    }

    /** What to do with a run that cannot be read. */
    public enum OnError { STOP, SKIP }

    /** Receives the predicted rows in input order. */
    public interface RowSink {
        void accept(String sampleId, double[] probabilities) throws IOException;
    }

    /** Receives each predicted chunk whole: its samples, runs, types, family logits and probabilities, in input order. */
    public interface ChunkSink {
        void accept(List<SampleRef> samples, List<CleanRun> runs, List<InstrumentType> types,
                    egaml.member.FamilyScores families, double[][] probabilities) throws IOException;
    }

    /**
     * How the batch went.
     *
     * @param memberSeconds wall seconds per member, summed over chunks
     */
    public record Summary(int predicted, List<DatasetLoader.Failure> failures, int sam, Map<String, Double> memberSeconds,
                          double readSeconds) {
    }

    /** Predicts {@code samples} in chunks of {@code chunk}; {@code listener} hears one step per sample. */
    public static Summary run(TrainedModel model, List<SampleRef> samples, RunLoader loader, int threads, int chunk,
                              OnError onError, RowSink sink, TrainingListener listener) throws IOException {
        return run(model, samples, loader, threads, chunk, onError, sink, null, listener);
    }

    /** As above; {@code chunks} (may be null) also hears every chunk whole, after its rows went to {@code sink}. */
    public static Summary run(TrainedModel model, List<SampleRef> samples, RunLoader loader, int threads, int chunk,
                              OnError onError, RowSink sink, ChunkSink chunks, TrainingListener listener)
            throws IOException {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + chunk);
        }
        List<DatasetLoader.Failure> failures = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        double read = 0;
        int predicted = 0;
        int sam = 0;
        listener.stage("predict", samples.size());
        for (int from = 0; from < samples.size(); from += chunk) {
            List<SampleRef> part = samples.subList(from, Math.min(samples.size(), from + chunk));
            long t0 = System.nanoTime();
            DatasetLoader.Result loaded = DatasetLoader.load(part, loader, threads, k -> { });
            read += (System.nanoTime() - t0) / 1e9;
            if (!loaded.ok() && onError == OnError.STOP) {
                loaded.requireAll(); // throws with the first bad run's file, line and reason
            }
            failures.addAll(loaded.failures());
            List<SampleRef> good = new ArrayList<>();
            List<CleanRun> runs = new ArrayList<>();
            List<InstrumentType> types = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                CleanRun run = loaded.runs().get(i);
                if (run != null) {
                    SampleRef s = part.get(i);
                    good.add(s);
                    runs.add(run);
                    types.add(s.instrumentTypeOf(run));
                }
            }
            if (!runs.isEmpty()) {
                egaml.member.FamilyScores families = model.familyScores(runs, threads,
                        (member, s) -> seconds.merge(member, s, Double::sum));
                double[][] p = model.ensemble().predict(families, types);
                for (int i = 0; i < good.size(); i++) {
                    sink.accept(good.get(i).sampleId(), p[i]);
                    sam += types.get(i) == InstrumentType.SAM_TESTBED ? 1 : 0;
                }
                if (chunks != null) {
                    chunks.accept(good, runs, types, families, p);
                }
                predicted += good.size();
            }
            listener.step(part.size());
        }
        return new Summary(predicted, failures, sam, seconds, read);
    }
}
