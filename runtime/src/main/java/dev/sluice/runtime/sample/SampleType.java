package dev.sluice.runtime.sample;

/** The type of a sample, as HAProxy types them. */
public enum SampleType {
    /** A boolean. */
    BOOL,
    /** A signed 64-bit integer. */
    SINT,
    /** An IPv4 address. */
    IPV4,
    /** An IPv6 address. */
    IPV6,
    /** A string of bytes, one {@code char} (0 to 255) per byte. */
    STR,
    /** A block of bytes, one {@code char} (0 to 255) per byte. */
    BIN,
    /** An HTTP method: as a string, compared as HAProxy compares methods in ACLs. */
    METH
}
