package dev.sluice.runtime.l7;

import dev.sluice.runtime.sample.Exchange;
import dev.sluice.runtime.sample.Header;
import dev.sluice.runtime.sample.SampleValue;
import dev.sluice.runtime.sample.VariableStore;
import dev.sluice.runtime.sample.Variables;
import dev.sluice.runtime.stick.Trackers;
import dev.sluice.runtime.track.StickRules;
import dev.sluice.runtime.track.TrackedSession;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * What sample fetches see of one HTTP transaction: the client connection, the request as rules
 * have changed it so far and, while response rules run, the response. Header lists are built on
 * first use and rebuilt after a rule changes the headers ({@link #changed()}).
 */
final class MessageView implements Exchange {

    private final Channel client;
    private final HttpRequest request;
    private final ConcurrentMap<String, SampleValue> process;
    /** Made on first use: most requests set no variable. */
    private Variables variables;
    private HttpResponse response;
    private List<Header> requestHeaders;
    private List<Header> responseHeaders;
    private boolean denied;
    /** What the backend's stick rules decided for this request, for the response to store. */
    StickRules.Sticking sticking = StickRules.Sticking.NONE;
    /** The dates of the request's persistence cookie ({@code maxidle}/{@code maxlife}), when it had a valid one. */
    CookieDates.Parsed cookieDates;

    /** {@code process}: where {@code proc} variables live ({@code ServerStates.processVariables()}). */
    MessageView(Channel client, HttpRequest request, ConcurrentMap<String, SampleValue> process) {
        this.client = client;
        this.request = request;
        this.process = process;
    }

    HttpRequest request() {
        return request;
    }

    /** Switches to the response: fetches of headers, cookies and status now read it. */
    void response(HttpResponse r) {
        this.response = r;
        this.responseHeaders = null;
    }

    /** A {@code deny} or {@code tarpit} rule answered the request (or denied the response). */
    void deny() {
        denied = true;
    }

    /** Whether a rule denied the request: the statistics count it ({@code dreq}). */
    boolean denied() {
        return denied;
    }

    /** Headers were changed by a rule. */
    void changed() {
        requestHeaders = null;
        responseHeaders = null;
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
    public boolean tls() {
        return client.pipeline().get("tls") != null;
    }

    @Override
    public String sni() {
        return null;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String target() {
        return request.uri();
    }

    @Override
    public String version() {
        return request.protocolVersion().text();
    }

    @Override
    public List<Header> requestHeaders() {
        if (requestHeaders == null) {
            requestHeaders = list(request.headers());
        }
        return requestHeaders;
    }

    @Override
    public boolean inResponse() {
        return response != null;
    }

    @Override
    public int status() {
        return response == null ? 0 : response.status().code();
    }

    @Override
    public String responseVersion() {
        return response == null ? null : response.protocolVersion().text();
    }

    @Override
    public List<Header> responseHeaders() {
        if (response == null) {
            return List.of();
        }
        if (responseHeaders == null) {
            responseHeaders = list(response.headers());
        }
        return responseHeaders;
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

    private static List<Header> list(HttpHeaders h) {
        List<Header> out = new ArrayList<>(h.size());
        for (Map.Entry<String, String> e : h) {
            out.add(new Header(e.getKey(), e.getValue().strip()));
        }
        return out;
    }
}
