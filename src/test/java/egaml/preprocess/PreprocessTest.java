package egaml.preprocess;

import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PreprocessTest {
    private static final BaselineLevel ZERO = BaselineLevel.fixedAt(0);

    @Test
    void baselineOffsetThenGlobalScaling() {
        CleanRun run = PreprocessFixtures.run(
                new double[] {1, 10, 1}, new double[] {1, 20, 2}, new double[] {1, 30, 3}, new double[] {1, 40, 5},
                new double[] {2, 10, 0}, new double[] {2, 20, 10}, new double[] {2, 30, 20});
        ScaledRun s = ScaledRun.of(run, ZERO, new SplittableRandom(1));
        // m/z 1 minus its minimum 1 -> 0,1,2,4; m/z 2 minus 0 -> 0,10,20; smax = 20
        assertThat(s.values()[1]).containsExactly(0, 0.05, 0.1, 0.2);
        assertThat(s.values()[2]).containsExactly(0, 0.5, 1);
        assertThat(s.scale()).isEqualTo(20);
        assertThat(s.flat()).isFalse();
        // level 0.5 on 1,2,3,5: position 1.5 -> 2.5; values -1.5,-0.5,0.5,2.5 kept negative (not clipped)
        ScaledRun half = ScaledRun.of(run, BaselineLevel.fixedAt(0.5), new SplittableRandom(1));
        assertThat(half.values()[1][0] * half.scale()).isCloseTo(-1.5, within(1e-12));
    }

    @Test
    void flatRunSkipsTheDivisionAndIsFlagged() {
        CleanRun run = PreprocessFixtures.run(new double[] {1, 10, 3}, new double[] {1, 20, 3});
        ScaledRun s = ScaledRun.of(run, ZERO, new SplittableRandom(1));
        assertThat(s.flat()).isTrue();
        assertThat(s.values()[1]).containsExactly(0, 0);
    }

    @Test
    void randomLevelStaysAroundTheFirstPercentile() {
        SplittableRandom rng = new SplittableRandom(3);
        BaselineLevel level = BaselineLevel.randomReference();
        double min = 1;
        double max = 0;
        for (int i = 0; i < 10_000; i++) {
            double q = level.draw(rng);
            min = Math.min(min, q);
            max = Math.max(max, q);
        }
        assertThat(min).isBetween(0.01 * Math.exp(-0.5), 0.0062);
        assertThat(max).isBetween(0.0164, 0.01 * Math.exp(0.5));
        assertThat(BaselineLevel.parse("random").isRandom()).isTrue();
        assertThat(BaselineLevel.parse("0.02").fixed()).isEqualTo(0.02);
    }

    @Test
    void interpolatesOntoTheGridAndBins() {
        // grid 0..5 (3 bins of 2); one channel at 0,2,4,6 with values 0,2,4,6 (after scaling: /6)
        CleanRun run = PreprocessFixtures.run(new double[] {5, 0, 0}, new double[] {5, 2, 2}, new double[] {5, 4, 4},
                new double[] {5, 6, 6});
        TemperatureGrid grid = new TemperatureGrid(0, 2, 3);
        Spectrogram sp = new SpectrogramBuilder(grid, ZERO).build(ScaledRun.of(run, ZERO, new SplittableRandom(1)),
                new SplittableRandom(2));
        // grid values 0..5 / 6 -> bins (0+1)/2, (2+3)/2, (4+5)/2, all / 6
        assertThat(sp.values()[0][5]).isCloseTo(0.5 / 6, within(1e-12));
        assertThat(sp.values()[1][5]).isCloseTo(2.5 / 6, within(1e-12));
        assertThat(sp.values()[2][5]).isCloseTo(4.5 / 6, within(1e-12));
        assertThat(sp.values()[0][4]).isZero(); // absent channel (helium): zero column
        assertThat(sp.bins()).isEqualTo(3);
        assertThat(sp.channels()).isEqualTo(100);
    }

    @Test
    void tiesAreMergedByTheirMeanAndOutsideTheMeasuredRangeIsZero() {
        TemperatureGrid grid = new TemperatureGrid(0, 2, 3);
        SpectrogramBuilder b = new SpectrogramBuilder(grid, ZERO);
        double[] g = new double[6];
        // temps 3,1,1 (unsorted, with a tie at 1): points (1, mean(4,2)=3), (3, 6)
        boolean ok = b.interpolate(new float[] {3, 1, 1}, new double[] {6, 4, 2}, 0.0, g);
        // second baseline: minimum of the points in [0, 5) = 2, so the points become (1, 1), (3, 4)
        assertThat(ok).isTrue();
        assertThat(g).containsExactly(0, 1, 2.5, 4, 0, 0);
    }

    @Test
    void secondBaselineUsesOnlyPointsInsideTheWindow() {
        TemperatureGrid grid = new TemperatureGrid(10, 1, 5); // window [10, 14)
        SpectrogramBuilder b = new SpectrogramBuilder(grid, ZERO);
        double[] g = new double[5];
        b.interpolate(new float[] {0, 10, 12, 20}, new double[] {-100, 5, 7, 9}, 0.0, g);
        // minimum inside the window is 5 (the -100 at 0 C is outside); grid 10..14: 0, 1, 2, 2.25, 2.5
        assertThat(g).containsExactly(0, 1, 2, 2.25, 2.5);
        // no point inside the window: nothing subtracted
        b.interpolate(new float[] {0, 30}, new double[] {1, 1}, 0.0, g);
        assertThat(g).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void fewerThanTwoDistinctTemperaturesGiveAZeroColumn() {
        SpectrogramBuilder b = new SpectrogramBuilder(new TemperatureGrid(0, 2, 3), ZERO);
        assertThat(b.interpolate(new float[] {5, 5}, new double[] {1, 2}, 0.0, new double[6])).isFalse();
    }

    @Test
    void referenceGridAndTwelveDegreeGrid() {
        TemperatureGrid ref = TemperatureGrid.reference(100);
        assertThat(ref.span()).isEqualTo(1000);
        assertThat(ref.binStart(39)).isEqualTo(100 + 975);
        TemperatureGrid fine = new TemperatureGrid(30, 12, 80);
        assertThat(fine.binStart(79)).isEqualTo(978);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            assertThat(TemperatureGrid.drawOffset(rng)).isBetween(80, 119);
        }
    }

    @Test
    void recipeIsReproducibleAndKeyedBySample() {
        double[][] rows = new double[200][];
        for (int i = 0; i < 200; i++) {
            rows[i] = new double[] {i % 10 + 10, 30 + i * 5, Math.sin(i) + 2};
        }
        CleanRun run = PreprocessFixtures.run(rows);
        SpectrogramRecipe recipe = new SpectrogramRecipe(new TemperatureGrid(100, 12, 80), BaselineLevel.randomReference());
        Spectrogram a = recipe.render(run, new SeedSequence(1));
        Spectrogram b = recipe.render(run, new SeedSequence(1));
        Spectrogram c = recipe.render(run, new SeedSequence(2));
        assertThat(a.values()).isDeepEqualTo(b.values());
        assertThat(a.values()).isNotEqualTo(c.values());
        assertThat(a.toFloatArray()).hasSize(80 * 100);
    }

    @Test
    void scalings() {
        double[][] x = {{1, 3}, {0, 0}, {2, 2}};
        assertThat(Scaling.max().apply(x).values()).isDeepEqualTo(x);
        Scaling.Result share = Scaling.share().apply(x);
        assertThat(share.values()[0][0]).isCloseTo(0.25, within(1e-12));
        assertThat(share.values()[0][1]).isCloseTo(0.75, within(1e-12));
        assertThat(share.values()[1]).containsExactly(0, 0); // 0 / 1e-12
        Scaling.Result ion = Scaling.ion(0.5).apply(x);
        assertThat(ion.values()[0][0]).isCloseTo(1 / Math.sqrt(3), within(1e-9));
        assertThat(ion.values()[2][1]).isCloseTo(2 / Math.sqrt(5), within(1e-9));
        assertThat(ion.nonFiniteReplaced()).isZero();
    }

    @Test
    void scalingHazardsAreReplacedByZeroAndCounted() {
        double[][] x = {{1, -3}, {1, 1}}; // column 1 sums to -2: (-2)^0.5 is NaN
        Scaling.Result ion = Scaling.ion(0.5).apply(x);
        assertThat(ion.values()[0][1]).isZero();
        assertThat(ion.values()[1][1]).isZero();
        assertThat(ion.nonFiniteReplaced()).isEqualTo(2);
        Scaling.Result share = Scaling.share().apply(new double[][] {{1e300, 1e300}});
        assertThat(share.values()[0]).containsExactly(0.5, 0.5);
        Scaling.Result overflow = Scaling.max().apply(new double[][] {{Double.NaN, 1}});
        assertThat(overflow.values()[0]).containsExactly(0, 1);
        assertThat(overflow.nonFiniteReplaced()).isEqualTo(1);
        assertThat(Scaling.parse("ion^0.8")).isEqualTo(Scaling.ion(0.8));
        assertThat(Scaling.parse("share").toString()).isEqualTo("share");
        assertThat(Scaling.ion(0.5).toString()).isEqualTo("ion^0.5");
    }
}
