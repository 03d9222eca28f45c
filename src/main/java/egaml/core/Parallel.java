package egaml.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent pieces of work on a fixed number of daemon threads and returns their results in the order of
 * the items, so results never depend on the thread count or on which piece finished first. The one place that
 * owns thread pools and unwraps {@link ExecutionException}s.
 */
public final class Parallel {
    private Parallel() {
    }

    /** One piece of work; may throw anything. */
    @FunctionalInterface
    public interface Work<T, R> {
        R apply(T item) throws Exception;
    }

    /** One item's result, or what it threw. */
    public record Outcome<R>(R value, Throwable failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    /**
     * Applies {@code work} to every item on {@code threads} threads named {@code egaml-<name>}; results in item order.
     * The first failure in item order is rethrown: runtime exceptions and errors as they are, an
     * {@link IOException} wrapped in an {@link UncheckedIOException}, anything else in an
     * {@link IllegalStateException}. The other pieces are cancelled.
     */
    public static <T, R> List<R> map(String name, int threads, List<T> items, Work<T, R> work) {
        List<R> out = new ArrayList<>(items.size());
        for (Outcome<R> o : run(name, threads, items, work, true)) {
            out.add(o.value());
        }
        return out;
    }

    /** Like {@link #map} but every item runs to its end and each outcome (result or failure) is returned. */
    public static <T, R> List<Outcome<R>> mapAll(String name, int threads, List<T> items, Work<T, R> work) {
        return run(name, threads, items, work, false);
    }

    private static <T, R> List<Outcome<R>> run(String name, int threads, List<T> items, Work<T, R> work, boolean failFast) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())), r -> {
            Thread t = new Thread(r, "egaml-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<Outcome<R>> out = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                try {
                    out.add(new Outcome<>(f.get(), null));
                } catch (ExecutionException e) {
                    if (failFast) {
                        throw unchecked(e.getCause());
                    }
                    out.add(new Outcome<>(null, e.getCause()));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The throwable as an unchecked one: itself when it is, an {@link UncheckedIOException} for I/O, else wrapped. */
    public static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new IllegalStateException(t);
    }
}
