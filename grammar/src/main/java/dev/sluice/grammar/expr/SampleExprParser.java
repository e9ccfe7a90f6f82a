package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import dev.sluice.grammar.expr.SampleExprGrammar.ArgListContext;
import dev.sluice.grammar.expr.SampleExprGrammar.ArgPieceContext;
import dev.sluice.grammar.expr.SampleExprGrammar.ArgumentContext;
import dev.sluice.grammar.expr.SampleExprGrammar.ConverterContext;
import dev.sluice.grammar.expr.SampleExprGrammar.FetchContext;
import dev.sluice.grammar.expr.SampleExprGrammar.SampleExprContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses HAProxy sample expressions, {@code fetch[(args)][,converter[(args)]]...}, such as
 * {@code req.hdr(host),lower,map(/etc/haproxy/hosts.map,default)} or
 * {@code regsub("a,b",\,,g)}.
 *
 * <p>The text is a word as the configuration tokenizer decoded it: first-level quotes and escapes
 * are already gone. Inside parentheses this parser applies HAProxy's second level of quoting:
 * commas separate arguments, an unquoted {@code )} ends them, single quotes protect everything,
 * double quotes protect commas and parentheses, and a backslash outside single quotes escapes a
 * backslash, a space or a quote or stands for {@code \r}, {@code \n}, {@code \t}. Before any
 * other character HAProxy keeps the backslash as it is, so {@code \,} is a backslash followed by
 * an argument separator.
 *
 * <p>Only the syntax is checked. Whether a fetch or converter exists, how many arguments it takes
 * and of which type are questions for a semantic pass; so is HAProxy's habit of taking a next
 * word that names a converter as one more converter ({@code src lower}).
 */
public final class SampleExprParser {

    private SampleExprParser() {}

