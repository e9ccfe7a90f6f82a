package dev.sluice.runtime.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection slots, {@code maxconn}, {@code maxqueue}, the queues and their timeouts. */
class QueueTest {

    /** A timer the test fires by hand. */
    static final class ManualTimer implements QueueTimer {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();
        int cancelled;

        @Override
        public Timeout schedule(Runnable task, long delayMs) {
            tasks.add(task);
            delays.add(delayMs);
            return () -> cancelled++;
        }

        void fireAll() {
            List.copyOf(tasks).forEach(Runnable::run);
        }
    }

    private static BackendState backend(String body, QueueTimer timer) {
        return ServerStates.of(Plans.compile(Plans.http(body)), timer).backend("b");
    }

    private static Slot slot(Acquisition a) {
        assertThat(a).isInstanceOf(Slot.class);
        return (Slot) a;
    }

    private static Pending pending(Acquisition a) {
        assertThat(a).isInstanceOf(Pending.class);
        return (Pending) a;
    }

    @Test
    void aFreeServerGivesASlotAtOnce() {
        BackendState b = backend("    server s1 10.0.0.1:80\n", null);
        Slot s = slot(b.acquire(BalanceInput.NONE));
        assertThat(s.server().activeConnections()).isEqualTo(1);
        assertThat(b.activeConnections()).isEqualTo(1);
        assertThat(s.release()).isTrue();
        assertThat(s.release()).as("idempotent").isFalse();
        assertThat(s.server().activeConnections()).isZero();
        assertThat(s.server().connectionCount()).isEqualTo(1);
        assertThat(s.server().selectedCount()).isEqualTo(1);
    }

    @Test
    void whenEveryServerIsFullRequestsWaitInTheBackendQueueAndGetReleasedSlotsInOrder() {
        BackendState b = backend(Plans.servers(2, "maxconn 1"), null);
        Slot a = slot(b.acquire(BalanceInput.NONE));
        Slot c = slot(b.acquire(BalanceInput.NONE));
        Pending p1 = pending(b.acquire(BalanceInput.NONE));
        Pending p2 = pending(b.acquire(BalanceInput.NONE));
        assertThat(p1.server()).isNull();
        assertThat(b.queuedConnections()).isEqualTo(2);
        c.release();
        assertThat(p1.future()).isCompletedWithValueMatching(x -> ((Slot) x).server() == c.server());
        assertThat(p2.future()).isNotDone();
        a.release();
        assertThat(p2.future()).isCompletedWithValueMatching(x -> ((Slot) x).server() == a.server());
        assertThat(b.queuedConnections()).isZero();
        assertThat(b.activeConnections()).isEqualTo(2);
    }

    @Test
    void aNewRequestDoesNotOvertakeTheQueueWithRoundRobin() {
        BackendState b = backend(Plans.servers(1, "maxconn 1"), null);
        Slot a = slot(b.acquire(BalanceInput.NONE));
        Pending p = pending(b.acquire(BalanceInput.NONE));
        a.release();
        assertThat(p.future()).isDone();
        assertThat(b.acquire(BalanceInput.NONE)).as("the freed slot went to the waiter").isInstanceOf(Pending.class);
    }

    @Test
    void theOldestWaiterWinsBetweenAServerQueueAndTheBackendQueue() {
        BackendState b = backend("    balance uri\n" + Plans.servers(1, "maxconn 1"), null);
        ServerState s1 = b.server("s1");
        Slot held = slot(b.acquire(s1));
        Pending onServer = pending(b.acquire(s1));
        assertThat(onServer.server()).isSameAs(s1);
        Pending later = pending(b.acquire(s1));
        held.release();
        assertThat(onServer.future()).isDone();
        assertThat(later.future()).isNotDone();
        ((Slot) onServer.future().join()).release();
        assertThat(later.future()).isDone();
    }

