package dev.sluice.grammar.ast;

import java.util.Objects;

/**
 * One argument of a configuration line after HAProxy's tokenization.
 *
 * @param value the decoded text: quotes removed, escapes and environment variables resolved
 * @param raw the text as written in the file, quotes included; when a {@code ${VAR[*]}}
 *     expansion splits one written word into several, each of them carries the same raw text
 * @param span where the written word starts
 */
public record Word(String value, String raw, SourceSpan span) {

    public Word {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(span, "span");
    }

    /** True when the word was written exactly as its value: no quote, escape or variable. */
    public boolean isPlain() {
        return value.equals(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}
