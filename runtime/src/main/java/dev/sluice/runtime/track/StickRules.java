package dev.sluice.runtime.track;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.StickRule;
import dev.sluice.runtime.balance.BackendState;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.sample.Addresses;
import dev.sluice.runtime.sample.CompiledCondition;
import dev.sluice.runtime.sample.CompiledSample;
import dev.sluice.runtime.sample.Exchange;
import dev.sluice.runtime.sample.SampleCompiler;
import dev.sluice.runtime.sample.SampleValue;
import dev.sluice.runtime.sample.StickKeys;
import dev.sluice.runtime.stick.DataType;
import dev.sluice.runtime.stick.StickEntry;
import dev.sluice.runtime.stick.StickTable;
import dev.sluice.runtime.stick.TableKey;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A backend's {@code stick} rules: server persistence by a key. On a request, {@code stick match}
 * and {@code stick on} look the key up and send the request to the server the entry names, when
 * that server may take it (not down, not in maintenance) and no cookie chose one already;
 * {@code stick store-request} and {@code stick on} remember the key. Once the server is known
 * (its response starts, or a TCP connection to it is up), {@code stick store-response} rules add
 * their keys and every key remembered stores the server: its id ({@code server_id}) and its name,
 * or its address with {@code srvkey addr} ({@code server_key}). Only the first store rule of
 * each table applies to a request, as in HAProxy. Immutable.
 */
public final class StickRules {

    /** A backend without stick rules. */
    public static final StickRules NONE = new StickRules(List.of(), List.of(), Map.of());

    /** What the request side decided: the server the table named (or null), and the keys to store. */
    public record Sticking(ServerState server, List<Store> stores) {

        /** Nothing matched, nothing to store. */
        public static final Sticking NONE = new Sticking(null, List.of());
    }

    /** A key to store the server under, once the server is known. */
    public record Store(StickTable table, TableKey key) {}

    private record Compiled(boolean match, boolean store, CompiledSample pattern, StickTable table,
            CompiledCondition condition) {}

    private final List<Compiled> request;
    private final List<Compiled> response;
    private final Map<String, InetSocketAddress> addresses;

    private StickRules(List<Compiled> request, List<Compiled> response, Map<String, InetSocketAddress> addresses) {
        this.request = List.copyOf(request);
        this.response = List.copyOf(response);
        this.addresses = Map.copyOf(addresses);
    }

    /** Compiles {@code backend}'s rules; {@code addresses} are its servers', by name, for {@code srvkey addr}. */
    public static StickRules of(Backend backend, SampleCompiler compiler, Map<String, InetSocketAddress> addresses) {
        if (backend.stickRules().isEmpty()) {
            return NONE;
        }
        List<Compiled> request = new ArrayList<>();
        List<Compiled> response = new ArrayList<>();
        for (StickRule r : backend.stickRules()) {
            Compiled c = new Compiled(r.kind().equals("on") || r.kind().equals("match"),
                    !r.kind().equals("match"), compiler.sample(r.pattern()), compiler.table(r.table()),
                    compiler.condition(r.condition()));
            (r.kind().equals("store-response") ? response : request).add(c);
        }
        return new StickRules(request, response, addresses);
    }

    /**
     * Runs the request's rules on {@code x}: the server a matching entry names (unless
     * {@code chosen}, a cookie chose one already) and the keys to store.
     */
    public Sticking onRequest(Exchange x, BackendState backend, boolean chosen) {
        if (request.isEmpty()) {
            return Sticking.NONE;
        }
        ServerState server = null;
        List<Store> stores = new ArrayList<>(2);
        for (Compiled r : request) {
            if (r.store() && storing(stores, r.table(), 0)) {
                continue;
            }
            if (!r.condition().test(x)) {
                continue;
            }
            TableKey key = key(r, x);
            if (key == null) {
                continue;
            }
            if (r.match()) {
                StickEntry e = r.table().lookup(key);
                if (e != null) {
                    if (server == null && !chosen) {
                        server = stored(e, backend);
                    }
                    e.touch();
                }
            }
            if (r.store()) {
                stores.add(new Store(r.table(), key));
            }
        }
        return new Sticking(server, stores);
    }

    /** The server {@code sticking} and the response's rules (run on {@code x}) store {@code server} for. */
    public void onResponse(Sticking sticking, Exchange x, ServerState server) {
        if (server == null || sticking.stores().isEmpty() && response.isEmpty()) {
            return;
        }
        List<Store> stores = new ArrayList<>(sticking.stores());
        int fromRequest = stores.size();
        for (Compiled r : response) {
            if (storing(stores, r.table(), fromRequest) || !r.condition().test(x)) {
                continue;
            }
            TableKey key = key(r, x);
            if (key != null) {
                stores.add(new Store(r.table(), key));
            }
        }
        if (server.config().options().containsKey("non-stick")) {
            return;
        }
        for (Store s : stores) {
            StickEntry e = s.table().getOrCreate(s.key());
            if (e != null) {
                e.setServer(server.id(), s.table().serverKeyIsAddress() ? address(server) : server.name());
            }
        }
    }

    private static boolean storing(List<Store> stores, StickTable table, int from) {
        for (int i = from; i < stores.size(); i++) {
            if (stores.get(i).table() == table) {
                return true;
            }
        }
        return false;
    }

    private static TableKey key(Compiled r, Exchange x) {
        SampleValue v = r.pattern().evaluate(x);
        return v == null ? null : StickKeys.key(r.table(), v);
    }

    /** The server an entry names (by name or address, else by id) when it may take a persistent request. */
    private ServerState stored(StickEntry e, BackendState backend) {
        ServerState found = byKey(e.serverKey(), e.table().serverKeyIsAddress(), backend);
        if (found == null) {
            long id = e.read(DataType.SERVER_ID);
            for (ServerState s : backend.servers()) {
                if (s.id() == id) {
                    found = s;
                    break;
                }
            }
        }
        return found != null && found.acceptsPersistent() ? found : null;
    }

    private ServerState byKey(String key, boolean isAddress, BackendState backend) {
        if (key == null) {
            return null;
        }
        if (!isAddress) {
            return backend.server(key);
        }
        for (ServerState s : backend.servers()) {
            if (key.equals(address(s))) {
                return s;
            }
        }
        return null;
    }

    /** A server's address as {@code srvkey addr} stores it, in HAProxy's form, following {@code set server addr}. */
    private String address(ServerState s) {
        InetSocketAddress a = s.address(addresses.get(s.name()));
        return a == null ? s.name() : Addresses.format(a.getAddress()) + ":" + a.getPort();
    }
}
