package dev.sluice.runtime.sample;

import dev.sluice.runtime.stick.Trackers;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What sample fetches read: one client connection and, in HTTP, the request being processed and,
 * while response rules run, its response. The Netty layer implements it over its channel and
 * messages; {@link SimpleExchange} is a plain implementation for tests.
 *
 * <p>Strings are byte strings: one {@code char} per byte (0 to 255), as ISO-8859-1 decodes them.
 * Implementations are read from one thread at a time; only {@link #variables()} is written.
 */
public interface Exchange {

    /** The client's address and port ({@code src}, {@code src_port}); null when unknown. */
    InetSocketAddress clientAddress();

    /** The address and port the client connected to ({@code dst}, {@code dst_port}); null when unknown. */
    InetSocketAddress localAddress();

    /** True when the client connection is TLS deciphered here ({@code ssl_fc}). */
    boolean tls();

    /** The server name the client sent in its TLS handshake, or null. */
    String sni();

    /** The request method as received ({@code GET}, {@code get}, {@code PURGE}); null outside HTTP. */
    String method();

    /** The request target as received: {@code /a/b?c}, {@code http://h/a}, {@code *}, {@code h:443}. */
    String target();

    /** The request's protocol version as received, e.g. {@code HTTP/1.1}; null outside HTTP. */
    String version();

    /** The request's header lines in order, names in any case. */
    List<Header> requestHeaders();

    /** True while response rules run: {@code hdr}, {@code cook} and {@code status} then read the response. */
    boolean inResponse();

    /** The response's status code, or 0 before there is a response. */
    int status();

    /** The response's protocol version as received, e.g. {@code HTTP/1.1}; null before there is a response. */
    String responseVersion();

    /** The response's header lines in order; empty before there is a response. */
    List<Header> responseHeaders();

    /** The variables of this transaction, session and process ({@code set-var}, {@code var()}). */
    Variables variables();

    /**
     * The first bytes of a TCP stream's request, held while its content rules inspect them
     * ({@code req.len}, {@code req.payload}, {@code req.ssl_sni}, ...); null in HTTP, where the
     * rules see the request's headers once they are all in.
     */
    default Payload payload() {
        return null;
    }

    /**
     * The stick counters {@code sc0} to {@code sc2} in force: the stream's (the request's, which
     * include its session's) or, before a stream starts, the session's; null when the connection
     * tracks nothing.
     */
    default Trackers trackers() {
        return null;
    }
}
