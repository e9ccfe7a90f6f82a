package dev.sluice.runtime.admin;

import java.util.Locale;

/**
 * What a runtime API session may do, from a {@code stats socket}'s {@code level}: each level
 * allows what the levels below it allow.
 */
public enum Level {
    /** Reads: statistics, information, server states, tables' sizes. */
    USER,
    /** Also what does not change the traffic's course: tables' contents, clearing table entries. */
    OPERATOR,
    /** Everything: server states, weights and addresses, reloads. */
    ADMIN;

    /** A socket without {@code level}: HAProxy's default. */
    public static final Level DEFAULT = OPERATOR;

    /** The level named {@code name} ({@code user}, {@code operator}, {@code admin}). */
    public static Level of(String name) {
        return switch (name) {
            case "user" -> USER;
            case "operator" -> OPERATOR;
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException("level '" + name
                    + "' is not one of 'user', 'operator' or 'admin'");
        };
    }

    /** Whether this level may run a command that needs {@code needed}. */
    public boolean allows(Level needed) {
        return compareTo(needed) >= 0;
    }

    /** Its name in the configuration. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
