package dev.sluice.runtime.stats;

import dev.sluice.runtime.LoopClock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cumulative counters of a frontend, a backend or the whole process, with the names of
 * HAProxy's {@code show stat} columns where they have one. Each object outlives plans: it is
 * found again by its proxy's name after a reload.
 *
 * <p>Thread-safe: every event loop counts into the same object, with {@link LongAdder}s and
 * atomics, never a lock. Objects are resolved once per connection or request, so counting is
 * never a lookup.
 */
public class Counters {

    /** HTTP status classes: 1xx to 5xx, then any other status. */
    public static final int STATUS_CLASSES = 6;

    private final AtomicLong current = new AtomicLong();
    private final AtomicLong max = new AtomicLong();
    private final LongAdder sessions = new LongAdder();
    private final Rate sessionRate = new Rate();
    private volatile long lastSessionMs;
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder deniedRequests = new LongAdder();
    private final LongAdder deniedResponses = new LongAdder();
    private final LongAdder requestErrors = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder responseErrors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder redispatches = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Rate requestRate = new Rate();
    private final LongAdder selected = new LongAdder();
    private final LongAdder[] responses = new LongAdder[STATUS_CLASSES];

    // up/down history, for the backends and servers that have one
    private volatile long lastChangeMs = System.currentTimeMillis();
    private volatile long downSinceMs;
    private final AtomicLong downtimeMs = new AtomicLong();
    private final LongAdder downs = new LongAdder();

    public Counters() {
        for (int i = 0; i < STATUS_CLASSES; i++) {
            responses[i] = new LongAdder();
        }
    }

    // ---- sessions

    /**
     * A frontend accepted a connection: counted as a current and a cumulative session. Call
     * {@link #closed()} when it ends.
     */
    public void opened() {
        long now = current.incrementAndGet();
        started(now);
    }

    /** A session counted by {@link #opened()} ended. */
    public void closed() {
        current.decrementAndGet();
    }

    /**
     * A backend or server took a session; {@code concurrent} is how many it holds now, counting
     * this one (its own count: see {@link #current()}).
     */
    public void started(long concurrent) {
        long nowMs = LoopClock.currentTimeMillis();
        sessions.increment();
        sessionRate.add(nowMs);
        lastSessionMs = nowMs;
        long m = max.get();
        while (concurrent > m && !max.compareAndSet(m, concurrent)) {
            m = max.get();
        }
    }

    /** Sessions open now, as counted by {@link #opened()} and {@link #closed()}. */
    public long current() {
        return current.get();
    }

    /** The most sessions open at once ({@code smax}). */
    public long maxSessions() {
        return max.get();
    }

    /** Sessions since the start ({@code stot}). */
    public long sessions() {
        return sessions.sum();
    }

    /** Sessions per second now ({@code rate}). */
    public long sessionRate() {
        return sessionRate.read(System.currentTimeMillis());
    }

    /** The highest session rate seen ({@code rate_max}). */
    public long maxSessionRate() {
        return sessionRate.max();
    }

    /** When the last session started, in milliseconds since the epoch; 0 before the first. */
    public long lastSessionMs() {
        return lastSessionMs;
    }

    // ---- bytes

    public void bytesIn(long n) {
        bytesIn.add(n);
    }

    public void bytesOut(long n) {
        bytesOut.add(n);
    }

    /** Bytes received from clients ({@code bin}). */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Bytes sent to clients ({@code bout}). */
    public long bytesOut() {
        return bytesOut.sum();
    }

    // ---- HTTP

    /** An HTTP request arrived at a frontend: counted, and in the request rate. */
    public void request() {
        requests.increment();
        requestRate.add(LoopClock.currentTimeMillis());
    }

    /**
     * An HTTP request was routed to a backend or sent to a server, or arrived in the process:
     * counted, without a rate (the statistics show the request rate of frontends only).
     */
    public void countRequest() {
        requests.increment();
    }

    /** HTTP requests ({@code req_tot}). */
    public long requests() {
        return requests.sum();
    }

    /** HTTP requests per second now ({@code req_rate}). */
    public long requestRate() {
        return requestRate.read(System.currentTimeMillis());
    }

    /** The highest request rate seen ({@code req_rate_max}). */
    public long maxRequestRate() {
        return requestRate.max();
    }

    /** An HTTP response with {@code status} was sent (a frontend) or came from here. */
    public void response(int status) {
        int c = status / 100;
        responses[c >= 1 && c <= 5 ? c - 1 : 5].increment();
    }

    /**
     * Responses of status class {@code index}: 0 for 1xx ... 4 for 5xx, 5 for others
     * ({@code hrsp_1xx} ... {@code hrsp_other}).
     */
    public long responses(int index) {
        return responses[index].sum();
    }

    // ---- denials and errors

    public void deniedRequest() {
        deniedRequests.increment();
    }

    public void deniedResponse() {
        deniedResponses.increment();
    }

    public void requestError() {
        requestErrors.increment();
    }

    public void connectionError() {
        connectionErrors.increment();
    }

    public void responseError() {
        responseErrors.increment();
    }

    public void retry() {
        retries.increment();
    }

    public void redispatch() {
        redispatches.increment();
    }

    /** Requests denied by rules ({@code dreq}). */
    public long deniedRequests() {
        return deniedRequests.sum();
    }

    /** Responses denied by rules ({@code dresp}). */
    public long deniedResponses() {
        return deniedResponses.sum();
    }

    /** Requests the client sent wrong or not at all ({@code ereq}). */
    public long requestErrors() {
        return requestErrors.sum();
    }

    /** Connections to servers that failed ({@code econ}). */
    public long connectionErrors() {
        return connectionErrors.sum();
    }

    /** Responses that failed: the server closed or timed out before the response ended ({@code eresp}). */
    public long responseErrors() {
        return responseErrors.sum();
    }

    /** Connections tried again on the same server ({@code wretr}). */
    public long retries() {
        return retries.sum();
    }

    /** Requests sent to another server after a failure ({@code wredis}). */
    public long redispatches() {
        return redispatches.sum();
    }

    // ---- load balancing

    /** Load balancing chose a server (of this backend, or this server). */
    public void selected() {
        selected.increment();
    }

    /** Times load balancing chose a server ({@code lbtot}). */
    public long selectedCount() {
        return selected.sum();
    }

    // ---- up and down

    /**
     * The status changed: up (taking traffic) or stopped (down or in maintenance). Counts a
     * transition to stopped ({@code chkdown}) and the time spent stopped ({@code downtime}).
     */
    public synchronized void statusChanged(boolean up) {
        long now = System.currentTimeMillis();
        lastChangeMs = now;
        if (!up && downSinceMs == 0) {
            downSinceMs = now;
            downs.increment();
        } else if (up && downSinceMs != 0) {
            downtimeMs.addAndGet(now - downSinceMs);
            downSinceMs = 0;
        }
    }

    /** When the status last changed, in milliseconds since the epoch ({@code lastchg}). */
    public long lastChangeMs() {
        return lastChangeMs;
    }

    /** Time spent stopped, the current stop included ({@code downtime}). */
    public long downtimeMs() {
        long since = downSinceMs;
        return downtimeMs.get() + (since == 0 ? 0 : System.currentTimeMillis() - since);
    }

    /** Transitions to stopped ({@code chkdown}). */
    public long downs() {
        return downs.sum();
    }
}
