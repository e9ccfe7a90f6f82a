package dev.sluice.compiler.plan;

import dev.sluice.compiler.catalog.AclKeywordSpec;
import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.compiler.catalog.ConverterSpec;
import dev.sluice.compiler.catalog.FetchSpec;
import dev.sluice.compiler.catalog.SampleArg;
import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.AclExpr;
import dev.sluice.grammar.expr.AclFlag;
import dev.sluice.grammar.expr.AclParser;
import dev.sluice.grammar.expr.AclRef;
import dev.sluice.grammar.expr.AndGroup;
import dev.sluice.grammar.expr.AnonymousAcl;
import dev.sluice.grammar.expr.Arg;
import dev.sluice.grammar.expr.ConditionParser;
import dev.sluice.grammar.expr.Converter;
import dev.sluice.grammar.expr.ExprSyntaxException;
import dev.sluice.grammar.expr.LogFormat;
import dev.sluice.grammar.expr.LogFormatParser;
import dev.sluice.grammar.expr.SampleExpr;
import dev.sluice.grammar.expr.SampleExprParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles the sub-languages: conditions, ACL expressions, sample expressions and log-format
 * strings, typing fetch and converter arguments from the keyword catalog.
 */
final class Expressions {

    /**
     * HAProxy's predefined ACLs and their definitions (acl.c), used when a proxy does not define
     * an ACL of that name.
     */
    private static final Map<String, List<String>> PREDEFINED = Map.ofEntries(
            Map.entry("TRUE", List.of("always_true")),
            Map.entry("FALSE", List.of("always_false")),
            Map.entry("LOCALHOST", List.of("src", "127.0.0.1/8", "::1")),
            Map.entry("HTTP", List.of("req.proto_http")),
            Map.entry("HTTP_1.0", List.of("req.ver", "1.0")),
            Map.entry("HTTP_1.1", List.of("req.ver", "1.1")),
            Map.entry("HTTP_2.0", List.of("req.ver", "2.0")),
            Map.entry("HTTP_3.0", List.of("req.ver", "3.0")),
            Map.entry("METH_CONNECT", List.of("method", "CONNECT")),
            Map.entry("METH_DELETE", List.of("method", "DELETE")),
            Map.entry("METH_GET", List.of("method", "GET", "HEAD")),
            Map.entry("METH_HEAD", List.of("method", "HEAD")),
            Map.entry("METH_OPTIONS", List.of("method", "OPTIONS")),
            Map.entry("METH_POST", List.of("method", "POST")),
            Map.entry("METH_PUT", List.of("method", "PUT")),
            Map.entry("METH_TRACE", List.of("method", "TRACE")),
            Map.entry("HTTP_URL_ABS", List.of("url_reg", "^[^/:]*://")),
            Map.entry("HTTP_URL_SLASH", List.of("url_beg", "/")),
            Map.entry("HTTP_URL_STAR", List.of("url", "*")),
            Map.entry("HTTP_CONTENT", List.of("req.hdr_val(content-length)", "gt", "0")),
            Map.entry("RDP_COOKIE", List.of("req.rdp_cookie_cnt", "gt", "0")),
            Map.entry("REQ_CONTENT", List.of("req.len", "gt", "0")),
            Map.entry("WAIT_END", List.of("wait_end")));

    private static final SourceSpan BUILT_IN = SourceSpan.ofLine("<predefined>", 1);

    private final CatalogView catalog;
    private final Map<String, AclMatch> predefined = new HashMap<>();

    Expressions(CatalogView catalog) {
        this.catalog = catalog;
    }

    // ---- conditions

    /**
     * Compiles a condition.
     *
     * @param words the condition's words, from its {@code if} or {@code unless}
     * @param acls the named ACLs in scope
     * @param at the directive, for errors
     */
    Condition condition(List<Word> words, Map<String, List<AclMatch>> acls, SourceSpan at) throws CompileException {
        dev.sluice.grammar.expr.Condition parsed;
        try {
            parsed = ConditionParser.parse(words);
        } catch (ExprSyntaxException e) {
            throw new CompileException(at, e.getMessage());
        }
        List<List<Term>> or = new ArrayList<>();
        for (AndGroup group : parsed.or()) {
            List<Term> terms = new ArrayList<>();
            for (dev.sluice.grammar.expr.Term term : group.terms()) {
                if (term instanceof AclRef ref) {
                    terms.add(reference(ref, acls, at));
                } else if (term instanceof AnonymousAcl anonymous) {
                    terms.add(new Term.Anonymous(aclMatch(anonymous.expr(), at), anonymous.negated()));
                }
            }
            or.add(terms);
        }
        return new Condition(parsed.unless(), or);
    }

