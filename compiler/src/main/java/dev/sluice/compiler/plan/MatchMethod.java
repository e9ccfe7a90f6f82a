package dev.sluice.compiler.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an ACL compares a sample with its patterns: HAProxy's match methods ({@code -m}). */
public enum MatchMethod {
    /** The sample exists; patterns are ignored. */
    FOUND,
    /** The sample is true (a non-zero integer); patterns are ignored. */
    BOOL,
    /** Integers or ranges ({@code 1024:}, {@code :1023}, {@code 80}). */
    INT,
    /** IPv4/IPv6 addresses or networks. */
    IP,
    /** Hexadecimal binary blocks. */
    BIN,
    /** The sample's length is one of the integer patterns. */
    LEN,
    /** Exact string. */
    STR,
    /** Prefix. */
    BEG,
    /** Substring. */
    SUB,
    /** A slash-delimited part. */
    DIR,
    /** A dot-delimited part. */
    DOM,
    /** Suffix. */
    END,
    /** Regular expression. */
    REG,
    /** Regular expression, keeping the match. */
    REGM,
    /** Dotted versions ({@code 3.1:}), as for {@code req.ssl_ver}. */
    VER;

    /** The method's name as written after {@code -m}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method named {@code id}. */
    @JsonCreator
    public static MatchMethod of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
