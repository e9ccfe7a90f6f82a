package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * A named ACL of a proxy: every {@code acl NAME ...} line of that name, in order; it matches when
 * any of them does.
 *
 * @param name the ACL name
 * @param matches its expressions, OR-ed
 */
public record Acl(String name, List<AclMatch> matches) {

    public Acl {
        Objects.requireNonNull(name, "name");
        matches = List.copyOf(matches);
    }
}
