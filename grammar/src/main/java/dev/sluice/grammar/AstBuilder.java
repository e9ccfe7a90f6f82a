package dev.sluice.grammar;

import dev.sluice.grammar.syntax.Fragment;
import dev.sluice.grammar.syntax.RawWord;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Runs the ANTLR lexer ({@code ConfigLexer.g4}) over a file's text and groups its tokens into
 * {@link SyntaxLine}s: with {@link Latin1CharStream}, the only code that touches ANTLR.
 *
 * <p>A file is {@code (line NEWLINE)* line EOF}, a line is
 * {@code BLANK? (word (BLANK word)* BLANK?)? COMMENT? LINE_REST?}, a word is a run of fragments
 * (text, escapes, quoted strings). That structure is walked here directly over the token stream:
 * an ANTLR parser for it cost twenty times the lexing. The lexer never fails; should it ever
 * report an error, that is a bug, raised as an {@link IllegalStateException} rather than printed.
 *
 * <p>Built for a short-lived process, where the JIT never gets past C1 (see bench/README.md):
 * no {@code Token} objects are made (the lexer hands over each token's type and indexes), text
 * is cut from the file's string once per word, and a big file is lexed in two halves on two
 * threads. That is sound because no token spans a line: after every LF the lexer is back in its
 * default mode with nothing pending, as at the start of a file, so lexing from a line's start
 * gives the tokens a single pass gives.
 */
final class AstBuilder implements Callable<List<SyntaxLine>> {

    /** From this many characters on, the text is lexed in two halves on two threads. */
    static final int PARALLEL_THRESHOLD = 256 * 1024;

    private static final BaseErrorListener FAIL = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
                int charPositionInLine, String msg, RecognitionException e) {
            throw new IllegalStateException("internal tokenizer error at " + line + ":"
                    + (charPositionInLine + 1) + ": " + msg);
        }
    };

    private final String text;
    private final int end;
    private final int firstLine;
    private final Tokens lexer;

    /** The current token: its type, and the indexes of its first and last character. */
    private int type;
    private int start;
    private int stop;
    /** The index where the current line starts. */
    private int lineStart;

    /** Reused from line to line and word to word: the records copy them. */
    private final List<RawWord> words = new ArrayList<>();
    private final List<Fragment> fragments = new ArrayList<>();
    private final List<Fragment> parts = new ArrayList<>();

    /** Reads {@code text[start..end)}, whose first line is line {@code firstLine} of the file. */
    private AstBuilder(String text, byte[] bytes, int start, int end, int firstLine) {
        this.text = text;
        this.end = end;
        this.firstLine = firstLine;
        this.lineStart = start;
        this.lexer = new Tokens(new Latin1CharStream(bytes, start, end));
        lexer.removeErrorListeners();
        lexer.addErrorListener(FAIL);
    }

    /** Tokenizes {@code text} (one character per byte of the file) into its lines. */
    static List<SyntaxLine> lines(String text) {
        int half = text.length() >= PARALLEL_THRESHOLD ? text.indexOf('\n', text.length() / 2) + 1 : 0;
        return lines(text, half);
    }

    /**
     * Tokenizes {@code text} into its lines, lexing {@code text[0..split)} on another thread; 0 (or
     * the text's length) lexes it in one pass.
     *
     * @throws IllegalArgumentException when {@code split} is not just after an LF
     */
    static List<SyntaxLine> lines(String text, int split) {
        byte[] bytes = latin1(text);
        if (split <= 0 || split >= text.length()) {
            return new AstBuilder(text, bytes, 0, text.length(), 1).call();
        }
        if (text.charAt(split - 1) != '\n') {
            throw new IllegalArgumentException("a text splits after an LF, not at " + split);
        }
        FutureTask<List<SyntaxLine>> firstHalf = new FutureTask<>(new AstBuilder(text, bytes, 0, split, 1));
        Thread thread = new Thread(firstHalf, "sluice-lexer");
        thread.setDaemon(true);
        thread.start();
        List<SyntaxLine> secondHalf = new AstBuilder(text, bytes, split, text.length(), 1 + newlines(bytes, split)).call();
        List<SyntaxLine> first = join(firstHalf);
        List<SyntaxLine> lines = new ArrayList<>(first.size() + secondHalf.size());
        lines.addAll(first);
        lines.addAll(secondHalf);
        return lines;
    }

    /**
     * The text as the lexer reads it, one byte per character. A file's text maps to its bytes. A
     * character above U+00FF (only an API caller's string has one) becomes '?', which the lexer
     * takes for ordinary text in every mode, as it would the character itself.
     */
    private static byte[] latin1(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length != text.length()) {
            // The encoder made one '?' of a surrogate pair: map the characters one by one.
            bytes = new byte[text.length()];
            for (int i = 0; i < bytes.length; i++) {
                char c = text.charAt(i);
                bytes[i] = (byte) (c <= 0xFF ? c : '?');
            }
        }
        return bytes;
    }

    private static int newlines(byte[] bytes, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Waits for the other half, without giving up on an interrupt: it is a bounded computation. */
    private static List<SyntaxLine> join(FutureTask<List<SyntaxLine>> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The lines of this builder's range. */
    @Override
    public List<SyntaxLine> call() {
        lexer.nextToken();
        List<SyntaxLine> lines = new ArrayList<>();
        int number = firstLine;
        // A line that would start at the end is none: the text is empty or ends with LF.
        while (type != Token.EOF) {
            lines.add(line(number++));
        }
        return lines;
    }

    private void advance() {
        lexer.nextToken();
    }

    /** Reads one line: {@code BLANK? (word (BLANK word)* BLANK?)? COMMENT? LINE_REST? (NEWLINE | EOF)}. */
    private SyntaxLine line(int number) {
        int begin = lineStart;
        words.clear();
        String comment = null;
        String rest = null;
        while (type != Token.EOF && type != ConfigLexer.NEWLINE) {
            switch (type) {
                case ConfigLexer.BLANK -> advance();
                case ConfigLexer.COMMENT -> {
                    comment = tokenText();
                    advance();
                }
                case ConfigLexer.LINE_REST -> {
                    rest = tokenText();
                    advance();
                }
                default -> words.add(word(number));
            }
        }
        boolean terminated = type == ConfigLexer.NEWLINE;
        // NEWLINE is '\r'? '\n': the line's text keeps a CR, as HAProxy's reader sees it.
        int lineEnd = terminated ? stop : end;
        if (terminated) {
            lineStart = stop + 1;
            advance();
        }
        return new SyntaxLine(number, text.substring(begin, lineEnd), words, comment, rest, terminated);
    }

    /** A word: the fragments up to the next blank, comment or end of line. */
    private RawWord word(int number) {
        int wordStart = start;
        int wordStop = stop;
        fragments.clear();
        while (type != Token.EOF && type != ConfigLexer.NEWLINE && type != ConfigLexer.BLANK
                && type != ConfigLexer.COMMENT && type != ConfigLexer.LINE_REST) {
            int column = column(start);
            wordStop = stop;
            switch (type) {
                case ConfigLexer.TEXT -> fragments.add(new Fragment.Text(column, tokenText()));
                case ConfigLexer.ESCAPE, ConfigLexer.HEX_ESCAPE -> fragments.add(escape(column));
                case ConfigLexer.BAD_HEX -> fragments.add(new Fragment.BadHex(column));
                case ConfigLexer.BACKSLASH -> fragments.add(new Fragment.Backslash(column));
                case ConfigLexer.SQ_OPEN -> {
                    advance();
                    String body = "";
                    if (type == ConfigLexer.SQ_TEXT) {
                        body = tokenText();
                        wordStop = stop;
                        advance();
                    }
                    boolean closed = type == ConfigLexer.SQ_CLOSE;
                    if (closed) {
                        wordStop = stop;
                    }
                    fragments.add(new Fragment.SingleQuoted(column, body, closed));
                    if (!closed) {
                        continue;
                    }
                }
                case ConfigLexer.DQ_OPEN -> {
                    advance();
                    parts.clear();
                    while (isDoubleQuotedPart(type)) {
                        wordStop = stop;
                        parts.add(dqPart());
                        advance();
                    }
                    boolean closed = type == ConfigLexer.DQ_CLOSE;
                    if (closed) {
                        wordStop = stop;
                    }
                    fragments.add(new Fragment.DoubleQuoted(column, parts, closed));
                    if (!closed) {
                        continue;
                    }
                }
                default -> throw new IllegalStateException("internal tokenizer error: unexpected "
                        + ConfigLexer.VOCABULARY.getSymbolicName(type) + " at " + number + ":" + column);
            }
            advance();
        }
        // Most words are one piece of text, which is also what was written.
        if (fragments.size() == 1 && fragments.get(0) instanceof Fragment.Text only) {
            return new RawWord(only.text(), column(wordStart), List.of(only));
        }
        return new RawWord(text.substring(wordStart, wordStop + 1), column(wordStart), fragments);
    }

    private static boolean isDoubleQuotedPart(int type) {
        return switch (type) {
            case ConfigLexer.DQ_TEXT, ConfigLexer.ESCAPE, ConfigLexer.HEX_ESCAPE, ConfigLexer.BAD_HEX,
                    ConfigLexer.BACKSLASH, ConfigLexer.VAR, ConfigLexer.VAR_BRACED, ConfigLexer.VAR_UNCLOSED,
                    ConfigLexer.VAR_BAD_EXPAND, ConfigLexer.VAR_BAD_NAME -> true;
            default -> false;
        };
    }

    /** The current token, one of {@link #isDoubleQuotedPart}. */
    private Fragment dqPart() {
        int column = column(start);
        int length = stop - start + 1;
        switch (type) {
            case ConfigLexer.DQ_TEXT:
                return new Fragment.Text(column, tokenText());
            case ConfigLexer.ESCAPE:
            case ConfigLexer.HEX_ESCAPE:
                return escape(column);
            case ConfigLexer.BAD_HEX:
                return new Fragment.BadHex(column);
            case ConfigLexer.BACKSLASH:
                return new Fragment.Backslash(column);
            case ConfigLexer.VAR:
                return new Fragment.Variable(column, text.substring(start + 1, stop + 1), column + 1, false, false,
                        null);
            case ConfigLexer.VAR_BRACED:
                return bracedVariable(column, text.substring(start + 2, stop));
            case ConfigLexer.VAR_UNCLOSED:
                return new Fragment.BadVariable(column, Fragment.BadVariable.Kind.UNMATCHED_BRACE, column + 1);
            case ConfigLexer.VAR_BAD_EXPAND:
                return new Fragment.BadVariable(column, Fragment.BadVariable.Kind.BAD_EXPANSION, column + length - 1);
            case ConfigLexer.VAR_BAD_NAME:
                return new Fragment.BadVariable(column, Fragment.BadVariable.Kind.FORBIDDEN_FIRST_CHAR,
                        column + length);
            default:
                throw new IllegalStateException("unexpected token in double quotes: " + tokenText());
        }
    }

    /** {@code body} is what stands between <code>${</code> and <code>}</code>. */
    private static Fragment bracedVariable(int column, String body) {
        int end = nameEnd(body);
        String name = body.substring(0, end);
        boolean expand = body.startsWith("[*]", end);
        if (expand) {
            end += 3;
        }
        String defaultValue = end < body.length() ? body.substring(end + 1) : null;
        return new Fragment.Variable(column, name, column + 2, true, expand, defaultValue);
    }

    private static int nameEnd(String s) {
        int i = s.startsWith(".") ? 1 : 0;
        while (i < s.length() && (isAsciiAlnum(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The current token, an ESCAPE ({@code \t}) or a HEX_ESCAPE ({@code \x41}). */
    private Fragment escape(int column) {
        char value;
        if (stop - start + 1 == 4) {
            value = (char) (Character.digit(text.charAt(start + 2), 16) * 16 + Character.digit(text.charAt(start + 3), 16));
        } else {
            char c = text.charAt(start + 1);
            value = switch (c) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> c;
            };
        }
        return new Fragment.Escape(column, value);
    }

    private String tokenText() {
        return text.substring(start, stop + 1);
    }

    private int column(int index) {
        return index - lineStart + 1;
    }

    /**
     * The lexer, handing each token's type and indexes to the builder instead of making a
     * {@code Token} of them (half a million objects for a 2 MB file).
     */
    private final class Tokens extends ConfigLexer {

        Tokens(Latin1CharStream input) {
            super(input);
        }

        @Override
        public Token emit() {
            type = _type;
            start = _tokenStartCharIndex;
            stop = getCharIndex() - 1;
            return null;
        }

        @Override
        public Token emitEOF() {
            type = Token.EOF;
            return null;
        }
    }
}
