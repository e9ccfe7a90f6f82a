package dev.sluice.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the expression of a {@code .if} or {@code .elif} line the way HAProxy does:
 * integers (0 is false), predicates such as {@code defined(NAME)} or
 * {@code version_atleast(2.6)}, {@code !}, {@code &&}, {@code ||} and parentheses, with
 * HAProxy's messages and error positions.
 */
final class IfCondition {

    /** What an expression evaluates to: a value, or an error with the 0-based offset it points at. */
    record Outcome(boolean value, String error, int errorOffset) {
        static Outcome of(boolean value) {
            return new Outcome(value, null, 0);
        }

        boolean failed() {
            return error != null;
        }
    }

    private static final int MAX_RECURSION = 1024;
    /** Predicates and the number of string arguments each takes, with the version that has it. */
    private static final Map<String, int[]> PREDICATES = Map.ofEntries(
            Map.entry("defined", new int[] {1, 2, 4}),
            Map.entry("feature", new int[] {1, 2, 4}),
            Map.entry("streq", new int[] {2, 2, 4}),
            Map.entry("strneq", new int[] {2, 2, 4}),
            Map.entry("strstr", new int[] {2, 2, 8}),
            Map.entry("version_atleast", new int[] {1, 2, 4}),
            Map.entry("version_before", new int[] {1, 2, 4}),
            Map.entry("openssl_version_atleast", new int[] {1, 2, 5}),
            Map.entry("openssl_version_before", new int[] {1, 2, 5}),
            Map.entry("ssllib_name_startswith", new int[] {1, 2, 5}),
            Map.entry("awslc_api_atleast", new int[] {1, 3, 3}),
            Map.entry("awslc_api_before", new int[] {1, 3, 3}),
            Map.entry("enabled", new int[] {1, 2, 8}));

    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        Failure(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private sealed interface Term permits Constant, Predicate, Paren {}

    private record Constant(boolean value) implements Term {}

    private record Predicate(String name, List<String> args) implements Term {}

    private record Paren(List<List<Negated>> or) implements Term {}

    private record Negated(boolean negate, Term term) {}

    private final String text;
    private final ParseOptions options;
    private int pos;

    private IfCondition(String text, ParseOptions options) {
        this.text = text;
        this.options = options;
    }

    /** Evaluates {@code text}, the words after {@code .if} joined by single spaces. */
    static Outcome evaluate(String text, ParseOptions options) {
        if (text.isEmpty()) {
            return Outcome.of(false);
        }
        IfCondition c = new IfCondition(text, options);
        try {
            List<List<Negated>> expr = c.expression(MAX_RECURSION);
            if (expr == null) {
                return new Outcome(false, "unparsable conditional expression '" + text + "'", 0);
            }
            c.skipBlanks();
            if (c.pos < text.length()) {
                return new Outcome(false, "unexpected character '" + text.charAt(c.pos)
                        + "' at the end of conditional expression '" + text + "'", c.pos);
            }
            return Outcome.of(c.evalOr(expr));
        } catch (Failure f) {
            return new Outcome(false, f.getMessage(), f.offset);
        }
    }

    /** expr := and ( '||' expr )? ; null when nothing parses at the current position. */
    private List<List<Negated>> expression(int depth) throws Failure {
        if (pos >= text.length()) {
            return null;
        }
        if (depth <= 0) {
            throw new Failure("unparsable conditional expression '" + text.substring(pos) + "'", pos);
        }
        List<List<Negated>> or = new ArrayList<>();
        while (true) {
            int start = pos;
            List<Negated> and = andGroup(depth - 1);
            if (and == null) {
                throw new Failure("unparsable conditional expression '" + text.substring(start) + "'", start);
            }
            or.add(and);
            skipBlanks();
            if (!text.startsWith("||", pos)) {
                return or;
            }
            pos += 2;
            skipBlanks();
            if (pos >= text.length()) {
                return or;
            }
        }
    }

    private List<Negated> andGroup(int depth) throws Failure {
        if (pos >= text.length()) {
            return null;
        }
        if (depth <= 0) {
            throw new Failure("unparsable conditional sub-expression '" + text.substring(pos) + "'", pos);
        }
        List<Negated> and = new ArrayList<>();
        while (true) {
            int start = pos;
            Negated term = term(depth - 1);
            if (term == null) {
                throw new Failure("unparsable conditional sub-expression '" + text.substring(start) + "'", start);
            }
            and.add(term);
            skipBlanks();
            if (!text.startsWith("&&", pos)) {
                return and;
            }
            pos += 2;
            skipBlanks();
            if (pos >= text.length()) {
                return and;
            }
        }
    }

    private Negated term(int depth) throws Failure {
        int start = pos;
        skipBlanks();
        if (pos >= text.length()) {
            return null;
        }
        if (depth <= 0) {
            throw new Failure("unparsable conditional expression '" + text.substring(start) + "'", start);
        }
        boolean negate = false;
        while (pos < text.length() && text.charAt(pos) == '!') {
            negate = !negate;
            do {
                pos++;
            } while (pos < text.length() && isBlank(text.charAt(pos)));
        }
        Long number = integer();
        if (number != null) {
            return new Negated(negate, new Constant(number != 0));
        }
        if (pos < text.length() && text.charAt(pos) == '(') {
            do {
                pos++;
            } while (pos < text.length() && isBlank(text.charAt(pos)));
            List<List<Negated>> inner = expression(depth - 1);
            if (inner == null) {
                throw new Failure("unparsable conditional expression '" + text.substring(start) + "'", start);
            }
            skipBlanks();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw new Failure("expected ')' after conditional expression '" + text.substring(start) + "'", start);
            }
            do {
                pos++;
            } while (pos < text.length() && isBlank(text.charAt(pos)));
            return new Negated(negate, new Paren(inner));
        }
        int nameEnd = pos;
        while (nameEnd < text.length() && text.charAt(nameEnd) != ' ' && text.charAt(nameEnd) != '(') {
            nameEnd++;
        }
        String name = text.substring(pos, nameEnd);
        int[] spec = PREDICATES.get(name);
        if (spec == null || !options.version().atLeast(new HaproxyVersion(spec[1], spec[2], 0))) {
            throw new Failure("unparsable conditional expression '" + text.substring(start) + "'", start);
        }
        pos = nameEnd;
        return new Negated(negate, new Predicate(name, arguments(name, spec[0])));
    }

