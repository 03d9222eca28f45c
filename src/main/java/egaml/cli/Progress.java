package egaml.cli;

import egaml.member.TrainingListener;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.function.IntConsumer;

/** A progress bar on standard error, or nothing when disabled (--quiet). Thread-safe. */
final class Progress implements AutoCloseable, IntConsumer, TrainingListener {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long total, boolean enabled) {
        if (!enabled) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
        return new Progress(bar);
    }

    @Override
    public void accept(int steps) {
        if (bar != null) {
            bar.stepBy(steps);
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
