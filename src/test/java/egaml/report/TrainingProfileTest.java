package egaml.report;

import egaml.core.InstrumentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Out-of-range warnings in the model's own terms, on a hand-made profile of 200 training runs. */
class TrainingProfileTest {
    /** 200 commercial runs: 30-1000 C (five to 950), m/z 1-70 in all runs, 71-80 in half, 99 in none; no helium. */
    static TrainingProfile profile() {
        Map<InstrumentType, Integer> types = new EnumMap<>(InstrumentType.class);
        types.put(InstrumentType.COMMERCIAL, 196);
        types.put(InstrumentType.SAM_TESTBED, 4);
        int[] channels = new int[RunFacts.IONS];
        for (int m = 1; m <= 80; m++) {
            channels[m] = m <= 70 ? 200 : 100;
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("tempMin", IntStream.range(0, 200).mapToDouble(i -> 25 + i % 10).sorted().toArray());
        values.put("tempMax", IntStream.range(0, 200).mapToDouble(i -> i < 5 ? 950 : 1000).sorted().toArray());
        values.put("signal", IntStream.range(0, 200).mapToDouble(i -> -9 + i / 100.0).sorted().toArray());
        values.put("dynamicRange", IntStream.range(0, 200).mapToDouble(i -> 2 + i / 100.0).sorted().toArray());
        values.put("pointsPerIon", IntStream.range(0, 200).mapToDouble(i -> 400 + i).sorted().toArray());
        return new TrainingProfile(200, types, channels, 0, values);
    }

    static RunFacts typical() {
        boolean[] ch = new boolean[RunFacts.IONS];
        for (int m = 1; m <= 75; m++) {
            ch[m] = true;
        }
        return new RunFacts(InstrumentType.COMMERCIAL, 28, 1000, ch, -8, 3, 500, false);
    }

    @Test
    void aRunLikeTheTrainingRunsHasNoWarnings() {
        assertThat(profile().warnings(typical())).isEmpty();
    }

    @Test
    void eachWayOfBeingOutsideIsNamedInTheModelsTerms() {
        RunFacts t = typical();
        boolean[] ch = t.channels().clone();
        ch[18] = false;
        ch[44] = false;
        ch[99] = true;
        RunFacts odd = new RunFacts(InstrumentType.SAM_TESTBED, 120, 620, ch, -4, 0.5, 40, true);
        List<String> w = profile().warnings(odd);
        assertThat(w).anySatisfy(s -> assertThat(s).isEqualTo(
                "sam_testbed run: 4 of the 200 training runs (2.0 %) were of this instrument type"));
        assertThat(w).anySatisfy(s -> assertThat(s).isEqualTo(
                "temperature stops at 620 °C; 100 % of training runs reach 950 °C"));
        assertThat(w).anySatisfy(s -> assertThat(s).startsWith("temperature starts at 120 °C; 100 % of training runs"));
        assertThat(w).anySatisfy(s -> assertThat(s).isEqualTo("m/z 18, 44 missing; at least 99 % of training runs have them"));
        assertThat(w).anySatisfy(s -> assertThat(s).startsWith("m/z 99 present; fewer than 1 % of training runs have it"));
        assertThat(w).anySatisfy(s -> assertThat(s).startsWith("largest abundance 10^-4.0; training runs range 10^-9.0"));
        assertThat(w).anySatisfy(s -> assertThat(s).startsWith("dynamic range (largest over typical abundance) 10^0.5"));
        assertThat(w).anySatisfy(s -> assertThat(s).startsWith("40 points per ion; training runs have 401 to 598"));
        assertThat(w).anySatisfy(s -> assertThat(s).isEqualTo("helium (m/z 4) was measured; 100 % of training runs had none"));
        assertThat(w).hasSize(9);
    }

    @Test
    void theProfileRoundTripsThroughTheModelFolder(@TempDir Path dir) throws IOException {
        TrainingProfile p = profile();
        Files.writeString(dir.resolve(TrainingProfile.FILE), p.toJson());
        TrainingProfile back = TrainingProfile.read(dir).orElseThrow();
        RunFacts t = typical();
        RunFacts late = new RunFacts(t.type(), t.tempMin(), 700, t.channels(), t.signal(), t.dynamicRange(),
                t.pointsPerIon(), t.helium());
        assertThat(back.warnings(late)).isEqualTo(p.warnings(late)).hasSize(1);
        assertThat(TrainingProfile.read(dir.resolve("none"))).isEmpty();
    }
}
