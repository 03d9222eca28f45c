package egaml.ingest;

import egaml.TestData;
import egaml.core.InstrumentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A commercial and a SAM testbed run of the real training set (read from ../shared). */
class RealRunsTest {
    @Test
    void commercialRun() {
        Path f = TestData.realRun("S0001");
        CleanRun run = new RunLoader(IngestConfig.defaults(), null).load("S0001", f);
        RunSummary s = run.summary();
        assertThat(s.detectedType()).isEqualTo(InstrumentType.COMMERCIAL);
        assertThat(s.fractionalRows()).isZero();
        assertThat(run.channel(4)).isNull();
        assertThat(s.excludedHelium()).isPositive();
        assertThat(s.keptRows() + s.excludedHelium() + s.excludedAboveLimit() + s.excludedFractional()
                + s.excludedSparse()).isEqualTo(s.rows());
        int scans = run.channel(18).size();
        assertThat(s.excludedHelium()).isEqualTo(scans);
    }

    @Test
    void samTestbedRunWithFractionalMz() {
        Path f = TestData.realRun("S0754");
        CleanRun drop = new RunLoader(IngestConfig.defaults(), null).load("S0754", f);
        CleanRun round = new RunLoader(IngestConfig.defaults().withFractionalMz(IngestConfig.FractionalMz.ROUND), null)
                .load("S0754", f);
        assertThat(drop.summary().detectedType()).isEqualTo(InstrumentType.SAM_TESTBED);
        assertThat(drop.summary().rows()).isEqualTo(128_917);
        assertThat(drop.summary().fractionalRows()).isEqualTo(1_401);
        assertThat(drop.summary().excludedFractional()).isEqualTo(1_401);
        assertThat(round.summary().excludedFractional()).isLessThan(1_401);
        assertThat(round.summary().keptRows()).isGreaterThan(drop.summary().keptRows());
    }
}
