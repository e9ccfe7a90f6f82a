package dev.sluice.runtime.stick;

/**
 * One entry of a stick table: its key, the data the table stores for it, and how many trackers
 * hold it. Every change of its data touches it (its expiry starts again); reading does not. An
 * entry that trackers hold is neither evicted nor expired.
 *
 * <p>Thread-safe: the data is read and written under the entry's own lock, so that only requests
 * for the same key ever wait for each other. Reads of data the table does not store return
 * {@link #ABSENT}. When a reload changes what the table stores, the entry's data follows the new
 * layout on its next access (data types kept keep their values, new ones start at 0).
 */
public final class StickEntry {

    /** What reading data the table does not store returns. */
    public static final long ABSENT = Long.MIN_VALUE;

    private final StickTable table;
    private final TableKey key;
    private final long serial;
    /** When its data last changed; the table's clock. */
    private volatile long touchedAt;
    /** Its place in the table's age order; replaced by the table when it moves. */
    volatile StickTable.Age age;

    // guarded by this
    private Layout layout;
    private long[] data;
    private String serverKey;
    private int refs;
    private boolean removed;

    StickEntry(StickTable table, TableKey key, long serial, long now) {
        this.table = table;
        this.key = key;
        this.serial = serial;
        this.touchedAt = now;
        this.layout = table.layout();
        this.data = fresh(layout);
    }

    private static long[] fresh(Layout layout) {
        long[] d = new long[layout.slots()];
        for (Layout.Stored s : layout.stored()) {
            if (s.type().isRate()) {
                for (int i = 0; i < layout.elements(s.type()); i++) {
                    FreqCounter.reset(d, layout.offset(s.type(), i));
                }
            }
        }
        return d;
    }

    public StickTable table() {
        return table;
    }

    public TableKey key() {
        return key;
    }

    /** A number unique in its table, which {@code show table} prints in place of an address. */
    long serial() {
        return serial;
    }

    long touchedAt() {
        return touchedAt;
    }

    /** Touches the entry: its expiry starts again from now (a stick rule that matched it does this). */
    public void touch() {
        touchedAt = table.now();
    }

    /** The data in the table's current layout; called with the lock held. */
    private Layout current() {
        Layout now = table.layout();
        if (layout != now) {
            long[] next = fresh(now);
            for (Layout.Stored s : now.stored()) {
                DataType t = s.type();
                int n = Math.min(now.elements(t), layout.elements(t));
                int width = t.isRate() ? 3 : 1;
                for (int i = 0; i < n && t != DataType.SERVER_KEY; i++) {
                    System.arraycopy(data, layout.offset(t, i), next, now.offset(t, i), width);
                }
            }
            if (!now.stores(DataType.SERVER_KEY)) {
                serverKey = null;
            }
            data = next;
            layout = now;
        }
        return layout;
    }

    // ---- references

    /** Holds the entry for a tracker; false when the table has dropped it meanwhile. */
    synchronized boolean acquire() {
        if (removed) {
            return false;
        }
        refs++;
        return true;
    }

    /** A tracker lets go of it: its expiry starts again from now. */
    synchronized void release() {
        if (refs > 0) {
            refs--;
        }
        touch();
    }

    /** How many trackers hold it. */
    public synchronized int refs() {
        return refs;
    }

    /** Marks it removed unless a tracker holds it; the table then drops it. */
    synchronized boolean markRemoved() {
        if (refs > 0 || removed) {
            return false;
        }
        removed = true;
        return true;
    }

    synchronized boolean isRemoved() {
        return removed;
    }

    // ---- reading

    /** The value of {@code t} (a rate as events per period), or {@link #ABSENT}. */
    public long read(DataType t) {
        return read(t, 0);
    }

