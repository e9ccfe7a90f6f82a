package dev.sluice.compiler.check;

import dev.sluice.grammar.ast.Directive;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of rule actions ({@code http-request set-header}, {@code http-request deny
 * status 429}, {@code tcp-request content switch-mode http}, ...) as HAProxy 2.6's action
 * parsers check them: how many words an action needs, status codes, times. The messages are
 * the parsers' own; the caller puts them in the rule's context.
 */
final class RuleArguments {

    /** The fewest words an action reads, and what its parser says when they are missing. */
    private record Arity(int words, String message) {}

    private static final Arity TWO = new Arity(2, "expects exactly 2 arguments");

    /** HTTP actions by name; those that HAProxy matches by prefix ({@code set-map(file)}) by their prefix. */
    private static final Map<String, Arity> HTTP_ARITY = Map.ofEntries(
            Map.entry("set-header", TWO),
            Map.entry("add-header", TWO),
            Map.entry("early-hint", TWO),
            Map.entry("set-timeout", TWO),
            Map.entry("set-map", TWO),
            Map.entry("add-acl", new Arity(1, "expects exactly 1 arguments")),
            Map.entry("del-acl", new Arity(1, "expects exactly 1 arguments")),
            Map.entry("del-map", new Arity(1, "expects exactly 1 arguments")),
            Map.entry("replace-header", new Arity(3, "expects exactly 3 arguments")),
            Map.entry("replace-value", new Arity(3, "expects exactly 3 arguments")),
            Map.entry("replace-uri", new Arity(2, "expects exactly 2 arguments <match-regex> and <replace-format>")),
            Map.entry("replace-path", new Arity(2, "expects exactly 2 arguments <match-regex> and <replace-format>")),
            Map.entry("replace-pathq", new Arity(2, "expects exactly 2 arguments <match-regex> and <replace-format>")),
            Map.entry("del-header", new Arity(1, "expects at least 1 argument")),
            Map.entry("set-method", new Arity(1, "expects exactly 1 argument <format>")),
            Map.entry("set-path", new Arity(1, "expects exactly 1 argument <format>")),
            Map.entry("set-pathq", new Arity(1, "expects exactly 1 argument <format>")),
            Map.entry("set-query", new Arity(1, "expects exactly 1 argument <format>")),
            Map.entry("set-uri", new Arity(1, "expects exactly 1 argument <format>")),
            Map.entry("set-status", new Arity(1, "expects 1 argument: <status>; or 3 arguments: <status> reason <fmt>")),
            Map.entry("wait-for-body", new Arity(1, "expects time <time> [ at-least <bytes> ]")));

    private RuleArguments() {}

    /**
     * HAProxy's complaint about the arguments of the HTTP action at word {@code i} of {@code d},
     * or null.
     */
    static String httpAction(Directive d, int i) {
        String action = d.arg(i);
        int paren = action.indexOf('(');
        Arity arity = HTTP_ARITY.get(paren < 0 ? action : action.substring(0, paren));
        if (arity != null) {
            for (int k = 1; k <= arity.words(); k++) {
                if (d.arg(i + k).isEmpty()) {
                    return arity.message();
                }
            }
        }
        if (action.startsWith("track-sc") && d.arg(i + 2).equals("table") && d.arg(i + 3).isEmpty()) {
            return "missing table name";
        }
        return switch (action) {
            case "deny", "tarpit", "return" -> replyStatus(d, i + 1);
            case "cache-use", "cache-store" -> {
                String cache = d.arg(i + 1);
                yield cache.isEmpty() || cache.equals("if") || cache.equals("unless") ? "expects a cache name" : null;
            }
            case "set-status" -> {
                Long status = Numbers.strictLong(d.arg(i + 1));
                yield status == null || status < 100 || status > 999
                        ? "expects an integer status code between 100 and 999" : null;
            }
            case "wait-for-body" -> waitForBody(d, i + 1);
            case "redirect" -> redirect(d, i + 1);
            default -> null;
        };
    }

    /** The {@code status} of an HTTP reply ({@code deny}, {@code return}): 200 to 599. */
    private static String replyStatus(Directive d, int from) {
        for (int k = from; k < d.words().size(); k++) {
            String w = d.arg(k);
            if (w.equals("if") || w.equals("unless")) {
                return null;
            }
            if (w.equals("status") || (w.equals("deny_status") && k == from)) {
                String value = d.arg(k + 1);
                if (value.isEmpty()) {
                    return "'" + w + "' expects <status_code> as argument";
                }
                int status = Numbers.atoi(value);
                if (status < 200 || status > 599) {
                    return "Unexpected status code '" + status + "'";
                }
                k++;
            }
        }
        return null;
    }

