package egaml.render;

import egaml.ingest.CleanRun;
import egaml.ingest.CleanRunBuilder;
import egaml.ingest.IngestConfig;
import egaml.ingest.RunParser;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RendererTest {
    /**
     * A commercial-like run: scans every 2 C from 20 to 1000 C over m/z 18, 32, 44 and 64; water drifts from 10 to 15 (a
     * background), CO2 a peak of 1,000 at 600 C on a background of 1, O2 one of 100 at 402 C, SO2 a single high scan at 300 C.
     */
    static CleanRun handMade() {
        CleanRunBuilder b = new CleanRunBuilder(new IngestConfig(IngestConfig.FractionalMz.DROP, 0.3, false, 100, 0.0, 0.98));
        long line = 2;
        for (double t = 20; t <= 1000; t += 2) {
            double co2 = 1 + 1000 * Math.exp(-0.5 * Math.pow((t - 600) / 20, 2));
            b.row(line, line, t, 18, 10 + 5 * t / 1000);
            b.row(line + 1, line, t, 44, co2);
            b.row(line + 2, line, t, 64, t == 300 ? 50 : 0.5);
            b.row(line + 3, line, t, 32, 1 + 100 * Math.exp(-0.5 * Math.pow((t - 402) / 20, 2)));
            line += 4;
        }
        return b.build("hand", new RunParser.Result(0, null));
    }

    private static float at(float[] image, int mz, double temp) {
        int column = (int) Math.round((temp - RenderSettings.FIRST_CENTRE) / RenderSettings.COLUMN_WIDTH);
        return image[mz * Renderer.COLUMNS + column];
    }

    @Test
    void canonicalImageIsLogScaledWithTheStrongestReadingAtZero() {
        RenderBase base = RenderBase.of(handMade());
        float[] image = Renderer.canonical(base);
        assertThat(image).hasSize(100 * 80);
        float max = -9;
        float min = 9;
        for (float v : image) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertThat(max).isEqualTo(0f);
        assertThat(min).isEqualTo(-4f);
        assertThat(at(image, 44, 594)).isGreaterThan(-0.1f);  // the CO2 peak's column
        assertThat(at(image, 44, 306)).isEqualTo(-4f);         // CO2 far from its peak: background removed
        assertThat(at(image, 18, 30)).isEqualTo(-4f);          // the drifting water's start is all background
        assertThat(at(image, 64, 306)).isGreaterThan(-2.5f).isLessThan(-1.5f); // one high scan among the column's
        assertThat(at(image, 50, 594)).isEqualTo(-4f);         // absent channel
        assertThat(base.backgrounds()[18][0]).isCloseTo(10.1f, within(0.01f));
        assertThat(base.backgrounds()[18][3]).isCloseTo(11.08f, within(0.01f)); // the reading at 216 C
    }

    @Test
    void randomRenderingsAreSeededAndEachAugmentationActs() {
        RenderBase base = RenderBase.of(handMade());
        RenderSettings all = RenderSettings.firstPlace();
        float[] a = Renderer.random(base, all, new SplittableRandom(5));
        assertThat(Renderer.random(base, all, new SplittableRandom(5))).containsExactly(a);
        assertThat(Renderer.random(base, all, new SplittableRandom(6))).isNotEqualTo(a);
        // no augmentation: the scan in the column's centre bin, the backgrounds' mean, no gains
        RenderSettings none = new RenderSettings(0, 0, 0, false);
        float[] plain = Renderer.random(base, none, new SplittableRandom(1));
        assertThat(at(plain, 44, 594)).isCloseTo(at(Renderer.canonical(base), 44, 594), within(0.05f));
        // scan jitter: the single SO2 scan at 300 C reaches the column centred at 294 C only when jittered (its bin
        // is 2 bins away: probability 1/20 over the nine weights 1/(12 + |d|), about 0.11)
        int seen = 0;
        for (int s = 0; s < 200; s++) {
            float[] img = Renderer.random(base, new RenderSettings(0, 0, 16, false), new SplittableRandom(s));
            seen += at(img, 64, 294) > -3f ? 1 : 0;
            assertThat(at(Renderer.random(base, none, new SplittableRandom(s)), 64, 294)).isEqualTo(-4f);
        }
        assertThat(seen).isBetween(8, 45);
        // gain jitter moves the ratio of two ions' peaks; without it the ratio is fixed
        float[] g1 = Renderer.random(base, new RenderSettings(1, 0, 0, false), new SplittableRandom(1));
        float[] g2 = Renderer.random(base, new RenderSettings(1, 0, 0, false), new SplittableRandom(2));
        assertThat(at(g1, 32, 402) - at(g1, 44, 594)).isNotCloseTo(at(g2, 32, 402) - at(g2, 44, 594), within(0.01f));
        assertThat(at(plain, 32, 402) - at(plain, 44, 594)).isCloseTo(-1f, within(0.05f)); // ~100 vs ~940 in those bins
        // the run gain alone cancels in the division by the maximum
        float[] r1 = Renderer.random(base, new RenderSettings(0, 0.5, 0, false), new SplittableRandom(1));
        assertThat(r1).containsExactly(plain, within(1e-5f));
        // background mixing changes what is subtracted from the drifting water
        float[] b1 = Renderer.random(base, new RenderSettings(0, 0, 0, true), new SplittableRandom(3));
        float[] b2 = Renderer.random(base, new RenderSettings(0, 0, 0, true), new SplittableRandom(4));
        assertThat(at(b1, 18, 978)).isNotEqualTo(at(b2, 18, 978));
    }

    @Test
    void anEmptyRunRendersAsTheFloor() {
        CleanRunBuilder b = new CleanRunBuilder(new IngestConfig(IngestConfig.FractionalMz.DROP, 0.3, false, 100, 0.0, 0.98));
        b.row(2, 2, 100, 18, 0);
        b.row(3, 3, 102, 18, 0);
        float[] image = Renderer.canonical(RenderBase.of(b.build("flat", new RunParser.Result(0, null))));
        assertThat(image).containsOnly(-4f);
    }
}
