package dev.sluice.compiler.check;

import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.Arg;
import dev.sluice.grammar.expr.Converter;
import dev.sluice.grammar.expr.ExprSyntaxException;
import dev.sluice.grammar.expr.SampleExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks sample expressions ({@code req.hdr(host),lower,map(hosts.map)}) as HAProxy does when it
 * reads them: the names of the fetch and of each converter, their arguments (how many, which
 * types), whether each converter can take the type of sample it is given, and the files map
 * converters load. The grammar's parser reads the text; this class judges what it read, in
 * HAProxy's order and words (sample.c: sample_parse_expr(); acl.c: parse_acl_expr()).
 */
final class SampleChecker {

    /**
     * A complaint about an expression.
     *
     * @param message HAProxy's words, without the context its callers add
     * @param local true when it depends on this machine's files (a map file that is missing),
     *     which {@code --offline} does not check
     */
    record Problem(String message, boolean local) {}

    /**
     * An expression read from a line's words.
     *
     * @param expr what was read, or null when it could not be parsed
     * @param problem the first complaint, or null
     * @param words how many words it took: its own and those after it that name converters
     */
    record Reading(SampleExpr expr, Problem problem, int words) {}

    private final KeywordOracle keywords;
    private final boolean castsFromAddress;
    private final Set<String> features;
    private final Predicate<String> missingFile;
    private final ParseMemo parsed;
    /** The catalog's answers by name: an expression asks several times about its keywords. */
    private final Map<String, Optional<SampleKeyword>> fetches = new HashMap<>();
    private final Map<String, Optional<SampleKeyword>> converters = new HashMap<>();

    /**
     * @param castsFromAddress true from HAProxy 3.0 on, whose converters accept an address
     *     (the output of {@code map_*_ip}) where they expect an IP address, a string or binary
     * @param features the build's features, which decide whether add-ons' fetches and converters exist
     * @param missingFile whether a file named in the configuration is missing on this machine
     * @param parsed the parsers, shared with the rest of the check
     */
    SampleChecker(KeywordOracle keywords, boolean castsFromAddress, Set<String> features,
            Predicate<String> missingFile, ParseMemo parsed) {
        this.keywords = keywords;
        this.castsFromAddress = castsFromAddress;
        this.features = features;
        this.missingFile = missingFile;
        this.parsed = parsed;
    }

    private Optional<SampleKeyword> fetchSpec(String name) {
        return fetches.computeIfAbsent(name, keywords::fetch);
    }

    private Optional<SampleKeyword> converterSpec(String name) {
        return converters.computeIfAbsent(name, keywords::converter);
    }

    /**
     * Reads the expression that starts at word {@code i}, as HAProxy does outside log-format
     * strings: when the word ends, a next word that names a converter is one more converter of
     * the expression ({@code src lower}).
     */
    Reading read(List<Word> words, int i) {
        SampleExpr expr;
        try {
            expr = parsed.expression(words.get(i));
        } catch (ExprSyntaxException e) {
            return new Reading(null, new Problem(e.getMessage(), false), 1);
        }
        return follow(expr, words, i);
    }

    /** Checks {@code expr}, parsed from word {@code i}, and the words after it that name converters. */
    private Reading follow(SampleExpr expr, List<Word> words, int i) {
        Problem problem = check(expr, words.get(i).value());
        String type = outputType(fetchSpec(expr.fetch().name()).map(SampleKeyword::output).orElse("any"),
                expr.converters());
        int n = 1;
        while (problem == null && i + n < words.size() && isConverter(name(words.get(i + n).value()))) {
            Word word = words.get(i + n);
            List<Converter> more;
            try {
                more = asConverters(parsed.expression(word));
            } catch (ExprSyntaxException e) {
                return new Reading(expr, new Problem(e.getMessage(), false), n + 1);
            }
            problem = converters(more, type, word.value(), "");
            type = outputType(type, more);
            n++;
        }
        return new Reading(expr, problem, n);
    }

    private boolean isConverter(String name) {
        return keywords.knowsConverter(name) && !AddOns.lacks(name, features);
    }

