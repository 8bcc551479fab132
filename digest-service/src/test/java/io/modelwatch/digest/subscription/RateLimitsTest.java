package io.modelwatch.digest.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The per-key limits the subscribe form, the on-demand reviews and the mail sender share. A Quarkus test because the
 * SmallRye Fault Tolerance guards behind them need the CDI container (the app is the one the other tests share).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class RateLimitsTest {

    @Test
    void eachKeyHasItsOwnLimitAndIsToldHowLongToWait() {
        RateLimits limits = new RateLimits("test", 3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limits.take("a");
        }
        assertThatThrownBy(() -> limits.take("a")).isInstanceOfSatisfying(RateLimitException.class,
                e -> assertThat(e.getRetryAfterMillis()).isBetween(1L, Duration.ofMinutes(1).toMillis()));
        assertThat(limits.tryTake("a")).isFalse();
        assertThat(limits.tryTake("b")).isTrue();
    }

    @Test
    void zeroOrLessIsNoLimitAndRemembersNothing() {
        for (int limit : new int[] {0, -1}) {
            RateLimits limits = new RateLimits("test", limit, Duration.ofMinutes(1));
            for (int i = 0; i < 1000; i++) {
                limits.take("a");
            }
            assertThat(limits.size()).isZero();
        }
    }

    /**
     * SmallRye's rolling window counts refused attempts too; the key stays closed instead, so attempts while it waits
     * do not push its permit further away, and the wait it is told ends in a whole limit's worth of permits.
     */
    @Test
    void aKeyThatWaitsAsToldGetsItsPermitsHoweverOftenItAskedMeanwhile() throws InterruptedException {
        RateLimits limits = new RateLimits("test", 3, Duration.ofMillis(300));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3; i++) {
                limits.take("a");
            }
            long wait;
            try {
                limits.take("a");
                throw new AssertionError("a fourth permit within the window");
            } catch (RateLimitException e) {
                wait = e.getRetryAfterMillis();
            }
            for (int i = 0; i < 50; i++) {
                assertThat(limits.tryTake("a")).isFalse();
            }
            Thread.sleep(wait);
        }
        assertThat(limits.tryTake("a")).isTrue();
    }

    @Test
    void keysUnusedForAWholeWindowAreForgotten() {
        RateLimits limits = new RateLimits("test", 2, Duration.ofSeconds(1));
        limits.take("idle");
        limits.take("refused");
        limits.take("refused");
        assertThat(limits.tryTake("refused")).isFalse();
        limits.prune();
        assertThat(limits.size()).isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            limits.prune();
            return limits.size() == 0;
        });
        // Forgotten with nothing lost: a forgotten key starts with its whole limit, which it had anyway.
        assertThat(limits.tryTake("refused")).isTrue();
        assertThat(limits.tryTake("refused")).isTrue();
        assertThat(limits.tryTake("refused")).isFalse();
    }
}
