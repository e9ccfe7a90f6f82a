package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * A section the plan does not model ({@code cache}, {@code ring}, {@code mailers}, {@code program},
 * {@code log-forward}, ...), kept word for word in file order.
 *
 * @param type the section keyword
 * @param name its name, or "" when it has none
 * @param directives its lines
 */
public record RawSection(String type, String name, List<RawDirective> directives) implements PlanNode {

    public RawSection {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        directives = List.copyOf(directives);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitRawSection(this);
    }
}
