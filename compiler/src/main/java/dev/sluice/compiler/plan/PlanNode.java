package dev.sluice.compiler.plan;

/**
 * A top-level node of the plan: the plan itself or one of the sections it holds. Java 17 has no
 * exhaustive switch over sealed types, so nodes take a {@link PlanVisitor}.
 */
public sealed interface PlanNode
        permits Plan, Global, Frontend, Backend, UserList, Peers, Resolvers, HttpErrors, RawSection {

    <R> R accept(PlanVisitor<R> visitor);
}
