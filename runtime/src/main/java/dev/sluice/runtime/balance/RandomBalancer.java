package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Balance;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code random} and {@code random(N)}: N random keys on the consistent-hash ring of current
 * weights, keeping the least loaded of the servers drawn (fewest served requests relative to
 * weight); two draws by default (the power of two choices). When the server kept is full the
 * request goes to the backend queue. Lock-free.
 */
final class RandomBalancer extends Balancer {

    private final int draws;
    private volatile Built built;

    private record Built(BackendState.Group group, ConsistentRing ring) {}

    RandomBalancer(BackendState backend, Balance balance, List<String> warnings, int draws) {
        super(backend, balance, warnings);
        this.draws = draws;
    }

    int draws() {
        return draws;
    }

    @Override
    ServerState choose(BackendState.Group g, BalanceInput input, Predicate<? super ServerState> avoid) {
        Built b = built;
        if (b == null || b.group != g) {
            b = new Built(g, ConsistentRing.build(g.members, g.weights));
            built = b;
        }
        ServerState current = null;
        for (int d = 0; d < draws; d++) {
            ServerState previous = current;
            current = b.ring.lookup(input.random(), avoid);
            if (current == null) {
                break;
            }
            if (previous != null && previous != current
                    && (long) current.activeConnections() * previous.weight()
                            > (long) previous.activeConnections() * current.weight()) {
                current = previous;
            }
        }
        return current == null || current.isSaturated() ? null : current;
    }

    @Override
    public boolean dynamicWeights() {
        return true;
    }
}
