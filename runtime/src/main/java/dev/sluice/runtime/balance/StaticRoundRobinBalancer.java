package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Balance;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code static-rr}: a walk over the weighted map of the usable servers, with configured weights.
 * A server going down or up rebuilds the map; weight changes other than to and from 0 are ignored.
 */
final class StaticRoundRobinBalancer extends Balancer {

    private final int gcd;
    private final int[] cursor = new int[1];
    private volatile Built built;

    private record Built(BackendState.Group group, ServerState[] table) {}

    StaticRoundRobinBalancer(BackendState backend, Balance balance, List<String> warnings) {
        super(backend, balance, warnings);
        this.gcd = WeightedMap.gcd(backend.servers());
    }

    @Override
    ServerState choose(BackendState.Group g, BalanceInput input, Predicate<? super ServerState> avoid) {
        Built b = built;
        if (b == null || b.group != g) {
            b = new Built(g, WeightedMap.build(g.members, WeightedMap.weights(g.members, gcd)));
            built = b;
        }
        synchronized (cursor) {
            return walk(b.table, cursor, avoid);
        }
    }

    @Override
    public boolean dynamicWeights() {
        return false;
    }

    @Override
    boolean fifo() {
        return true;
    }
}
