package dev.sluice.grammar.diag;

/** How grave a diagnostic is, with the label HAProxy prints for it. */
public enum Severity {
    ALERT("ALERT"),
    WARNING("WARNING"),
    NOTICE("NOTICE"),
    DIAG("DIAG");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** HAProxy's label, e.g. {@code ALERT}. */
    public String label() {
        return label;
    }
}
