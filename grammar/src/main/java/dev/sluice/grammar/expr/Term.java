package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;

/**
 * One term of a condition: a reference to a named ACL or an anonymous ACL between braces, either
 * of them possibly negated.
 */
public sealed interface Term permits AclRef, AnonymousAcl {

    /** True when an odd number of {@code !} precede the term. */
    boolean negated();

    /** Where the term's first word starts, a separate {@code !} included. */
    SourceSpan span();

    <R> R accept(Visitor<R> visitor);

    /** Java 17 has no exhaustive switch over sealed types, so terms take a visitor. */
    interface Visitor<R> {

        R visitAclRef(AclRef ref);

        R visitAnonymousAcl(AnonymousAcl acl);
    }
}
