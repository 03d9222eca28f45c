package egaml.report;

import egaml.core.Label;
import egaml.ingest.CleanRun;
import egaml.ingest.CleanRunBuilder;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RealismTest {
    private static final double HE = 1e-7;
    private static final double NOISE = 1e-11;

    /**
     * A commercial-like run, one scan every 5 C from 30 to 1000 C: helium 1e-7; water 1e-9 plus a Gaussian release of
     * 1e-8 at 300 C (sd 30 C: FWHM 70.6 C) and an alternating +-1e-11 noise; m/z 17 a quarter of the water release;
     * m/z 44 a background rising linearly from 1e-10 to 4e-10; no m/z 64.
     */
    static CleanRun handMade(boolean helium) {
        CleanRunBuilder b = new CleanRunBuilder(new IngestConfig(IngestConfig.FractionalMz.DROP, 0.3, true, 100, 0.0, 0.98));
        long line = 2;
        int scan = 0;
        for (double t = 30; t <= 1000; t += 5, scan++) {
            double release = 1e-8 * Math.exp(-0.5 * Math.pow((t - 300) / 30, 2));
            double noise = (scan % 2 == 0 ? 1 : -1) * NOISE;
            if (helium) {
                b.row(line++, scan * 8.3, t, 4, HE);
            }
            b.row(line++, scan * 8.3, t, 18, 1e-9 + release + noise);
            b.row(line++, scan * 8.3, t, 17, 1e-10 + 0.25 * release);
            b.row(line++, scan * 8.3, t, 44, 1e-10 + 3e-10 * (t - 30) / 970);
            b.row(line++, scan * 8.3, t, 28, 1e-9);
        }
        return b.build("hand", new RunParser.Result(0, null));
    }

    @Test
    void measuresReleaseBackgroundDriftNoiseAndRatiosPerHelium() {
        RunMeasures m = RunMeasures.of(handMade(true));
        int water = RunMeasures.ionIndex(18);
        assertThat(m.peakTemp()[water]).isCloseTo(300, within(5.0));
        assertThat(m.fwhm()[water]).isCloseTo(70.6, within(10.0));
        assertThat(m.peakHeight()[water]).isCloseTo(1e-8 / HE, within(0.003));
        assertThat(m.background()[water]).isCloseTo(1e-9 / HE, within(2e-4));
        // alternating +-a: every second difference is 2a, so the robust sd is 1.4826 * 2a / sqrt(1.5)
        assertThat(m.noise()[water]).isCloseTo(1.4826 * 2 * NOISE / Math.sqrt(1.5) / HE, within(2e-5));
        int co2 = RunMeasures.ionIndex(44);
        assertThat(m.drift()[co2]).isBetween(0.4, 0.6);
        assertThat(m.drift()[RunMeasures.ionIndex(28)]).isCloseTo(0.0, within(1e-9));
        assertThat(m.ratios()[RunMeasures.RATIOS.indexOf(new RunMeasures.Ratio("H2O", 18, 17))]).isCloseTo(0.25, within(0.01));
        assertThat(m.ratios()[RunMeasures.RATIOS.indexOf(new RunMeasures.Ratio("H2O", 18, 16))]).isNaN(); // no m/z 16
        // the profile: the release in its bin, nothing far from it, no bin before the run starts, no m/z 64 at all
        int bin300 = (int) (300 / RunMeasures.BIN_C);
        assertThat(m.profile()[water][bin300]).isGreaterThan(0.08);
        assertThat(m.profile()[water][(int) (800 / RunMeasures.BIN_C)]).isCloseTo(0.0, within(1e-3));
        assertThat(m.profile()[water][0]).isNaN();
        assertThat(Arrays.stream(m.profile()[RunMeasures.ionIndex(64)]).allMatch(Double::isNaN)).isTrue();
        assertThat(m.peakTemp()[RunMeasures.ionIndex(64)]).isNaN();
    }

    @Test
    void runsWithoutHeliumAreNotMeasured() {
        assertThat(RunMeasures.of(handMade(false))).isNull();
    }

    /** A measured run whose only signal is a release of the given height on one ion in one bin. */
    private static RunMeasures synthetic(int ion, int bin, double height) {
        int n = RunMeasures.RELEASE_IONS.length;
        double[][] profile = new double[n][RunMeasures.BINS];
        profile[RunMeasures.ionIndex(ion)][bin] = height;
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        double[] ratios = new double[RunMeasures.RATIOS.size()];
        Arrays.fill(ratios, Double.NaN);
        return new RunMeasures("x", profile, nan, nan, nan, nan, nan, nan, ratios);
    }

    private static RealismReport.Side side(int ion, int bin) {
        List<RunMeasures> runs = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean carbonate = i % 2 == 0;
            runs.add(synthetic(ion, bin, carbonate ? 1e-2 * (1 + i) : 0));
            int[] y = new int[Label.COUNT];
            y[Label.CARBONATE.ordinal()] = carbonate ? 1 : 0;
            labels.add(y);
        }
        return new RealismReport.Side(runs, labels);
    }

    @Test
    void signatureDistanceIsZeroForAlikeDataAndNearOneForUnrelatedReleases() {
        RealismReport.Side real = side(44, 35);
        RealismReport.Distance same = RealismReport.distance(Label.CARBONATE, real, side(44, 35));
        assertThat(same.distance()).isCloseTo(0.0, within(1e-9));
        assertThat(same.realRuns()).isEqualTo(3);
        RealismReport.Distance other = RealismReport.distance(Label.CARBONATE, real, side(64, 20));
        assertThat(other.distance()).isGreaterThan(0.9);
        assertThat(other.gapIon()).isIn(44, 64, 18);
        // a label no run has gets no distance
        assertThat(RealismReport.distance(Label.SULFIDE, real, real).distance()).isNaN();
        RealismReport.Report report = RealismReport.compare(real, side(44, 35));
        assertThat(report.distances()).hasSize(Label.COUNT);
        assertThat(report.releases()).anySatisfy(r -> assertThat(r.label()).isEqualTo(Label.CARBONATE));
    }
}
