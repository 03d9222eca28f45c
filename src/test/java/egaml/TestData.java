package egaml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Helpers for tests: small hand-written runs and the real training data in ../shared. */
public final class TestData {
    private TestData() {
    }

    /** The real training set, or a skipped test when it is not beside the repository. */
    public static Path sharedData() {
        Path p = Path.of(System.getProperty("egaml.sharedData", "../shared/data/mars-ega"));
        assumeTrue(Files.isRegularFile(p.resolve("metadata.csv")), "real data not found at " + p);
        return p;
    }

    /** A real run file of the training set. */
    public static Path realRun(String sampleId) {
        return sharedData().resolve("train_features").resolve(sampleId + ".csv.gz");
    }

    public static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    public static Path writeGzip(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }
}
