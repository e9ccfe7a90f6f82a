package dev.sluice.runtime.balance;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The ring of {@code hash-type consistent} and {@code balance random}: each server has
 * {@code weight × 16} points, point {@code j} of the server with id {@code id} at
 * {@code avalanche(id × 4096 + j)}; a key goes to the nearest point on either side (the one before
 * on a tie). The points depend only on the server's id and weight, so a server going down or up
 * moves only the keys of its own points, and the placement is HAProxy's: the same ids and weights
 * give the same mapping. Immutable.
 */
final class ConsistentRing {

    /** Points per unit of weight (HAProxy's BE_WEIGHT_SCALE). */
    static final int POINTS_PER_WEIGHT = 16;
    /** Points reserved per server id: 256 × 16. */
    static final int ID_STRIDE = ServerState.MAX_WEIGHT * POINTS_PER_WEIGHT;

    private final int[] keys;
    private final ServerState[] owners;

    private ConsistentRing(int[] keys, ServerState[] owners) {
        this.keys = keys;
        this.owners = owners;
    }

    /** The ring of {@code members} with weights {@code weights}. */
    static ConsistentRing build(ServerState[] members, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w * POINTS_PER_WEIGHT;
        }
        long[] packed = new long[total];
        int n = 0;
        for (int m = 0; m < members.length; m++) {
            int base = members[m].id() * ID_STRIDE;
            for (int j = 0; j < weights[m] * POINTS_PER_WEIGHT; j++) {
                // the key's sign bit flipped, so that signed order is the keys' unsigned order
                int key = HashFunction.avalanche(base + j) ^ Integer.MIN_VALUE;
                packed[n++] = (long) key << 32 | m;
            }
        }
        Arrays.sort(packed);
        int[] keys = new int[total];
        ServerState[] owners = new ServerState[total];
        for (int i = 0; i < total; i++) {
            keys[i] = (int) (packed[i] >>> 32) ^ Integer.MIN_VALUE;
            owners[i] = members[(int) packed[i]];
        }
        return new ConsistentRing(keys, owners);
    }

    int size() {
        return keys.length;
    }

    /** The point nearest to {@code hash}; -1 on an empty ring. */
    int nearest(int hash) {
        int n = keys.length;
        if (n == 0) {
            return -1;
        }
        int next = ceiling(hash);
        if (next == n) {
            next = 0;
        }
        int prev = next == 0 ? n - 1 : next - 1;
        int dp = hash - keys[prev];
        int dn = keys[next] - hash;
        return Integer.compareUnsigned(dp, dn) <= 0 ? prev : next;
    }

    /** The first point whose key is at or after {@code hash} (unsigned), or the ring's size. */
    private int ceiling(int hash) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.compareUnsigned(keys[mid], hash) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The server of the point nearest to {@code hash}, or when it is avoided the next point's
     * (clockwise) that is not; an avoided server when every one is; null on an empty ring.
     */
    ServerState lookup(int hash, Predicate<? super ServerState> avoid) {
        int i = nearest(hash);
        if (i < 0) {
            return null;
        }
        ServerState s = owners[i];
        if (avoid == null) {
            return s;
        }
        for (int step = 0; step < keys.length && avoid.test(s); step++) {
            i = i + 1 == keys.length ? 0 : i + 1;
            s = owners[i];
        }
        return s;
    }

    /**
     * Round robin over the ring's points from {@code cursor[0]}, skipping full servers and preferring
     * servers not avoided, as HAProxy falls back when a consistent hash has no key. The caller
     * holds the lock protecting the cursor.
     */
    ServerState next(int[] cursor, Predicate<? super ServerState> avoid) {
        return Balancer.walk(owners, cursor, avoid);
    }
}
