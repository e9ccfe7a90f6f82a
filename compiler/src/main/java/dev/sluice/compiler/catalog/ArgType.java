package dev.sluice.compiler.catalog;

/** The type of a keyword argument, as far as the manual's placeholder and the parser tell. */
public enum ArgType {
    /** A delay: a number with an optional unit (us, ms, s, m, h, d); {@link ArgSpec#unit()} is the default unit. */
    TIME,
    /** A size: a number with an optional k, m or g suffix. */
    SIZE,
    /** An integer, within {@link ArgSpec#min()} and {@link ArgSpec#max()} when the parser enforces them. */
    INTEGER,
    /** One of {@link ArgSpec#values()}; a value may carry a parenthesised argument, e.g. {@code hdr(host)}. */
    ENUM,
    /** An address: host:port, with an optional {@code unix@}, {@code abns@}, {@code ipv4@}, {@code ipv6@}, {@code fd@} or {@code sockpair@} prefix. */
    ADDRESS,
    /** A port or a port range ({@code 80}, {@code 8000-8080}). */
    PORT_RANGE,
    /** A file or directory path. */
    FILE,
    /** An identifier: a section, ACL or object name. */
    NAME,
    /** Any single word. */
    STRING,
    /** {@code if} or {@code unless} followed by a condition: the rest of the line. */
    CONDITION,
    /** Free words: the rest of the line, not checked. */
    REST
}