    /** A word read as an expression whose first name is a converter's: all converters. */
    private static List<Converter> asConverters(SampleExpr word) {
        List<Converter> all = new ArrayList<>();
        all.add(new Converter(word.fetch().name(), word.fetch().args(), word.fetch().column(), word.fetch().span()));
        all.addAll(word.converters());
        return all;
    }

    /**
     * Checks a parsed expression; {@code text} is the text its columns count from (the word, or
     * the whole log-format string an embedded expression sits in).
     */
    Problem check(SampleExpr expr, String text) {
        String name = expr.fetch().name();
        Optional<SampleKeyword> fetch = fetchSpec(name);
        if (!keywords.knowsFetch(name) || AddOns.lacks(name, features)
                || fetch.isEmpty() && keywords.aclKeywordFetch(name).isPresent()) {
            return new Problem("unknown fetch method '" + name + "'", false);
        }
        if (fetch.isEmpty()) {
            return null; // an oracle that knows names only
        }
        SampleArguments.Problem args = SampleArguments.check(expr.fetch().args(), fetch.get(), text);
        if (args != null) {
            return new Problem("fetch method '" + name + "' : " + args.message(), false);
        }
        return converters(expr.converters(), fetch.get().output(), text, "");
    }

    /**
     * Checks the criterion of an ACL ({@code hdr_beg(host)}, {@code req.hdr(host),lower}) and the
     * words after it: an ACL keyword is looked up first, and its messages name it; any other
     * criterion is a sample expression, whose messages quote it.
     */
    Problem criterion(SampleExpr criterion, List<Word> words, int at) {
        String text = words.get(at).value();
        String name = criterion.fetch().name();
        Optional<SampleKeyword> keywordFetch = keywords.aclKeywordFetch(name).flatMap(this::fetchSpec);
        if (keywordFetch.isEmpty()) {
            Problem p = follow(criterion, words, at).problem();
            return p == null ? null : new Problem(p.message() + " in ACL expression '" + text + "'", p.local());
        }
        String prefix = "ACL keyword '" + name + "' : ";
        SampleArguments.Problem args = SampleArguments.check(criterion.fetch().args(), keywordFetch.get(), text);
        if (args != null) {
            return new Problem(prefix + args.message(), false);
        }
        Problem p = converters(criterion.converters(), keywordFetch.get().output(), text, ".");
        return p == null ? null : new Problem(prefix + p.message(), p.local());
    }

    /** The fetch an ACL criterion runs: an ACL keyword's, or the fetch of that name. */
    Optional<SampleKeyword> criterionFetch(String name) {
        return keywords.aclKeywordFetch(name).flatMap(this::fetchSpec).or(() -> fetchSpec(name));
    }

    /**
     * Checks a sample of a log-format string, as HAProxy does when it adds one to a format:
     * the expression, then whether its fetch can run at {@code place} (a rule set, or
     * {@code log} for the log line). The messages quote the format from the sample on.
     */
    Problem embedded(String text, SampleExpr expr, String place) {
        String rest = rest(text, expr.column());
        Problem problem = check(expr, text);
        if (problem != null) {
            return new Problem("failed to parse sample expression <" + rest + "> : " + problem.message(),
                    problem.local());
        }
        Optional<String> needs = keywords.fetchUnavailable(place, expr.fetch().name());
        if (needs.isPresent()) {
            return new Problem("sample fetch <" + rest + "> may not be reliably used here because it needs '"
                    + needs.get() + "' which is not available here", false);
        }
        return null;
    }

    /** The text from a 1-based column on. */
    private static String rest(String text, int column) {
        return text.substring(text.offsetByCodePoints(0, column - 1));
    }

    /** True when the expression's fetch reads HTTP, which makes HAProxy prepare HTTP processing. */
    boolean usesHttp(SampleExpr expr) {
        return fetchSpec(expr.fetch().name()).map(SampleKeyword::usesHttp).orElse(false);
    }

    /**
     * Checks converters applied to a sample of type {@code type}; {@code end} closes the
     * messages that HAProxy ends with a period in ACL keywords' criteria.
     */
    private Problem converters(List<Converter> converters, String type, String text, String end) {
        String current = type;
        for (Converter c : converters) {
            Problem p = converter(c, current, text, end);
            if (p != null) {
                return p;
            }
            current = convertedType(c, current);
        }
        return null;
    }

