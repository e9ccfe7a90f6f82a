package dev.sluice.runtime.sample;

import dev.sluice.runtime.stick.Trackers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain {@link Exchange} built field by field, for tests here and in the Netty layer. All but
 * its {@link Variables} is immutable.
 *
 * <pre>{@code
 * Exchange x = SimpleExchange.builder()
 *         .client("10.0.0.1", 51000).local("127.0.0.1", 80)
 *         .request("GET", "/a?b=1", "HTTP/1.1")
 *         .header("Host", "example.com")
 *         .build();
 * }</pre>
 */
public final class SimpleExchange implements Exchange {

    private final InetSocketAddress client;
    private final InetSocketAddress local;
    private final boolean tls;
    private final String sni;
    private final String method;
    private final String target;
    private final String version;
    private final List<Header> requestHeaders;
    private final boolean inResponse;
    private final int status;
    private final String responseVersion;
    private final List<Header> responseHeaders;
    private final Variables variables;
    private final Trackers trackers;
    private final Payload payload;

    private SimpleExchange(Builder b) {
        client = b.client;
        local = b.local;
        tls = b.tls;
        sni = b.sni;
        method = b.method;
        target = b.target;
        version = b.version;
        requestHeaders = List.copyOf(b.requestHeaders);
        inResponse = b.inResponse;
        status = b.status;
        responseVersion = b.responseVersion;
        responseHeaders = List.copyOf(b.responseHeaders);
        variables = b.variables != null ? b.variables : new VariableStore();
        trackers = b.trackers;
        payload = b.payload;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this exchange's fields, to derive another one (e.g. its response phase). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.client = client;
        b.local = local;
        b.tls = tls;
        b.sni = sni;
        b.method = method;
        b.target = target;
        b.version = version;
        b.requestHeaders.addAll(requestHeaders);
        b.inResponse = inResponse;
        b.status = status;
        b.responseVersion = responseVersion;
        b.responseHeaders.addAll(responseHeaders);
        b.variables = variables;
        b.trackers = trackers;
        b.payload = payload;
        return b;
    }

    @Override
    public InetSocketAddress clientAddress() {
        return client;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public String sni() {
        return sni;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<Header> requestHeaders() {
        return requestHeaders;
    }

    @Override
    public boolean inResponse() {
        return inResponse;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String responseVersion() {
        return responseVersion;
    }

    @Override
    public List<Header> responseHeaders() {
        return responseHeaders;
    }

    @Override
    public Variables variables() {
        return variables;
    }

    @Override
    public Trackers trackers() {
        return trackers;
    }

    @Override
    public Payload payload() {
        return payload;
    }

    /** Builds a {@link SimpleExchange}. Addresses are IP literals: nothing is ever resolved. */
    public static final class Builder {

        private InetSocketAddress client;
        private InetSocketAddress local;
        private boolean tls;
        private String sni;
        private String method;
        private String target;
        private String version;
        private final List<Header> requestHeaders = new ArrayList<>();
        private boolean inResponse;
        private int status;
        private String responseVersion;
        private final List<Header> responseHeaders = new ArrayList<>();
        private Variables variables;
        private Trackers trackers;
        private Payload payload;

        private Builder() {}

        /** The client's address, an IPv4 or IPv6 literal. */
        public Builder client(String ip, int port) {
            client = socket(ip, port);
            return this;
        }

        public Builder client(InetSocketAddress address) {
            client = address;
            return this;
        }

        /** The local (destination) address, an IPv4 or IPv6 literal. */
        public Builder local(String ip, int port) {
            local = socket(ip, port);
            return this;
        }

        public Builder local(InetSocketAddress address) {
            local = address;
            return this;
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** A TLS connection with this server name (null for none). */
        public Builder sni(String sni) {
            this.tls = true;
            this.sni = sni;
            return this;
        }

        /** The request line: method, target as received and version, e.g. {@code HTTP/1.1}. */
        public Builder request(String method, String target, String version) {
            this.method = method;
            this.target = target;
            this.version = version;
            return this;
        }

        /** Adds a request header line. */
        public Builder header(String name, String value) {
            requestHeaders.add(new Header(name, value));
            return this;
        }

        /** Enters the response phase with this status line. */
        public Builder response(int status, String version) {
            this.inResponse = true;
            this.status = status;
            this.responseVersion = version;
            return this;
        }

        /** Adds a response header line. */
        public Builder responseHeader(String name, String value) {
            responseHeaders.add(new Header(name, value));
            return this;
        }

        /** Back to the request phase, the response kept. */
        public Builder inResponse(boolean inResponse) {
            this.inResponse = inResponse;
            return this;
        }

        public Builder variables(Variables variables) {
            this.variables = variables;
            return this;
        }

        /** The stick counters {@code sc_*} fetches read; none by default. */
        public Builder trackers(Trackers trackers) {
            this.trackers = trackers;
            return this;
        }

        /** The first bytes of a TCP stream that payload fetches read; none (HTTP) by default. */
        public Builder payload(Payload payload) {
            this.payload = payload;
            return this;
        }

        public SimpleExchange build() {
            return new SimpleExchange(this);
        }

        private static InetSocketAddress socket(String ip, int port) {
            byte[] bytes = Addresses.parseV4Strict(ip);
            if (bytes == null) {
                bytes = Addresses.parseV6(ip);
            }
            if (bytes == null) {
                throw new IllegalArgumentException("not an IP address: '" + ip + "'");
            }
            try {
                return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
