/**
 * The semantic diff of two plans ({@code sluice diff}): {@link dev.sluice.compiler.diff.PlanDiff}
 * compares them, {@link dev.sluice.compiler.diff.ApplyPolicy} says how each
 * {@link dev.sluice.compiler.diff.Change} can be applied, {@link dev.sluice.compiler.diff.DiffText}
 * and {@link dev.sluice.compiler.diff.DiffJson} print it.
 *
 * <p>{@code docs/diff.md} describes the output.
 */
package dev.sluice.compiler.diff;