    /**
     * The file an HTTP reply ({@code deny}, {@code return}) is read from while the configuration
     * is read ({@code file}, {@code lf-file}), or null.
     */
    static String replyFile(Directive d, int from) {
        return replyOption(d, from, FILE_OPTIONS);
    }

    /** The http-errors section an HTTP reply takes its body from ({@code errorfiles NAME}), or null. */
    static String replyErrors(Directive d, int from) {
        return replyOption(d, from, ERRORS_OPTIONS);
    }

    /** The complete response an HTTP reply sends ({@code errorfile FILE}), or null. */
    static String replyErrorfile(Directive d, int from) {
        return replyOption(d, from, ERRORFILE_OPTIONS);
    }

    private static final Set<String> FILE_OPTIONS = Set.of("file", "lf-file");
    private static final Set<String> ERRORFILE_OPTIONS = Set.of("errorfile");
    private static final Set<String> ERRORS_OPTIONS = Set.of("errorfiles");

    /** The value of the first of {@code names} among a reply's options, before its condition. */
    private static String replyOption(Directive d, int from, Set<String> names) {
        for (int k = from; k < d.words().size() - 1; k++) {
            String w = d.arg(k);
            if (w.equals("if") || w.equals("unless")) {
                return null;
            }
            if (names.contains(w)) {
                return d.arg(k + 1);
            }
        }
        return null;
    }

    /** {@code wait-for-body time <time> [at-least <bytes>]}. */
    private static String waitForBody(Directive d, int from) {
        for (int k = from; k < d.words().size(); k++) {
            if (!d.arg(k).equals("time")) {
                continue;
            }
            String value = d.arg(k + 1);
            if (value.isEmpty()) {
                return "missing argument for 'time'";
            }
            Numbers.Time t = Numbers.time(value);
            if (t.overflow()) {
                return "time overflow (maximum value is 2147483647 ms or ~24.8 days)";
            }
            if (t.underflow()) {
                return "time underflow (minimum non-null value is 1 ms)";
            }
            if (t.unexpected() != null) {
                return "unexpected character '" + t.unexpected() + "'";
            }
            k++;
        }
        return null;
    }

    /** The options of a {@code redirect} rule that take a value. */
    private static final Set<String> REDIRECT_VALUES = Set.of("location", "prefix", "scheme", "set-cookie",
            "clear-cookie", "code");
    private static final Set<String> REDIRECT_FLAGS = Set.of("drop-query", "append-slash", "ignore-empty");

    /**
     * The options of a {@code redirect} rule up to its condition, read as HAProxy reads them: a
     * value for each option that takes one, a code among 301, 302, 303, 307 and 308, no unknown
     * word. Returns HAProxy's complaint, or null.
     */
    static String redirect(Directive d) {
        return redirect(d, 1);
    }

    /** {@link #redirect(Directive)} for options starting at word {@code from} ({@code http-request redirect}). */
    static String redirect(Directive d, int from) {
        for (int i = from; i < d.words().size(); i++) {
            String option = d.arg(i);
            if (option.equals("if") || option.equals("unless")) {
                return null;
            }
            if (REDIRECT_VALUES.contains(option)) {
                String value = d.arg(i + 1);
                if (value.isEmpty()) {
                    return "missing argument for '" + option + "'";
                }
                long code = option.equals("code") ? Numbers.atol(value) : 0;
                if (option.equals("code") && (code < 301 || code > 308 || (code > 303 && code < 307))) {
                    return "'code': unsupported HTTP code '" + value + "' (must be one of 301, 302, 303, 307 or 308)";
                }
                i++;
            } else if (!REDIRECT_FLAGS.contains(option)) {
                return "expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', 'clear-cookie', 'drop-query',"
                        + " 'ignore-empty' or 'append-slash' (was '" + option + "')";
            }
        }
        return null;
    }

    /** Whether a {@code redirect} rule says where to: HAProxy refuses one that does not. */
    static boolean redirectHasType(Directive d) {
        for (int i = 1; i < d.words().size(); i++) {
            String option = d.arg(i);
            if (option.equals("if") || option.equals("unless")) {
                return false;
            }
            if (option.equals("location") || option.equals("prefix") || option.equals("scheme")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code tcp-request content switch-mode MODE}: a mode, {@code http}, in a proxy that receives
     * connections.
     */
    static String switchMode(ProxyState p, Directive d, int i) {
        String mode = d.arg(i + 1);
        if (mode.isEmpty()) {
            return "'tcp-request switch-mode' expects a mode as argument.";
        }
        if (!p.isFrontend()) {
            return "'tcp-request switch-mode' not allowed because " + p.typeWord() + " '" + p.name
                    + "' has no frontend capability";
        }
        if (!mode.equals("http")) {
            return "'tcp-request switch-mode' expects a valid mode (got '" + mode + "').";
        }
        return null;
    }
}