    private Term reference(AclRef ref, Map<String, List<AclMatch>> acls, SourceSpan at) throws CompileException {
        List<AclMatch> defined = acls.get(ref.name());
        if (defined != null) {
            return new Term.AclRef(ref.name(), ref.negated(), false, defined);
        }
        AclMatch builtIn = predefined(ref.name());
        if (builtIn == null) {
            throw new CompileException(at, "no such ACL : '" + ref.name() + "'");
        }
        return new Term.AclRef(ref.name(), ref.negated(), true, List.of(builtIn));
    }

    private AclMatch predefined(String name) throws CompileException {
        AclMatch known = predefined.get(name);
        if (known != null || !PREDEFINED.containsKey(name)) {
            return known;
        }
        List<Word> words = PREDEFINED.get(name).stream().map(w -> new Word(w, w, BUILT_IN)).toList();
        AclMatch match = aclMatch(AclParser.parseExpr(words, BUILT_IN), BUILT_IN);
        predefined.put(name, match);
        return match;
    }

    // ---- ACL expressions

    /** Compiles the arguments of an {@code acl} line into its name and expression. */
    Map.Entry<String, AclMatch> aclDefinition(List<Word> args, SourceSpan at) throws CompileException {
        try {
            var definition = AclParser.parseDefinition(args, at);
            return Map.entry(definition.name(), aclMatch(definition.expr(), at));
        } catch (ExprSyntaxException e) {
            throw new CompileException(at, e.getMessage());
        }
    }

    /** Compiles an ACL expression as HAProxy reads it (acl.c: parse_acl_expr()). */
    AclMatch aclMatch(AclExpr expr, SourceSpan at) throws CompileException {
        SampleExpr criterion = expr.criterion();
        String name = criterion.fetch().name();
        Optional<AclKeywordSpec> keyword = catalog.aclKeyword(name);
        SampleCall call;
        MatchMethod method = null;
        if (keyword.isPresent()) {
            call = call(keyword.get().fetch(), criterion.fetch().args(), criterion.converters());
            // An ACL keyword implies its match method, unless converters change the sample's type.
            if (criterion.converters().isEmpty()) {
                method = name.equals("req.ssl_ver") || name.equals("req_ssl_ver")
                        ? MatchMethod.VER
                        : implied(keyword.get().match());
            }
        } else {
            call = sample(criterion);
        }
        if (method == null) {
            method = byType(outputType(call));
        }
        boolean ignoreCase = false;
        boolean noDns = false;
        boolean mapFormat = false;
        Long uniqueId = null;
        List<String> files = new ArrayList<>();
        for (AclFlag flag : expr.flags()) {
            String argument = flag.argument().map(Word::value).orElse("");
            switch (flag.kind()) {
                case IGNORE_CASE -> ignoreCase = true;
                case NO_DNS -> noDns = true;
                case MAP_FORMAT -> mapFormat = true;
                case UNIQUE_ID -> uniqueId = Long.parseLong(argument.strip());
                case PATTERN_FILE -> files.add(argument);
                case MATCH_METHOD -> method = MatchMethod.of(argument);
                case END_OF_OPTIONS -> { }
            }
        }
        List<String> values = expr.values().stream().map(Word::value).toList();
        List<String> patterns = method == MatchMethod.INT || method == MatchMethod.LEN || method == MatchMethod.VER
                ? withOperators(values, method == MatchMethod.VER)
                : values;
        return new AclMatch(call, method, ignoreCase, noDns, mapFormat, uniqueId, patterns, files);
    }

