package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code stats socket} of the global section: the runtime API's listener.
 *
 * @param address where it listens
 * @param mode the UNIX socket's permissions as written ({@code 660}), or null
 * @param level {@code user}, {@code operator} or {@code admin}, or null when not given
 * @param user the socket's owner, or null
 * @param group the socket's group, or null
 * @param options the other bind options, each to the words after it
 */
public record StatsSocket(Address address, String mode, String level, String user, String group,
        Map<String, List<String>> options) {

    public StatsSocket {
        Objects.requireNonNull(address, "address");
        options = Copies.sortedLists(options);
    }
}
