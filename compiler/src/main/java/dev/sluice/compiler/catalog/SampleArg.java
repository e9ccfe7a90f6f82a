package dev.sluice.compiler.catalog;

import java.util.Objects;

/**
 * One argument of a sample fetch or converter, from its declaration's argument mask.
 *
 * @param type HAProxy's argument type: {@code STR}, {@code SINT}, {@code TIME}, {@code SIZE},
 *     {@code BE}, {@code FE}, {@code SRV}, {@code TAB}, {@code USR}, {@code MAP}, {@code REG},
 *     {@code VAR}, {@code IPV4}, {@code MSK4}, {@code IPV6}, {@code MSK6}, {@code ID},
 *     {@code PBUF_FNUM}
 * @param optional true when it may be left out
 */
public record SampleArg(String type, boolean optional) {

    public SampleArg {
        Objects.requireNonNull(type, "type");
    }
}
