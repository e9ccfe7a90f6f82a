package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Server;
import dev.sluice.runtime.stats.ServerCounters;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live state of one server, kept apart from its immutable plan {@link Server} so that it
 * survives a reload: administrative state, operational state, current weight, connection and queue
 * counts, cumulative counters ({@link ServerCounters}), and an address set at run time.
 *
 * <p>Thread-safe. Every read is a volatile or atomic read, without locks. Changes of state and
 * weight are atomic swaps; each change that alters which servers can be chosen bumps the backend's
 * version, so balancers rebuild their tables on their next selection, and moves queued requests
 * as needed (a server coming up takes requests from the backend queue; with {@code option
 * redispatch} the requests queued on a server going down go back to the backend queue).
 */
public final class ServerState {

    /** The largest weight, as in HAProxy. */
    public static final int MAX_WEIGHT = 256;

    private final BackendState backend;
    private final String name;
    private volatile Server config;
    private volatile int id;
    private volatile int maxconn;
    private volatile int maxqueue;
    private volatile int minconn;
    private volatile boolean removed;
    private final AtomicReference<AdminState> admin;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger weight;
    private final AtomicInteger served = new AtomicInteger();
    /** Requests in this server's queue; written under the backend lock. */
    private volatile int queued;
    private final ServerCounters counters = new ServerCounters();
    /** Where new connections go instead of the configured address ({@code set server addr}), or null. */
    private volatile InetSocketAddress runtimeAddress;

    /** This server's queue, oldest first; guarded by the backend lock. */
    Pending queueHead;
    Pending queueTail;

    ServerState(BackendState backend, Server config, int id) {
        this.backend = backend;
        this.name = config.name();
        this.admin = new AtomicReference<>(config.disabled() ? AdminState.MAINT : AdminState.READY);
        this.weight = new AtomicInteger(clampWeight(config.weight()));
        configure(config, id);
        if (config.disabled()) {
            counters.statusChanged(false);
        }
    }

    /** Applies a new plan's settings; the caller decides what runtime state to keep. */
    void configure(Server config, int id) {
        int max = limit(config.maxconn());
        int min = limit(config.minconn());
        if (min > max) {
            max = min; // only minconn, or minconn above maxconn: a static limit of minconn
        }
        if (min <= 0) {
            min = max;
        }
        this.maxconn = max;
        this.minconn = min;
        this.maxqueue = limit(config.maxqueue());
        this.id = id;
        this.config = config;
    }

