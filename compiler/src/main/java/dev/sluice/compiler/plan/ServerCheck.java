package dev.sluice.compiler.plan;

/**
 * A server's health-check settings, HAProxy's defaults applied: every 2 s, up after 2 successes,
 * down after 3 failures; {@code fastinter} and {@code downinter} default to {@code inter}.
 *
 * @param enabled {@code check}
 * @param interMs {@code inter}
 * @param fastInterMs {@code fastinter}: while a state change is under way
 * @param downInterMs {@code downinter}: while the server is down
 * @param rise {@code rise}
 * @param fall {@code fall}
 * @param port {@code port}: the port checked, or null for the server's
 * @param addr {@code addr}: the address checked, or null for the server's
 * @param ssl {@code check-ssl}
 * @param sendProxy {@code check-send-proxy}
 */
public record ServerCheck(boolean enabled, long interMs, long fastInterMs, long downInterMs, int rise, int fall,
        Integer port, String addr, boolean ssl, boolean sendProxy) {}