    /**
     * Parses a whole word as one sample expression.
     *
     * @param text the decoded word
     * @param where where the word starts in the file; columns of the result count from it
     * @throws ExprSyntaxException with HAProxy's message, e.g. {@code missing fetch method} or
     *     {@code fetch method 'req.hdr' : expected ')'}
     */
    public static SampleExpr parse(String text, SourceSpan where) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(where, "where");
        return parse(new Source(text, where), 0, false).expr();
    }

    /** An expression read from the middle of a text, and where it stopped. */
    record Embedded(SampleExpr expr, int end) {}

    /**
     * Reads an expression starting at a code point of a longer text, stopping where HAProxy does
     * when it is called with an end pointer: after a fetch or a converter, at the first character
     * that is not a comma.
     *
     * @return the expression and the code point index of the first character after it
     */
    static Embedded parseEmbedded(Source source, int start) {
        return parse(source, start, true);
    }

    private static Embedded parse(Source source, int start, boolean embedded) {
        CharStream chars = source.charStream();
        chars.seek(start);
        SampleExprLexer lexer = new SampleExprLexer(chars);
        lexer.removeErrorListeners();
        lexer.addErrorListener(LexerBug.INSTANCE);
        CommonTokenStream tokens = new CommonTokenStream(new ExpressionEnd(lexer, embedded));
        SampleExprGrammar parser = new SampleExprGrammar(tokens);
        SampleExprContext tree = TwoStageParse.run(
                parser, SampleExprGrammar::sampleExpr, (p, t) -> syntaxError(source, tokens, p, t));
        int end = tree.EOF().getSymbol().getStartIndex();
        return new Embedded(build(source, tree, start, end), end);
    }

    // ---- building the AST

    private static SampleExpr build(Source source, SampleExprContext tree, int start, int end) {
        FetchContext f = tree.fetch();
        Fetch fetch = new Fetch(f.NAME().getText(), args(source, f.argList()),
                source.column(f.start.getStartIndex()), source.span(f.start.getStartIndex()));
        List<Converter> converters = new ArrayList<>();
        for (ConverterContext c : tree.converter()) {
            converters.add(new Converter(c.NAME().getText(), args(source, c.argList()),
                    source.column(c.start.getStartIndex()), source.span(c.start.getStartIndex())));
        }
        return new SampleExpr(fetch, converters, source.slice(start, end), source.column(start), source.span(start));
    }

    private static List<Arg> args(Source source, ArgListContext list) {
        if (list == null) {
            return List.of();
        }
        List<Arg> args = new ArrayList<>();
        for (ArgumentContext a : list.argument()) {
            int at = a.start.getStartIndex();
            String raw = a.argPiece().isEmpty()
                    ? ""
                    : source.slice(at, a.stop.getStopIndex() + 1);
            StringBuilder value = new StringBuilder();
            for (ArgPieceContext piece : a.argPiece()) {
                decode(piece.start, value);
            }
            args.add(new Arg(value.toString(), raw, source.column(at), source.span(at)));
        }
        return args;
    }

    /** Appends the decoded value of one piece of an argument. */
    private static void decode(Token piece, StringBuilder out) {
        String t = piece.getText();
        switch (piece.getType()) {
            case SampleExprLexer.ARG_TEXT, SampleExprLexer.BACKSLASH -> out.append(t);
            case SampleExprLexer.ESCAPE -> out.append(unescape(t.charAt(1)));
            case SampleExprLexer.SQUOTED -> out.append(t, 1, t.length() - 1);
            case SampleExprLexer.SQUOTED_OPEN -> out.append(t, 1, t.length());
            case SampleExprLexer.DQUOTED -> decodeDoubleQuoted(t, 1, t.length() - 1, out);
            case SampleExprLexer.DQUOTED_OPEN -> decodeDoubleQuoted(t, 1, t.length(), out);
            default -> throw new IllegalStateException("not an argument piece: " + piece);
        }
    }

    /** Backslash escapes inside double quotes; returns true when a lone backslash ends the text. */
    private static boolean decodeDoubleQuoted(String t, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                if (i + 1 >= to) {
                    return true;
                }
                char next = t.charAt(i + 1);
                if (isEscapable(next)) {
                    out.append(unescape(next));
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return false;
    }

    private static boolean isEscapable(char c) {
        return c == '\\' || c == ' ' || c == '"' || c == '\'' || c == 'r' || c == 'n' || c == 't';
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'r' -> '\r';
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> c;
        };
    }

    // ---- errors, in HAProxy's words (sample_parse_expr() and make_arg_list())

    private static ExprSyntaxException syntaxError(Source source, TokenStream tokens, Parser parser, Token offending) {
        ParserRuleContext ctx = parser.getContext();
        ArgListContext argList = ancestor(ctx, ArgListContext.class);
        if (argList != null) {
            return unterminatedArgs(source, tokens, argList, offending);
        }
        int at = offending.getStartIndex();
        if (offending.getTokenIndex() == 0) {
            return new ExprSyntaxException("missing fetch method", source.span(at));
        }
        Token previous = tokens.get(offending.getTokenIndex() - 1);
        if (previous.getType() == SampleExprLexer.COMMA) {
            return new ExprSyntaxException("unknown converter ''", source.span(at));
        }
        SampleExprContext expr = ancestor(ctx, SampleExprContext.class);
        List<ConverterContext> converters = expr.converter();
        String message = converters.isEmpty()
                ? "missing comma after fetch keyword '" + expr.fetch().NAME().getText() + "'"
                : "missing comma after converter '" + converters.get(converters.size() - 1).NAME().getText() + "'";
        return new ExprSyntaxException(message, source.span(at));
    }

    /** The input ended inside parentheses: no closing one, or a backslash with nothing to escape. */
    private static ExprSyntaxException unterminatedArgs(
            Source source, TokenStream tokens, ArgListContext argList, Token offending) {
        ParserRuleContext term = argList.getParent();
        String name = ((TerminalNode) term.getChild(0)).getText();
        boolean isFetch = term instanceof FetchContext;
        int separators = argList.ARG_SEP().size();

        Token last = tokens.get(offending.getTokenIndex() - 1);
        boolean lastIsEnd = last.getStopIndex() == source.codePointLength() - 1;
        StringBuilder before = new StringBuilder();
        boolean trailingBackslash = false;
        if (lastIsEnd && last.getType() == SampleExprLexer.BACKSLASH) {
            trailingBackslash = true;
        } else if (lastIsEnd && last.getType() == SampleExprLexer.DQUOTED_OPEN) {
            String t = last.getText();
            trailingBackslash = decodeDoubleQuoted(t, 1, t.length(), new StringBuilder());
        }
        if (trailingBackslash) {
            List<ArgumentContext> arguments = argList.argument();
            if (!arguments.isEmpty()) {
                for (ArgPieceContext piece : arguments.get(arguments.size() - 1).argPiece()) {
                    if (piece.start == last) {
                        if (last.getType() == SampleExprLexer.DQUOTED_OPEN) {
                            String t = last.getText();
                            decodeDoubleQuoted(t, 1, t.length() - 1, before);
                        }
                    } else {
                        decode(piece.start, before);
                    }
                }
            }
            // HAProxy also names the argument's type here, which only the keyword knows.
            String detail = "failed to parse '\\' after '" + before + "' at position " + (separators + 1);
            String message = isFetch
                    ? "fetch method '" + name + "' : " + detail
                    : "invalid arg " + (separators + 1) + " in converter '" + name + "' : " + detail;
            return new ExprSyntaxException(message, source.span(last.getStopIndex()));
        }

        // make_arg_list() counts the empty argument it created at the end, then takes one back.
        int parsed = separators + 1;
        int errArg = parsed > 1 ? parsed - 1 : parsed;
        String message = isFetch
                ? "fetch method '" + name + "' : expected ')'"
                : "invalid arg " + (errArg + 1) + " in converter '" + name + "' : expected ')'";
        return new ExprSyntaxException(message, source.span(argList.start.getStartIndex()),
                "the '(' here is never closed; quote a ')' or ',' that belongs to an argument");
    }

    private static <T extends ParserRuleContext> T ancestor(ParserRuleContext ctx, Class<T> type) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    // ---- token plumbing

    /**
     * Passes the lexer's tokens through; for an embedded expression, ends the input where HAProxy
     * stops reading it: at a character other than a comma right after a fetch or a converter.
     */
    private static final class ExpressionEnd extends LexerBackedTokenSource {

        private final boolean embedded;
        private int previous = -1;
        private Token eof;

        ExpressionEnd(SampleExprLexer lexer, boolean embedded) {
            super(lexer);
            this.embedded = embedded;
        }

        @Override
        public Token nextToken() {
            if (eof != null) {
                return eof;
            }
            Token t = lexer.nextToken();
            int type = t.getType();
            if (embedded) {
                boolean afterTerm = previous == SampleExprLexer.NAME || previous == SampleExprLexer.RPAREN;
                boolean ends = (type == SampleExprLexer.OTHER && afterTerm)
                        || ((type == SampleExprLexer.NAME || type == SampleExprLexer.LPAREN)
                                && previous == SampleExprLexer.RPAREN);
                if (ends) {
                    CommonToken end = new CommonToken(t);
                    end.setType(Token.EOF);
                    end.setText("<EOF>");
                    end.setStopIndex(t.getStartIndex() - 1);
                    eof = end;
                    return eof;
                }
                switch (type) {
                    case SampleExprLexer.NAME, SampleExprLexer.LPAREN, SampleExprLexer.COMMA,
                            SampleExprLexer.OTHER, SampleExprLexer.RPAREN -> previous = type;
                    default -> { } // inside parentheses
                }
            }
            if (type == Token.EOF) {
                eof = t;
            }
            return t;
        }






    }

    /** Every character matches a lexer rule, so a lexer error is a bug in the grammar. */
    static final class LexerBug extends BaseErrorListener {

        static final LexerBug INSTANCE = new LexerBug();

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
                int charPositionInLine, String msg, RecognitionException e) {
            throw new IllegalStateException("lexer rules do not cover the input at " + line + ":" + charPositionInLine);
        }
    }
}
