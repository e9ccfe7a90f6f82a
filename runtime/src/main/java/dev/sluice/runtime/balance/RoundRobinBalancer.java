package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Balance;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code roundrobin}: smooth weighted round robin. Each pick adds every candidate's current weight
 * to its credit, takes the candidate with the most credit and charges it the total, so that a
 * server of weight 3 beside one of weight 1 is picked a, a, b, a rather than a, a, a, b. Weights
 * are read on every pick, so runtime changes apply at once; a server that comes back starts from
 * zero credit, and the others keep theirs, so the cycle does not restart. Full servers sit the
 * turn out. (HAProxy's own roundrobin is a tree-based weighted round robin with the same
 * proportions; the exact order differs.)
 */
final class RoundRobinBalancer extends Balancer {

    private final Map<ServerState, Integer> index = new IdentityHashMap<>();
    private final long[] credit;
    private boolean[] member;
    private BackendState.Group seen;
    private int[] positions;

    RoundRobinBalancer(BackendState backend, Balance balance, List<String> warnings) {
        super(backend, balance, warnings);
        List<ServerState> all = backend.servers();
        for (int i = 0; i < all.size(); i++) {
            index.put(all.get(i), i);
        }
        credit = new long[all.size()];
        member = new boolean[all.size()];
    }

    @Override
    synchronized ServerState choose(BackendState.Group g, BalanceInput input, Predicate<? super ServerState> avoid) {
        if (g != seen) {
            boolean[] now = new boolean[credit.length];
            int[] pos = new int[g.members.length];
            for (int k = 0; k < pos.length; k++) {
                Integer i = index.get(g.members[k]);
                pos[k] = i == null ? -1 : i;
                if (i != null) {
                    now[i] = true;
                    if (!member[i]) {
                        credit[i] = 0;
                    }
                }
            }
            member = now;
            positions = pos;
            seen = g;
        }
        long total = 0;
        int best = -1;
        int bestAvoided = -1;
        for (int k = 0; k < positions.length; k++) {
            int i = positions[k];
            ServerState s = g.members[k];
            if (i < 0 || s.isSaturated()) {
                continue;
            }
            int w = g.weights[k];
            credit[i] += w;
            total += w;
            if (avoided(avoid, s)) {
                if (bestAvoided < 0 || credit[i] > credit[positions[bestAvoided]]) {
                    bestAvoided = k;
                }
            } else if (best < 0 || credit[i] > credit[positions[best]]) {
                best = k;
            }
        }
        int pick = best >= 0 ? best : bestAvoided;
        if (pick < 0) {
            return null;
        }
        credit[positions[pick]] -= total;
        return g.members[pick];
    }

    @Override
    public boolean dynamicWeights() {
        return true;
    }

    @Override
    boolean fifo() {
        return true;
    }
}
