package egaml.cli;

import egaml.TestData;
import egaml.core.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateTest {

    @TempDir
    Path dir;

    private static final String HEADER = "sample_id," + String.join(",", Label.columnNames()) + "\n";

    @Test
    void scoresAndCalibrates() throws IOException {
        Path labels = TestData.write(dir, "labels.csv", HEADER + "A,1,0,0,0,0,0,0,0,0,0\nB,0,0,0,0,0,0,0,0,0,1\nC,0,0,0,0,0,0,0,0,0,0\n");
        Path pred = TestData.write(dir, "p.csv", HEADER + "A,0.8,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1\n"
                + "B,0.2,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.9\n");
        CliRunner refused = CliRunner.run("evaluate", "--predictions", pred.toString(), "--labels", labels.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("lacks 1 of the 3 labelled samples").contains("[C]").contains("--allow-missing");
        CliRunner r = CliRunner.run("evaluate", "--predictions", pred.toString(), "--labels", labels.toString(),
                "--allow-missing");
        assertThat(r.exit()).as(r.err()).isZero();
        double basalt = (-Math.log(0.8) - Math.log(0.8)) / 2;
        double other = -Math.log(0.9);
        double sulfide = -Math.log(0.9);
        double expected = (basalt + 8 * other + sulfide) / 10;
        assertThat(r.out()).contains("2 samples scored; 1 labelled samples have no prediction")
                .contains(String.format(java.util.Locale.ROOT, "aggregated log loss  %.4f", expected))
                .contains("calibration (all labels pooled");
    }

    @Test
    void idsThatNeedQuotingAndTinyProbabilitiesRoundTrip() throws IOException {
        List<String> ids = List.of("S,1", "say \"hi\"", "Müller-Ørsted_Ω", "line\nbreak");
        double[][] p = new double[4][10];
        for (int i = 0; i < 4; i++) {
            for (int l = 0; l < 10; l++) {
                p[i][l] = Math.pow(10, -3 - i - l) * (1 + 1e-12 * l); // down to 1e-15, digits past the 12th
            }
        }
        p[0][0] = 1 - 1e-9;
        Path f = TestData.write(dir, "q.csv", egaml.cv.PredictionTable.csv(ids, p));
        egaml.cv.PredictionTable t = egaml.cv.PredictionTable.read(f);
        assertThat(t.ids()).containsExactlyElementsOf(ids);
        assertThat(t.probabilities()).isDeepEqualTo(p);
        StringBuilder labels = new StringBuilder(HEADER);
        try (var printer = new org.apache.commons.csv.CSVPrinter(labels, egaml.core.CsvFiles.WRITE)) {
            for (String id : ids) {
                printer.printRecord(id, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            }
        }
        Path l = TestData.write(dir, "ql.csv", labels.toString());
        CliRunner r = CliRunner.run("evaluate", "--predictions", f.toString(), "--labels", l.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 samples scored");
    }

    @Test
    void predictionsCsvRoundTrips() throws IOException {
        double[][] p = {{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}};
        Path f = TestData.write(dir, "rt.csv", egaml.cv.PredictionTable.csv(java.util.List.of("S1"), p));
        egaml.cv.PredictionTable t = egaml.cv.PredictionTable.read(f);
        assertThat(t.ids()).containsExactly("S1");
        assertThat(t.probabilities()[0]).containsExactly(p[0]);
    }

    @Test
    void mismatchedIdsAndColumnsAreNamed() throws IOException {
        Path labels = TestData.write(dir, "labels.csv", HEADER + "A,1,0,0,0,0,0,0,0,0,0\n");
        Path pred = TestData.write(dir, "p.csv", HEADER + "Z,0.8,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1\n");
        CliRunner r = CliRunner.run("evaluate", "--predictions", pred.toString(), "--labels", labels.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("1 predicted sample(s) have no labels here, e.g. [Z]");
        Path badColumn = TestData.write(dir, "q.csv", HEADER.replace("sulfide", "sulphide") + "A,1,0,0,0,0,0,0,0,0,0\n");
        r = CliRunner.run("evaluate", "--predictions", badColumn.toString(), "--labels", labels.toString());
        assertThat(r.err()).contains(badColumn + ":1: unknown column 'sulphide'");
        Path badValue = TestData.write(dir, "v.csv", HEADER + "A,1.5,0,0,0,0,0,0,0,0,0\n");
        r = CliRunner.run("evaluate", "--predictions", badValue.toString(), "--labels", labels.toString());
        assertThat(r.err()).contains(badValue + ":2: 'basalt' must be a probability in [0, 1], found 1.5");
    }
}