    /** HAProxy's argument list syntax for string arguments: {@code (a,"b c",'d')}. */
    private List<String> arguments(String predicate, int count) throws Failure {
        List<String> args = new ArrayList<>();
        boolean empty = pos >= text.length() || text.charAt(pos) != '(';
        if (!empty) {
            pos++;
        }
        while (args.size() < count) {
            StringBuilder out = new StringBuilder();
            boolean squote = false;
            boolean dquote = false;
            while (!empty && pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"' && !squote) {
                    dquote = !dquote;
                    pos++;
                } else if (c == '\'' && !dquote) {
                    squote = !squote;
                    pos++;
                } else if (c == '\\' && !squote && pos + 1 < text.length()) {
                    char n = text.charAt(pos + 1);
                    switch (n) {
                        case '\\', ' ', '"', '\'' -> { out.append(n); pos++; }
                        case 'r' -> { out.append('\r'); pos++; }
                        case 'n' -> { out.append('\n'); pos++; }
                        case 't' -> { out.append('\t'); pos++; }
                        default -> out.append(c);
                    }
                    pos++;
                } else if (!squote && !dquote && (c == ',' || c == ')')) {
                    break;
                } else {
                    out.append(c);
                    pos++;
                }
            }
            args.add(out.toString());
            if (empty || pos >= text.length() || text.charAt(pos) == ')' || args.size() >= count) {
                break;
            }
            pos++; // the comma
        }
        if (args.size() < count) {
            throw new Failure("missing arguments (got " + args.size() + "/" + count
                    + "), type 'string' expected in argument " + args.size() + " of predicate '" + predicate
                    + "' used in conditional expression", pos);
        }
        if (!empty) {
            if (pos < text.length() && text.charAt(pos) == ')') {
                pos++;
            } else {
                String rest = text.substring(pos);
                int reported = args.size() > 1 ? args.size() - 1 : args.size();
                throw new Failure((rest.isEmpty() ? "expected ')'" : "expected ')' before '" + rest + "'")
                        + " in argument " + reported + " of predicate '" + predicate
                        + "' used in conditional expression", pos);
            }
        }
        return args;
    }

    /** C's strtol with base 0 at the current position; null when no digit is there. */
    private Long integer() {
        int i = pos;
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            if (i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            } else {
                pos = i + 1;
                return 0L;
            }
        } else if (text.startsWith("0", i)) {
            radix = 8;
        }
        int digits = i;
        long value = 0;
        while (i < text.length() && Character.digit(text.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(i), radix);
            i++;
        }
        if (i == digits) {
            return null;
        }
        pos = i;
        return negative ? -value : value;
    }

    private boolean evalOr(List<List<Negated>> or) throws Failure {
        for (List<Negated> and : or) {
            if (evalAnd(and)) {
                return true;
            }
        }
        return false;
    }

    private boolean evalAnd(List<Negated> and) throws Failure {
        for (Negated n : and) {
            if (!evalTerm(n)) {
                return false;
            }
        }
        return true;
    }

    private boolean evalTerm(Negated n) throws Failure {
        boolean v;
        if (n.term() instanceof Constant c) {
            v = c.value();
        } else if (n.term() instanceof Paren p) {
            v = evalOr(p.or());
        } else {
            v = evalPredicate((Predicate) n.term());
        }
        return v != n.negate();
    }

    private boolean evalPredicate(Predicate p) throws Failure {
        String a = p.args().get(0);
        switch (p.name()) {
            case "defined":
                return options.env().containsKey(a);
            case "feature":
                return options.features().contains(a);
            case "streq":
                return a.equals(p.args().get(1));
            case "strneq":
                return !a.equals(p.args().get(1));
            case "strstr":
                return a.contains(p.args().get(1));
            case "version_atleast":
                return compareVersions(options.version().toString(), a) >= 0;
            case "version_before":
                return compareVersions(options.version().toString(), a) < 0;
            case "openssl_version_atleast":
            case "openssl_version_before": {
                String ssl = options.sslLibrary();
                if (!ssl.startsWith("OpenSSL ") || !a.matches("\\d+(\\.\\d+)*[a-z]?")) {
                    throw new Failure("invalid argument to conditional expression predicate '" + p.name()
                            + "': '" + a + "'", 0);
                }
                int cmp = compareVersions(ssl.substring("OpenSSL ".length()), a);
                return p.name().endsWith("atleast") ? cmp >= 0 : cmp < 0;
            }
            case "ssllib_name_startswith":
                return options.sslLibrary().startsWith(a);
            case "awslc_api_atleast":
            case "awslc_api_before":
                throw new Failure("invalid argument to conditional expression predicate '" + p.name()
                        + "': '" + a + "'", 0);
            case "enabled":
                return options.enabled().contains(a);
            default:
                throw new IllegalStateException("predicate without evaluation: " + p.name());
        }
    }

    /** Compares dotted versions numerically, field by field; a missing field counts as 0. */
    static int compareVersions(String left, String right) {
        String[] l = left.split("[.-]");
        String[] r = right.split("[.-]");
        for (int i = 0; i < Math.max(l.length, r.length); i++) {
            long a = i < l.length ? leadingNumber(l[i]) : 0;
            long b = i < r.length ? leadingNumber(r[i]) : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        return 0;
    }

    private static long leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? 0 : Long.parseLong(s.substring(0, Math.min(i, 18)));
    }

    private void skipBlanks() {
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
