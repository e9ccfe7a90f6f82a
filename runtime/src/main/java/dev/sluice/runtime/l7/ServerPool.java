package dev.sluice.runtime.l7;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Idle keep-alive connections to servers, one pool per event-loop thread (a client connection
 * and its server connections live on the same thread, so the pool needs no lock). A pooled
 * connection that the server closes leaves the pool by itself. A connection is only ever pooled
 * under the address it was opened to: when a server's address changes at run time, its
 * connections to the old address close instead of serving the new one.
 */
public final class ServerPool {

    /** At most this many idle connections per server and thread. */
    static final int MAX_IDLE_PER_SERVER = 128;

    /** The address a server connection was opened to. */
    private static final AttributeKey<InetSocketAddress> OPENED_TO = AttributeKey.valueOf("sluice.openedTo");

    private static final FastThreadLocal<Map<InetSocketAddress, ArrayDeque<Channel>>> POOLS = new FastThreadLocal<>() {
        @Override
        protected Map<InetSocketAddress, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };

    private ServerPool() {
    }

    /** An idle, open connection to {@code server}, or null. Call on the event loop. */
    static Channel take(InetSocketAddress server) {
        ArrayDeque<Channel> idle = POOLS.get().get(server);
        if (idle == null) {
            return null;
        }
        Channel c;
        while ((c = idle.pollLast()) != null) {
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    /** Keeps {@code ch} for a later request to {@code server}. Call on the event loop. */
    static void offer(InetSocketAddress server, Channel ch) {
        ArrayDeque<Channel> idle = POOLS.get().computeIfAbsent(server, k -> new ArrayDeque<>());
        if (idle.size() >= MAX_IDLE_PER_SERVER || !ch.isActive() || !server.equals(ch.attr(OPENED_TO).get())) {
            ch.close();
            return;
        }
        idle.addLast(ch);
    }

    /**
     * Closes this thread's idle connections to every address not in {@code servers}: after a
     * reload, those of servers the new plan no longer has. Call on each event loop.
     */
    public static void closeIdleExcept(Set<InetSocketAddress> servers) {
        List<Channel> gone = new ArrayList<>();
        for (Iterator<Map.Entry<InetSocketAddress, ArrayDeque<Channel>>> it = POOLS.get().entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<InetSocketAddress, ArrayDeque<Channel>> e = it.next();
            if (!servers.contains(e.getKey())) {
                gone.addAll(e.getValue());
                it.remove();
            }
        }
        gone.forEach(Channel::close);
    }

    /** Makes {@code ch}, a new connection to {@code server}, leave the pool when it closes. */
    static void track(InetSocketAddress server, Channel ch) {
        ch.attr(OPENED_TO).set(server);
        ch.closeFuture().addListener(f -> {
            ArrayDeque<Channel> idle = POOLS.get().get(server);
            if (idle != null) {
                idle.remove(ch);
            }
        });
    }
}
