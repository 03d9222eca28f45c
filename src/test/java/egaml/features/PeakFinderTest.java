package egaml.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PeakFinderTest {
    @Test
    void localMaximaWithPlateausAndEdges() {
        // plateau of 2 at 2-3 -> left middle 2; plateau of 3 at 6-8 -> 7; edges never; plateau to the end never
        double[] x = {5, 1, 3, 3, 1, 0, 4, 4, 4, 2, 6, 6};
        assertThat(PeakFinder.localMaxima(x)).containsExactly(2, 7);
        // a plateau followed by a rise is not a peak
        assertThat(PeakFinder.localMaxima(new double[] {0, 2, 2, 3, 1})).containsExactly(3);
        assertThat(PeakFinder.localMaxima(new double[] {1, 2})).isEmpty();
    }

    @Test
    void distanceKeepsTheHigherAndOnTiesTheLaterPeak() {
        double[] x = new double[30];
        x[5] = 3;
        x[10] = 5; // within 8 of 5 and of 15
        x[15] = 5; // tie with 10: the later one wins, removing 10; 5 stays (10 samples away)
        x[25] = 1;
        int[] peaks = PeakFinder.localMaxima(x);
        assertThat(peaks).containsExactly(5, 10, 15, 25);
        assertThat(PeakFinder.byDistance(x, peaks)).containsExactly(5, 15, 25);
    }

    @Test
    void prominenceWalksPastEqualHeightsAndUsesTheHigherBase() {
        double[] x = {0, 4, 2, 4, 1, 6, 0};
        double[] p = PeakFinder.prominence(x, 3);
        // left: 2, 4 (equal, no stop), 4 > ... walk continues to index 0 -> left min 0; right: 1 then 6 stops -> 1
        assertThat(p[0]).isEqualTo(3); // 4 - max(0, 1)
        assertThat((int) p[1]).isEqualTo(0);
        assertThat((int) p[2]).isEqualTo(4);
    }

    @Test
    void widthInterpolatesTheCrossings() {
        double[] x = {0, 2, 4, 2, 0};
        double[] p = PeakFinder.prominence(x, 2);
        assertThat(p[0]).isEqualTo(4);
        // half prominence at 2: crossings exactly at 1 and 3
        assertThat(PeakFinder.width(x, 2, p[0], (int) p[1], (int) p[2])).isEqualTo(2);
        double[] y = {0, 1, 4, 3, 0};
        // h = 2: left crossing 1 + (2-1)/(4-1) = 1.333; right 3 (x=3 > 2) -> 4 - (2-0)/(3-0) = 3.333
        assertThat(PeakFinder.width(y, 2, 4, 0, 4)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void topPeaksOfTwoSeparatedReleases() {
        double[] x = new double[120];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * Math.exp(-Math.pow(i - 30, 2) / 20) + 4 * Math.exp(-Math.pow(i - 80, 2) / 30);
        }
        List<PeakFinder.Peak> peaks = PeakFinder.topPeaks(x);
        assertThat(peaks).extracting(PeakFinder.Peak::index).containsExactly(30, 80);
        assertThat(peaks.get(0).height()).isCloseTo(10, within(1e-3));
        assertThat(peaks.get(1).prominence()).isCloseTo(4, within(1e-3));
    }

    @Test
    void filtersDropLowNarrowAndCloseBumps() {
        double[] x = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * Math.exp(-Math.pow(i - 50, 2) / 50);
        }
        x[20] = 0.2;  // below the mean: dropped by height
        x[56] += 2;   // a local maximum (6.87) 6 samples from the main peak: removed by distance
        assertThat(PeakFinder.localMaxima(x)).contains(50, 56);
        assertThat(PeakFinder.topPeaks(x)).extracting(PeakFinder.Peak::index).containsExactly(50);
        // relative filter: a small second peak (prominence 1) beside two large ones (10, 10) is dropped
        double[] y = new double[200];
        for (int i = 0; i < y.length; i++) {
            y[i] = 10 * Math.exp(-Math.pow(i - 40, 2) / 20) + 10 * Math.exp(-Math.pow(i - 100, 2) / 20)
                    + 1.5 * Math.exp(-Math.pow(i - 160, 2) / 20);
        }
        // mean is about 1.2, so the third bump passes height; its prominence 1.5 is below 0.2 x (21.5 - 10)
        assertThat(PeakFinder.topPeaks(y)).extracting(PeakFinder.Peak::index).containsExactly(100, 40);
        assertThat(PeakFinder.topPeaks(new double[] {1, 1, 1, 1})).isEmpty();
        assertThat(PeakFinder.topPeaks(new double[] {0, 1})).isEmpty();
    }
}
