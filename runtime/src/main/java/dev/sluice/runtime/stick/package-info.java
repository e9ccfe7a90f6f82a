/**
 * Stick tables: the store ({@link dev.sluice.runtime.stick.StickTable}, its entries and their data,
 * with HAProxy 2.6's data types, frequency counters, expiry and eviction), the registry that keeps
 * tables across reloads and answers {@code show table} and {@code clear table}
 * ({@link dev.sluice.runtime.stick.StickTables}), and the stick counters {@code sc0} to {@code sc2}
 * of a session or a stream ({@link dev.sluice.runtime.stick.Trackers}). Pure Java, no Netty; the
 * sample engine reads it, {@code dev.sluice.runtime.track} writes to it.
 *
 * <p>{@code docs/runtime-stick-tables.md} says what is supported.
 */
package dev.sluice.runtime.stick;
