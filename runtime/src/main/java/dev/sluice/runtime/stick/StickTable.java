package dev.sluice.runtime.stick;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A stick table: entries by key, at most {@code size} of them, each holding the data the table
 * stores. An entry not touched (its data changed) for {@code expire} disappears, unless a tracker
 * holds it; a table without {@code expire} keeps its entries until it is full. A full table makes
 * room for a new entry by evicting the least recently touched one no tracker holds (or, with
 * {@code nopurge}, refuses the new entry).
 *
 * <p>Thread-safe and lock-free on the way to an entry: a concurrent map finds it, its own lock
 * guards its data. The age order is a concurrent skip list that a touch does not reorder (a touch
 * is a volatile write): the entries found out of place when the oldest are looked for move then,
 * as HAProxy's expiry tree does. Expired entries go as the table is used (a lookup never returns
 * one) and when its contents are listed.
 */
public final class StickTable {

    /** The most entries one purge step looks at, so that no request pays for a large backlog. */
    private static final int PURGE_STEP = 256;

    /** What a reload may change without losing the entries. */
    record Settings(long size, Long expireMs, boolean noPurge, Layout layout, boolean serverKeyIsAddress) {

        Settings {
            if (size < 1) {
                throw new IllegalArgumentException("a stick table needs a size of at least 1");
            }
            Objects.requireNonNull(layout, "layout");
        }
    }

    /** An entry's place in the age order: when it was last seen touched, then its serial. */
    record Age(long at, long serial, StickEntry entry) {}

    private static final Comparator<Age> OLDEST_FIRST = Comparator.comparingLong(Age::at)
            .thenComparingLong(Age::serial);

    private final String name;
    private final KeyType type;
    private final int keyLength;
    private final LongSupplier clock;
    private volatile Settings settings;

    private final ConcurrentHashMap<TableKey, StickEntry> entries = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Age> ages = new ConcurrentSkipListSet<>(OLDEST_FIRST);
    private final AtomicInteger used = new AtomicInteger();
    private final AtomicLong serials = new AtomicLong();
    private final AtomicBoolean purging = new AtomicBoolean();
    private volatile long nextPurge = Long.MIN_VALUE;

