package io.modelwatch.ingest.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit: callers on many threads each hand in one item and get a future of its result; one writer thread takes
 * every item waiting at that moment (up to {@code maxGroup}) and gives them to {@code write} together, so that concurrent
 * callers share one write (a transaction, a statement) instead of one each. Nothing waits for a group to fill: an item that arrives when the
 * writer is idle is written at once, alone; items that arrive while a group is being written form the next group.
 *
 * <p>When {@code write} throws, the future of every item of that group fails with the same exception; the next group is
 * written as usual.
 * {@link #close()} writes what is queued, then stops the writer; the futures of items handed in afterwards fail with a
 * {@link RejectedExecutionException}, a failure that passes (503 with Retry-After, not 500).
 *
 * @param <T> an item
 * @param <R> its result ({@code write} answers one per item, in the order given)
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final Function<List<T>, List<R>> write;
    private final int maxGroup;
    private final Thread writer;
    private volatile boolean open = true;

    public GroupCommit(String name, int maxGroup, Function<List<T>, List<R>> write) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one item, not " + maxGroup);
        }
        this.write = write;
        this.maxGroup = maxGroup;
        this.writer = new Thread(this::run, name);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Hands in {@code item} without waiting: the future completes on the writer's thread when its group is written,
     * with its result or the exception {@code write} threw. Keep what depends on it short, or move it to another thread:
     * the next group waits for it.
     */
    public CompletableFuture<R> submit(T item) {
        if (!open) {
            return CompletableFuture.failedFuture(closed());
        }
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        queue.add(pending);
        if (!open && !writer.isAlive() && queue.remove(pending)) { // closed as it was handed in, after close() drained
            return CompletableFuture.failedFuture(closed());
        }
        return pending.result();
    }

    /** How many items wait for the writer (for tests). */
    int waiting() {
        return queue.size();
    }

    private void run() {
        List<Pending<T, R>> group = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(group, maxGroup - 1);
            writeGroup(group);
            group.clear();
        }
    }

    private void writeGroup(List<Pending<T, R>> group) {
        List<T> items = new ArrayList<>(group.size());
        for (Pending<T, R> p : group) {
            items.add(p.item());
        }
        try {
            List<R> results = write.apply(items);
            if (results.size() != group.size()) {
                throw new IllegalStateException("a group of " + group.size() + " was written with " + results.size() + " results");
            }
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error failure) {
            for (Pending<T, R> p : group) {
                p.result().completeExceptionally(failure);
            }
        }
    }

    /**
     * Writes what is queued, then stops the writer (waits for it at most 10 s); an item that was handed in as it stopped
     * is refused rather than left waiting.
     */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RejectedExecutionException closed = closed();
        for (Pending<T, R> p; (p = queue.poll()) != null; ) {
            p.result().completeExceptionally(closed);
        }
    }

    /**
     * What an item handed in after {@link #close()} gets: a rejection that passes ({@code TransientFailures}), so a
     * request meeting a service that is shutting down is answered 503 with Retry-After, not 500.
     */
    private RejectedExecutionException closed() {
        return new RejectedExecutionException("the " + writer.getName() + " is closed (shutting down)");
    }
}
