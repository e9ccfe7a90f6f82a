package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code resolvers} section: DNS servers for run-time name resolution.
 *
 * @param name the section's name
 * @param nameservers the {@code nameserver} lines, in order
 * @param parseResolvConf {@code parse-resolv-conf}
 * @param resolveRetries {@code resolve_retries}, or null
 * @param timeoutsMs the {@code timeout} lines ({@code resolve}, {@code retry}), in milliseconds
 * @param holdMs the {@code hold} lines ({@code valid}, {@code nx}, ...), in milliseconds
 * @param acceptedPayloadSize {@code accepted_payload_size}, or null
 * @param unmodelled the directives the plan does not model, sorted
 */
public record Resolvers(String name, List<Nameserver> nameservers, boolean parseResolvConf, Integer resolveRetries,
        Map<String, Long> timeoutsMs, Map<String, Long> holdMs, Long acceptedPayloadSize,
        List<RawDirective> unmodelled) implements PlanNode {

    public Resolvers {
        Objects.requireNonNull(name, "name");
        nameservers = List.copyOf(nameservers);
        timeoutsMs = Copies.sorted(timeoutsMs);
        holdMs = Copies.sorted(holdMs);
        unmodelled = List.copyOf(unmodelled);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitResolvers(this);
    }

    /** A {@code nameserver} line. */
    public record Nameserver(String name, Address address) {

        public Nameserver {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
        }
    }
}
