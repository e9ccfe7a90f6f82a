package dev.sluice.runtime.balance;

/**
 * The outcome of {@link BackendState#acquire}: a connection {@link Slot} on a server, a
 * {@link Pending} place in a queue, or a {@link Refusal}. Test with {@code instanceof}.
 */
public sealed interface Acquisition permits Slot, Pending, Refusal {}
