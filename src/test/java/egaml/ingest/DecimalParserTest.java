package egaml.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalParserTest {
    private static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DecimalParser.parse(b, 0, b.length);
    }

    @Test
    void agreesBitForBitWithDoubleParseDouble() {
        SplittableRandom rng = new SplittableRandom(7);
        String[] formats = {"%.1f", "%.3f", "%.6e", "%.7E", "%.15g", "%.17e", "%.0f", "%.2e"};
        for (int i = 0; i < 200_000; i++) {
            double v = (rng.nextDouble() - 0.3) * Math.pow(10, rng.nextInt(-20, 12));
            String s = String.format(Locale.ROOT, formats[i % formats.length], v);
            assertThat(Double.doubleToLongBits(parse(s))).as(s).isEqualTo(Double.doubleToLongBits(Double.parseDouble(s)));
        }
    }

    @Test
    void handlesEdgeSpellings() {
        assertThat(parse("0")).isEqualTo(0.0);
        assertThat(parse("-0.0")).isEqualTo(-0.0);
        assertThat(parse("+1.5")).isEqualTo(1.5);
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("5.")).isEqualTo(5.0);
        assertThat(parse("1e300")).isEqualTo(1e300);
        assertThat(parse("4.9e-324")).isEqualTo(Double.MIN_VALUE);
        assertThat(parse("123456789012345678901234567890")).isEqualTo(1.2345678901234568e29);
        assertThat(parse("NaN")).isNaN();
        assertThat(parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void rejectsText() {
        for (String s : new String[] {"abc", "1.2.3", "1e", "--1", "1,5", "0x"}) {
            assertThatThrownBy(() -> parse(s)).as(s).isInstanceOf(NumberFormatException.class);
        }
    }
}
