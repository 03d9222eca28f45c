package egaml.features;

import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import egaml.ingest.CleanRunBuilder;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunParser;
import egaml.preprocess.BaselineLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureExtractorTest {
    /** m/z 10: a triangle 0,1,2,3,2,1,0 over 100..160 C; m/z 20: constant 1; m/z 30: a single point. */
    private static CleanRun run() {
        CleanRunBuilder b = new CleanRunBuilder(new IngestConfig(IngestConfig.FractionalMz.DROP, 0.3, false, 100, 0, 0.98));
        double[] tri = {0, 1, 2, 3, 2, 1, 0};
        long line = 2;
        for (int i = 0; i < tri.length; i++) {
            double t = 100 + 10 * i;
            b.row(line++, i * 10, t, 10, tri[i]);
            b.row(line++, i * 10, t, 20, 1);
        }
        b.row(line, 30, 130, 30, 5);
        return b.build("F", new RunParser.Result(0, null));
    }

    /** No trim and a zero baseline level, so every value can be computed by hand. */
    private static final FeatureRealisation NO_TRIM = new FeatureRealisation(0, 0, 0);

    @Test
    void namesAndLayout() {
        assertThat(FeatureExtractor.COUNT).isEqualTo(3704);
        assertThat(FeatureExtractor.names()).hasSize(3704).doesNotHaveDuplicates();
        assertThat(FeatureExtractor.names().get(FeatureExtractor.ionColumn("ion_peak_temp", 44))).isEqualTo("ion_peak_temp_mz44");
        assertThat(FeatureExtractor.names().get(FeatureExtractor.prevalenceColumn(7, 32))).isEqualTo("prevalence_w07_mz32");
        assertThat(FeatureExtractor.names().get(3703)).isEqualTo("rows_per_ion");
        assertThat(FeatureExtractor.isTemperature(FeatureExtractor.ionColumn("pk2_temp", 3))).isTrue();
        assertThat(FeatureExtractor.isTemperature(FeatureExtractor.ionColumn("pk2_prom", 3))).isFalse();
    }

    @Test
    void perIonStatisticsByHand() {
        float[] f = new FeatureExtractor(BaselineLevel.fixedAt(0)).extract(run(), NO_TRIM, new SeedSequence(1));
        // the trim keeps temp < max - R U2 strictly, so even with R = 0 the 160 C point goes: m/z 10 = 0,1,2,3,2,1
        // baselines: min of each channel (0, 1, 5) -> m/z 10 keeps 0..3, m/z 20 and 30 become 0; smax = 3
        int m = 10;
        assertThat(f[FeatureExtractor.ionColumn("ion_mean", m)]).isEqualTo(0.5f);
        assertThat(f[FeatureExtractor.ionColumn("ion_share", m)]).isEqualTo(1f);
        assertThat(f[FeatureExtractor.ionColumn("ion_max", m)]).isEqualTo(1f);
        // SM = mean of m/z 10 (0.5) + 0 + 0: max/SM = 2
        assertThat(f[FeatureExtractor.ionColumn("ion_max_rel", m)]).isEqualTo(2f);
        assertThat(f[FeatureExtractor.ionColumn("ion_peak_ratio", m)]).isEqualTo(2f);
        assertThat(f[FeatureExtractor.ionColumn("ion_peak_temp", m)]).isEqualTo(130f);
        // points above half the maximum (1.5): 2, 3, 2 at 120, 130, 140 C
        assertThat(f[FeatureExtractor.ionColumn("ion_halfwidth", m)]).isEqualTo(20f);
        // first differences (1,1,1,-1,-1)/3, mean 1/15: squares 3 x (4/15)^2 + 2 x (6/15)^2 = 120/225, / 4
        double sd = Math.sqrt(30.0) / 15;
        assertThat(f[FeatureExtractor.ionColumn("ion_jitter", m)]).isCloseTo((float) sd, within(1e-6f));
        // the flat channel: all zero, its peak at the first point -> -500; no peaks
        assertThat(f[FeatureExtractor.ionColumn("ion_peak_temp", 20)]).isEqualTo(-500f);
        assertThat(f[FeatureExtractor.ionColumn("ion_peak_ratio", 20)]).isZero();
        assertThat(f[FeatureExtractor.ionColumn("pk0_temp", 20)]).isEqualTo(-500f);
        // one-point channel: no jitter (missing -> 0), peak temperature at its only point -> -500
        assertThat(f[FeatureExtractor.ionColumn("ion_jitter", 30)]).isZero();
        assertThat(f[FeatureExtractor.ionColumn("ion_peak_temp", 30)]).isEqualTo(-500f);
        // absent channel
        assertThat(f[FeatureExtractor.ionColumn("ion_mean", 44)]).isZero();
        assertThat(f[FeatureExtractor.ionColumn("ion_peak_temp", 44)]).isEqualTo(-500f);
        assertThat(f[FeatureExtractor.ionColumn("pk1_height", 44)]).isZero();
    }

    @Test
    void peakFeaturesUseTheTopPeaks() {
        float[] f = new FeatureExtractor(BaselineLevel.fixedAt(0)).extract(run(), NO_TRIM, new SeedSequence(1));
        assertThat(f[FeatureExtractor.ionColumn("pk0_temp", 10)]).isEqualTo(130f);
        // left minimum 0, right minimum 1/3 (the series ends at 150 C): prominence 2/3
        assertThat(f[FeatureExtractor.ionColumn("pk0_prom", 10)]).isCloseTo(2f / 3, within(1e-6f));
        assertThat(f[FeatureExtractor.ionColumn("pk0_height", 10)]).isEqualTo(1f);
        assertThat(f[FeatureExtractor.ionColumn("pk1_temp", 10)]).isEqualTo(-500f);
    }

    @Test
    void prevalenceAndGlobals() {
        float[] f = new FeatureExtractor(BaselineLevel.fixedAt(0)).extract(run(), NO_TRIM, new SeedSequence(1));
        // window 2 = 100..150 C (closed): m/z 10 mean (0+1+2+3+2+1)/6 = 1.5, m/z 20 mean 1, m/z 30 mean 5 -> 7.5
        assertThat(f[FeatureExtractor.prevalenceColumn(2, 10)]).isCloseTo(0.2f, within(1e-6f));
        assertThat(f[FeatureExtractor.prevalenceColumn(2, 30)]).isCloseTo((float) (5 / 7.5), within(1e-6f));
        // window 3 = 150..200 C holds the 150 and 160 C rows (150 belongs to windows 2 and 3)
        assertThat(f[FeatureExtractor.prevalenceColumn(3, 10)]).isCloseTo((float) (0.5 / 1.5), within(1e-6f));
        assertThat(f[FeatureExtractor.prevalenceColumn(0, 10)]).isZero(); // empty window
        int g = FeatureExtractor.GLOBAL_BLOCK;
        assertThat(f[g]).isEqualTo(1f); // 60 C over 60 s
        assertThat(f[g + 1]).isCloseTo((float) ((9 + 7 + 5) / 15.0), within(1e-6f));
        assertThat(f[g + 2]).isEqualTo(5f);
        assertThat(f[g + 3]).isEqualTo(7f); // median of 7, 7, 1 rows
    }

    @Test
    void realisationsAreSeededAndTrimRemovesTheEnds() {
        CleanRun run = run();
        FeatureExtractor fx = new FeatureExtractor();
        SeedSequence seeds = new SeedSequence(5);
        FeatureRealisation r = FeatureRealisation.of(2, seeds);
        assertThat(r.trimRange()).isEqualTo(50);
        assertThat(fx.extract(run, r, seeds)).containsExactly(fx.extract(run, r, seeds));
        assertThat(FeatureRealisation.of(2, seeds)).isEqualTo(r);
        assertThat(FeatureRealisation.of(0, new SeedSequence(5)).trimRange()).isEqualTo(10);
        // a 500 C trim from each end of a 60 C run leaves nothing: per-ion features as for absent channels
        float[] f = fx.extract(run, new FeatureRealisation(0, 500, 0), seeds);
        assertThat(f[FeatureExtractor.ionColumn("ion_mean", 10)]).isZero();
        assertThat(f[FeatureExtractor.ionColumn("ion_peak_temp", 10)]).isEqualTo(-500f);
        assertThat(f[FeatureExtractor.prevalenceColumn(2, 10)]).isPositive(); // prevalence is untrimmed
    }

}
