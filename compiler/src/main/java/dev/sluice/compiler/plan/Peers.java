package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code peers} section: the processes that synchronize stick tables.
 *
 * @param name the section's name
 * @param disabled {@code disabled}
 * @param peers the {@code peer} and {@code server} lines, in order
 * @param binds the {@code bind} lines' listeners (the local peer's)
 * @param tables the {@code table} lines
 * @param unmodelled the directives the plan does not model, sorted
 */
public record Peers(String name, boolean disabled, List<Peer> peers, List<Listener> binds, List<StickTable> tables,
        List<RawDirective> unmodelled) implements PlanNode {

    public Peers {
        Objects.requireNonNull(name, "name");
        peers = List.copyOf(peers);
        binds = List.copyOf(binds);
        tables = List.copyOf(tables);
        unmodelled = List.copyOf(unmodelled);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitPeers(this);
    }

    /**
     * One peer.
     *
     * @param name the peer's name (the local one is named after the host or {@code localpeer})
     * @param address its address, or null for a {@code server} line without one (the local peer)
     * @param options its other options, each to the words after it
     */
    public record Peer(String name, Address address, Map<String, List<String>> options) {

        public Peer {
            Objects.requireNonNull(name, "name");
            options = Copies.sortedLists(options);
        }
    }
}
