package dev.sluice.runtime.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several threads acquiring, releasing, cancelling and flipping server states at once: no server
 * ever holds more than its {@code maxconn}, every request ends with a slot or a refusal, and every
 * count returns to zero.
 */
class ConcurrencyTest {

    private static final int THREADS = 6;
    private static final int REQUESTS_PER_THREAD = 3_000;

    @ParameterizedTest(name = "balance {0}")
    @ValueSource(strings = {"roundrobin", "leastconn", "first", "uri", "random", "static-rr"})
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void slotsAreNeverOverbookedAndAllCountsReturnToZero(String algorithm) throws Exception {
        BackendState b = Plans.backend("    balance " + algorithm + "\n    option redispatch\n"
                + "    server s1 10.0.0.1:80 maxconn 2 maxqueue 50\n"
                + "    server s2 10.0.0.2:80 maxconn 3 weight 2\n"
                + "    server s3 10.0.0.3:80 maxconn 1\n"
                + "    server bk 10.0.0.4:80 maxconn 2 backup\n");
        ConcurrentHashMap<ServerState, AtomicInteger> holding = new ConcurrentHashMap<>();
        b.servers().forEach(s -> holding.put(s, new AtomicInteger()));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong granted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CountDownLatch done = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        ScheduledExecutorService releaser = new ScheduledThreadPoolExecutor(2);
        AtomicInteger inFlight = new AtomicInteger();

        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < REQUESTS_PER_THREAD && failure.get() == null; i++) {
                        if (r.nextInt(200) == 0) {
                            ServerState s = b.servers().get(r.nextInt(4));
                            s.setUp(!s.isUp() || r.nextBoolean());
                        }
                        if (r.nextInt(300) == 0) {
                            b.servers().get(r.nextInt(4)).setAdminState(AdminState.READY);
                            b.servers().forEach(s -> s.setUp(true));
                        }
                        inFlight.incrementAndGet();
                        Acquisition a = b.acquire(Inputs.uri("/k" + r.nextInt(50)));
                        if (a instanceof Slot slot) {
                            use(slot, holding, granted, r.nextBoolean() ? null : releaser, inFlight, failure);
                        } else if (a instanceof Pending p) {
                            if (r.nextInt(10) == 0) {
                                p.cancel();
                            }
                            p.future().thenAccept(result -> {
                                if (result instanceof Slot slot) {
                                    use(slot, holding, granted, releaser, inFlight, failure);
                                } else {
                                    refused.incrementAndGet();
                                    inFlight.decrementAndGet();
                                }
                            });
                        } else {
                            refused.incrementAndGet();
                            inFlight.decrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            });
            threads.add(thread);
            thread.start();
        }
        assertThat(done.await(4, TimeUnit.SECONDS)).as("threads finished").isTrue();
        b.servers().forEach(s -> s.setUp(true)); // let every queue drain
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (inFlight.get() > 0 && System.nanoTime() < deadline && failure.get() == null) {
            Thread.sleep(5);
        }
        releaser.shutdown();
        assertThat(releaser.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertThat(inFlight.get()).as("requests without an outcome").isZero();
        assertThat(granted.get() + refused.get()).isEqualTo((long) THREADS * REQUESTS_PER_THREAD);
        assertThat(granted.get()).isPositive();
        for (ServerState s : b.servers()) {
            assertThat(s.activeConnections()).as(s.name()).isZero();
            assertThat(s.queuedConnections()).as(s.name()).isZero();
        }
        assertThat(b.activeConnections()).isZero();
        assertThat(b.totalQueued()).isZero();
    }

    private static void use(Slot slot, ConcurrentHashMap<ServerState, AtomicInteger> holding, AtomicLong granted,
            ScheduledExecutorService later, AtomicInteger inFlight, AtomicReference<Throwable> failure) {
        ServerState s = slot.server();
        int now = holding.get(s).incrementAndGet();
        if (now > s.maxconn()) {
            failure.compareAndSet(null, new AssertionError(s.name() + " holds " + now + " > maxconn " + s.maxconn()));
        }
        granted.incrementAndGet();
        Runnable finish = () -> {
            holding.get(s).decrementAndGet();
            slot.release();
            inFlight.decrementAndGet();
        };
        if (later == null) {
            finish.run();
        } else {
            later.schedule(finish, ThreadLocalRandom.current().nextInt(200), TimeUnit.MICROSECONDS);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void timeoutsRacingWithReleasesGiveEachWaiterExactlyOneOutcome() throws Exception {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(2);
        QueueTimer timer = (task, ms) -> {
            var f = scheduler.schedule(task, ms, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        BackendState b = ServerStates.of(Plans.compile(Plans.http("    timeout queue 1ms\n"
                + Plans.servers(2, "maxconn 1"))), timer).backend("b");
        AtomicInteger outcomes = new AtomicInteger();
        AtomicInteger slots = new AtomicInteger();
        int n = 2_000;
        CountDownLatch all = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Acquisition a = b.acquire(BalanceInput.NONE);
            if (a instanceof Slot s) {
                slots.incrementAndGet();
                outcomes.incrementAndGet();
                scheduler.schedule(s::release, 100, TimeUnit.MICROSECONDS);
                all.countDown();
            } else if (a instanceof Pending p) {
                p.future().thenAccept(r -> {
                    outcomes.incrementAndGet();
                    if (r instanceof Slot s) {
                        slots.incrementAndGet();
                        scheduler.schedule(s::release, 100, TimeUnit.MICROSECONDS);
                    }
                    all.countDown();
                });
            } else {
                throw new AssertionError(a);
            }
        }
        assertThat(all.await(4, TimeUnit.SECONDS)).isTrue();
        scheduler.shutdown();
        assertThat(scheduler.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
        assertThat(outcomes.get()).isEqualTo(n);
        assertThat(slots.get()).isPositive();
        assertThat(b.activeConnections()).isZero();
        assertThat(b.totalQueued()).isZero();
    }
}
