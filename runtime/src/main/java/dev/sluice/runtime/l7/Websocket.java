package dev.sluice.runtime.l7;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;

/**
 * The websocket handshake's keys, checked as HAProxy 2.6 checks them between HTTP/1.1 clients and
 * servers: a request to upgrade to {@code websocket} without a {@code Sec-WebSocket-Key} is a bad
 * request (400), and a 101 answer without a {@code Sec-WebSocket-Accept} is a bad response (502).
 * The accept value itself is the client's to check: HAProxy passes a wrong one on, and so does
 * Sluice.
 */
final class Websocket {

    private Websocket() {
    }

    /** Whether {@code message} asks to switch to the websocket protocol. */
    static boolean requested(HttpMessage message) {
        return message.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && message.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Whether the request carries its key. */
    static boolean keyed(HttpMessage request) {
        return request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY);
    }

    /** Whether a 101 answer carries an accept value (whichever). */
    static boolean accepted(HttpMessage response) {
        return response.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT);
    }
}
