package dev.sluice.compiler.plan;

/**
 * A proxy's timeouts in milliseconds, null when not set (no timeout). A frontend carries the
 * client-side ones, a backend the server-side ones; {@code http-request}, {@code http-keep-alive}
 * and {@code tarpit} apply to both.
 */
public record Timeouts(Long clientMs, Long clientFinMs, Long clientHsMs, Long httpRequestMs, Long httpKeepAliveMs,
        Long tarpitMs, Long connectMs, Long serverMs, Long serverFinMs, Long queueMs, Long tunnelMs, Long checkMs,
        Long tcpRequestInspectDelayMs, Long tcpResponseInspectDelayMs) {

    /** No timeout set. */
    public static final Timeouts NONE = new Timeouts(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    /** The frontend's share: client side, HTTP request and keep-alive, tarpit, request inspection. */
    public Timeouts frontendSide() {
        return new Timeouts(clientMs, clientFinMs, clientHsMs, httpRequestMs, httpKeepAliveMs, tarpitMs, null, null,
                null, null, null, null, tcpRequestInspectDelayMs, null);
    }

    /** The backend's share: server side, queue, tunnel, check, HTTP request and keep-alive, tarpit, inspection. */
    public Timeouts backendSide() {
        return new Timeouts(null, null, null, httpRequestMs, httpKeepAliveMs, tarpitMs, connectMs, serverMs,
                serverFinMs, queueMs, tunnelMs, checkMs, tcpRequestInspectDelayMs, tcpResponseInspectDelayMs);
    }
}
