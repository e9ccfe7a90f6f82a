package dev.sluice.runtime.stick;

/**
 * The stick counters {@code sc0} to {@code sc2} of a session (a client connection) or of a stream
 * (one HTTP request, or the whole of a TCP connection): each is empty or holds the entry a
 * {@code track-sc} rule chose. A stream starts with its session's counters (those of
 * {@code tcp-request connection} and {@code session} rules), fills the empty ones with its own
 * {@code track-sc} rules, and gives back only its own when it ends, as HAProxy does.
 *
 * <p>Used by the connection's event loop only.
 */
public final class Trackers {

    /** How many counters a session or a stream has ({@code sc0}, {@code sc1}, {@code sc2}). */
    public static final int COUNT = 3;

    private final StickEntry[] entries = new StickEntry[COUNT];
    private final boolean[] own = new boolean[COUNT];

    private Trackers() {
    }

    /** A session's counters, all empty. */
    public static Trackers session() {
        return new Trackers();
    }

    /** A new stream's counters: a copy of this session's. */
    public Trackers stream() {
        Trackers s = new Trackers();
        System.arraycopy(entries, 0, s.entries, 0, COUNT);
        return s;
    }

    /** The entry counter {@code index} tracks, or null (also for an index past {@code sc2}). */
    public StickEntry get(int index) {
        return index >= 0 && index < COUNT ? entries[index] : null;
    }

    /**
     * Tracks {@code key} of {@code table} in counter {@code index} unless it already tracks
     * something: the entry is made if needed, held, and its {@code conn_cur}, {@code conn_cnt} and
     * {@code conn_rate} go up. Returns the entry newly tracked, or null (counter taken, table full).
     */
    public StickEntry track(int index, StickTable table, TableKey key) {
        if (index < 0 || index >= COUNT || entries[index] != null) {
            return null;
        }
        StickEntry e = table.acquire(key);
        if (e == null) {
            return null;
        }
        e.connectionStarted();
        entries[index] = e;
        own[index] = true;
        return e;
    }

    /** Adds {@code n} to a count and its rate ({@code http_req_cnt}, {@code http_req_rate}, ...) of each entry. */
    public void count(DataType counter, DataType rate, long n) {
        for (StickEntry e : entries) {
            if (e != null) {
                e.count(counter, rate, n);
            }
        }
    }

    /**
     * Gives back the entries this session or stream tracked itself: {@code conn_cur} goes down,
     * their expiry starts again.
     */
    public void release() {
        for (int i = 0; i < COUNT; i++) {
            if (own[i]) {
                StickEntry e = entries[i];
                e.connectionEnded();
                e.release();
                own[i] = false;
            }
            entries[i] = null;
        }
    }
}
