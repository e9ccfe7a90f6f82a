package dev.sluice.runtime.balance;

/** A server's administrative state, set by configuration ({@code disabled}) or at run time. */
public enum AdminState {
    /** Takes new traffic when it is up. */
    READY,
    /** Takes no new load-balanced traffic, but still serves persistent requests. */
    DRAIN,
    /** Maintenance: takes no traffic at all. */
    MAINT
}