    private static int limit(Long value) {
        return value == null || value <= 0 ? 0 : (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static int clampWeight(int w) {
        return Math.max(0, Math.min(MAX_WEIGHT, w));
    }

    /** The backend this server belongs to. */
    public BackendState backend() {
        return backend;
    }

    /** The server's name. */
    public String name() {
        return name;
    }

    /** The server as the current plan configures it. */
    public Server config() {
        return config;
    }

    /** HAProxy's numeric id: {@code id} when set, else the first free number from its position on. */
    public int id() {
        return id;
    }

    /** {@code maxconn}, or 0 for no limit ({@code minconn} alone gives its value). */
    public int maxconn() {
        return maxconn;
    }

    /** {@code maxqueue}, or 0 for an unlimited queue. */
    public int maxqueue() {
        return maxqueue;
    }

    /** Whether the server is a {@code backup} server. */
    public boolean isBackup() {
        return config.backup();
    }

    /** True once a reload removed the server from its backend; it takes no new traffic. */
    public boolean isRemoved() {
        return removed;
    }

    // ---- states

    /** The administrative state. */
    public AdminState adminState() {
        return admin.get();
    }

    /** Sets the administrative state; returns the previous one. */
    public AdminState setAdminState(AdminState state) {
        AdminState previous = admin.getAndSet(Objects.requireNonNull(state, "state"));
        if (previous != state) {
            counters.statusChanged(isRunning());
            backend.serverChanged(this);
        }
        return previous;
    }

    /** Whether the server is operationally up (health checks set it down). */
    public boolean isUp() {
        return up.get();
    }

    /** Sets the operational state; returns the previous one. */
    public boolean setUp(boolean isUp) {
        boolean previous = up.getAndSet(isUp);
        if (previous != isUp) {
            counters.statusChanged(isRunning());
            backend.serverChanged(this);
        }
        return previous;
    }

    /** The current weight, 0 to 256; 0 takes no load-balanced traffic but still persistent requests. */
    public int weight() {
        return weight.get();
    }

    /**
     * Sets the current weight (0 to 256) and returns the previous one. The static algorithms
     * ({@code static-rr} and {@code map-based} hashing) only see whether it is zero, as HAProxy's
     * {@code set weight} accepts only 0% or 100% for them ({@link Balancer#dynamicWeights()});
     * {@code first} ignores weights other than 0.
     *
     * @throws IllegalArgumentException outside 0 to 256
     */
    public int setWeight(int newWeight) {
        if (newWeight < 0 || newWeight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be between 0 and " + MAX_WEIGHT + ": " + newWeight);
        }
        int previous = weight.getAndSet(newWeight);
        if (previous != newWeight) {
            backend.serverChanged(this);
        }
        return previous;
    }

    /** Restores the configured weight. */
    public int resetWeight() {
        return setWeight(clampWeight(config.weight()));
    }

    /** Load balancing may choose it: ready, up, a weight above zero, still in the plan. */
    public boolean isUsable() {
        return !removed && admin.get() == AdminState.READY && up.get() && weight.get() > 0;
    }

    /** Up and not in maintenance: what HAProxy's statistics call running (a draining server is running). */
    public boolean isRunning() {
        return admin.get() != AdminState.MAINT && up.get();
    }

    /** A persistent request (cookie, stick table) may go to it: up and not in maintenance; drain and weight 0 allowed. */
    public boolean acceptsPersistent() {
        return !removed && admin.get() != AdminState.MAINT && up.get();
    }

    // ---- address

    /** The address set at run time, or null when new connections go to the configured one. */
    public InetSocketAddress runtimeAddress() {
        return runtimeAddress;
    }

    /** Where new connections go: the address set at run time, else {@code configured}. */
    public InetSocketAddress address(InetSocketAddress configured) {
        InetSocketAddress set = runtimeAddress;
        return set != null ? set : configured;
    }

    /**
     * Sends new connections to {@code address} (null: back to the configured address). It stays
     * across reloads until a new configuration changes the server's address.
     */
    public void setRuntimeAddress(InetSocketAddress address) {
        runtimeAddress = address;
    }

    // ---- connections

    /** Requests holding a slot on this server. */
    public int activeConnections() {
        return served.get();
    }

    /** Requests waiting in this server's own queue. */
    public int queuedConnections() {
        return queued;
    }

    /**
     * The connection limit now: {@code maxconn}, or with {@code minconn} the ramp between
     * {@code minconn} and {@code maxconn} as the backend's load approaches {@code fullconn};
     * {@link Integer#MAX_VALUE} without a limit.
     */
    public int effectiveMaxconn() {
        int max = maxconn;
        if (max == 0) {
            return Integer.MAX_VALUE;
        }
        int min = minconn;
        long full = backend.settings().fullconn();
        long load = backend.load();
        if (min == max || full <= 0 || load >= full) {
            return max;
        }
        return (int) Math.max(min, Math.max(1, load * max / full));
    }

    /** No room for one more request without queueing: a limit, and a queue or every slot taken. */
    public boolean isSaturated() {
        return maxconn != 0 && (queued > 0 || served.get() >= effectiveMaxconn());
    }

    /** What {@code leastconn} accepts: room for a connection, or room in an explicit {@code maxqueue}. */
    boolean hasRoomOrQueueSpace() {
        return maxconn == 0 || served.get() + queued < (long) effectiveMaxconn() + maxqueue;
    }

    /** Takes a slot if the limit allows it, ignoring the queue; the caller counts the connection. */
    boolean tryReserve() {
        if (maxconn == 0) {
            served.incrementAndGet();
            return true;
        }
        while (true) {
            int now = served.get();
            if (now >= effectiveMaxconn()) {
                return false;
            }
            if (served.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void unreserve() {
        served.decrementAndGet();
    }

    void queued(int delta) {
        queued += delta; // under the backend lock
    }

    void markRemoved(boolean isRemoved) {
        removed = isRemoved;
    }

    // ---- counters

    /** The server's statistics: sessions, bytes, errors, responses, checks. */
    public ServerCounters counters() {
        return counters;
    }

    /** Times load balancing chose this server. */
    public long selectedCount() {
        return counters.selectedCount();
    }

    /** Slots given on this server (connections or, in HTTP, requests). */
    public long connectionCount() {
        return counters.sessions();
    }

    /** Connection failures reported with {@link #recordFailure()}. */
    public long failureCount() {
        return counters.connectionErrors();
    }

    /** Counts a failed connection attempt, here and on the backend. */
    public void recordFailure() {
        counters.connectionError();
        backend.counters().connectionError();
    }

    void countSelected() {
        counters.selected();
        backend.counters().selected();
    }

    void countConnection() {
        counters.started(served.get());
    }

    @Override
    public String toString() {
        return backend.name() + "/" + name;
    }
}
