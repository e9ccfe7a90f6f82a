package dev.sluice.grammar.diag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stable, kebab-case code of each kind of diagnostic ({@code unmatched-quote},
 * {@code unknown-keyword}, ...), what {@code sluice check} prints in brackets and JSON carries.
 * One table, matched against the message: HAProxy's wording is what defines a kind.
 */
public final class Codes {

    private static final Map<Pattern, String> TABLE = new LinkedHashMap<>();

    static {
        add("^unmatched quote", "unmatched-quote");
        add("^unmatched brace in environment", "unmatched-brace");
        add("^forbidden first char in environment", "bad-variable-name");
        add("^truncated or invalid hexadecimal", "bad-hex-escape");
        add("^truncated or invalid word expansion", "bad-word-expansion");
        add("^too many words", "too-many-words");
        add("^Missing LF on last line", "missing-final-newline");
        add("^Stray NUL character", "stray-nul");
        add("out of section\\.$", "out-of-section");
        add("in '\\.(if|elif)' at position|'\\.(if|elif|else|endif)'|non-terminated '\\.if'|nested '\\.if'",
                "conditional-block");
        add("^unknown directive '\\.", "unknown-directive");
        add("^Unexpected argument '.*' for '\\.", "message-directive");
        add("is empty and marks the end of the argument list", "empty-argument");
        add("scope", "scope");
        add("^Could not open configuration file|^Cannot open configuration directory", "cannot-open-file");
        add("^too many fatal errors", "too-many-errors");
        add("^unknown keyword|^unknown option|: unknown keyword '", "unknown-keyword");
        add("' expects '.*', but got '", "unknown-action");
        add("unknown fetch method '|unknown converter '", "unknown-sample");
        add("may not be reliably used here", "sample-unavailable");
        add("not supported any more|no longer supported|has been removed|was removed|is not supported anymore",
                "removed-keyword");
        add("has the same name as", "duplicate-name");
        add("unable to find required (default_backend|use_backend)", "missing-backend");
        add("loop detected for", "backend-loop");
        add("tries to use incompatible", "incompatible-mode");
        add("^missing timeouts", "missing-timeouts");
        add("rule placed after|further entries are NOOP", "misplaced-rule");
        add("not allowed in anonymous 'defaults'|only allowed in 'backend' sections|cannot inherit from"
                + "|^defaults section '.*' not found", "defaults");
        add("unable to stat SSL certificate|cannot open configuration file|missing config file|error in Lua file"
                + "|error opening file|failed to open pattern file|Couldn't open the ca-file|unable to load", "missing-file");
        add("unable to find table", "missing-table");
        add("backend name must be set", "missing-backend-name");
        add("overrides previous|directive is ignored in backends|log format ignored", "log-format");
        add("hiding headers or body", "deprecated");
        add("needs 'mode http'|require HTTP mode", "needs-http-mode");
        add("^unknown proxy mode", "bad-mode");
        add("expects an integer value \\(in milliseconds\\)|unexpected character '.*' in '", "bad-time");
        add("invalid port '|in port number '", "bad-port");
        add("^balance only supports", "bad-balance");
        add("passed a missing or unparsable integer", "bad-integer");
        add("cannot handle unexpected argument", "too-many-arguments");
        add("'listen' or 'defaults' expected|expects an <id> argument|is not permitted in '|please use the 'bind'",
                "proxy-header");
        add("^'.*'\\.$", "message");
        add("could not resolve address", "unresolvable-host");
        add("cannot find (user|group) id", "missing-account");
        add("^Error\\(s\\) found|^Fatal errors found|^Some warnings were found|^Failed to initialize server", "summary");
    }

    private Codes() {}

    private static void add(String regex, String code) {
        TABLE.put(Pattern.compile(regex), code);
    }

    /** The code of a diagnostic with this message; {@code config} when no kind matches. */
    public static String of(String message) {
        for (Map.Entry<Pattern, String> e : TABLE.entrySet()) {
            if (e.getKey().matcher(message).find()) {
                return e.getValue();
            }
        }
        return "config";
    }
}
