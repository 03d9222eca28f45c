package egaml.explain;

import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;
import egaml.member.EvidenceMap;
import egaml.sim.ReleaseTruth;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The pieces of an explanation on hand-made inputs: segments and sentences, ground-truth matching, deletion. */
class ExplanationPartsTest {
    private static final int SULFATE = Label.SULFATE.ordinal();

    @Test
    void neighbouringCellsPushingTheSameWayAreOneSegmentStrongestFirst() {
        EvidenceMap map = new EvidenceMap();
        map.add(64, 625, 775, 2.1);     // SO2: six cells of 25 C
        map.add(18, 100, 200, -0.3);    // water, against
        map.add(32, 600, 625, 0.6);
        map.addCell(44, 10, 0.001);     // below 2 % of the strongest cell: no segment of its own
        map.addRunLevel(0.4);           // not on an ion
        List<EvidenceText.Segment> s = EvidenceText.segments(map);
        assertThat(s).hasSize(3);
        assertThat(s.get(0).mz()).isEqualTo(64);    // ranked by the segment's sum, not by its strongest cell
        assertThat(s.get(0).from()).isEqualTo(625);
        assertThat(s.get(0).to()).isEqualTo(775);
        assertThat(s.get(0).amount()).isCloseTo(2.1, within(1e-9));
        assertThat(s.get(1).mz()).isEqualTo(32);
        assertThat(s.get(1).amount()).isCloseTo(0.6, within(1e-12));
        assertThat(s.get(2).amount()).isCloseTo(-0.3, within(1e-9));
        assertThat(s.get(0).describe()).isEqualTo("SO2 (m/z 64) 625-775 °C (+2.10)");
    }

    @Test
    void aSegmentEndsWhereTheSignFlips() {
        EvidenceMap map = new EvidenceMap();
        map.add(18, 200, 300, 1.0);
        map.add(18, 300, 350, -0.5);
        List<EvidenceText.Segment> s = EvidenceText.segments(map);
        assertThat(s).extracting(EvidenceText.Segment::from).containsExactly(200.0, 300.0);
        assertThat(s).extracting(EvidenceText.Segment::to).containsExactly(300.0, 350.0);
    }

    @Test
    void theSentenceNamesProbabilityRangeEvidenceForAndAgainst() {
        Explanation e = explanationWith(64, 625, 775, 2.1, 18, 400, 450, -0.3, 0.93);
        String text = EvidenceText.sentence(e, Label.SULFATE, 3, 2);
        assertThat(text).startsWith("sulfate 0.93 (families 0.85-0.97): SO2 (m/z 64) 625-775 °C (+2.10)")
                .contains("against: H2O (m/z 18) 400-450 °C (-0.30)");
    }

    @Test
    void groundTruthMatchNeedsTheFamilysGasAndAnOverlappingTemperature() {
        List<ReleaseTruth> truth = ReleaseTruth.parseList("sulfate:SO2(64)@700/80; all:H2O(18)@120/60");
        Explanation onSo2 = explanationWith(64, 625, 775, 2.1, 18, 100, 150, -0.3, 0.9);
        Explanation onFragment = explanationWith(48, 650, 700, 2.1, 18, 100, 150, -0.3, 0.9);   // SO+ is a fragment of SO2
        Explanation tooHot = explanationWith(64, 900, 1000, 2.1, 18, 100, 150, -0.3, 0.9);
        Explanation onWater = explanationWith(18, 100, 150, 2.1, 64, 625, 775, -0.3, 0.9);   // water is not the family's
        assertThat(Faithfulness.pointsAtTruth(onSo2, Label.SULFATE, truth)).isTrue();
        assertThat(Faithfulness.pointsAtTruth(onFragment, Label.SULFATE, truth)).isTrue();
        assertThat(Faithfulness.pointsAtTruth(tooHot, Label.SULFATE, truth)).isFalse();
        assertThat(Faithfulness.pointsAtTruth(onWater, Label.SULFATE, truth)).isFalse();
    }

    @Test
    void releasesRoundTripThroughTheirCodeAndABadOneIsNamed() {
        List<ReleaseTruth> r = List.of(new ReleaseTruth("carbonate", "CO2", 44, 612.4, 95.0),
                new ReleaseTruth("all", "H2O", 18, 130, 60));
        String text = String.join("; ", r.stream().map(ReleaseTruth::code).toList());
        assertThat(text).isEqualTo("carbonate:CO2(44)@612/95; all:H2O(18)@130/60");
        assertThat(ReleaseTruth.parseList(text)).extracting(ReleaseTruth::gas).containsExactly("CO2", "H2O");
        assertThat(ReleaseTruth.parseList("")).isEmpty();
        assertThatThrownBy(() -> ReleaseTruth.parseList("carbonate:CO2@612"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'carbonate:CO2@612'");
    }

    @Test
    void deletingCellsSetsOnlyTheirReadingsToTheChannelsBaseline() {
        int n = 200;
        float[] time = new float[n];
        float[] temp = new float[n];
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = i;
            temp[i] = 5 * i;                                          // 0-995 C
            a[i] = i < 10 ? 1 : 1 + 100 * Math.exp(-Math.pow((temp[i] - 500) / 50.0, 2));
        }
        ChannelSeries[] channels = new ChannelSeries[100];
        channels[44] = new ChannelSeries(44, time, temp, a);
        CleanRun run = new CleanRun("S", null, channels);
        assertThat(Faithfulness.cellsWithData(run)).hasSize(40);        // 1000 C / 25 C
        CleanRun deleted = Faithfulness.delete(run, List.<int[]>of(new int[] {44, EvidenceMap.cellOf(500)}));
        double[] b = deleted.channel(44).abundance();
        for (int i = 0; i < n; i++) {
            boolean inCell = temp[i] >= 500 && temp[i] < 525;
            if (inCell) {
                assertThat(b[i]).isCloseTo(1.0, within(1e-9));
            } else {
                assertThat(b[i]).isEqualTo(a[i]);
            }
        }
        assertThat(run.channel(44).abundance()[100]).isGreaterThan(100);    // the original run is untouched
    }

    /** An explanation of sulfate with one segment for and one against. */
    private static Explanation explanationWith(int mzFor, double fromFor, double toFor, double amountFor, int mzAgainst,
                                               double fromAgainst, double toAgainst, double amountAgainst, double p) {
        EvidenceMap[] maps = new EvidenceMap[Label.COUNT];
        for (int l = 0; l < Label.COUNT; l++) {
            maps[l] = new EvidenceMap();
        }
        maps[SULFATE].add(mzFor, fromFor, toFor, amountFor);
        maps[SULFATE].add(mzAgainst, fromAgainst, toAgainst, amountAgainst);
        double[] prob = new double[Label.COUNT];
        double[] low = new double[Label.COUNT];
        double[] high = new double[Label.COUNT];
        prob[SULFATE] = p;
        low[SULFATE] = 0.85;
        high[SULFATE] = 0.97;
        double[] logit = new double[Label.COUNT];
        double[] reference = new double[Label.COUNT];
        logit[SULFATE] = Math.log(p / (1 - p));
        reference[SULFATE] = logit[SULFATE] - amountFor - amountAgainst;
        return new Explanation("S", InstrumentType.COMMERCIAL, prob, logit, reference, maps, Map.of(), List.of(),
                new Uncertainty(low, high, new double[Label.COUNT], new boolean[Label.COUNT]));
    }
}
