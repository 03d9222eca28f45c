package egaml.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where finished units of a long training (one fold model each) are kept, so that an interrupted training
 * resumes without redoing them. Keys are relative paths such as {@code nn/c0_r1_f2}. The folder store writes
 * each entry atomically (temporary file, then rename), so an interruption leaves either the whole entry or none.
 */
public interface TaskStore {
    /** Keeps nothing. */
    TaskStore NONE = new TaskStore() {
        @Override
        public Optional<byte[]> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, byte[] value) {
        }
    };

    Optional<byte[]> get(String key);

    /** Whether an entry is kept under {@code key}. */
    default boolean contains(String key) {
        return get(key).isPresent();
    }

    void put(String key, byte[] value);

    /** A store in a folder: one file per key. */
    static TaskStore folder(Path dir) {
        return new TaskStore() {
            @Override
            public Optional<byte[]> get(String key) {
                try {
                    return Optional.of(Files.readAllBytes(dir.resolve(key + ".bin")));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + dir.resolve(key + ".bin"), e);
                }
            }

            @Override
            public boolean contains(String key) {
                return Files.isRegularFile(dir.resolve(key + ".bin"));
            }

            @Override
            public void put(String key, byte[] value) {
                Path file = dir.resolve(key + ".bin");
                try {
                    Files.createDirectories(file.getParent());
                    AtomicFiles.write(file, out -> out.write(value));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file, e);
                }
            }
        };
    }
}