    StickTable(String name, KeyType type, int keyLength, Settings settings, LongSupplier clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.keyLength = keyLength;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The table's name: its proxy's, or {@code PEERS/NAME} for a table of a peers section. */
    public String name() {
        return name;
    }

    public KeyType type() {
        return type;
    }

    /** The key length of a string or binary table ({@code len}); 4 or 16 for addresses, 4 for integers. */
    public int keyLength() {
        return keyLength;
    }

    /** {@code size}: the most entries it holds. */
    public long size() {
        return settings.size();
    }

    /** {@code expire} in milliseconds, or null when entries never expire. */
    public Long expireMs() {
        return settings.expireMs();
    }

    /** Whether the table stores {@code t} (any element of it). */
    public boolean stores(DataType t) {
        return settings.layout().stores(t);
    }

    /** Whether {@code server_key} holds a server's address rather than its name ({@code srvkey addr}). */
    public boolean serverKeyIsAddress() {
        return settings.serverKeyIsAddress();
    }

    Layout layout() {
        return settings.layout();
    }

    Settings settings() {
        return settings;
    }

    long now() {
        return clock.getAsLong();
    }

    /** Entries in the table, expired ones dropped first. */
    public int used() {
        purgeExpired(Integer.MAX_VALUE);
        return used.get();
    }

    /** Room left: {@code size} minus the entries in the table. */
    public long available() {
        return size() - used();
    }

    /**
     * Entries in the table as a request sees them ({@code table_cnt}): expired entries go a step
     * at a time, as on every lookup, so that no request pays for a large backlog; like HAProxy's
     * count, it may include entries that expired since the last step.
     */
    public int usedNow() {
        purgeSome();
        return used.get();
    }

    // ---- finding entries

    /** The entry of {@code key}, or null (an expired entry is dropped and not returned). */
    public StickEntry lookup(TableKey key) {
        purgeSome();
        StickEntry e = entries.get(key);
        if (e != null && expired(e, now())) {
            drop(e);
            return null;
        }
        return e;
    }

    /**
     * The entry of {@code key}, made when there is none (touched, with every counter at 0); null
     * when the table is full and no entry can make room.
     */
    public StickEntry getOrCreate(TableKey key) {
        purgeSome();
        for (;;) {
            StickEntry e = entries.get(key);
            if (e != null) {
                if (!expired(e, now()) || !drop(e)) {
                    return e;
                }
                continue;
            }
            if (!reserve()) {
                return null;
            }
            StickEntry created = new StickEntry(this, key, serials.incrementAndGet(), now());
            StickEntry raced = entries.putIfAbsent(key, created);
            if (raced != null) {
                used.decrementAndGet();
                continue;
            }
            Age age = new Age(created.touchedAt(), created.serial(), created);
            created.age = age;
            ages.add(age);
            return created;
        }
    }

    /**
     * The entry of {@code key}, held for a tracker ({@link StickEntry#release()} lets it go);
     * null when the table is full.
     */
    StickEntry acquire(TableKey key) {
        for (;;) {
            StickEntry e = getOrCreate(key);
            if (e == null || e.acquire()) {
                return e;
            }
            // dropped between the lookup and the hold: look again
        }
    }

    /** The entries, ordered by key as HAProxy lists them (expired ones dropped first). */
    public List<StickEntry> entries() {
        purgeExpired(Integer.MAX_VALUE);
        List<StickEntry> out = new ArrayList<>(entries.values());
        out.sort(Comparator.comparing(StickEntry::key));
        return out;
    }

    /** Removes {@code e} unless a tracker holds it. */
    public boolean remove(StickEntry e) {
        return e.table() == this && drop(e);
    }

    // ---- size and age

    /** Counts one more entry, evicting the oldest free entry when the table is full. */
    private boolean reserve() {
        for (;;) {
            int n = used.get();
            if (n < size()) {
                if (used.compareAndSet(n, n + 1)) {
                    return true;
                }
                continue;
            }
            if (settings.noPurge() || !evictOldest()) {
                return false;
            }
        }
    }

    /** Drops the least recently touched entry no tracker holds; false when every entry is held. */
    private boolean evictOldest() {
        for (Age a : ages) {
            StickEntry e = a.entry();
            if (e.age != a) {
                continue; // moved meanwhile
            }
            if (e.touchedAt() > a.at()) {
                moveTo(a, e.touchedAt());
                continue;
            }
            if (drop(e)) {
                return true;
            }
        }
        return false;
    }

    /** Evicts the oldest free entries until at most {@code size} are left (after a reload shrinks it). */
    void shrinkToSize() {
        while (used.get() > size() && evictOldest()) {
            // one at a time, oldest first
        }
    }

    private boolean expired(StickEntry e, long now) {
        Long expire = settings.expireMs();
        return expire != null && now - e.touchedAt() >= expire && e.refs() == 0;
    }

    /** Removes {@code e} from the table unless a tracker holds it (or it is gone already). */
    private boolean drop(StickEntry e) {
        if (!e.markRemoved()) {
            return false;
        }
        Age a = e.age;
        if (a != null) {
            ages.remove(a);
        }
        if (entries.remove(e.key(), e)) {
            used.decrementAndGet();
        }
        return true;
    }

    /** Puts {@code a}'s entry back in the age order at {@code at}, unless another thread moved it first. */
    private void moveTo(Age a, long at) {
        if (ages.remove(a)) {
            Age moved = new Age(at, a.serial(), a.entry());
            a.entry().age = moved;
            ages.add(moved);
            if (a.entry().isRemoved()) {
                ages.remove(moved);
            }
        }
    }

    /** A bounded purge when one is due; at most one thread purges at a time, the others go on. */
    private void purgeSome() {
        if (settings.expireMs() != null && now() >= nextPurge) {
            purgeExpired(PURGE_STEP);
        }
    }

    /**
     * Drops expired entries, oldest first, looking at {@code limit} entries at most. An entry
     * touched since it took its place moves; one a tracker holds is looked at again after
     * {@code expire}.
     */
    void purgeExpired(int limit) {
        Long expire = settings.expireMs();
        if (expire == null || !purging.compareAndSet(false, true)) {
            return;
        }
        try {
            long now = now();
            int seen = 0;
            long next = now + expire;
            for (Age a : ages) {
                if (++seen > limit) {
                    next = now;
                    break;
                }
                if (a.at() + expire > now) {
                    next = a.at() + expire;
                    break;
                }
                StickEntry e = a.entry();
                if (e.age != a) {
                    continue;
                }
                if (e.touchedAt() > a.at()) {
                    moveTo(a, e.touchedAt());
                } else if (!drop(e) && !e.isRemoved()) {
                    moveTo(a, now); // held by a tracker: look again later
                }
            }
            nextPurge = next;
        } finally {
            purging.set(false);
        }
    }

    /** Applies new settings (a reload): a smaller size evicts the oldest free entries. */
    void reconfigure(Settings next) {
        this.settings = next;
        nextPurge = Long.MIN_VALUE;
        shrinkToSize();
    }

    /** One entry as {@code show table} prints it. */
    String line(StickEntry e) {
        StringBuilder b = new StringBuilder(96);
        b.append(String.format("0x%012x", e.serial())).append(": key=").append(type.format(e.key()));
        Long expire = settings.expireMs();
        long exp = expire == null ? 0 : Math.max(0, e.touchedAt() + expire - now());
        b.append(" use=").append(e.refs()).append(" exp=").append(exp);
        e.appendData(b);
        return b.toString();
    }

    @Override
    public String toString() {
        return "stick-table " + name + " (" + type.keyword() + ")";
    }
}
