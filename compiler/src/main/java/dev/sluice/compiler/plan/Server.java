package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server of a backend, its {@code default-server} settings applied and then its own.
 *
 * @param name the server's name ({@code server-template} servers are numbered from the prefix)
 * @param address its address
 * @param weight {@code weight}, 1 by default
 * @param maxconn {@code maxconn}, or null for no limit
 * @param maxqueue {@code maxqueue}, or null for no limit
 * @param minconn {@code minconn}, or null
 * @param backup {@code backup}
 * @param disabled {@code disabled}: starts in maintenance
 * @param cookie {@code cookie}: its persistence cookie value, or null
 * @param check health-check settings
 * @param ssl TLS settings
 * @param sendProxy {@code v1} for {@code send-proxy}, {@code v2} for {@code send-proxy-v2}, or null
 * @param options the other options, each to the words after it (none for a flag); time values in
 *     milliseconds, sizes in bytes
 */
public record Server(String name, Address address, int weight, Long maxconn, Long maxqueue, Long minconn,
        boolean backup, boolean disabled, String cookie, ServerCheck check, ServerSsl ssl, String sendProxy,
        Map<String, List<String>> options) {

    public Server {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(ssl, "ssl");
        options = Copies.sortedLists(options);
    }
}
