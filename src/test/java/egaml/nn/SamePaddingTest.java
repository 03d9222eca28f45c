package egaml.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SamePaddingTest {

    /** The table of method.md 5.2 (L = 40, stride 2, kernel 3). */
    @ParameterizedTest
    @CsvSource({"1, 0, 1", "2, 1, 2", "5, 4, 5", "10, 9, 10", "20, 19, 20", "50, 49, 50", "100, 99, 100"})
    void stemPaddingTable(int dilation, int left, int right) {
        SamePadding p = SamePadding.of(40, 2, 3, dilation);
        assertThat(p.left()).isEqualTo(left);
        assertThat(p.right()).isEqualTo(right);
        assertThat(p.total()).isEqualTo(2 * dilation - 1);
        assertThat(p.outputLength()).isEqualTo(20);
        for (int j = 0; j < 20; j++) {
            // output j reads 2j + 1 - d, 2j + 1, 2j + 1 + d
            assertThat(p.inputPosition(j, 1, 2, dilation, 40)).isEqualTo(2 * j + 1);
            int l = 2 * j + 1 - dilation;
            assertThat(p.inputPosition(j, 0, 2, dilation, 40)).isEqualTo(l >= 0 ? l : -1);
            int r = 2 * j + 1 + dilation;
            assertThat(p.inputPosition(j, 2, 2, dilation, 40)).isEqualTo(r < 40 ? r : -1);
        }
    }

    @Test
    void validTapCountsOfTheTable() {
        assertThat(validOuterTaps(1)).isEqualTo(39); // all except the right tap of j = 19
        assertThat(validOuterTaps(10)).isEqualTo(30); // each outer tap valid for 15 of 20 positions
        assertThat(validOuterTaps(20)).isEqualTo(20);
        assertThat(validOuterTaps(50)).isZero();
        assertThat(validOuterTaps(100)).isZero();
    }

    @Test
    void secondConvolutionPadsOneOnTheRight() {
        SamePadding p = SamePadding.of(20, 2, 3, 1);
        assertThat(p.left()).isZero();
        assertThat(p.right()).isEqualTo(1);
        assertThat(p.outputLength()).isEqualTo(10);
        assertThat(p.inputPosition(9, 2, 2, 1, 20)).isEqualTo(-1);
        assertThat(p.inputPosition(3, 0, 2, 1, 20)).isEqualTo(6);
    }

    private static int validOuterTaps(int d) {
        SamePadding p = SamePadding.of(40, 2, 3, d);
        int n = 0;
        for (int j = 0; j < 20; j++) {
            n += p.inputPosition(j, 0, 2, d, 40) >= 0 ? 1 : 0;
            n += p.inputPosition(j, 2, 2, d, 40) >= 0 ? 1 : 0;
        }
        return n;
    }
}