    private static MatchMethod implied(String match) {
        try {
            return MatchMethod.of(match);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The match method HAProxy picks for a sample of this type when no {@code -m} is given. */
    private static MatchMethod byType(String type) {
        if (type == null) {
            return MatchMethod.STR;
        }
        return switch (type) {
            case "bool" -> MatchMethod.BOOL;
            case "sint" -> MatchMethod.INT;
            case "addr", "ipv4", "ipv6" -> MatchMethod.IP;
            default -> MatchMethod.STR;
        };
    }

    /** The type of the sample a call produces, from the catalog; null when unknown. */
    private String outputType(SampleCall call) {
        String type = catalog.fetch(call.fetch()).map(FetchSpec::output).orElse(null);
        for (ConverterCall c : call.converters()) {
            Optional<ConverterSpec> spec = catalog.converter(c.name());
            if (spec.isEmpty()) {
                return null;
            }
            if (!spec.get().output().equals("same")) {
                type = spec.get().output();
            }
        }
        return type;
    }

    /**
     * Applies the operators {@code eq}, {@code ge}, {@code gt}, {@code le} and {@code lt} to the
     * integer (or dotted version) patterns that follow them, giving ranges, as HAProxy does:
     * {@code gt 5} is {@code 6:}, {@code le 5} is {@code :5}.
     */
    static List<String> withOperators(List<String> values, boolean dotted) {
        List<String> out = new ArrayList<>();
        String operator = "eq";
        for (String v : values) {
            if (AclExpr.isOperator(v)) {
                operator = v;
                continue;
            }
            if (operator.equals("eq") || v.contains(":") || v.contains("-")) {
                out.add(v);
                continue;
            }
            long value;
            try {
                if (dotted) {
                    int dot = v.indexOf('.');
                    long major = Long.parseLong(dot < 0 ? v : v.substring(0, dot));
                    long minor = dot < 0 ? 0 : Long.parseLong(v.substring(dot + 1));
                    value = (major << 16) | (minor & 0xffff);
                } else {
                    value = Long.parseLong(v);
                }
            } catch (NumberFormatException e) {
                out.add(v);
                continue;
            }
            switch (operator) {
                case "gt" -> out.add(render(value + 1, dotted) + ":");
                case "ge" -> out.add(render(value, dotted) + ":");
                case "lt" -> out.add(":" + render(value - 1, dotted));
                default -> out.add(":" + render(value, dotted)); // le
            }
        }
        return out;
    }

    private static String render(long value, boolean dotted) {
        return dotted ? (value >> 16) + "." + (value & 0xffff) : Long.toString(value);
    }

    // ---- sample expressions

    /** Parses and compiles a sample expression written as one word. */
    SampleCall sample(String text, SourceSpan at) throws CompileException {
        try {
            return sample(SampleExprParser.parse(text, at));
        } catch (ExprSyntaxException e) {
            throw new CompileException(at, e.getMessage());
        }
    }

    SampleCall sample(SampleExpr expr) {
        return call(expr.fetch().name(), expr.fetch().args(), expr.converters());
    }

    private SampleCall call(String fetch, List<Arg> args, List<Converter> converters) {
        List<SampleArg> fetchArgs = catalog.fetch(fetch).map(FetchSpec::args).orElse(List.of());
        List<ConverterCall> calls = new ArrayList<>();
        for (Converter c : converters) {
            List<SampleArg> specs = catalog.converter(c.name()).map(ConverterSpec::args).orElse(List.of());
            calls.add(new ConverterCall(c.name(), typed(c.args(), specs)));
        }
        return new SampleCall(fetch, typed(args, fetchArgs), calls);
    }

    /** Types arguments by the keyword's declaration; empty parentheses give no argument. */
    private static List<TypedArg> typed(List<Arg> args, List<SampleArg> specs) {
        if (args.size() == 1 && args.get(0).value().isEmpty()) {
            return List.of();
        }
        List<TypedArg> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String value = args.get(i).value();
            String type = i < specs.size() ? specs.get(i).type() : "STR";
            out.add(typed(value, type));
        }
        return out;
    }

    private static TypedArg typed(String value, String type) {
        try {
            return switch (type) {
                case "SINT" -> new TypedArg.Int(Long.parseLong(value.strip()));
                case "TIME" -> new TypedArg.Int(Units.parseTime(value));
                case "SIZE" -> new TypedArg.Int(Units.parseSize(value));
                default -> new TypedArg.Str(value);
            };
        } catch (IllegalArgumentException e) {
            return new TypedArg.Str(value);
        }
    }

    // ---- log-format strings

    /** Parses and compiles a log-format string. */
    Format format(String text, SourceSpan at) throws CompileException {
        LogFormat parsed;
        try {
            parsed = LogFormatParser.parse(text, at);
        } catch (ExprSyntaxException e) {
            throw new CompileException(at, e.getMessage());
        }
        List<Format.Part> parts = new ArrayList<>();
        for (LogFormat.Part part : parsed.parts()) {
            if (part instanceof LogFormat.Literal literal) {
                parts.add(new Format.Text(literal.text()));
            } else if (part instanceof LogFormat.Alias alias) {
                parts.add(new Format.Alias(alias.name(), options(alias.options())));
            } else if (part instanceof LogFormat.Expr e) {
                parts.add(new Format.Sample(sample(e.expr()), options(e.options())));
            }
        }
        return new Format(text, parts);
    }

    /** Like {@link #format}, but null where the text does not parse: for words only some actions read as formats. */
    Format formatOrNull(String text, SourceSpan at) {
        try {
            return format(text, at);
        } catch (CompileException e) {
            return null;
        }
    }

    /** Like {@link #sample(String, SourceSpan)}, but null where the text does not parse. */
    SampleCall sampleOrNull(String text, SourceSpan at) {
        try {
            return sample(text, at);
        } catch (CompileException e) {
            return null;
        }
    }

    private static List<String> options(LogFormat.Options options) {
        return options.items().stream().map(LogFormat.Option::item).toList();
    }
}
