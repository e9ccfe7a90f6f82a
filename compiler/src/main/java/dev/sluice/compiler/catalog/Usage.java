package dev.sluice.compiler.catalog;

/** How a section treats a keyword it accepts. */
public enum Usage {
    /** The keyword works in this section. */
    ALLOWED,
    /** In a {@code defaults} section: only in a named one ({@code defaults NAME}), refused in an anonymous one. */
    NAMED_DEFAULTS,
    /**
     * Accepted but without effect: HAProxy warns that the proxy lacks the capability (a frontend
     * keyword in a backend, or the reverse) and ignores the line.
     */
    IGNORED
}
