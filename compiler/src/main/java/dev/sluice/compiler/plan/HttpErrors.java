package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * An {@code http-errors} section: error files that proxies import with {@code errorfiles}.
 *
 * @param name the section's name
 * @param errorPages its {@code errorfile} lines, by status
 */
public record HttpErrors(String name, List<ErrorPage> errorPages) implements PlanNode {

    public HttpErrors {
        Objects.requireNonNull(name, "name");
        errorPages = List.copyOf(errorPages);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitHttpErrors(this);
    }
}
