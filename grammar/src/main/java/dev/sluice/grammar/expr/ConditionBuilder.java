package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.ast.Word;
import dev.sluice.grammar.expr.ConditionGrammar.AclBodyContext;
import dev.sluice.grammar.expr.ConditionGrammar.AclOptionContext;
import dev.sluice.grammar.expr.ConditionGrammar.AclValuesContext;
import dev.sluice.grammar.expr.ConditionGrammar.AnonymousAclContext;
import dev.sluice.grammar.expr.ConditionGrammar.BodyWordContext;
import dev.sluice.grammar.expr.ConditionGrammar.ConditionContext;
import dev.sluice.grammar.expr.ConditionGrammar.ConjunctionContext;
import dev.sluice.grammar.expr.ConditionGrammar.FactorContext;
import dev.sluice.grammar.expr.WordTokens.WordToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Runs {@link ConditionGrammar} over words and turns its trees into conditions and ACL
 * expressions, checking on the way, left to right, what HAProxy checks (acl.c: parse_acl_cond(),
 * parse_acl_expr(); cfgparse-listen.c for the {@code acl} keyword).
 */
final class ConditionBuilder {

    /** The match methods of {@code -m}. */
    private static final Set<String> MATCH_METHODS = Set.of(
            "found", "bool", "int", "ip", "bin", "len", "str", "beg", "sub", "dir", "dom", "end", "reg", "regm");

    /** What strtol() accepts in full, the test HAProxy makes on the argument of {@code -u}. */
    private static final Pattern INTEGER = Pattern.compile("[ \\t\\n\\x0B\\f\\r]*[+-]?[0-9]+");

    private final List<Word> words;
    private final WordTokens source;
    private final CommonTokenStream tokens;
    private final ConditionGrammar parser;

    ConditionBuilder(List<Word> words, WordTokens.Mode mode) {
        this.words = words;
        this.source = new WordTokens(words, mode);
        this.tokens = new CommonTokenStream(source);
        this.parser = new ConditionGrammar(tokens);
    }

    Condition condition() {
        ConditionContext tree = TwoStageParse.run(parser, ConditionGrammar::condition, this::syntaxError);
        List<AndGroup> groups = new ArrayList<>();
        for (ConjunctionContext conjunction : tree.disjunction().conjunction()) {
            List<Term> terms = new ArrayList<>();
            for (FactorContext factor : conjunction.factor()) {
                terms.add(term(factor));
            }
            if (!terms.isEmpty()) {
                groups.add(new AndGroup(terms, terms.get(0).span()));
            }
        }
        return new Condition(tree.polarity.getType() == ConditionGrammar.UNLESS, groups, ignored(),
                word(tree.polarity).span());
    }

    AclExpr aclExpr(SourceSpan where) {
        ConditionGrammar.AclExprContext tree = TwoStageParse.run(parser, ConditionGrammar::aclExpr, this::syntaxError);
        return aclBody(tree.aclBody(), where);
    }

    AclDefinition aclDefinition(SourceSpan where) {
        ConditionGrammar.AclDefinitionContext tree =
                TwoStageParse.run(parser, ConditionGrammar::aclDefinition, this::syntaxError);
        if (tree.name == null) {
            throw new ExprSyntaxException("character '' is not permitted in acl name ''", where);
        }
        Word name = word(tree.name.start);
        String bad = invalidChar(name.value());
        if (bad != null) {
            throw new ExprSyntaxException(
                    "character '" + bad + "' is not permitted in acl name '" + name.value() + "'", name.span());
        }
        if (name.value().equalsIgnoreCase("or")) {
            throw new ExprSyntaxException("acl name '" + name.value() + "' will never match. 'or' is used to express "
                    + "a logical disjunction within a condition", name.span());
        }
        return new AclDefinition(name.value(), name, aclBody(tree.aclBody(), name.span()), name.span());
    }

    // ---- conditions

    private Term term(FactorContext factor) {
        int bangs = 0;
        for (TerminalNode bang : factor.BANG()) {
            bangs += bang.getText().length();
        }
        SourceSpan span = word(factor.start).span();
        if (factor.term().NAME() != null) {
            Word w = word(factor.term().NAME().getSymbol());
            int glued = WordTokens.bangs(w.value());
            String name = w.value().substring(glued);
            String bad = invalidChar(name);
            if (bad != null) {
                String hint = name.contains("{") || name.contains("}")
                        ? "braces must be words of their own: '{ acl-expression }', with spaces around them"
                        : null;
                throw new ExprSyntaxException("no such ACL : '" + name + "'", w.span(), hint);
            }
            return new AclRef(name, (bangs + glued) % 2 == 1, w, span);
        }
        AnonymousAclContext anonymous = factor.term().anonymousAcl();
        Word open = word(anonymous.LBRACE().getSymbol());
        bangs += WordTokens.bangs(open.value());
        if (anonymous.closing.getType() == ConditionGrammar.MISSING_RBRACE) {
            String hint = null;
            for (int i = anonymous.LBRACE().getSymbol().getTokenIndex() + 1; i < anonymous.closing.getTokenIndex(); i++) {
                String inside = word(tokens.get(i)).value();
                if (inside.endsWith("}")) {
                    hint = "'" + inside + "' does not close the brace: '}' must be a word of its own";
                    break;
                }
            }
            throw new ExprSyntaxException("missing closing '}' in condition", open.span(), hint);
        }
        Word close = word(anonymous.closing);
        AclExpr expr = aclBody(anonymous.aclBody(), close.span());
        List<Word> between = new ArrayList<>();
        for (int i = anonymous.LBRACE().getSymbol().getTokenIndex(); i <= anonymous.closing.getTokenIndex(); i++) {
            between.add(word(tokens.get(i)));
        }
        return new AnonymousAcl(expr, bangs % 2 == 1, between, span);
    }

