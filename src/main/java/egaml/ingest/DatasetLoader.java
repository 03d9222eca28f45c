package egaml.ingest;

import egaml.core.EgamlDataException;
import egaml.core.Parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Loads every run of a dataset in parallel, keeping dataset order, and collects every failure
 * (not only the first) with the sample it concerns.
 */
public final class DatasetLoader {

    /**
     * A sample that could not be loaded, and why.
     *
     * @param message the whole message (file, line and reason)
     * @param line    the line of the problem in the run file (0: the file as a whole)
     * @param reason  the problem alone
     */
    public record Failure(SampleRef sample, String message, long line, String reason) {
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
        List<Parallel.Outcome<CleanRun>> outcomes = Parallel.mapAll("ingest", threads, samples, s -> {
            try {
                return loader.load(s.sampleId(), s.file(), s.md5(), s.origin());
            } finally {
                progress.accept(1);
            }
        });
        for (int i = 0; i < n; i++) {
            Parallel.Outcome<CleanRun> o = outcomes.get(i);
            runs.add(o.value());
            if (o.failed()) {
                Throwable cause = o.failure();
                if (cause instanceof EgamlDataException d) {
                    failures.add(new Failure(samples.get(i), d.getMessage(), d.line(), d.reason()));
                } else {
                    failures.add(new Failure(samples.get(i), String.valueOf(cause), 0, String.valueOf(cause)));
                }
            }
        }
        return new Result(samples, runs, failures);
    }
}
