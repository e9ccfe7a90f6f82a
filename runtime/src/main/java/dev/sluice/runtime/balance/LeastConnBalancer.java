package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Balance;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * {@code leastconn}: the server with the fewest requests, served and queued, relative to its
 * weight ({@code (n + 1) / weight}, an idle server first whatever its weight). Ties go round robin:
 * each pick starts its scan one server further. A server is a candidate while it has a free slot or,
 * with an explicit {@code maxqueue}, room in its queue. Lock-free.
 */
final class LeastConnBalancer extends Balancer {

    private final AtomicInteger rotation = new AtomicInteger();

    LeastConnBalancer(BackendState backend, Balance balance, List<String> warnings) {
        super(backend, balance, warnings);
    }

    @Override
    ServerState choose(BackendState.Group g, BalanceInput input, Predicate<? super ServerState> avoid) {
        ServerState[] m = g.members;
        int n = m.length;
        int start = Math.floorMod(rotation.getAndIncrement(), n);
        int best = -1;
        long bestLoad = 0;
        int bestAvoided = -1;
        long avoidedLoad = 0;
        for (int k = 0; k < n; k++) {
            int i = start + k < n ? start + k : start + k - n;
            ServerState s = m[i];
            if (!s.hasRoomOrQueueSpace()) {
                continue;
            }
            long load = (long) s.activeConnections() + s.queuedConnections();
            if (avoided(avoid, s)) {
                if (bestAvoided < 0 || lighter(load, g.weights[i], avoidedLoad, g.weights[bestAvoided])) {
                    bestAvoided = i;
                    avoidedLoad = load;
                }
            } else if (best < 0 || lighter(load, g.weights[i], bestLoad, g.weights[best])) {
                best = i;
                bestLoad = load;
            }
        }
        int pick = best >= 0 ? best : bestAvoided;
        return pick < 0 ? null : m[pick];
    }

    /** Whether {@code a} requests on weight {@code wa} is strictly lighter than {@code b} on {@code wb}. */
    static boolean lighter(long a, int wa, long b, int wb) {
        if (a == 0 || b == 0) {
            return a == 0 && b != 0;
        }
        return (a + 1) * wb < (b + 1) * wa;
    }

    @Override
    public boolean dynamicWeights() {
        return true;
    }
}
