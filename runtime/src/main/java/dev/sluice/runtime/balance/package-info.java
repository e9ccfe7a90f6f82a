/**
 * Server selection and live server state: which server of a backend takes a request, how many
 * connections each server may hold, and who waits when they are all full.
 *
 * <p>{@link dev.sluice.runtime.balance.ServerStates} holds the live state of every backend
 * ({@link dev.sluice.runtime.balance.BackendState}) and of every server
 * ({@link dev.sluice.runtime.balance.ServerState}), kept apart from the immutable plan so that it
 * survives a reload. A backend's {@link dev.sluice.runtime.balance.Balancer} applies its
 * {@code balance} algorithm; {@link dev.sluice.runtime.balance.BackendState#acquire} adds
 * {@code maxconn}, {@code maxqueue} and the backend queue on top, without blocking.
 * {@link dev.sluice.runtime.balance.RetryPolicy} says what to do after a connection failure.
 * Nothing here depends on Netty; docs/runtime-balancing.md describes the behaviour.
 */
package dev.sluice.runtime.balance;