    private List<Word> ignored() {
        return words.subList(Math.min(source.end(), words.size()), words.size());
    }

    // ---- ACL expressions

    /**
     * @param missing where to point when there is no criterion at all
     */
    private AclExpr aclBody(AclBodyContext body, SourceSpan missing) {
        if (body.criterion == null) {
            throw new ExprSyntaxException("missing fetch method in ACL expression ''", missing);
        }
        Word criterionWord = word(body.criterion.start);
        SampleExpr criterion;
        try {
            criterion = SampleExprParser.parse(criterionWord.value(), criterionWord.span());
        } catch (ExprSyntaxException e) {
            throw new ExprSyntaxException(e.getMessage() + " in ACL expression '" + criterionWord.value() + "'",
                    e.span(), e.hint().orElse(null));
        }
        List<AclFlag> flags = new ArrayList<>();
        boolean loaded = false;
        for (AclOptionContext option : body.aclOption()) {
            AclFlag flag = flag(option);
            switch (flag.kind()) {
                case UNIQUE_ID -> {
                    if (flag.argument().isEmpty() || !INTEGER.matcher(flag.argument().get().value()).matches()) {
                        throw new ExprSyntaxException("the argument of -u must be an integer",
                                flag.argument().orElse(flag.word()).span());
                    }
                }
                case PATTERN_FILE -> {
                    if (flag.argument().isEmpty()) {
                        // HAProxy tries to open a file named "" and reports that it could not.
                        throw new ExprSyntaxException("failed to open pattern file <>", flag.span(),
                                "'-f' must be followed by the name of a file");
                    }
                    loaded = true;
                }
                case MATCH_METHOD -> {
                    if (loaded) {
                        throw new ExprSyntaxException(
                                "'-m' must only be specified before patterns and files in parsing ACL expression",
                                flag.span());
                    }
                    String method = flag.argument().map(Word::value).orElse("");
                    if (!MATCH_METHODS.contains(method)) {
                        throw new ExprSyntaxException(
                                "unknown matching method '" + method + "' when parsing ACL expression",
                                flag.argument().orElse(flag.word()).span());
                    }
                }
                default -> { }
            }
            flags.add(flag);
        }
        AclValuesContext valuesCtx = body.aclValues();
        List<Word> values = new ArrayList<>();
        if (valuesCtx.END_OF_OPTIONS() != null) {
            Word dashes = word(valuesCtx.END_OF_OPTIONS().getSymbol());
            flags.add(new AclFlag(AclFlag.Kind.END_OF_OPTIONS, dashes, Optional.empty()));
        } else if (valuesCtx.WORD() != null) {
            values.add(word(valuesCtx.WORD().getSymbol()));
        }
        for (BodyWordContext value : valuesCtx.bodyWord()) {
            values.add(word(value.start));
        }
        return new AclExpr(criterion, criterionWord, flags, values, criterionWord.span());
    }

    private AclFlag flag(AclOptionContext option) {
        Word w = word(option.start);
        Optional<Word> argument = option.bodyWord() == null ? Optional.empty() : Optional.of(word(option.bodyWord().start));
        AclFlag.Kind kind = switch (option.start.getType()) {
            case ConditionGrammar.IGNORE_CASE -> AclFlag.Kind.IGNORE_CASE;
            case ConditionGrammar.NO_DNS -> AclFlag.Kind.NO_DNS;
            case ConditionGrammar.MAP_FORMAT -> AclFlag.Kind.MAP_FORMAT;
            case ConditionGrammar.UNIQUE_ID -> AclFlag.Kind.UNIQUE_ID;
            case ConditionGrammar.PATTERN_FILE -> AclFlag.Kind.PATTERN_FILE;
            case ConditionGrammar.MATCH_METHOD -> AclFlag.Kind.MATCH_METHOD;
            default -> throw new ExprSyntaxException("'" + w.value() + "' is not a valid ACL option. "
                    + "Please use '--' before any pattern beginning with a '-'", w.span());
        };
        return new AclFlag(kind, w, argument);
    }

    /**
     * The first character HAProxy does not allow in an ACL name (letters, digits, '.', ':', '_',
     * '-'), or null; for an empty name, the empty string.
     */
    static String invalidChar(String name) {
        if (name.isEmpty()) {
            return "";
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == ':' || c == '_' || c == '-';
            if (!ok) {
                return new String(Character.toChars(c));
            }
            i += Character.charCount(c);
        }
        return null;
    }

    // ---- plumbing

    private static Word word(Token token) {
        return ((WordToken) token).word;
    }

    /** The grammar only rejects a condition that does not start with 'if' or 'unless'. */
    private ExprSyntaxException syntaxError(Parser p, Token offending) {
        if (offending.getTokenIndex() == 0) {
            SourceSpan span = offending instanceof WordToken w ? w.word.span() : words.get(0).span();
            return new ExprSyntaxException("conditions must start with either 'if' or 'unless'", span);
        }
        throw new IllegalStateException("the condition grammar rejected token " + offending);
    }
}
