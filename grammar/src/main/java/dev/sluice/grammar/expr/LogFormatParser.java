package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.expr.LogFormatGrammar.AliasContext;
import dev.sluice.grammar.expr.LogFormatGrammar.ExpressionContext;
import dev.sluice.grammar.expr.LogFormatGrammar.LogFormatContext;
import dev.sluice.grammar.expr.LogFormatGrammar.PartContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Pair;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses log-format strings such as
 * {@code %ci:%cp [%tr] %ft %b/%s %{+Q}r %[req.hdr(host),lower]}.
 *
 * <p>The text is one configuration word as the tokenizer decoded it (spaces escaped or quoted at
 * that level). This level has one escape, {@code %%}; a {@code %} must be followed by an alias
 * name, options in braces, {@code [} or another {@code %}. Sample expressions are read by
 * {@link SampleExprParser}, which decides where they end, as HAProxy's sample parser does; the
 * character there must be {@code ]}. Alias names are not checked: that is a semantic pass's job.
 *
 * <p>Messages follow HAProxy 2.6 (log.c: parse_logformat_string()).
 */
public final class LogFormatParser {

    private LogFormatParser() {}

    /**
     * @param text the decoded log-format word
     * @param where where the word starts in the file; columns of the result count from it
     * @throws ExprSyntaxException with HAProxy's message, e.g. {@code missing ']' after 'src'} or
     *     {@code failed to parse sample expression <] x> : missing fetch method}
     */
    public static LogFormat parse(String text, SourceSpan where) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(where, "where");
        Source source = new Source(text, where);
        LogFormatLexer lexer = new LogFormatLexer(source.charStream());
        lexer.removeErrorListeners();
        lexer.addErrorListener(SampleExprParser.LexerBug.INSTANCE);
        CommonTokenStream tokens = new CommonTokenStream(new Tokens(lexer, source));
        LogFormatGrammar parser = new LogFormatGrammar(tokens);
        LogFormatContext tree = TwoStageParse.run(
                parser, LogFormatGrammar::logFormat, (p, t) -> syntaxError(tokens, p, t, source));
        return new LogFormat(parts(tree, source), text, where);
    }

    private static List<LogFormat.Part> parts(LogFormatContext tree, Source source) {
        List<LogFormat.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int literalStart = -1;
        int literalEnd = -1;
        for (PartContext part : tree.part()) {
            if (part.literal() != null) {
                Token t = part.literal().start;
                if (literalStart < 0) {
                    literalStart = t.getStartIndex();
                }
                literalEnd = t.getStopIndex() + 1;
                switch (t.getType()) {
                    case LogFormatGrammar.ESCAPED_PERCENT -> literal.append('%');
                    case LogFormatGrammar.LONE_PERCENT -> { } // HAProxy drops it
                    default -> literal.append(t.getText());
                }
                continue;
            }
            if (literalStart >= 0) {
                parts.add(literal(source, literal, literalStart, literalEnd));
                literal.setLength(0);
                literalStart = -1;
            }
            int start = part.start.getStartIndex();
            String raw = source.slice(start, part.stop.getStopIndex() + 1);
            if (part.alias() != null) {
                AliasContext alias = part.alias();
                String name = alias.ALIAS() != null ? alias.ALIAS().getText().substring(1) : alias.OPT_ALIAS().getText();
                parts.add(new LogFormat.Alias(name, options(alias.OPTIONS()), raw, source.column(start), source.span(start)));
            } else {
                ExpressionContext expression = part.expression();
                SampleExpr expr = (SampleExpr) ((PayloadToken) expression.SAMPLE().getSymbol()).payload;
                parts.add(new LogFormat.Expr(expr, options(expression.OPTIONS()), raw, source.column(start),
                        source.span(start)));
            }
        }
        if (literalStart >= 0) {
            parts.add(literal(source, literal, literalStart, literalEnd));
        }
        return parts;
    }

    private static LogFormat.Literal literal(Source source, CharSequence text, int start, int end) {
        return new LogFormat.Literal(text.toString(), source.slice(start, end), source.column(start), source.span(start));
    }

    private static LogFormat.Options options(TerminalNode options) {
        if (options == null) {
            return LogFormat.Options.NONE;
        }
        String t = options.getText();
        return LogFormat.Options.parse(t.substring(2, t.length() - 1));
    }

    /** The grammar itself only rejects options that are followed by neither an alias nor '['. */
    private static ExprSyntaxException syntaxError(TokenStream tokens, Parser parser, Token offending, Source source) {
        if (offending instanceof PayloadToken p && p.payload instanceof ExprSyntaxException e) {
            return e;
        }
        Token previous = offending.getTokenIndex() > 0 ? tokens.get(offending.getTokenIndex() - 1) : null;
        if (previous != null && previous.getType() == LogFormatGrammar.OPTIONS) {
            return new ExprSyntaxException(
                    "parse argument modifier without variable name near '" + previous.getText() + "'",
                    source.span(previous.getStartIndex()));
        }
        throw new IllegalStateException("the log-format grammar rejected token " + offending);
    }

    /** A token that carries a parsed sample expression or a lexical error. */
    private static final class PayloadToken extends CommonToken {

        private static final long serialVersionUID = 1L;

        final transient Object payload;

        PayloadToken(Pair<TokenSource, CharStream> source, int type, int start, int stop, Object payload) {
            super(source, type, Token.DEFAULT_CHANNEL, start, stop);
            this.payload = payload;
        }
    }

    /**
     * The lexer's tokens, with three changes: a sample expression after {@code %[} is read by the
     * sample parser and becomes one SAMPLE token and its EXPR_CLOSE; the lexer's error tokens
     * become LEX_ERROR tokens carrying HAProxy's message; nothing is read after an error.
     */
    private static final class Tokens extends LexerBackedTokenSource {

        private final Source source;
        private final Pair<TokenSource, CharStream> pair;
        private final Deque<Token> queue = new ArrayDeque<>();
        private Token eof;

        Tokens(LogFormatLexer lexer, Source source) {
            super(lexer);
            this.source = source;
            this.pair = new Pair<>(this, lexer.getInputStream());
        }

        @Override
        public Token nextToken() {
            if (!queue.isEmpty()) {
                return queue.poll();
            }
            if (eof != null) {
                return eof;
            }
            Token t = lexer.nextToken();
            int start = t.getStartIndex();
            switch (t.getType()) {
                case Token.EOF -> eof = t;
                case LogFormatLexer.OPTIONS_UNCLOSED -> {
                    return error(t, "truncated line after '" + t.getText().substring(2) + "'", start);
                }
                case LogFormatLexer.BAD_PERCENT -> {
                    String c = t.getText().substring(1);
                    return error(t, "unexpected variable name near '" + c + "' at position "
                            + source.byteOffset(start + 1) + " line : '" + source.text
                            + "'. Maybe you want to write a single '%', use the syntax '%%'", start + 1);
                }
                case LogFormatLexer.LONE_PERCENT -> {
                    if (t.getStopIndex() + 1 == source.codePointLength()) {
                        return error(t, "truncated line after '%'", start);
                    }
                }
                case LogFormatLexer.EXPR_OPEN, LogFormatLexer.OPT_EXPR_OPEN -> sample(t.getStopIndex() + 1);
                default -> { }
            }
            return t;
        }

        /** Reads the sample expression that starts at a code point, and queues its tokens. */
        private void sample(int start) {
            SampleExprParser.Embedded read;
            try {
                read = SampleExprParser.parseEmbedded(source, start);
            } catch (ExprSyntaxException e) {
                queueError(start, new ExprSyntaxException("failed to parse sample expression <" + source.rest(start)
                        + "> : " + e.getMessage(), e.span(), e.hint().orElse(null)));
                return;
            }
            int end = read.end();
            int length = source.codePointLength();
            int found = end < length ? source.text.codePointAt(source.charIndex(end)) : -1;
            if (found == ']') {
                queue.add(new PayloadToken(pair, LogFormatGrammar.SAMPLE, start, end - 1, read.expr()));
                queue.add(new PayloadToken(pair, LogFormatGrammar.EXPR_CLOSE, end, end, null));
                lexer.getInputStream().seek(end + 1);
                return;
            }
            String expr = source.slice(start, end);
            String message = found >= 0x20 && found < 0x7f
                    ? "expected ']' after '" + expr + "', but found '" + (char) found + "'"
                    : "missing ']' after '" + expr + "'";
            queueError(end, new ExprSyntaxException(message, source.span(end)));
        }

        private Token error(Token t, String message, int at) {
            queueError(t.getStartIndex(), new ExprSyntaxException(message, source.span(at)));
            return queue.poll();
        }

        private void queueError(int at, ExprSyntaxException e) {
            queue.add(new PayloadToken(pair, LogFormatGrammar.LEX_ERROR, at, at, e));
            eof = new CommonToken(pair, Token.EOF, Token.DEFAULT_CHANNEL, at, at - 1);
        }






    }
}
