package dev.sluice.compiler.diff;

import java.util.List;

/**
 * A diff as a plan to read before a deploy: one line per change, {@code +} added, {@code -}
 * removed, {@code ~} changed, with how it can be applied, grouped under the section it belongs to,
 * then a summary line:
 *
 * <pre>
 * backend app
 *   ~ server s1 weight: 1 -&gt; 10 (runtime)
 *   + server s3: 10.0.0.3:80 (reload)
 * + backend api: 2 servers (reload)
 *
 * 2 to add, 1 to change, 0 to remove; all hot-reloadable
 * </pre>
 *
 * <p>Without a change, the text is {@code No changes.}
 */
public final class DiffText {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String BOLD_RED = "\u001b[1;31m";

    private DiffText() {}

    /** The diff as text, ending with a newline; {@code colors} adds ANSI colours for a terminal. */
    public static String render(PlanDiff diff, boolean colors) {
        if (diff.isEmpty()) {
            return "No changes.\n";
        }
        StringBuilder b = new StringBuilder();
        String group = null;
        for (Change c : diff.changes()) {
            List<String> path = c.path();
            String section = path.size() > 1 ? path.get(0) : null;
            if (section != null && !section.equals(group)) {
                b.append(paint(colors, BOLD, section)).append('\n');
            }
            group = section;
            if (section != null) {
                b.append("  ");
            }
            b.append(line(c, section != null ? path.subList(1, path.size()) : path, colors)).append('\n');
        }
        return b.append('\n').append(summary(diff)).append('\n').toString();
    }

    /**
     * {@code 2 to add, 1 to change, 1 to remove; all hot-reloadable}, or {@code ...; 1 needs a
     * restart}, or {@code ...; all through the runtime socket}.
     */
    public static String summary(PlanDiff diff) {
        if (diff.isEmpty()) {
            return "No changes.";
        }
        String counts = diff.count(Change.Kind.ADD) + " to add, " + diff.count(Change.Kind.CHANGE) + " to change, "
                + diff.count(Change.Kind.REMOVE) + " to remove";
        long restarts = diff.count(Apply.RESTART);
        if (restarts > 0) {
            return counts + "; " + restarts + (restarts == 1 ? " needs" : " need") + " a restart";
        }
        if (diff.apply() == Apply.RUNTIME) {
            return counts + "; all through the runtime socket";
        }
        return counts + "; all hot-reloadable";
    }

    /** Steps joined as they read: fields with dots, an object's identity with a space ({@code server s1 check.interMs}). */
    static String path(List<String> steps) {
        StringBuilder b = new StringBuilder();
        String previous = null;
        for (String step : steps) {
            if (previous != null) {
                b.append(isField(previous) && isField(step) ? "." : " ");
            }
            b.append(step);
            previous = step;
        }
        return b.toString();
    }

    private static boolean isField(String step) {
        return step.indexOf(' ') < 0;
    }

    private static String line(Change c, List<String> steps, boolean colors) {
        String where = path(steps);
        String text = switch (c.kind()) {
            case ADD -> paint(colors, GREEN, "+ " + where) + suffix(where, Values.summary(c.newValue()));
            case REMOVE -> paint(colors, RED, "- " + where) + suffix(where, Values.summary(c.oldValue()));
            case CHANGE -> paint(colors, YELLOW, "~ " + where) + ": " + values(c.oldValue(), c.newValue());
        };
        String apply = "(" + c.apply().id() + ")";
        return text + " " + switch (c.apply()) {
            case RUNTIME -> paint(colors, CYAN, apply);
            case RELOAD -> apply;
            case RESTART -> paint(colors, BOLD_RED, apply);
        };
    }

    /** {@code old -> new}, told apart by their ACLs' definitions, or their JSON, when they read the same. */
    private static String values(Object a, Object b) {
        String x = Values.text(a);
        String y = Values.text(b);
        if (x.equals(y)) {
            x = Values.text(a, true);
            y = Values.text(b, true);
        }
        if (x.equals(y)) {
            x = Values.compact(a);
            y = Values.compact(b);
        }
        return x + " -> " + y;
    }

    /** {@code ": summary"}, or nothing when the path already ends with it. */
    private static String suffix(String where, String summary) {
        return summary.isEmpty() || where.endsWith(" " + summary) ? "" : ": " + summary;
    }

    private static String paint(boolean colors, String color, String text) {
        return colors ? color + text + RESET : text;
    }
}
