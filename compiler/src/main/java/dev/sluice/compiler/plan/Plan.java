package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled configuration. A {@code listen} section becomes a frontend and a backend of the same
 * name; sections are in the order of the configuration.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} for plans this code writes
 * @param haproxyVersion the HAProxy version whose behaviour the plan follows, e.g. {@code 3.4}
 * @param global every {@code global} section merged
 * @param frontends frontends and the frontend halves of listen sections
 * @param backends backends and the backend halves of listen sections
 * @param userlists {@code userlist} sections
 * @param peers {@code peers} sections
 * @param resolvers {@code resolvers} sections
 * @param httpErrors {@code http-errors} sections
 * @param otherSections the sections the plan does not model (cache, ring, mailers, program, ...),
 *     kept word for word
 */
public record Plan(int schemaVersion, String haproxyVersion, Global global, List<Frontend> frontends,
        List<Backend> backends, List<UserList> userlists, List<Peers> peers, List<Resolvers> resolvers,
        List<HttpErrors> httpErrors, List<RawSection> otherSections) implements PlanNode {

    /** The version of the plan's JSON schema; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    public Plan {
        Objects.requireNonNull(haproxyVersion, "haproxyVersion");
        Objects.requireNonNull(global, "global");
        frontends = List.copyOf(frontends);
        backends = List.copyOf(backends);
        userlists = List.copyOf(userlists);
        peers = List.copyOf(peers);
        resolvers = List.copyOf(resolvers);
        httpErrors = List.copyOf(httpErrors);
        otherSections = List.copyOf(otherSections);
    }

    /** The frontend named {@code name}. */
    public Optional<Frontend> frontend(String name) {
        return frontends.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The backend named {@code name}. */
    public Optional<Backend> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitPlan(this);
    }
}
