package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One address a frontend listens on. A {@code bind} line with several comma-separated addresses
 * gives one listener per address, each with the line's options.
 *
 * @param address where to listen
 * @param name {@code name}, or null
 * @param ssl {@code ssl}: TLS is terminated here
 * @param certificates the {@code crt} options, in order
 * @param alpn {@code alpn}, split at commas; empty when not set
 * @param acceptProxy {@code accept-proxy}: a PROXY protocol header is expected
 * @param maxconn {@code maxconn}, or null
 * @param backlog {@code backlog}, or null
 * @param options the other options, each to the words after it (none for a flag); time values in
 *     milliseconds, sizes in bytes
 */
public record Listener(Address address, String name, boolean ssl, List<String> certificates, List<String> alpn,
        boolean acceptProxy, Long maxconn, Long backlog, Map<String, List<String>> options) {

    public Listener {
        Objects.requireNonNull(address, "address");
        certificates = List.copyOf(certificates);
        alpn = List.copyOf(alpn);
        options = Copies.sortedLists(options);
    }
}
