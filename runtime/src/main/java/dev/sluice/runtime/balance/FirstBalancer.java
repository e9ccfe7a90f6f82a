package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Balance;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code first}: the usable server with the lowest id that has a free slot. Weights other than 0
 * are ignored. Lock-free.
 */
final class FirstBalancer extends Balancer {

    private volatile Built built;

    private record Built(BackendState.Group group, ServerState[] byId) {}

    FirstBalancer(BackendState backend, Balance balance, List<String> warnings) {
        super(backend, balance, warnings);
    }

    @Override
    ServerState choose(BackendState.Group g, BalanceInput input, Predicate<? super ServerState> avoid) {
        Built b = built;
        if (b == null || b.group != g) {
            ServerState[] byId = g.members.clone();
            Arrays.sort(byId, Comparator.comparingInt(ServerState::id));
            b = new Built(g, byId);
            built = b;
        }
        ServerState fallback = null;
        for (ServerState s : b.byId) {
            if (s.isSaturated()) {
                continue;
            }
            if (!avoided(avoid, s)) {
                return s;
            }
            if (fallback == null) {
                fallback = s;
            }
        }
        return fallback;
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
