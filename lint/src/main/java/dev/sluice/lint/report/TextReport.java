package dev.sluice.lint.report;

import dev.sluice.lint.Finding;
import dev.sluice.lint.Severity;
import java.util.List;

/** One line per finding: {@code file:line:col: severity: message [rule-id]}. */
public final class TextReport {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";

    private TextReport() {
    }

    public static String render(List<Finding> findings, boolean colour) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            String message = f.message().replace("\r", "").replace('\n', ' ');
            String where = f.span().file() + ":" + f.span().line() + ":" + f.span().column() + ":";
            if (colour) {
                b.append(BOLD).append(where).append(RESET).append(' ')
                        .append(colourOf(f.severity())).append(f.severity().id()).append(':').append(RESET)
                        .append(' ').append(message).append(' ')
                        .append(DIM).append('[').append(f.rule()).append(']').append(RESET);
            } else {
                b.append(where).append(' ').append(f.severity().id()).append(": ").append(message)
                        .append(" [").append(f.rule()).append(']');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** {@code 2 errors, 1 warning, 0 infos}. */
    public static String summary(List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        long infos = findings.stream().filter(f -> f.severity() == Severity.INFO).count();
        return plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + plural(infos, "info");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String colourOf(Severity s) {
        return switch (s) {
            case ERROR -> "\u001b[1;31m";
            case WARNING -> "\u001b[1;33m";
            case INFO -> "\u001b[1;36m";
        };
    }
}
