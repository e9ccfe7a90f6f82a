package dev.sluice.grammar.diag;

/**
 * Prints diagnostics the way HAProxy prints its messages:
 * {@code [ALERT]    (1234) : config : parsing [haproxy.cfg:3]: ...}, the continuation lines of a
 * message (the offending line, the caret) printed as they are.
 */
public final class HaproxyFormat {

    private HaproxyFormat() {}

    /** The label padded as HAProxy pads it, e.g. {@code "[ALERT]    "}. */
    public static String label(Severity severity) {
        String label = "[" + severity.label() + "]";
        return label + " ".repeat(Math.max(1, 11 - label.length()));
    }

    /** One diagnostic, with a trailing newline. */
    public static String format(Diagnostic d, long pid) {
        return label(d.severity()) + "(" + pid + ") : config : " + d.text() + "\n";
    }

    /** Any other message of the process, in the same layout, with a trailing newline. */
    public static String format(Severity severity, long pid, String text) {
        return label(severity) + "(" + pid + ") : " + text + "\n";
    }
}
