package dev.sluice.lint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a rule is: its stable id, default severity, family and one-line summary.
 *
 * @param id kebab-case, never changed once released ({@code server-without-check})
 * @param severity the severity of its findings unless the lint configuration re-grades it
 * @param family the kind of advice
 * @param summary one line, no final period
 */
public record RuleMeta(String id, Severity severity, Family family, String summary) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public RuleMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(summary, "summary");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule ids are kebab-case: " + id);
        }
    }
}
