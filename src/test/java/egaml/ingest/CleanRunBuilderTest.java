package egaml.ingest;

import egaml.core.InstrumentType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CleanRunBuilderTest {
    /** Three channels with 10 scans, helium, m/z 100, fractional m/z and one sparse channel. */
    private static CleanRun build(IngestConfig config) {
        CleanRunBuilder b = new CleanRunBuilder(config);
        long line = 2;
        for (int scan = 0; scan < 10; scan++) {
            double time = scan * 5.2;
            double temp = 30 + scan * 3.0;
            b.row(line++, time, temp, 1.0, 1e-10 * scan);
            b.row(line++, time, temp, 2.0, -1e-13);
            b.row(line++, time, temp, 4.0, 1e-7);        // helium
            b.row(line++, time, temp, 36.0, 2e-11);
            b.row(line++, time, temp, 100.0, 5e-12);     // at the channel limit
            b.row(line++, time, temp, 35.8, 3e-12);      // fractional: rounds to 36 within 0.3
            b.row(line++, time, temp, 12.5, 3e-12);      // fractional: never rounds
        }
        b.row(line, 60, 60, 7.0, 1e-12);                // a channel read once: sparse
        return b.build("X", new RunParser.Result(1234, null));
    }

    @Test
    void dropModeFollowsTheReference() {
        CleanRun run = build(IngestConfig.defaults());
        RunSummary s = run.summary();
        assertThat(s.rows()).isEqualTo(71);
        assertThat(s.excludedHelium()).isEqualTo(10);
        assertThat(s.excludedAboveLimit()).isEqualTo(10);
        assertThat(s.excludedFractional()).isEqualTo(20);
        assertThat(s.fractionalRows()).isEqualTo(20);
        // counts of channels 1, 2, 36 = 10, channel 7 = 1; q98 of [1,10,10,10] = 10, so keep count > 1
        assertThat(s.sparseChannels()).containsExactly(7);
        assertThat(s.excludedSparse()).isEqualTo(1);
        assertThat(s.keptRows()).isEqualTo(30);
        assertThat(run.channel(4)).isNull();
        assertThat(run.channel(7)).isNull();
        assertThat(run.channel(36).size()).isEqualTo(10);
        assertThat(run.channel(1).abundance()[3]).isEqualTo(3e-10);
        assertThat(run.channel(1).temp()[3]).isEqualTo(39f);
        assertThat(s.negativeRows()).isEqualTo(10);
        assertThat(s.distinctMz()).isEqualTo(8);
        assertThat(s.bytes()).isEqualTo(1234);
        assertThat(s.detectedType()).isEqualTo(InstrumentType.COMMERCIAL);
        // full scans share one copy of time and temperature
        assertThat(run.channel(2).temp()).isSameAs(run.channel(1).temp());
    }

    @Test
    void roundModeAssignsReadingsWithinToleranceToTheInteger() {
        CleanRun run = build(IngestConfig.defaults().withFractionalMz(IngestConfig.FractionalMz.ROUND));
        assertThat(run.summary().excludedFractional()).isEqualTo(10); // 12.5 only
        assertThat(run.channel(36).size()).isEqualTo(20);
        // file order is kept: the 35.8 reading follows the 36.0 reading of the same scan
        assertThat(run.channel(36).abundance()[0]).isEqualTo(2e-11);
        assertThat(run.channel(36).abundance()[1]).isEqualTo(3e-12);
    }

    @Test
    void heliumCanBeKept() {
        CleanRun run = build(IngestConfig.defaults().withKeepHelium(true));
        assertThat(run.channel(4).size()).isEqualTo(10);
        assertThat(run.summary().excludedHelium()).isZero();
    }

    @Test
    void samLayoutIsDetectedFromOneMzPerRowAndCounts() {
        CleanRunBuilder b = new CleanRunBuilder(IngestConfig.defaults());
        for (int i = 0; i < 1000; i++) {
            b.row(i + 2, i * 0.02, i * 0.01, 10 + i % 50, 1000 + i);
        }
        assertThat(b.build("S", new RunParser.Result(0, null)).summary().detectedType())
                .isEqualTo(InstrumentType.SAM_TESTBED);
    }
}
