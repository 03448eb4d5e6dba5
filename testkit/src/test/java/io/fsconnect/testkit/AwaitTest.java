package io.fsconnect.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger probes = new AtomicInteger();
        Await.until("the third probe", Duration.ofSeconds(10), () -> probes.incrementAndGet() == 3);
        assertThat(probes).hasValue(3);
    }

    @Test
    void returnsTheFirstValueTheProbeYields() {
        AtomicInteger probes = new AtomicInteger();
        String value = Await.value("a value", Duration.ofSeconds(10),
                () -> probes.incrementAndGet() < 2 ? Optional.empty() : Optional.of("found at " + probes.get()));
        assertThat(value).isEqualTo("found at 2");
    }

    @Test
    void failsNamingWhatWasAwaitedAndWhatWasSeenLast() {
        assertThatThrownBy(() -> Await.until("the moon to turn blue", Duration.ofMillis(50), () -> false, () -> "still grey"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for the moon to turn blue")
                .hasMessageContaining("last seen: still grey");
    }

    @Test
    void letsAFailingProbeEndTheWait() {
        assertThatThrownBy(() -> Await.value("anything", Duration.ofSeconds(30), () -> {
            throw new IllegalStateException("probe broke");
        })).isInstanceOf(IllegalStateException.class).hasMessage("probe broke");
    }
}