    @Test
    void hashingQueuesOnTheHashedServerUpToMaxqueue() {
        BackendState b = backend("    balance uri\n" + Plans.servers(3, "maxconn 1 maxqueue 1"), null);
        Inputs x = Inputs.uri("/same");
        Slot first = slot(b.acquire(x));
        Pending second = pending(b.acquire(x));
        assertThat(second.server()).isSameAs(first.server());
        assertThat(b.acquire(x)).isEqualTo(Refusal.QUEUE_FULL);
        first.release();
        assertThat(((Slot) second.future().join()).server()).isSameAs(first.server());
    }

    @Test
    void persistenceQueuesOnItsServer() {
        BackendState b = backend(Plans.servers(2, "maxconn 1"), null);
        ServerState s2 = b.server("s2");
        Slot held = slot(b.acquire(s2));
        Pending p = pending(b.acquire(s2));
        assertThat(p.server()).isSameAs(s2);
        assertThat(s2.queuedConnections()).isEqualTo(1);
        assertThat(slot(b.acquire(BalanceInput.NONE)).server().name()).as("others still balance to s1")
                .isEqualTo("s1");
        held.release();
        assertThat(((Slot) p.future().join()).server()).isSameAs(s2);
    }

    @Test
    void noUsableServerIsRefusedAtOnce() {
        BackendState b = backend(Plans.servers(2, ""), null);
        b.server("s1").setUp(false);
        b.server("s2").setAdminState(AdminState.MAINT);
        assertThat(b.acquire(BalanceInput.NONE)).isEqualTo(Refusal.NO_SERVER);
        assertThat(backend("    server s1 10.0.0.1:80 disabled\n", null).acquire(BalanceInput.NONE))
                .isEqualTo(Refusal.NO_SERVER);
    }

    @Test
    void cancellingAWaiterLeavesTheQueue() {
        BackendState b = backend(Plans.servers(1, "maxconn 1"), null);
        Slot held = slot(b.acquire(BalanceInput.NONE));
        Pending p = pending(b.acquire(BalanceInput.NONE));
        Pending q = pending(b.acquire(BalanceInput.NONE));
        assertThat(p.cancel()).isTrue();
        assertThat(p.future()).isCompletedWithValue(Refusal.CANCELLED);
        assertThat(b.queuedConnections()).isEqualTo(1);
        held.release();
        assertThat(q.future()).isDone();
        assertThat(p.cancel()).isFalse();
    }

    @Test
    void cancellingOnceTheFutureHoldsTheSlotLeavesTheSlotToItsHolder() {
        BackendState b = backend(Plans.servers(1, "maxconn 1"), null);
        Slot held = slot(b.acquire(BalanceInput.NONE));
        Pending p = pending(b.acquire(BalanceInput.NONE));
        Pending q = pending(b.acquire(BalanceInput.NONE));
        held.release();
        Slot handed = (Slot) p.future().join();
        assertThat(p.cancel()).as("no longer queued").isFalse();
        assertThat(handed.isReleased()).as("whoever handles the future owns the slot").isFalse();
        assertThat(q.future()).isNotDone();
        handed.release();
        assertThat(q.future()).as("released by its holder, it goes on to q").isDone();
        assertThat(b.server("s1").activeConnections()).isEqualTo(1);
    }

    @Test
    void theQueueTimeoutRefusesAWaiterAndCancelsOnceServed() {
        ManualTimer timer = new ManualTimer();
        BackendState b = backend("    timeout queue 3s\n" + Plans.servers(1, "maxconn 1"), timer);
        Slot held = slot(b.acquire(BalanceInput.NONE));
        Pending p = pending(b.acquire(BalanceInput.NONE));
        Pending q = pending(b.acquire(BalanceInput.NONE));
        assertThat(timer.delays).containsExactly(3000L, 3000L);
        held.release();
        assertThat(timer.cancelled).as("p's timer cancelled when it got the slot").isEqualTo(1);
        timer.fireAll();
        assertThat(p.future().join()).isInstanceOf(Slot.class);
        assertThat(q.future()).isCompletedWithValue(Refusal.QUEUE_TIMEOUT);
        assertThat(b.queuedConnections()).isZero();
        assertThat(p.expire()).isFalse();
    }

