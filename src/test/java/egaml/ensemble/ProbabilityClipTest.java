package egaml.ensemble;

import egaml.core.InstrumentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbabilityClipTest {

    @Test
    void boundsApplyPerInstrumentTypeAfterTheSamRule() {
        ProbabilityClip clip = ProbabilityClip.parse("sam=0.02:0.98");
        assertThat(clip.apply(0.001, InstrumentType.SAM_TESTBED)).isEqualTo(0.02);
        assertThat(clip.apply(0.999, InstrumentType.SAM_TESTBED)).isEqualTo(0.98);
        assertThat(clip.apply(0.001, InstrumentType.COMMERCIAL)).isEqualTo(0.001);
        assertThat(ProbabilityClip.parse(clip.toString())).isEqualTo(clip);
        assertThat(ProbabilityClip.parse("none").isNone()).isTrue();

        Ensemble e = new Ensemble(List.of(new egaml.member.Family("gbt_r10", "gbt", egaml.member.SamRole.TREES)), new double[10][1], new double[10], SamMode.STACKER,
                ProbabilityClip.parse("commercial=0.1:0.9,sam=0.3:0.7"));
        double[][] stacked = new double[2][10];
        java.util.Arrays.fill(stacked[0], 0.01);
        java.util.Arrays.fill(stacked[1], 0.99);
        double[][] out = e.applySamRule(stacked, new double[1][2][10], List.of(InstrumentType.COMMERCIAL, InstrumentType.SAM_TESTBED));
        assertThat(out[0]).containsOnly(0.1);
        assertThat(out[1]).containsOnly(0.7);
    }

    @Test
    void badBoundsAreRefused() {
        assertThatThrownBy(() -> ProbabilityClip.parse("sam=0.9:0.1")).hasMessageContaining("low < high");
        assertThatThrownBy(() -> ProbabilityClip.parse("mars=0.1:0.9")).hasMessageContaining("commercial or sam");
        assertThatThrownBy(() -> ProbabilityClip.parse("sam=0.1")).hasMessageContaining("TYPE=LOW:HIGH");
    }
}
