package egaml.core;

import java.util.function.Supplier;

/**
 * A value computed by the first caller that needs it and shared with the rest (thread-safe): for preparation that a
 * training skips when every fold model that would use it is already kept.
 */
public final class Once<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private T value;

    public Once(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = compute.get();
        }
        return value;
    }
}
