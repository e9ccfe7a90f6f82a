package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.ProxyOption;
import dev.sluice.compiler.plan.Server;
import dev.sluice.runtime.stats.Counters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The live state of one backend: its servers' {@link ServerState}s in configuration order, its
 * current {@link Balancer}, and the queues of requests waiting for a connection slot. It outlives
 * plans: {@link ServerStates#reconcile} applies each new plan to it.
 *
 * <p>{@link #acquire(BalanceInput, Predicate)} never blocks. When the chosen server has room the
 * slot is taken with a compare-and-set and no lock. Otherwise the request joins the queue of that
 * server (hashing algorithms, persistence) or the backend's queue (every server full) under the
 * backend's queue lock, and a released slot goes to the oldest request of the server's queue or of
 * the backend's queue, whichever came first, as in HAProxy.
 *
 * <p>Thread-safe: any thread may acquire, release, cancel and change server states concurrently.
 * Futures of queued requests are completed outside the lock.
 */
public final class BackendState {

    /**
     * The backend settings the queue and the selection use.
     *
     * @param redispatch {@code option redispatch}
     * @param redispatchInterval its argument: -1 (the default) redispatches on the last retry, P > 0
     *     on every P-th retry, N < -1 on the N-th retry before the last one, 0 never by count
     * @param allBackups {@code option allbackups}
     * @param queueTimeoutMs {@code timeout queue}, else {@code timeout connect}, else 0 for none
     * @param fullconn {@code fullconn}, or the value HAProxy derives from the frontends; 0 when unknown
     */
    public record Settings(boolean redispatch, int redispatchInterval, boolean allBackups, long queueTimeoutMs,
            long fullconn) {

        /** The settings of {@code backend}, with {@code fullconn} as given ({@link ServerStates} derives it). */
        public static Settings of(Backend backend, long fullconn) {
            ProxyOption redisp = backend.options().get("redispatch");
            boolean redispatch = redisp != null && redisp.enabled();
            int interval = -1;
            if (redispatch && !redisp.args().isEmpty()) {
                try {
                    interval = Integer.parseInt(redisp.args().get(0));
                } catch (NumberFormatException e) {
                    interval = 0; // HAProxy's atol gives 0 for a word
                }
            }
            ProxyOption all = backend.options().get("allbackups");
            Long queue = backend.timeouts().queueMs() != null ? backend.timeouts().queueMs()
                    : backend.timeouts().connectMs();
            return new Settings(redispatch, interval, all != null && all.enabled(), queue == null ? 0 : queue,
                    fullconn);
        }
    }

    /**
     * The servers load balancing may choose now: the usable active servers, or when there are none
     * the usable backup servers ({@code option allbackups}) or the first of them. Immutable.
     */
    static final class Group {
        final long version;
        final ServerState[] members;
        /** Current weights at the time the group was built, parallel to {@link #members}. */
        final int[] weights;
        final boolean backup;

        Group(long version, ServerState[] members, int[] weights, boolean backup) {
            this.version = version;
            this.members = members;
            this.weights = weights;
            this.backup = backup;
        }

        boolean isEmpty() {
            return members.length == 0;
        }

        boolean contains(ServerState s) {
            for (ServerState m : members) {
                if (m == s) {
                    return true;
                }
            }
            return false;
        }
    }

    private final String name;
    private final QueueTimer timer;
    private volatile Backend config;
    private volatile Settings settings;
    private volatile ServerState[] servers = new ServerState[0];
    private volatile Balancer balancer;
    private volatile boolean retired;
    private final AtomicLong version = new AtomicLong();
    private volatile Group group = new Group(-1, new ServerState[0], new int[0], false);
    private final AtomicInteger served = new AtomicInteger();
    private final Counters counters = new Counters();
    /** Whether a server was running at the last change, for the backend's up/down history; guarded by this. */
    private boolean running = true;

    private final ReentrantLock lock = new ReentrantLock();
    /** The backend queue, oldest first; guarded by {@link #lock}. */
    private Pending head;
    private Pending tail;
    private long nextSeq;
    /** Requests in the backend queue; written under the lock. */
    private volatile int queuedHere;
    /** Requests in every queue of this backend; written under the lock. */
    private volatile int queuedTotal;

    BackendState(String name, QueueTimer timer) {
        this.name = name;
        this.timer = timer;
    }

    /** The backend's name. */
    public String name() {
        return name;
    }

    /** The backend as the current plan configures it. */
    public Backend config() {
        return config;
    }

    /** The settings in force. */
    public Settings settings() {
        return settings;
    }

    /** The servers, in configuration order (removed ones excluded). */
    public List<ServerState> servers() {
        return List.of(servers);
    }

    /** The server named {@code serverName}, or null. */
    public ServerState server(String serverName) {
        for (ServerState s : servers) {
            if (s.name().equals(serverName)) {
                return s;
            }
        }
        return null;
    }

    /** The balancer of the current plan. */
    public Balancer balancer() {
        return balancer;
    }

    /** The backend's statistics: sessions, bytes, errors, responses, up/down history. */
    public Counters counters() {
        return counters;
    }

    /** Whether a server is running (up and not in maintenance): HAProxy's backend status UP. */
    public boolean isRunning() {
        for (ServerState s : servers) {
            if (s.isRunning()) {
                return true;
            }
        }
        return false;
    }

    /** Slots held on the backend's servers. */
    public int activeConnections() {
        return served.get();
    }

    /** Requests in the backend's own queue (not counting the servers' queues). */
    public int queuedConnections() {
        return queuedHere;
    }

    /** Requests in every queue of the backend. */
    public int totalQueued() {
        return queuedTotal;
    }

    /** HAProxy's {@code beconn}: requests on the backend, served or queued. */
    long load() {
        return (long) served.get() + queuedTotal;
    }

    /** Bumped on every change of which servers can be chosen or of their weights. */
    long version() {
        return version.get();
    }

    // ---- plan

    /** Applies a plan's backend; existing servers keep their state unless the plan changed it. */
    void apply(Backend backend, long fullconn) {
        this.config = backend;
        this.settings = Settings.of(backend, fullconn);
        Map<String, ServerState> old = new HashMap<>();
        for (ServerState s : servers) {
            old.put(s.name(), s);
        }
        int[] ids = ids(backend.servers());
        ServerState[] next = new ServerState[backend.servers().size()];
        List<Runnable> changes = new ArrayList<>();
        for (int i = 0; i < next.length; i++) {
            Server server = backend.servers().get(i);
            ServerState s = old.remove(server.name());
            if (s == null) {
                s = new ServerState(this, server, ids[i]);
            } else {
                Server before = s.config();
                s.configure(server, ids[i]);
                ServerState st = s;
                if (before.weight() != server.weight()) {
                    changes.add(st::resetWeight);
                }
                if (!before.address().equals(server.address())) {
                    st.setRuntimeAddress(null); // the configuration moved the server: its address wins
                }
                if (before.disabled() != server.disabled()) {
                    changes.add(() -> st.setAdminState(server.disabled() ? AdminState.MAINT : AdminState.READY));
                }
            }
            next[i] = s;
        }
        this.servers = next;
        this.retired = false;
        this.balancer = Balancer.create(backend, this);
        changes.forEach(Runnable::run);
        for (ServerState gone : old.values()) {
            gone.markRemoved(true);
            serverChanged(gone);
        }
        serverChanged(null);
    }

    /** The backend left the plan: its servers are removed and every queued request is refused. */
    void retire() {
        retired = true;
        ServerState[] all = servers;
        servers = new ServerState[0];
        for (ServerState s : all) {
            s.markRemoved(true);
        }
        version.incrementAndGet();
        List<Pending> refused = new ArrayList<>();
        lock.lock();
        try {
            for (ServerState s : all) {
                while (s.queueHead != null) {
                    refused.add(take(s.queueHead));
                }
            }
            while (head != null) {
                refused.add(take(head));
            }
        } finally {
            lock.unlock();
        }
        refused.forEach(p -> p.complete(Refusal.NO_SERVER));
    }

    /**
     * HAProxy's server ids: an explicit {@code id}, else the first number not taken counting from
     * the server's position (1-based).
     */
    static int[] ids(List<Server> list) {
        int[] ids = new int[list.size()];
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            List<String> id = list.get(i).options().get("id");
            if (id != null && !id.isEmpty()) {
                try {
                    ids[i] = Integer.parseInt(id.get(0));
                    used.add(ids[i]);
                } catch (NumberFormatException e) {
                    ids[i] = 0;
                }
            }
        }
        int nextId = 1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] <= 0) {
                while (used.contains(nextId)) {
                    nextId++;
                }
                ids[i] = nextId;
                used.add(nextId);
            }
            nextId++;
        }
        return ids;
    }

    // ---- selection

    /** The servers load balancing may choose now; rebuilt after a state or weight change. */
    Group group() {
        Group g = group;
        long v = version.get();
        if (g.version == v) {
            return g;
        }
        g = buildGroup(v);
        group = g;
        return g;
    }

    private Group buildGroup(long v) {
        ServerState[] all = servers;
        List<ServerState> members = new ArrayList<>(all.length);
        for (ServerState s : all) {
            if (!s.isBackup() && s.isUsable()) {
                members.add(s);
            }
        }
        boolean backup = members.isEmpty();
        if (backup) {
            boolean allBackups = settings != null && settings.allBackups();
            for (ServerState s : all) {
                if (s.isBackup() && s.isUsable()) {
                    members.add(s);
                    if (!allBackups) {
                        break;
                    }
                }
            }
        }
        ServerState[] m = members.toArray(new ServerState[0]);
        int[] w = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            w[i] = m[i].weight();
        }
        return new Group(v, m, w, backup);
    }

    /**
     * Asks for a slot on a server chosen by the backend's algorithm.
     *
     * @param input what hashing algorithms read from the request
     * @param avoid servers to avoid if another one can be had (a retry's previous server); null for none
     * @return a {@link Slot} at once; a {@link Pending} place in a queue when the chosen server, or
     *     every server, is full; {@link Refusal#NO_SERVER} when no server can take traffic;
     *     {@link Refusal#QUEUE_FULL} when the chosen server's queue is at {@code maxqueue}
     */
    public Acquisition acquire(BalanceInput input, Predicate<? super ServerState> avoid) {
        Balancer b = balancer;
        if (retired || b == null || group().isEmpty()) {
            return Refusal.NO_SERVER;
        }
        if (queuedHere > 0 && b.fifo()) {
            return enqueue(null); // with round robin and first, a backend queue means every server is full
        }
        ServerState s = b.select(input, avoid);
        if (s == null) {
            return group().isEmpty() ? Refusal.NO_SERVER : enqueue(null);
        }
        return acquireOn(s);
    }

    /** {@link #acquire(BalanceInput, Predicate)} without a server to avoid. */
    public Acquisition acquire(BalanceInput input) {
        return acquire(input, null);
    }

    /**
     * Asks for a slot on {@code server} itself (persistence, {@code use-server}), queueing on that
     * server when it is full. Whether the server may take the request
     * ({@link ServerState#acceptsPersistent()}) is the caller's decision. On
     * {@link Refusal#QUEUE_FULL} HAProxy redispatches when {@code option redispatch} is set
     * ({@link RetryPolicy#redispatchWhenQueueFull()}).
     *
     * @throws IllegalArgumentException when the server belongs to another backend
     */
    public Acquisition acquire(ServerState server) {
        if (server.backend() != this) {
            throw new IllegalArgumentException(server + " is not a server of backend " + name);
        }
        if (server.isRemoved()) {
            return Refusal.NO_SERVER;
        }
        return acquireOn(server);
    }

    private Acquisition acquireOn(ServerState s) {
        if (s.queuedConnections() == 0 && s.tryReserve()) {
            return grant(s);
        }
        return enqueue(s);
    }

    private Slot grant(ServerState s) {
        counters.started(served.incrementAndGet());
        s.countConnection();
        return new Slot(s);
    }

    private Acquisition enqueue(ServerState target) {
        Pending p;
        List<Pending> granted;
        boolean grantedNow;
        lock.lock();
        try {
            if (target != null) {
                if (target.queuedConnections() == 0 && target.tryReserve()) {
                    return grant(target);
                }
                if (target.maxqueue() > 0 && target.queuedConnections() >= target.maxqueue()) {
                    return Refusal.QUEUE_FULL;
                }
            }
            p = new Pending(this, target, nextSeq++);
            link(p);
            granted = target != null ? dispatch(target, null) : dispatchAll(null);
            grantedNow = p.state == Pending.GRANTED;
        } finally {
            lock.unlock();
        }
        completeAll(granted);
        if (grantedNow) {
            return p.slot;
        }
        long ms = settings.queueTimeoutMs();
        if (timer != null && ms > 0) {
            QueueTimer.Timeout t = timer.schedule(p::expire, ms);
            p.timeout = t;
            if (p.future().isDone()) {
                t.cancel();
            }
        }
        return p;
    }

    // ---- queue

    private void link(Pending p) {
        ServerState s = p.target;
        if (s == null) {
            p.prev = tail;
            if (tail == null) {
                head = p;
            } else {
                tail.next = p;
            }
            tail = p;
            queuedHere++;
        } else {
            p.prev = s.queueTail;
            if (s.queueTail == null) {
                s.queueHead = p;
            } else {
                s.queueTail.next = p;
            }
            s.queueTail = p;
            s.queued(1);
        }
        queuedTotal++;
    }

    private void unlink(Pending p) {
        ServerState s = p.target;
        if (p.prev != null) {
            p.prev.next = p.next;
        } else if (s == null) {
            head = p.next;
        } else {
            s.queueHead = p.next;
        }
        if (p.next != null) {
            p.next.prev = p.prev;
        } else if (s == null) {
            tail = p.prev;
        } else {
            s.queueTail = p.prev;
        }
        p.prev = null;
        p.next = null;
        if (s == null) {
            queuedHere--;
        } else {
            s.queued(-1);
        }
        queuedTotal--;
    }

    /** Unlinks a waiting request and marks it done; under the lock. */
    private Pending take(Pending p) {
        unlink(p);
        p.state = Pending.DONE;
        return p;
    }

    /** Inserts {@code p} into the backend queue by age; under the lock. */
    private void linkByAge(Pending p) {
        Pending after = tail;
        while (after != null && after.seq > p.seq) {
            after = after.prev;
        }
        p.prev = after;
        p.next = after == null ? head : after.next;
        if (p.next != null) {
            p.next.prev = p;
        } else {
            tail = p;
        }
        if (after != null) {
            after.next = p;
        } else {
            head = p;
        }
        queuedHere++;
        queuedTotal++;
    }

    /**
     * Hands free slots of {@code s} to the oldest requests of its queue and, when it is one of the
     * servers load balancing may choose, of the backend queue; under the lock.
     */
    private List<Pending> dispatch(ServerState s, List<Pending> granted) {
        if (s.isRemoved()) {
            return granted;
        }
        boolean backendOk = head != null && group().contains(s);
        while (true) {
            Pending own = s.queueHead;
            Pending any = backendOk ? head : null;
            if (own == null && any == null) {
                return granted;
            }
            Pending p = own == null ? any : any == null || own.seq < any.seq ? own : any;
            if (!s.tryReserve()) {
                return granted;
            }
            unlink(p);
            p.target = s;
            p.state = Pending.GRANTED;
            p.slot = grant(s);
            if (granted == null) {
                granted = new ArrayList<>(4);
            }
            granted.add(p);
        }
    }

    private List<Pending> dispatchAll(List<Pending> granted) {
        for (ServerState s : servers) {
            if (queuedTotal == 0) {
                break;
            }
            granted = dispatch(s, granted);
        }
        return granted;
    }

    private static void completeAll(List<Pending> granted) {
        if (granted != null) {
            for (Pending p : granted) {
                p.complete(p.slot); // a cancellation that completed the future first released the slot
            }
        }
    }

    /** A slot of {@code s} was released: give it to the oldest waiter that may have it. */
    void release(ServerState s) {
        s.unreserve();
        served.decrementAndGet();
        if (s.queuedConnections() == 0 && queuedHere == 0) {
            return; // read after the decrement: a request queued since will see the free slot itself
        }
        List<Pending> granted;
        lock.lock();
        try {
            granted = dispatch(s, null);
        } finally {
            lock.unlock();
        }
        completeAll(granted);
    }

    /**
     * A server's state, weight or presence changed (null: the backend's configuration did):
     * selection tables are invalidated; requests queued on a server that can no longer serve them
     * go back to the backend queue with {@code option redispatch} (or are refused when a reload
     * removed the server); free slots go to waiting requests.
     */
    void serverChanged(ServerState s) {
        version.incrementAndGet();
        noteStatus();
        if (queuedTotal == 0) {
            return;
        }
        List<Pending> granted;
        List<Pending> refused = null;
        lock.lock();
        try {
            if (s != null && s.queueHead != null && !s.acceptsPersistent()) {
                if (settings.redispatch()) {
                    while (s.queueHead != null) {
                        Pending p = s.queueHead;
                        unlink(p);
                        p.target = null;
                        linkByAge(p);
                    }
                } else if (s.isRemoved()) {
                    refused = new ArrayList<>();
                    while (s.queueHead != null) {
                        refused.add(take(s.queueHead));
                    }
                }
            }
            granted = dispatchAll(null);
        } finally {
            lock.unlock();
        }
        completeAll(granted);
        if (refused != null) {
            refused.forEach(p -> p.complete(Refusal.NO_SERVER));
        }
    }

    /** Records a change between running (a server is running) and stopped in the backend's counters. */
    private synchronized void noteStatus() {
        boolean now = isRunning();
        if (now != running) {
            running = now;
            counters.statusChanged(now);
        }
    }

    boolean abandon(Pending p, Refusal reason) {
        Slot slot = null;
        boolean wasQueued = false;
        lock.lock();
        try {
            if (p.state == Pending.WAITING) {
                take(p);
                wasQueued = true;
            } else if (p.state == Pending.GRANTED) {
                slot = p.slot;
            }
        } finally {
            lock.unlock();
        }
        // Whoever completes the future owns the slot: the hand-over (the future then holds it) or
        // this cancellation (the slot then goes back).
        if (p.complete(reason) && slot != null) {
            slot.release();
        }
        return wasQueued;
    }

    boolean expire(Pending p) {
        boolean wasQueued = false;
        lock.lock();
        try {
            if (p.state == Pending.WAITING) {
                take(p);
                wasQueued = true;
            }
        } finally {
            lock.unlock();
        }
        if (wasQueued) {
            p.complete(Refusal.QUEUE_TIMEOUT);
        }
        return wasQueued;
    }

    @Override
    public String toString() {
        return "BackendState[" + name + ", servers=" + Arrays.toString(servers) + "]";
    }
}
