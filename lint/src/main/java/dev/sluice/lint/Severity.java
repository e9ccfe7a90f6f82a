package dev.sluice.lint;

import java.util.Locale;

/** How grave a finding is. Ordered from the least to the most grave. */
public enum Severity {
    INFO,
    WARNING,
    ERROR;

    /** The lower-case name used on the command line, in files and in reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least {@code threshold}. */
    public boolean reaches(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /** Parses {@code error}, {@code warning} or {@code info} (any case); empty when it is none of them. */
    public static java.util.Optional<Severity> parse(String text) {
        for (Severity s : values()) {
            if (s.id().equalsIgnoreCase(text.trim())) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
