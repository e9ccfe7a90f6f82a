package dev.sluice.compiler.check;

import dev.sluice.grammar.ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Which words of a rule action ({@code http-request set-header X %[src]},
 * {@code tcp-request content set-var(txn.x) src}) HAProxy reads as log-format strings or as
 * sample expressions, action by action as its parsers do (http_act.c, http_htx.c, vars.c,
 * tcp-act.c, stream.c).
 */
final class ActionArguments {

    /** How HAProxy reads an argument. */
    enum Kind {
        /** A log-format string, whose {@code %[...]} hold sample expressions. */
        FORMAT,
        /** A sample expression, which may go on in the next words when they name converters. */
        EXPRESSION,
        /** A delay, or else a sample expression ({@code set-timeout server 5s}). */
        TIME_OR_EXPRESSION
    }

    /**
     * One argument.
     *
     * @param index the index of its word in the line
     * @param kind how HAProxy reads it
     * @param notesFormat true when HAProxy then records the line as its proxy's last log-format,
     *     which some of its later messages point at
     */
    record Argument(int index, Kind kind, boolean notesFormat) {}

    private ActionArguments() {}

    /**
     * The arguments of the action at word {@code at}, in line order, before word {@code end}
     * (the condition or the end of the line).
     */
    static List<Argument> of(List<Word> words, int at, int end) {
        String action = words.get(at).value();
        int paren = action.indexOf('(');
        String stem = paren < 0 ? action : action.substring(0, paren);
        List<Argument> args = new ArrayList<>();
        if (stem.startsWith("track-sc")) {
            args.add(new Argument(at + 1, Kind.EXPRESSION, false));
        }
        switch (stem) {
            case "add-header", "set-header", "early-hint" -> args.add(new Argument(at + 2, Kind.FORMAT, true));
            case "replace-header", "replace-value" -> args.add(new Argument(at + 3, Kind.FORMAT, true));
            case "replace-path", "replace-pathq", "replace-uri" -> args.add(new Argument(at + 2, Kind.FORMAT, false));
            case "set-path", "set-pathq", "set-uri", "set-query", "set-method" ->
                    args.add(new Argument(at + 1, Kind.FORMAT, false));
            case "set-map" -> {
                args.add(new Argument(at + 1, Kind.FORMAT, true));
                args.add(new Argument(at + 2, Kind.FORMAT, true));
            }
            case "add-acl", "del-acl", "del-map", "set-var-fmt" -> args.add(new Argument(at + 1, Kind.FORMAT, true));
            case "redirect" -> redirect(words, at + 1, end, args);
            case "return", "deny", "tarpit" -> reply(words, at + 1, end, args);
            case "set-var", "set-src", "set-dst", "set-src-port", "set-dst-port", "set-priority-class",
                    "set-priority-offset", "capture", "do-resolve" ->
                    args.add(new Argument(at + 1, Kind.EXPRESSION, false));
            case "set-timeout" -> args.add(new Argument(at + 2, Kind.TIME_OR_EXPRESSION, false));
            case "sc-set-gpt0" -> {
                String value = at + 1 < end ? words.get(at + 1).value() : "";
                if (!value.isEmpty() && !SampleArguments.parses("SINT", value)) {
                    args.add(new Argument(at + 1, Kind.EXPRESSION, false)); // an integer, or else an expression
                }
            }
            default -> {
                // no argument read as a format or an expression
            }
        }
        int kept = 0;
        while (kept < args.size() && args.get(kept).index() < end) {
            kept++;
        }
        return args.subList(0, kept);
    }

    /** {@code redirect location|prefix|scheme <format> [code N] [set-cookie X] ...}; {@code prefix /} is kept as is. */
    private static void redirect(List<Word> words, int from, int end, List<Argument> args) {
        int i = from;
        while (i < end) {
            String option = words.get(i).value();
            switch (option) {
                case "location", "prefix", "scheme" -> {
                    boolean slash = option.equals("prefix") && i + 1 < end && words.get(i + 1).value().equals("/");
                    if (!slash) {
                        args.add(new Argument(i + 1, Kind.FORMAT, true));
                    }
                    i += 2;
                }
                case "code", "set-cookie", "clear-cookie" -> i += 2;
                default -> i++;
            }
        }
    }

    /**
     * The reply of {@code return}, {@code deny} and {@code tarpit}: {@code hdr <name> <format>},
     * {@code lf-string <format>}.
     */
    private static void reply(List<Word> words, int from, int end, List<Argument> args) {
        int i = from;
        while (i < end) {
            switch (words.get(i).value()) {
                case "hdr" -> {
                    args.add(new Argument(i + 2, Kind.FORMAT, true));
                    i += 3;
                }
                case "lf-string" -> {
                    args.add(new Argument(i + 1, Kind.FORMAT, true));
                    i += 2;
                }
                case "status", "content-type", "errorfile", "errorfiles", "file", "lf-file", "string", "deny_status" ->
                        i += 2;
                default -> i++;
            }
        }
    }
}
