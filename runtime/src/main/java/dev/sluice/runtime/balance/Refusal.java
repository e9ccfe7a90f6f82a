package dev.sluice.runtime.balance;

/** Why no slot was or will be given; each is answered with a 503 by an HTTP proxy. */
public enum Refusal implements Acquisition {
    /** No server of the backend can take traffic (all down, in maintenance, weight 0, or none). */
    NO_SERVER,
    /** The server the request must go to is full and its queue has reached {@code maxqueue}. */
    QUEUE_FULL,
    /** The request waited {@code timeout queue} without getting a slot. */
    QUEUE_TIMEOUT,
    /** The waiter gave up ({@link Pending#cancel}), for example because the client went away. */
    CANCELLED
}
