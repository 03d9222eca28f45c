package egaml.ingest;

import egaml.TestData;
import egaml.core.EgamlDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunParserTest {
    @TempDir
    Path dir;

    private static List<double[]> rows(Path file) {
        List<double[]> rows = new ArrayList<>();
        RunParser.parse(file, (line, time, temp, mz, abundance) -> rows.add(new double[] {line, time, temp, mz, abundance}), false);
        return rows;
    }

    @Test
    void readsPlainFileInOrderWithLineNumbers() throws IOException {
        Path f = TestData.write(dir, "a.csv", "time,temp,m/z,abundance\n0.0,35.289,0.0,5.550957e-11\n"
                + "0.0,35.289,1.0,-1.2E-13\n5.21,36.5,2.0,0\n");
        List<double[]> rows = rows(f);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly(2, 0.0, 35.289, 0.0, 5.550957e-11);
        assertThat(rows.get(1)).containsExactly(3, 0.0, 35.289, 1.0, -1.2e-13);
        assertThat(rows.get(2)).containsExactly(4, 5.21, 36.5, 2.0, 0.0);
    }

    @Test
    void gzipCrlfBomMissingFinalNewlineAndHeaderCaseAreAccepted() throws IOException {
        Path f = TestData.writeGzip(dir, "b.csv.gz", "\uFEFFTime, Temp ,M/Z,Abundance\r\n1,2,3,4\r\n5,6,7.5,8");
        List<double[]> rows = rows(f);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsExactly(3, 5, 6, 7.5, 8);
    }

    @Test
    void gzipIsDetectedFromContentNotName() throws IOException {
        Path f = TestData.writeGzip(dir, "compressed-but-named.csv", "time,temp,m/z,abundance\n1,2,3,4\n");
        assertThat(rows(f)).hasSize(1);
    }

    @Test
    void computesMd5AndSizeOfUncompressedContent() throws IOException {
        String content = "time,temp,m/z,abundance\n1,2,3,4\n";
        Path f = TestData.writeGzip(dir, "c.csv.gz", content);
        RunParser.Result r = RunParser.parse(f, (l, a, b, c, d) -> { }, true);
        assertThat(r.md5()).isEqualTo(md5(content));
        assertThat(r.bytes()).isEqualTo(content.length());
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void longLinesAndBufferBoundariesDoNotLoseRows() throws IOException {
        StringBuilder sb = new StringBuilder("time,temp,m/z,abundance\n");
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            sb.append(i / 100).append('.').append(i % 7).append(",").append(30 + i * 0.001).append(",")
                    .append(i % 100).append(".0,").append(i * 1.5e-12).append('\n');
        }
        Path f = TestData.writeGzip(dir, "big.csv.gz", sb.toString());
        List<double[]> rows = rows(f);
        assertThat(rows).hasSize(n);
        assertThat(rows.get(n - 1)[0]).isEqualTo(n + 1);
        assertThat(rows.get(n - 1)[4]).isEqualTo((n - 1) * 1.5e-12);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("misspelled header", "time,temperature,m/z,abundance\n1,2,3,4\n", 1L, "expected the header 'time,temp,m/z,abundance'"),
                Arguments.of("header with 3 columns", "time,temp,m/z\n1,2,3\n", 1L, "found 3 column(s)"),
                Arguments.of("missing header (data first)", "0.0,35.2,1.0,1e-10\n", 1L, "expected the header"),
                Arguments.of("too few fields", "time,temp,m/z,abundance\n1,2,3,4\n1,2,3\n", 3L, "expected 4 comma-separated fields"),
                Arguments.of("too many fields", "time,temp,m/z,abundance\n1,2,3,4,5\n", 2L, "found 5"),
                Arguments.of("non-numeric temp", "time,temp,m/z,abundance\n1,2,3,4\n1,abc,3,4\n", 3L, "column 'temp' is not a number: 'abc'"),
                Arguments.of("empty abundance", "time,temp,m/z,abundance\n1,2,3,\n", 2L, "column 'abundance' is empty"),
                Arguments.of("NaN abundance", "time,temp,m/z,abundance\n1,2,3,NaN\n", 2L, "column 'abundance' is not a finite number"),
                Arguments.of("infinite time", "time,temp,m/z,abundance\n1,2,3,4\nInfinity,2,3,4\n", 3L, "column 'time' is not a finite number"),
                Arguments.of("temperature below absolute zero", "time,temp,m/z,abundance\n1,-300,3,4\n", 2L, "below absolute zero"),
                Arguments.of("negative m/z", "time,temp,m/z,abundance\n1,2,-1,4\n", 2L, "m/z -1.0 is negative"),
                Arguments.of("blank line inside", "time,temp,m/z,abundance\n1,2,3,4\n\n1,2,3,4\n", 3L, "empty line"),
                Arguments.of("header only", "time,temp,m/z,abundance\n", 1L, "no data rows after the header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputNamesFileLineAndProblem(String name, String content, long line, String message) throws IOException {
        Path f = TestData.write(dir, "bad.csv", content);
        assertThatThrownBy(() -> rows(f))
                .isInstanceOf(EgamlDataException.class)
                .hasMessageStartingWith(f + ":" + line + ": ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((EgamlDataException) e).line()).isEqualTo(line));
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path f = TestData.write(dir, "empty.csv", "");
        assertThatThrownBy(() -> rows(f)).isInstanceOf(EgamlDataException.class)
                .hasMessage(f + ": file is empty: expected the header 'time,temp,m/z,abundance'");
    }

    @Test
    void truncatedGzipNamesTheFileAndTheLineReached() throws IOException {
        StringBuilder sb = new StringBuilder("time,temp,m/z,abundance\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i).append(",30.5,").append(i % 100).append(",1.234567e-11\n");
        }
        Path full = TestData.writeGzip(dir, "full.csv.gz", sb.toString());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> rows(cut)).isInstanceOf(EgamlDataException.class)
                .hasMessageStartingWith(cut + ":")
                .hasMessageContaining("truncated or corrupt gzip data")
                .satisfies(e -> assertThat(((EgamlDataException) e).line()).isGreaterThan(1));
    }

    @Test
    void corruptGzipNamesTheFile() throws IOException {
        Path full = TestData.writeGzip(dir, "x.csv.gz", "time,temp,m/z,abundance\n1,2,3,4\n".repeat(100));
        byte[] bytes = Files.readAllBytes(full);
        for (int i = 12; i < bytes.length - 8; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Path bad = dir.resolve("corrupt.csv.gz");
        Files.write(bad, bytes);
        assertThatThrownBy(() -> rows(bad)).isInstanceOf(EgamlDataException.class)
                .hasMessageStartingWith(bad + ":")
                .hasMessageContaining("gzip");
    }

    @Test
    void missingFileIsADataError() {
        Path f = dir.resolve("nope.csv");
        assertThatThrownBy(() -> rows(f)).isInstanceOf(EgamlDataException.class).hasMessage(f + ": file not found");
    }
}
