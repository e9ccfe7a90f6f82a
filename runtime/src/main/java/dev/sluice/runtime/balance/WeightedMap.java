package dev.sluice.runtime.balance;

/**
 * The table of {@code map-based} hashing and {@code static-rr}: each server appears as many times
 * as its weight divided by the greatest common divisor of the backend's configured weights, spread
 * evenly, earlier servers first on ties. The same construction as HAProxy's, so a key hashes to
 * the same server as with HAProxy given the same servers, weights and hash function.
 */
final class WeightedMap {

    private WeightedMap() {}

    /** The table for {@code members} with table weights {@code weights} (servers of weight 0 left out). */
    static ServerState[] build(ServerState[] members, int[] weights) {
        int tot = 0;
        for (int w : weights) {
            tot += w;
        }
        ServerState[] table = new ServerState[tot];
        int[] score = new int[members.length];
        for (int o = 0; o < tot; o++) {
            int best = -1;
            int max = 0;
            for (int i = 0; i < members.length; i++) {
                if (weights[i] == 0) {
                    continue;
                }
                if (tot == 1) {
                    best = i;
                    break;
                }
                score[i] += weights[i];
                int v = (score[i] + tot) / tot;
                if (best < 0 || v > max) {
                    max = v;
                    best = i;
                }
            }
            table[o] = members[best];
            score[best] -= tot;
        }
        return table;
    }

    /** The table weight of each member: its configured weight over {@code gcd}, 0 when its current weight is 0. */
    static int[] weights(ServerState[] members, int gcd) {
        int[] w = new int[members.length];
        for (int i = 0; i < w.length; i++) {
            int configured = Math.max(0, Math.min(ServerState.MAX_WEIGHT, members[i].config().weight()));
            w[i] = members[i].weight() == 0 ? 0 : (configured + gcd - 1) / gcd;
        }
        return w;
    }

    /** The greatest common divisor of the non-zero configured weights of {@code servers}, 1 when none. */
    static int gcd(Iterable<ServerState> servers) {
        int g = 0;
        for (ServerState s : servers) {
            int w = s.config().weight();
            if (w > 0) {
                g = g == 0 ? w : gcd(g, w);
            }
        }
        return g == 0 ? 1 : g;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
