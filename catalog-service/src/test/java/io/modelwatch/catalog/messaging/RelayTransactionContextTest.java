package io.modelwatch.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.platform.EmbeddedPlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay awaits the broker's acknowledgements inside its transaction. An acknowledgement's callback runs on
 * the producer's thread; with the transaction in the propagated context it resumes the transaction there, and a commit
 * racing with it fails (ARJUNA012094, quarkusio/quarkus#39098). Under {@link OutboxRelay#WITHOUT_TRANSACTION}, as the
 * relay sends, a callback on another thread has no transaction. Without it, the same pipeline does: this test shows the
 * difference, so it would fail if the cleared context stopped clearing.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@Tag("integration")
class RelayTransactionContextTest {

    @Inject
    TransactionManager transactions;

    @Test
    void anAcknowledgementOnAnotherThreadDoesNotResumeTheRelaysTransaction() {
        assertThat(transactionSeenByACallbackOnAnotherThread(pipeline -> pipeline.get()))
                .as("the default propagation carries the transaction to the callback's thread").isNotNull();
        assertThat(transactionSeenByACallbackOnAnotherThread(
                pipeline -> SmallRyeThreadContext.withThreadContext(OutboxRelay.WITHOUT_TRANSACTION, pipeline)))
                .as("as the relay sends: no transaction on the callback's thread").isNull();
    }

    /** Inside a transaction, awaits a Uni completed on another thread and returns the transaction its callback saw. */
    private Transaction transactionSeenByACallbackOnAnotherThread(java.util.function.Function<Supplier<String>, String> around) {
        AtomicReference<Transaction> seen = new AtomicReference<>();
        QuarkusTransaction.requiringNew().run(() -> around.apply(() -> Uni.createFrom().<String>emitter(e ->
                        new Thread(() -> e.complete("acknowledged"), "test-producer-thread").start())
                .invoke(x -> seen.set(current()))
                .await().atMost(Duration.ofSeconds(10))));
        return seen.get();
    }

    private Transaction current() {
        try {
            return transactions.getTransaction();
        } catch (jakarta.transaction.SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
