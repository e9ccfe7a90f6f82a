/**
 * The plan: the compiled, immutable form of a configuration that the runtime loads. Every proxy
 * with its defaults applied, conditions as expression trees, sample expressions as fetch and
 * converter calls with typed arguments, times in milliseconds and sizes in bytes. The plan holds
 * no source position, so a reformatted configuration compiles to the same plan; {@link
 * dev.sluice.compiler.plan.PlanJson} writes it as deterministic JSON.
 *
 * <p>{@code docs/plan.md} describes the schema.
 */
package dev.sluice.compiler.plan;