    /** The value of element {@code index} of {@code t}, or {@link #ABSENT}. */
    public synchronized long read(DataType t, int index) {
        Layout l = current();
        int at = l.offset(t, index);
        if (at < 0 || t == DataType.SERVER_KEY) {
            return ABSENT;
        }
        return t.isRate() ? FreqCounter.read(data, at, l.period(t), table.now()) : data[at];
    }

    /**
     * The first of {@code types} the table stores, read at element {@code index} (HAProxy reads
     * {@code gpc0} from {@code gpc[0]} when the table has no {@code gpc0}); {@link #ABSENT} when
     * it stores none.
     */
    public synchronized long readFirst(DataType preferred, DataType fallback, int index) {
        long v = read(preferred, 0);
        return v != ABSENT ? v : read(fallback, index);
    }

    /** The server's name or address stored by a stick rule, or null. */
    public synchronized String serverKey() {
        current();
        return serverKey;
    }

    // ---- writing

    /**
     * Adds {@code n} to element {@code index} of counter or rate {@code t}: a counter's new value,
     * a rate's events in its current period; {@link #ABSENT} when it is not stored.
     */
    public synchronized long add(DataType t, int index, long n) {
        Layout l = current();
        int at = l.offset(t, index);
        if (at < 0 || t == DataType.SERVER_KEY) {
            return ABSENT;
        }
        touch();
        if (t.isRate()) {
            return FreqCounter.add(data, at, l.period(t), table.now(), n);
        }
        data[at] = wrap(t, data[at] + n);
        return data[at];
    }

    /** Sets element {@code index} of {@code t}; false when it is not stored. */
    public synchronized boolean set(DataType t, int index, long value) {
        Layout l = current();
        int at = l.offset(t, index);
        if (at < 0 || t == DataType.SERVER_KEY) {
            return false;
        }
        touch();
        if (t.isRate()) {
            FreqCounter.set(data, at, table.now(), value);
        } else {
            data[at] = wrap(t, value);
        }
        return true;
    }

    private static long wrap(DataType t, long v) {
        return switch (t.kind()) {
            case UINT -> v & 0xFFFF_FFFFL;
            case SINT -> (int) v;
            default -> v;
        };
    }

    /** Adds {@code n} to a count and its rate ({@code http_req_cnt} and {@code http_req_rate}, ...). */
    public synchronized void count(DataType counter, DataType rate, long n) {
        Layout l = current();
        int c = l.offset(counter, 0);
        int r = l.offset(rate, 0);
        if (c < 0 && r < 0) {
            return;
        }
        touch();
        if (c >= 0) {
            data[c] = wrap(counter, data[c] + n);
        }
        if (r >= 0) {
            FreqCounter.add(data, r, l.period(rate), table.now(), n);
        }
    }

    /**
     * Increments a general purpose counter and its rate, as {@code sc-inc-gpc*} and
     * {@code sc_inc_gpc*} do: {@code gpc0}/{@code gpc0_rate} (element 0 of {@code gpc} and
     * {@code gpc_rate} when the table has no {@code gpc0}), {@code gpc1} (element 1), or element
     * {@code index} of the arrays. Returns the counter's new value, else the rate's events in its
     * current period, else 0 when the table stores neither.
     */
    private synchronized long incrementGpc(DataType counter, DataType rate, int index) {
        Layout l = current();
        int c = offset(l, counter, DataType.GPC, index);
        int r = offset(l, rate, DataType.GPC_RATE, index);
        if (c < 0 && r < 0) {
            return 0;
        }
        touch();
        long result = 0;
        if (r >= 0) {
            result = FreqCounter.add(data, r, l.period(l.offset(rate, 0) >= 0 ? rate : DataType.GPC_RATE),
                    table.now(), 1);
        }
        if (c >= 0) {
            data[c] = wrap(DataType.GPC, data[c] + 1);
            result = data[c];
        }
        return result;
    }

    /** {@code sc-inc-gpc0}: {@code gpc0} and {@code gpc0_rate}, else element 0 of the arrays. */
    public long incrementGpc0() {
        return incrementGpc(DataType.GPC0, DataType.GPC0_RATE, 0);
    }

