package dev.sluice.compiler.check;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the checker's diagnostics in HAProxy's wording and layouts, and HAProxy's error
 * state: a fatal error lets reading go on, an abort stops it.
 */
public final class Report {

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private boolean fatal;
    private boolean aborted;
    private boolean warned;

    /** {@code parsing [file:line] : message}: the layout of keyword parsers. */
    public void alert(SourceSpan at, String message) {
        add(Severity.ALERT, at, message, "parsing [" + at.fileAndLine() + "] : " + message);
        fatal = true;
    }

    /** An alert HAProxy prints without counting it as an error (what follows usually is one). */
    public void alertOnly(SourceSpan at, String message) {
        add(Severity.ALERT, at, message, "parsing [" + at.fileAndLine() + "] : " + message);
    }

    /** An alert that stops reading the configuration, as HAProxy's ERR_ABORT. */
    public void abort(SourceSpan at, String message) {
        alert(at, message);
        aborted = true;
    }

    /** {@code parsing [file:line]: message}: the layout of the reader and of proxy headers. */
    public void alertTight(SourceSpan at, String message, boolean abort) {
        add(Severity.ALERT, at, message, "parsing [" + at.fileAndLine() + "]: " + message);
        fatal = true;
        aborted |= abort;
    }

    /** {@code Parsing [file:line]: message} (HAProxy capitalizes a few). */
    public void alertCapitalized(SourceSpan at, String message) {
        add(Severity.ALERT, at, message, "Parsing [" + at.fileAndLine() + "]: " + message);
        fatal = true;
    }

    /** {@code [file:line] : message}: the layout of server-line messages. */
    public void alertBracketed(SourceSpan at, String message) {
        add(Severity.ALERT, at, message, "[" + at.fileAndLine() + "] : " + message);
        fatal = true;
    }

    public void warning(SourceSpan at, String message) {
        add(Severity.WARNING, at, message, "parsing [" + at.fileAndLine() + "] : " + message);
        warned = true;
    }

    public void warningTight(SourceSpan at, String message) {
        add(Severity.WARNING, at, message, "parsing [" + at.fileAndLine() + "]: " + message);
        warned = true;
    }

    /** A message about the whole configuration; {@code at} locates it for reports that need a place. */
    public void global(Severity severity, SourceSpan at, String text) {
        add(severity, at, firstLine(text), text);
        if (severity == Severity.ALERT) {
            fatal = true;
        } else if (severity == Severity.WARNING) {
            warned = true;
        }
    }

    /** Diagnostics the reader already produced. */
    public void addAll(List<Diagnostic> list) {
        for (Diagnostic d : list) {
            diagnostics.add(d);
            if (d.severity() == Severity.ALERT) {
                fatal = true;
            } else if (d.severity() == Severity.WARNING) {
                warned = true;
            }
        }
    }

    /** What HAProxy prints without a location, e.g. "Fatal errors found in configuration." */
    public void closing(String text) {
        diagnostics.add(new Diagnostic(Severity.ALERT, new SourceSpan("-", 1, 1), text, text));
    }

    private void add(Severity severity, SourceSpan at, String message, String text) {
        diagnostics.add(new Diagnostic(severity, at, message, text));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** Starts counting a new file's fatal errors (HAProxy reports each file's). */
    public void fatalReset() {
        fatal = false;
    }

    /** Restores the configuration-wide fatal state after a file. */
    public void fatalRestore(boolean value) {
        fatal = value;
    }

    public boolean fatal() {
        return fatal;
    }

    public boolean aborted() {
        return aborted;
    }

    public boolean warned() {
        return warned;
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
