package egaml.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 50).boxed().toList();

    @Test
    void resultsComeInItemOrderWhateverTheThreadCount() {
        for (int threads : new int[] {1, 2, 7}) {
            List<Integer> out = Parallel.map("test", threads, ITEMS, i -> {
                Thread.sleep((50 - i) % 3);
                return i * i;
            });
            assertThat(out).isEqualTo(ITEMS.stream().map(i -> i * i).toList());
        }
        assertThat(Parallel.map("test", 2, List.<Integer>of(), i -> i)).isEmpty();
    }

    @Test
    void theFirstFailureIsRethrownAsItWas() {
        assertThatThrownBy(() -> Parallel.map("test", 2, ITEMS, i -> {
            if (i >= 10) {
                throw new IllegalArgumentException("bad item " + i);
            }
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad item 10");
        assertThatThrownBy(() -> Parallel.map("test", 2, ITEMS, i -> {
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk full");
        assertThatThrownBy(() -> Parallel.map("test", 2, ITEMS, i -> {
            throw new Exception("checked");
        })).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("checked");
    }

    @Test
    void mapAllKeepsEveryOutcome() {
        List<Parallel.Outcome<Integer>> out = Parallel.mapAll("test", 2, ITEMS, i -> {
            if (i % 10 == 3) {
                throw new IllegalArgumentException("item " + i);
            }
            return i;
        });
        assertThat(out).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(out.get(i).failed()).isEqualTo(i % 10 == 3);
            if (i % 10 == 3) {
                assertThat(out.get(i).failure()).hasMessage("item " + i);
            } else {
                assertThat(out.get(i).value()).isEqualTo(i);
            }
        }
    }

    @Test
    void logisticRoundTripsAndClips() {
        assertThat(Logistic.sigmoid(0)).isEqualTo(0.5);
        assertThat(Logistic.sigmoid(Logistic.logit(0.2, 1e-6))).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Logistic.logit(0, 1e-4)).isCloseTo(Math.log(1e-4 / (1 - 1e-4)), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Logistic.logit(1, 1e-4)).isCloseTo(-Math.log(1e-4 / (1 - 1e-4)), org.assertj.core.data.Offset.offset(1e-12));
    }
}
