package egaml.cli;

import egaml.member.TrainingListener;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.function.IntConsumer;

/** A progress bar on standard error, or nothing when disabled (--quiet). Thread-safe. */
final class Progress implements AutoCloseable, IntConsumer, TrainingListener {
    /** Seconds between plain progress lines (when standard error is not a terminal). */
    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;
    private final ProgressBar bar;
    private final String task;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastLine;

    private Progress(ProgressBar bar, String task, long total) {
        this.bar = bar;
        this.task = task;
        this.total = total;
        this.lastLine = start;
    }

    /**
     * A bar on a terminal; on anything else (a log file, a pipe) a plain line every 10 s and one at the end, so logs
     * carry no carriage-return noise. EGAML_PROGRESS=bar or plain overrides the choice.
     */
    static Progress start(String task, long total, boolean enabled) {
        if (!enabled) {
            return new Progress(null, null, total);
        }
        String mode = System.getenv("EGAML_PROGRESS");
        boolean terminal = mode != null ? mode.equalsIgnoreCase("bar") : System.console() != null;
        if (!terminal) {
            System.err.printf(java.util.Locale.ROOT, "%s: 0/%d%n", task, total);
            return new Progress(null, task, total);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
        return new Progress(bar, task, total);
    }

    @Override
    public void accept(int steps) {
        if (bar != null) {
            bar.stepBy(steps);
        } else if (task != null) {
            plainLine(steps, false);
        }
    }

    private synchronized void plainLine(int steps, boolean last) {
        done += steps;
        long now = System.nanoTime();
        if (last || now - lastLine >= PLAIN_INTERVAL_NANOS) {
            lastLine = now;
            long s = (now - start) / 1_000_000_000L;
            System.err.printf(java.util.Locale.ROOT, "%s: %d/%d (%.0f%%), %d:%02d:%02d elapsed%n", task, done, total,
                    total > 0 ? 100.0 * done / total : 100.0, s / 3600, s / 60 % 60, s % 60);
        }
    }

    @Override
    public void step(int steps) {
        accept(steps);
    }

    /** A short text shown after the bar (e.g. the model and its last loss). */
    @Override
    public void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else if (task != null) {
            plainLine(0, true);
        }
    }

    /** A progress bar per training stage, replaced when the next stage starts. */
    static final class Stages implements TrainingListener, AutoCloseable {
        private final boolean enabled;
        private Progress current;

        Stages(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public synchronized void stage(String name, long steps) {
            if (current != null) {
                current.close();
            }
            current = Progress.start(name, steps, enabled);
        }

        @Override
        public synchronized void step(int steps) {
            if (current != null) {
                current.accept(steps);
            }
        }

        @Override
        public synchronized void message(String text) {
            if (current != null) {
                current.message(text);
            }
        }

        @Override
        public synchronized void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
