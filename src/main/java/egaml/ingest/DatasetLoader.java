package egaml.ingest;

import egaml.core.EgamlDataException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Loads every run of a dataset in parallel, keeping dataset order, and collects every failure
 * (not only the first) with the sample it concerns.
 */
public final class DatasetLoader {

    /** A sample that could not be loaded, and why. */
    public record Failure(SampleRef sample, String message) {
    }

    /** The loaded runs (null where loading failed) and the failures. */
    public record Result(List<SampleRef> samples, List<CleanRun> runs, List<Failure> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }

        /** The runs, failing with the first problem (and the number of others) if any sample is bad. */
        public List<CleanRun> requireAll() {
            if (!failures.isEmpty()) {
                Failure first = failures.get(0);
                String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more bad samples)" : "";
                throw new EgamlDataException(first.sample().file(), 0,
                        "sample " + first.sample().sampleId() + ": " + first.message() + more);
            }
            return runs;
        }
    }

    private DatasetLoader() {
    }

    /**
     * Loads the samples with {@code threads} worker threads.
     *
     * @param progress called with 1 after each sample (from worker threads)
     */
    public static Result load(List<SampleRef> samples, RunLoader loader, int threads, IntConsumer progress) {
        int n = samples.size();
        List<CleanRun> runs = new ArrayList<>(n);
        List<Failure> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)), r -> {
            Thread t = new Thread(r, "egaml-ingest");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CleanRun>> futures = new ArrayList<>(n);
            for (SampleRef s : samples) {
                futures.add(pool.submit(() -> {
                    try {
                        return loader.load(s.sampleId(), s.file(), s.md5(), s.origin());
                    } finally {
                        progress.accept(1);
                    }
                }));
            }
            for (int i = 0; i < n; i++) {
                try {
                    runs.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    runs.add(null);
                    Throwable cause = e.getCause();
                    String message = cause instanceof EgamlDataException d ? d.getMessage() : String.valueOf(cause);
                    failures.add(new Failure(samples.get(i), message));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading runs", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(samples, runs, failures);
    }
}
