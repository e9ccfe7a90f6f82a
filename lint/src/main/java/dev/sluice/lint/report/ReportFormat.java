package dev.sluice.lint.report;

/** How {@code sluice lint} prints its findings. */
public enum ReportFormat {
    /** {@code file:line:col: severity: message [rule-id]}, coloured on a terminal. */
    TEXT,
    /** A JSON array of findings. */
    JSON,
    /** A SARIF 2.1.0 log, for code-scanning tools. */
    SARIF,
    /** GitHub Actions workflow commands ({@code ::warning file=...,line=...::...}). */
    GITHUB
}
