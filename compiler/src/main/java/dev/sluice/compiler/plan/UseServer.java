package dev.sluice.compiler.plan;

import java.util.Objects;

/**
 * A {@code use-server} rule.
 *
 * @param server the server's name
 * @param condition the condition, or null
 */
public record UseServer(String server, Condition condition) {

    public UseServer {
        Objects.requireNonNull(server, "server");
    }
}
