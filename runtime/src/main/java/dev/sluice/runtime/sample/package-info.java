/**
 * The sample and ACL engine: compiles the plan's conditions, sample expressions and log-format
 * strings ({@link dev.sluice.runtime.sample.SampleCompiler}) into immutable evaluators that the
 * event loops share, and evaluates them on an {@link dev.sluice.runtime.sample.Exchange} with
 * HAProxy 2.6's semantics. Files are read at compile time; evaluation never blocks and never
 * resolves a name. Pure Java, no Netty.
 *
 * <p>{@code docs/runtime-samples.md} lists what is supported.
 */
package dev.sluice.runtime.sample;