    @Test
    void theQueueTimeoutDefaultsToTheConnectTimeout() {
        ManualTimer timer = new ManualTimer();
        BackendState b = backend(Plans.servers(1, "maxconn 1"), timer);
        b.acquire(BalanceInput.NONE);
        b.acquire(BalanceInput.NONE);
        assertThat(timer.delays).containsExactly(5000L);
    }

    @Test
    void aServerComingUpTakesFromTheBackendQueue() {
        BackendState b = backend(Plans.servers(2, "maxconn 1"), null);
        b.server("s2").setUp(false);
        slot(b.acquire(BalanceInput.NONE));
        Pending p = pending(b.acquire(BalanceInput.NONE));
        b.server("s2").setUp(true);
        assertThat(((Slot) p.future().join()).server().name()).isEqualTo("s2");
    }

    @Test
    void withRedispatchTheQueueOfAServerGoingDownMovesToTheOthers() {
        BackendState b = backend("    option redispatch\n" + Plans.servers(2, "maxconn 1"), null);
        ServerState s1 = b.server("s1");
        Slot held = slot(b.acquire(s1));
        Pending p = pending(b.acquire(s1));
        s1.setUp(false);
        assertThat(((Slot) p.future().join()).server().name()).isEqualTo("s2");
        assertThat(s1.queuedConnections()).isZero();
        held.release();
    }

    @Test
    void withoutRedispatchTheQueueOfAServerGoingDownWaits() {
        BackendState b = backend(Plans.servers(2, "maxconn 1"), null);
        ServerState s1 = b.server("s1");
        Slot held = slot(b.acquire(s1));
        Pending p = pending(b.acquire(s1));
        s1.setUp(false);
        assertThat(p.future()).isNotDone();
        held.release();
        assertThat(((Slot) p.future().join()).server()).as("as HAProxy, the server's own queue is served")
                .isSameAs(s1);
    }

    @Test
    void backupServersTakeTheBackendQueueOnlyWhenNoActiveServerIsUp() {
        BackendState b = backend("""
                    server a 10.0.0.1:80 maxconn 1
                    server bk 10.0.0.2:80 maxconn 1 backup
                """, null);
        Slot held = slot(b.acquire(BalanceInput.NONE));
        Pending p = pending(b.acquire(BalanceInput.NONE));
        assertThat(b.server("bk").activeConnections()).isZero();
        b.server("a").setAdminState(AdminState.MAINT);
        assertThat(((Slot) p.future().join()).server().name()).isEqualTo("bk");
        held.release();
    }

    @Test
    void minconnRampsTowardsMaxconnWithTheBackendsLoad() {
        BackendState b = backend("    fullconn 10\n    server s1 10.0.0.1:80 minconn 2 maxconn 10\n", null);
        ServerState s1 = b.server("s1");
        assertThat(s1.effectiveMaxconn()).isEqualTo(2);
        List<Acquisition> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(b.acquire(BalanceInput.NONE));
        }
        // the limit follows the load (served + queued): 10 served once 10 are on the backend
        assertThat(s1.activeConnections()).isEqualTo(10);
        assertThat(all.stream().filter(a -> a instanceof Pending).count()).isEqualTo(2);
        assertThat(backend("    server s1 10.0.0.1:80 minconn 7\n", null).server("s1").effectiveMaxconn())
                .as("minconn alone is a static limit").isEqualTo(7);
    }

    @Test
    void removingAServerByReloadRefusesItsQueueWithoutRedispatch() {
        ServerStates states = ServerStates.of(Plans.compile(Plans.http(Plans.servers(2, "maxconn 1"))), null);
        BackendState b = states.backend("b");
        ServerState s2 = b.server("s2");
        Slot held = slot(b.acquire(s2));
        Pending p = pending(b.acquire(s2));
        states.reconcile(Plans.compile(Plans.http(Plans.servers(1, "maxconn 1"))), 0);
        assertThat(p.future()).isCompletedWithValue(Refusal.NO_SERVER);
        assertThat(s2.isRemoved()).isTrue();
        assertThat(b.acquire(s2)).isEqualTo(Refusal.NO_SERVER);
        held.release();
        assertThat(s2.activeConnections()).isZero();
    }
}