    /** {@code sc-inc-gpc1}: {@code gpc1} and {@code gpc1_rate}, else element 1 of the arrays. */
    public long incrementGpc1() {
        return incrementGpc(DataType.GPC1, DataType.GPC1_RATE, 1);
    }

    /** {@code sc-inc-gpc(I,N)}: element {@code index} of {@code gpc} and {@code gpc_rate}. */
    public long incrementGpc(int index) {
        return incrementGpc(DataType.GPC, DataType.GPC_RATE, index);
    }

    /**
     * Sets a counter to 0 ({@code gpc0} or {@code gpc1}, falling back on element 0 or 1 of
     * {@code gpc}; or element {@code index} of {@code gpc}); returns its value before, or
     * {@link #ABSENT} when the table stores neither.
     */
    public synchronized long clearFirst(DataType counter, int index) {
        int at = offset(current(), counter, DataType.GPC, index);
        if (at < 0) {
            return ABSENT;
        }
        touch();
        long before = data[at];
        data[at] = 0;
        return before;
    }

    /**
     * {@code sc-set-gpt0} ({@code gpt0}, else element 0 of {@code gpt}) or {@code sc-set-gpt}
     * (element {@code index} of {@code gpt}); false when the table stores neither.
     */
    public synchronized boolean setGpt(DataType tag, int index, long value) {
        int at = offset(current(), tag, DataType.GPT, index);
        if (at < 0) {
            return false;
        }
        touch();
        data[at] = value & 0xFFFF_FFFFL;
        return true;
    }

    /** The slot of a scalar {@code t} or, when the table lacks it, of element {@code index} of {@code array}. */
    private static int offset(Layout l, DataType t, DataType array, int index) {
        if (t.isArray()) {
            return l.offset(t, index);
        }
        int at = l.offset(t, 0);
        return at >= 0 ? at : l.offset(array, index);
    }

    /** Starts a tracker's connection: {@code conn_cur}, {@code conn_cnt} and {@code conn_rate} go up. */
    synchronized void connectionStarted() {
        Layout l = current();
        touch();
        int cur = l.offset(DataType.CONN_CUR, 0);
        if (cur >= 0) {
            data[cur] = wrap(DataType.CONN_CUR, data[cur] + 1);
        }
        count(DataType.CONN_CNT, DataType.CONN_RATE, 1);
    }

    /** Ends a tracker's connection: {@code conn_cur} goes down (never below 0). */
    synchronized void connectionEnded() {
        int cur = current().offset(DataType.CONN_CUR, 0);
        if (cur >= 0) {
            if (data[cur] > 0) {
                data[cur]--;
            }
            touch();
        }
    }

    /** Records the server a stick rule sent the request to: its id and its name (or address). */
    public synchronized void setServer(int id, String key) {
        Layout l = current();
        int at = l.offset(DataType.SERVER_ID, 0);
        if (at >= 0) {
            data[at] = id;
        }
        if (l.stores(DataType.SERVER_KEY)) {
            serverKey = key;
        }
        touch();
    }

    /** The stored values as {@code show table} prints them, after the key, use and expiry. */
    synchronized void appendData(StringBuilder out) {
        Layout l = current();
        long now = table.now();
        for (DataType t : DataType.values()) {
            int n = l.elements(t);
            for (int i = 0; i < n; i++) {
                out.append(' ').append(t.elementName(i));
                if (t.isRate()) {
                    out.append('(').append(l.period(t)).append(')');
                }
                out.append('=');
                if (t == DataType.SERVER_KEY) {
                    out.append(serverKey == null ? "-" : serverKey);
                } else if (t.isRate()) {
                    out.append(FreqCounter.read(data, l.offset(t, i), l.period(t), now));
                } else {
                    out.append(data[l.offset(t, i)]);
                }
            }
        }
    }
}
