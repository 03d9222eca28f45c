package egaml.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchUnitsCommandTest {
    private static BenchUnitsCommand.Timing timing(String group, int units, double seconds, double prepare) {
        Map<String, String> groups = new LinkedHashMap<>();
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < units; i++) {
            keys.add(group + "/" + i);
            groups.put(group + "/" + i, group);
        }
        return new BenchUnitsCommand.Timing(keys, groups, seconds, prepare);
    }

    @Test
    void theScheduleStartsTheFewerLongerUnitsFirstAndPreparesAGroupOncePerExecutor() {
        Map<String, BenchUnitsCommand.Timing> t = new LinkedHashMap<>();
        t.put("gbt", timing("gbt/r0", 4, 1, 2));
        t.put("nn", timing("nn/c0", 2, 10, 5));
        // one executor: prepare nn (5) + 2 x 10, prepare gbt (2) + 4 x 1
        assertThat(BenchUnitsCommand.schedule(t, 1)).isCloseTo(31, within(1e-9));
        // two: each prepares nn and runs one (15), then each prepares gbt (17) and runs two (19)
        assertThat(BenchUnitsCommand.schedule(t, 2)).isCloseTo(19, within(1e-9));
        // more executors than units: the longest chain is one nn unit, or gbt's preparation plus one unit
        assertThat(BenchUnitsCommand.schedule(t, 8)).isCloseTo(15, within(1e-9));
    }

    @Test
    void itTimesTheUnitsOfAPresetAndPrintsAnEstimatePerExecutorCount(@TempDir Path dir) {
        Path sim = dir.resolve("sim");
        assertThat(CliRunner.run("simulate", "--out", sim.toString(), "--samples", "30", "--seed", "4", "--format",
                "commercial", "--quiet").exit()).isZero();
        CliRunner r = CliRunner.run("bench", "units", "--data", sim.toString(), "--preset", "smoke", "--sample", "1",
                "--executors", "1,4", "--no-cache");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("gbt          20 units in 1 groups").contains("nn            2 units in 1 groups")
                .contains("  1 executors:").contains("  4 executors:");
        CliRunner bad = CliRunner.run("bench", "units", "--data", sim.toString(), "--executors", "0");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--executors must be at least 1");
    }
}
