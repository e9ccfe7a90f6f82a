package dev.sluice.compiler.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * A backend's load-balancing algorithm ({@code balance}); {@code roundrobin} when none is set.
 *
 * @param algorithm the algorithm
 * @param args its arguments: the parenthesised one first ({@code hdr(host)} gives {@code host}),
 *     then the words after it ({@code len 10}, {@code check_post}, ...)
 */
public record Balance(Algorithm algorithm, List<String> args) {

    /** HAProxy's default. */
    public static final Balance ROUND_ROBIN = new Balance(Algorithm.ROUNDROBIN, List.of());

    public Balance {
        Objects.requireNonNull(algorithm, "algorithm");
        args = List.copyOf(args);
    }

    /** The algorithms, by the name written after {@code balance}. */
    public enum Algorithm {
        ROUNDROBIN("roundrobin"),
        STATIC_RR("static-rr"),
        LEASTCONN("leastconn"),
        FIRST("first"),
        SOURCE("source"),
        URI("uri"),
        URL_PARAM("url_param"),
        HDR("hdr"),
        RANDOM("random"),
        RDP_COOKIE("rdp-cookie"),
        HASH("hash"),
        LOG_HASH("log-hash"),
        STICKY("sticky");

        private final String id;

        Algorithm(String id) {
            this.id = id;
        }

        /** The name written after {@code balance}. */
        @JsonValue
        public String id() {
            return id;
        }

        /** The algorithm named {@code id}, or null. */
        @JsonCreator
        public static Algorithm of(String id) {
            for (Algorithm a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            return null;
        }
    }
}
