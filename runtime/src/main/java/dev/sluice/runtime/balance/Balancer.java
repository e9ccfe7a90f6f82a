package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Balance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A backend's load-balancing algorithm ({@code balance}, {@code hash-type}), built from the plan
 * for one {@link BackendState}. It chooses among the servers load balancing may use: the usable
 * active servers, else the usable backup servers ({@code option allbackups}) or the first one.
 *
 * <p>Servers in maintenance, down, draining, removed or of weight 0 are never chosen. The
 * algorithms that pick by load or turn ({@code roundrobin}, {@code static-rr}, {@code leastconn},
 * {@code first}, {@code random}, and the round robin a hashing algorithm falls back to) skip full
 * servers and return null when every server is full; hashing algorithms return the server the key
 * designates even when it is full, and the request then queues on it.
 *
 * <p>Thread-safe. Tables (the weighted map, the consistent-hash ring) are rebuilt lazily after a
 * server's state or weight changes and published immutably; {@code roundrobin}, {@code static-rr}
 * and round-robin fallbacks hold a short lock while they advance their position, the others take
 * no lock.
 */
public abstract class Balancer {

    final BackendState backend;
    private final Balance balance;
    private final List<String> warnings;

    Balancer(BackendState backend, Balance balance, List<String> warnings) {
        this.backend = backend;
        this.balance = balance;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The balancer of {@code config} over {@code backend}'s servers. Algorithms that are not
     * implemented fall back to round robin and say so in {@link #warnings()}.
     */
    static Balancer create(Backend config, BackendState backend) {
        Balance balance = config.balance();
        List<String> args = balance.args();
        List<String> warnings = new ArrayList<>();
        HashType hashType = HashType.parse(config.hashType());
        warnings.addAll(hashType.warnings());
        switch (balance.algorithm()) {
            case ROUNDROBIN:
                return new RoundRobinBalancer(backend, balance, warnings);
            case STATIC_RR:
                return new StaticRoundRobinBalancer(backend, balance, warnings);
            case LEASTCONN:
                return new LeastConnBalancer(backend, balance, warnings);
            case FIRST:
                return new FirstBalancer(backend, balance, warnings);
            case RANDOM:
                int draws = 2;
                if (!args.isEmpty()) {
                    try {
                        draws = Math.max(1, Integer.parseInt(args.get(0)));
                    } catch (NumberFormatException e) {
                        warnings.add("random(" + args.get(0) + "): not a number of draws; 2 are used");
                    }
                }
                return new RandomBalancer(backend, balance, warnings, draws);
            case SOURCE:
            case URI:
            case URL_PARAM:
            case HDR:
                return new HashBalancer(backend, balance, hashType, warnings);
            default:
                warnings.add("balance " + balance.algorithm().id() + " is not implemented; roundrobin is used");
                return new RoundRobinBalancer(backend, balance, warnings);
        }
    }

    /**
     * Chooses a server for a new request.
     *
     * @param input what hashing algorithms read; null for none
     * @param avoid servers to avoid if another can be had, as on a retry after a failure (HAProxy
     *     avoids the previous server); null for none. An avoided server is still returned when it is
     *     the only one possible.
     * @return the server, or null when none can be chosen (none usable, or all full for the
     *     algorithms that skip full servers)
     */
    public final ServerState select(BalanceInput input, Predicate<? super ServerState> avoid) {
        BackendState.Group g = backend.group();
        if (g.isEmpty()) {
            return null;
        }
        ServerState s = choose(g, input == null ? BalanceInput.NONE : input, avoid);
        if (s != null) {
            s.countSelected();
        }
        return s;
    }

    /** {@link #select(BalanceInput, Predicate)} without a server to avoid. */
    public final ServerState select(BalanceInput input) {
        return select(input, null);
    }

    abstract ServerState choose(BackendState.Group g, BalanceInput input, Predicate<? super ServerState> avoid);

    /** The algorithm as the plan gives it. */
    public Balance balance() {
        return balance;
    }

    /** What the configuration asks for that this balancer does not do, as sentences. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Whether weight changes at run time take effect. Static algorithms only distinguish 0 from the
     * configured weight, as HAProxy's {@code set weight} accepts only 0% and 100% for them.
     */
    public abstract boolean dynamicWeights();

    /** With this algorithm a non-empty backend queue means every server is full (HAProxy: first, roundrobin, static-rr). */
    boolean fifo() {
        return false;
    }

    static boolean avoided(Predicate<? super ServerState> avoid, ServerState s) {
        return avoid != null && avoid.test(s);
    }

    /**
     * A weighted walk over {@code table} from {@code cursor[0]}, skipping full servers and
     * preferring servers not avoided; advances the cursor past the server returned. The caller
     * holds a lock protecting the cursor. HAProxy's round robin over a map.
     */
    static ServerState walk(ServerState[] table, int[] cursor, Predicate<? super ServerState> avoid) {
        int n = table.length;
        if (n == 0) {
            return null;
        }
        int start = cursor[0];
        if (start < 0 || start >= n) {
            start = 0;
        }
        int idx = start;
        ServerState fallback = null;
        int fallbackNext = 0;
        do {
            ServerState s = table[idx++];
            if (idx == n) {
                idx = 0;
            }
            if (!s.isSaturated()) {
                if (!avoided(avoid, s)) {
                    cursor[0] = idx;
                    return s;
                }
                if (fallback == null) {
                    fallback = s;
                    fallbackNext = idx;
                }
            }
        } while (idx != start);
        if (fallback != null) {
            cursor[0] = fallbackNext;
        }
        return fallback;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + backend.name() + ", " + balance.algorithm().id() + balance.args() + "]";
    }
}