    private Problem converter(Converter c, String type, String text, String end) {
        String name = c.name();
        Optional<SampleKeyword> spec = converterSpec(name);
        if (!keywords.knowsConverter(name) || AddOns.lacks(name, features)) {
            return new Problem("unknown converter '" + name + "'" + end, false);
        }
        if (spec.isEmpty()) {
            return null;
        }
        if (!castable(type, spec.get().input())) {
            return new Problem("converter '" + name + "' cannot be applied" + end, false);
        }
        SampleArguments.Problem args = SampleArguments.check(c.args(), spec.get(), text);
        if (args != null) {
            return new Problem("invalid arg " + (args.position() + 1) + " in converter '" + name + "' : "
                    + args.message() + end, false);
        }
        if (isMap(name) && !c.args().isEmpty() && !c.args().get(0).value().isEmpty()
                && missingFile.test(c.args().get(0).value())) {
            return new Problem("invalid args in converter '" + name + "' : failed to open pattern file <"
                    + c.args().get(0).value() + ">" + end, true);
        }
        return null;
    }

    /** The map converters ({@code map}, {@code map_str}, {@code map_beg_int}, ...) load their file when read. */
    private static boolean isMap(String converter) {
        return converter.equals("map") || converter.startsWith("map_");
    }

    /** The type of a sample of type {@code type} once {@code converters} have converted it. */
    private String outputType(String type, List<Converter> converters) {
        String current = type;
        for (Converter c : converters) {
            current = convertedType(c, current);
        }
        return current;
    }

    private String convertedType(Converter c, String type) {
        return converterSpec(c.name()).map(SampleKeyword::output).orElse(type);
    }

    private static final Set<String> FROM_BOOL = Set.of("bool", "sint", "str", "bin");
    private static final Set<String> FROM_SINT = Set.of("bool", "sint", "addr", "ipv4", "ipv6", "str", "bin");
    private static final Set<String> FROM_IPV4 = Set.of("sint", "addr", "ipv4", "ipv6", "str", "bin");
    private static final Set<String> FROM_IPV6 = Set.of("addr", "ipv4", "ipv6", "str", "bin");
    private static final Set<String> FROM_STR = Set.of("bool", "sint", "addr", "ipv4", "ipv6", "str", "bin", "meth");
    private static final Set<String> FROM_BIN = Set.of("str", "bin", "meth");
    private static final Set<String> FROM_METH = Set.of("str", "bin", "meth");

    /**
     * HAProxy's cast table (sample.c: sample_casts): whether a sample of type {@code from} can be
     * given to a converter that takes {@code to}. Types it does not list are let through.
     */
    private boolean castable(String from, String to) {
        if (from.equals("any") || to.equals("any")) {
            return true;
        }
        Set<String> targets = switch (from) {
            case "bool" -> FROM_BOOL;
            case "sint" -> FROM_SINT;
            case "addr" -> castsFromAddress ? FROM_IPV6 : Set.of();
            case "ipv4" -> FROM_IPV4;
            case "ipv6" -> FROM_IPV6;
            case "str" -> FROM_STR;
            case "bin" -> FROM_BIN;
            case "meth" -> FROM_METH;
            default -> null;
        };
        return targets == null || targets.contains(to) || !FROM_STR.contains(to);
    }

    /** The name a word starts with, as HAProxy's is_idchar() delimits keywords. */
    static String name(String word) {
        int end = 0;
        while (end < word.length() && isIdChar(word.charAt(end))) {
            end++;
        }
        return word.substring(0, end);
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == '+' || c == ':';
    }

    /**
     * The index of the expression's first server argument ({@code srv_conn(s1)}) that names no
     * backend, which HAProxy cannot resolve in a defaults section; -1 when there is none.
     */
    int serverWithoutBackend(SampleExpr expr) {
        List<String> types = fetchSpec(expr.fetch().name()).map(SampleKeyword::argTypes).orElse(List.of());
        List<Arg> args = expr.fetch().args();
        for (int i = 0; i < types.size() && i < args.size(); i++) {
            String value = args.get(i).value();
            if (types.get(i).equals("SRV") && !value.isEmpty() && value.indexOf('/') < 0) {
                return i;
            }
        }
        return -1;
    }
}
