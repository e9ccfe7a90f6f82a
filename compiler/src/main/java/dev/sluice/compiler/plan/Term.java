package dev.sluice.compiler.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/** One term of a condition: a named ACL, resolved, or an anonymous one; either may be negated. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Term.AclRef.class, name = "acl"),
        @JsonSubTypes.Type(value = Term.Anonymous.class, name = "anonymous")})
public sealed interface Term {

    /** True when the term is negated ({@code !}). */
    boolean negated();

    <R> R accept(Visitor<R> visitor);

    /** Java 17 has no exhaustive switch over sealed types, so terms take a visitor. */
    interface Visitor<R> {

        R visitAclRef(AclRef ref);

        R visitAnonymous(Anonymous anonymous);
    }

    /**
     * A reference to a named ACL with its definition inlined, so that a condition evaluates on its
     * own: the proxy's {@code acl} lines of that name (a defaults section's, for rules inherited
     * from it) or, for a name the proxy does not define, HAProxy's predefined ACL ({@code TRUE},
     * {@code METH_GET}, ...).
     *
     * @param name the ACL name
     * @param negated true for {@code !name}
     * @param predefined true when the name is one of HAProxy's predefined ACLs
     * @param matches the definition, OR-ed
     */
    record AclRef(String name, boolean negated, boolean predefined, List<AclMatch> matches) implements Term {

        public AclRef {
            Objects.requireNonNull(name, "name");
            matches = List.copyOf(matches);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAclRef(this);
        }
    }

    /**
     * An ACL written between braces in the condition.
     *
     * @param match the expression
     * @param negated true for {@code !{ ... }}
     */
    record Anonymous(AclMatch match, boolean negated) implements Term {

        public Anonymous {
            Objects.requireNonNull(match, "match");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAnonymous(this);
        }
    }
}
