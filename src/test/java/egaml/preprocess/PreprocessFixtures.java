package egaml.preprocess;

import egaml.ingest.CleanRun;
import egaml.ingest.CleanRunBuilder;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunParser;

/** Builds tiny cleaned runs from (m/z, temperature, abundance) triples. */
final class PreprocessFixtures {
    private PreprocessFixtures() {
    }

    /** Each row: {mz, temp, abundance}; time = row index. */
    static CleanRun run(double[]... rows) {
        CleanRunBuilder b = new CleanRunBuilder(new IngestConfig(IngestConfig.FractionalMz.DROP, 0.3, false, 100, 0.0, 0.98));
        long line = 2;
        for (double[] r : rows) {
            b.row(line, line, r[1], r[0], r[2]);
            line++;
        }
        return b.build("T", new RunParser.Result(0, null));
    }
}
