package dev.sluice.runtime.track;

import dev.sluice.runtime.sample.Exchange;
import dev.sluice.runtime.stick.DataType;
import dev.sluice.runtime.stick.Trackers;
import io.netty.channel.Channel;
import java.util.function.Function;

/**
 * Where the connection handlers tell the stick counters what happens, as HAProxy counts it: a
 * connection accepted ({@code tcp-request connection} and {@code session} rules, {@code sess_*}),
 * a stream started (then its {@code tcp-request content} rules run; an HTTP request counts in
 * {@code http_req_*}) and ended (what it tracked itself is given back, {@code conn_cur} goes
 * down), and the HTTP outcomes that count in {@code http_err_*} (4xx answers of the server, denied
 * requests, requests the proxy could not read) and {@code http_fail_*} (5xx answers of the server
 * other than 501 and 505, servers that failed to answer). Every method runs on the connection's
 * event loop. A plan without stick tables and {@code tcp-request} rules costs nothing here: no
 * counters are made for its connections.
 */
public final class Tracking {

    private Tracking() {
    }

    /**
     * A client connection was accepted: its connection rules, then its session rules, run on
     * {@code connection}; false when one rejects it (close it at once). Otherwise the session
     * counts in {@code sess_cnt} and {@code sess_rate} of what those rules track.
     */
    public static boolean connectionAccepted(Channel ch, TcpRequestRules rules, Function<Channel, Exchange> view) {
        if (!rules.active()) {
            return true;
        }
        TrackedSession s = TrackedSession.attach(ch, rules.countsBytes());
        if (!rules.acceptSession(view.apply(ch))) {
            return false;
        }
        s.session().count(DataType.SESS_CNT, DataType.SESS_RATE, 1);
        return true;
    }

    /**
     * A TCP connection's stream starts; its content rules run after, on its first bytes
     * ({@link TcpRequestRules#inspect}).
     */
    public static void tcpStreamStarted(Channel ch, TcpRequestRules rules) {
        if (rules.active() || TrackedSession.peek(ch) != null) {
            TrackedSession.of(ch).startStream();
        }
    }

    /**
     * An HTTP request's headers are in: its stream starts, the frontend's content rules run
     * (false when one rejects it: close the connection), then the request counts in
     * {@code http_req_cnt} and {@code http_req_rate} of every counter in force.
     */
    public static boolean httpRequestStarted(Channel ch, TcpRequestRules rules, Exchange x) {
        if (!rules.active() && TrackedSession.peek(ch) == null) {
            return true;
        }
        Trackers stream = TrackedSession.of(ch).startStream();
        if (!rules.content(x)) {
            return false;
        }
        stream.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1);
        return true;
    }

    /** The HTTP request served last has ended: what its stream tracked is given back. */
    public static void httpRequestEnded(Channel ch) {
        TrackedSession s = TrackedSession.peek(ch);
        if (s != null) {
            s.endStream();
        }
    }

    /** The server answered with {@code status}: a 4xx counts as an error, a 5xx but 501 and 505 as a failure. */
    public static void serverResponded(Exchange x, int status) {
        if (status >= 400 && status < 500) {
            count(x.trackers(), DataType.HTTP_ERR_CNT, DataType.HTTP_ERR_RATE);
        } else if (status >= 500 && status < 600 && status != 501 && status != 505) {
            count(x.trackers(), DataType.HTTP_FAIL_CNT, DataType.HTTP_FAIL_RATE);
        }
    }

    /** The server failed to answer (closed, timed out): a failure. */
    public static void serverFailed(Exchange x) {
        count(x.trackers(), DataType.HTTP_FAIL_CNT, DataType.HTTP_FAIL_RATE);
    }

    /** A {@code deny} or {@code tarpit} rule refused the request: an error. */
    public static void denied(Exchange x) {
        count(x.trackers(), DataType.HTTP_ERR_CNT, DataType.HTTP_ERR_RATE);
    }

    /**
     * The proxy answers with its own {@code status}: a 400 (a request it could not read) counts as
     * a request and an error.
     */
    public static void proxyError(Channel ch, int status) {
        TrackedSession s = TrackedSession.peek(ch);
        if (s != null && status == 400) {
            s.current().count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1);
            s.current().count(DataType.HTTP_ERR_CNT, DataType.HTTP_ERR_RATE, 1);
        }
    }

    private static void count(Trackers t, DataType counter, DataType rate) {
        if (t != null) {
            t.count(counter, rate, 1);
        }
    }
}
