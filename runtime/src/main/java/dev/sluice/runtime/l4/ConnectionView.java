package dev.sluice.runtime.l4;

import dev.sluice.runtime.sample.Exchange;
import dev.sluice.runtime.sample.Header;
import dev.sluice.runtime.sample.Payload;
import dev.sluice.runtime.sample.SampleValue;
import dev.sluice.runtime.sample.VariableStore;
import dev.sluice.runtime.sample.Variables;
import dev.sluice.runtime.stick.Trackers;
import dev.sluice.runtime.track.TrackedSession;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentMap;

/**
 * What sample fetches see of a client connection: its addresses, its stick counters, the first bytes
 * of its stream while content rules inspect them, and no HTTP message.
 */
public final class ConnectionView implements Exchange {

    private final Channel client;
    private final ConcurrentMap<String, SampleValue> process;
    /** Made on first use: most connections set no variable. */
    private Variables variables;
    /** The stream's first bytes while its content rules inspect them; null before. */
    private Payload payload;

    /** {@code process}: where {@code proc} variables live ({@code ServerStates.processVariables()}). */
    public ConnectionView(Channel client, ConcurrentMap<String, SampleValue> process) {
        this.client = client;
        this.process = process;
    }

    @Override
    public InetSocketAddress clientAddress() {
        return client.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return client.localAddress() instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public Payload payload() {
        return payload;
    }

    /** Shows {@code p}, the stream's first bytes, to the fetches that read them. */
    void payload(Payload p) {
        this.payload = p;
    }

    @Override
    public boolean tls() {
        return false;
    }

    @Override
    public String sni() {
        return null;
    }

    @Override
    public String method() {
        return null;
    }

    @Override
    public String target() {
        return null;
    }

    @Override
    public String version() {
        return null;
    }

    @Override
    public List<Header> requestHeaders() {
        return List.of();
    }

    @Override
    public boolean inResponse() {
        return false;
    }

    @Override
    public int status() {
        return 0;
    }

    @Override
    public String responseVersion() {
        return null;
    }

    @Override
    public List<Header> responseHeaders() {
        return List.of();
    }

    @Override
    public Variables variables() {
        if (variables == null) {
            variables = VariableStore.withSession(process, () -> TrackedSession.of(client).variables());
        }
        return variables;
    }

    @Override
    public Trackers trackers() {
        TrackedSession s = TrackedSession.peek(client);
        return s == null ? null : s.current();
    }
}
