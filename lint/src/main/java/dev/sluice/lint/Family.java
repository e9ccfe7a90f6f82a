package dev.sluice.lint;

import java.util.Locale;

/** The kind of advice a rule gives. */
public enum Family {
    /** The configuration does not do what it says. */
    CORRECTNESS,
    /** Traffic is lost or slowed when a server or a client misbehaves. */
    RELIABILITY,
    /** Something is exposed or weaker than it should be. */
    SECURITY,
    /** A keyword is deprecated or removed in the target version. */
    DEPRECATION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
