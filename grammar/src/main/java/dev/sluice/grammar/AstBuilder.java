package dev.sluice.grammar;

import dev.sluice.grammar.syntax.Fragment;
import dev.sluice.grammar.syntax.RawWord;
import dev.sluice.grammar.syntax.SyntaxLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * (text, escapes, quoted strings); a word's last text and the blanks after it may come as one
 * TEXT_BLANK token. That structure is walked here directly over the token stream:
 * an ANTLR parser for it cost twenty times the lexing. The lexer never fails; should it ever
 * report an error, that is a bug, raised as an {@link IllegalStateException} rather than printed.
 *
 * <p>Built for a short-lived process, where the JIT never gets past C1 (see bench/README.md):
 * no {@code Token} objects are made (the lexer hands over each token's type and indexes), a word
 * that repeats is made into a string once ({@link SeenWords}), and a big file is lexed in two
 * halves on two threads. That is sound because no token spans a line: after every LF the lexer is back in its
 * default mode with nothing pending, as at the start of a file, so lexing from a line's start
 * gives the tokens a single pass gives.
 *
 * <p>A {@link LineMapper} makes the result for each line on the thread that lexed it. It may
 * take a line of plain words as it is, a {@link PlainLine}, and spare the objects of a
 * {@link SyntaxLine}: most lines are plain, and a reader of a big file is slowed more by memory
 * than by anything else.
 */
final class AstBuilder<T> {

    /** From this many characters on, the text is lexed in two halves on two threads. */
    static final int PARALLEL_THRESHOLD = 256 * 1024;

    private static volatile boolean prepared;

    /** What becomes of each line, on the thread that lexed it; it may run on two threads at once. */
    interface LineMapper<T> {

        /** The result for {@code line}. */
        T map(SyntaxLine line);

        /**
         * The result for a line of plain words that ends with LF, or null to have it made into a
         * {@link SyntaxLine} and given to {@link #map}; {@code line} is only valid during the call.
         */
        default T plain(PlainLine line) {
            return null;
        }
    }

    /**
     * A line that ends with LF, has no CR or NUL, and whose words are each one piece of text:
     * no quote, escape or backslash, so each word is written as it reads. It may have a comment.
     */
    interface PlainLine {

        /** The 1-based line number. */
        int number();

        /** The number of words. */
        int size();

        /** Word {@code i}, from 0. */
        String word(int i);

        /** The 1-based column where word {@code i} starts. */
        int column(int i);
    }

    private static final LineMapper<SyntaxLine> AS_IS = new LineMapper<>() {
        @Override
        public SyntaxLine map(SyntaxLine line) {
            return line;
        }
    };

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
    private final LineMapper<T> mapper;
    private final Tokens lexer;

    /** The current token: its type, and the indexes of its first and last character. */
    private int type;
    private int start;
    private int stop;
    /** The index where the current line starts. */
    private int lineStart;

    /**
     * The words of the current line: word i is {@code texts[i]} at {@code columns[i]} when it is
     * one piece of text, else {@code written[i]}. Reused from line to line.
     */
    private String[] texts = new String[16];
    private int[] columns = new int[16];
    private RawWord[] written = new RawWord[16];
    private int count;
    private boolean plain;
    private final Plain plainLine = new Plain();
    private final SeenWords seen;

    /** Reused from word to word: the records copy them. */
    private final List<Fragment> fragments = new ArrayList<>();
    private final List<Fragment> parts = new ArrayList<>();

    /** Reads {@code text[start..end)}, whose first line is line {@code firstLine} of the file. */
    private AstBuilder(String text, byte[] bytes, int start, int end, int firstLine, LineMapper<T> mapper) {
        this.text = text;
        this.end = end;
        this.firstLine = firstLine;
        this.mapper = mapper;
        this.lineStart = start;
        this.seen = new SeenWords(text, bytes);
        this.lexer = new Tokens(new Latin1CharStream(bytes, start, end));
        lexer.removeErrorListeners();
        lexer.addErrorListener(FAIL);
    }

    /**
     * Starts initializing the lexer (deserializing its ATN: several milliseconds in a cold JVM)
     * on another thread, so that it overlaps with reading the files; once per process.
     */
    static void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        Thread thread = new Thread(new Prepare(), "sluice-lexer-init");
        thread.setDaemon(true);
        thread.start();
    }

    private static final class Prepare implements Runnable {
        @Override
        public void run() {
            // Reading a static field of the lexer initializes its class.
            ConfigLexer.VOCABULARY.getMaxTokenType();
        }
    }

    /** Tokenizes {@code text} (one character per byte of the file) into its lines. */
    static List<SyntaxLine> lines(String text) {
        return lines(text, AS_IS);
    }

    /** Tokenizes {@code text} into its lines, each as {@code mapper} makes it. */
    static <T> List<T> lines(String text, LineMapper<T> mapper) {
        int half = text.length() >= PARALLEL_THRESHOLD ? text.indexOf('\n', text.length() / 2) + 1 : 0;
        return lines(text, half, mapper);
    }

    /**
     * Tokenizes {@code text} into its lines, each as {@code mapper} makes it, lexing
     * {@code text[split..]} on another thread; 0 (or the text's length) lexes it in one pass.
     *
     * @throws IllegalArgumentException when {@code split} is not just after an LF
     */
    static <T> List<T> lines(String text, int split, LineMapper<T> mapper) {
        byte[] bytes = latin1(text);
        if (split <= 0 || split >= text.length()) {
            return new AstBuilder<>(text, bytes, 0, text.length(), 1, mapper).build();
        }
        if (text.charAt(split - 1) != '\n') {
            throw new IllegalArgumentException("a text splits after an LF, not at " + split);
        }
        FutureTask<List<T>> secondHalf = new FutureTask<>(new Range<>(text, bytes, split, mapper));
        Thread thread = new Thread(secondHalf, "sluice-lexer");
        thread.setDaemon(true);
        thread.start();
        List<T> first = new AstBuilder<>(text, bytes, 0, split, 1, mapper).build();
        List<T> second = join(secondHalf);
        List<T> lines = new ArrayList<>(first.size() + second.size());
        lines.addAll(first);
        lines.addAll(second);
        return lines;
    }

    /**
     * The lines from {@code start}, just after an LF, to the end: built by the thread that calls
     * it, so that what that thread writes as it lexes (the builder, the lexer) lies apart from
     * what the other thread writes, not on the same cache lines.
     */
    private static final class Range<T> implements Callable<List<T>> {

        private final String text;
        private final byte[] bytes;
        private final int start;
        private final LineMapper<T> mapper;

        Range(String text, byte[] bytes, int start, LineMapper<T> mapper) {
            this.text = text;
            this.bytes = bytes;
            this.start = start;
            this.mapper = mapper;
        }

        @Override
        public List<T> call() {
            return new AstBuilder<>(text, bytes, start, text.length(), 1 + newlines(bytes, start), mapper).build();
        }
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
    private static <T> List<T> join(FutureTask<List<T>> task) {
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
    private List<T> build() {
        lexer.nextToken();
        List<T> lines = new ArrayList<>();
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
    private T line(int number) {
        int begin = lineStart;
        count = 0;
        plain = true;
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
                default -> word(number);
            }
        }
        boolean terminated = type == ConfigLexer.NEWLINE;
        // NEWLINE is '\r'? '\n': the line's text keeps a CR, as HAProxy's reader sees it.
        int lineEnd = terminated ? stop : end;
        if (terminated) {
            lineStart = stop + 1;
            advance();
        }
        if (plain && terminated && rest == null) {
            plainLine.number = number;
            T result = mapper.plain(plainLine);
            if (result != null) {
                return result;
            }
        }
        return mapper.map(new SyntaxLine(number, text.substring(begin, lineEnd), rawWords(), comment, rest,
                terminated));
    }

    /** A word: the fragments up to the next blank, comment or end of line. */
    private void word(int number) {
        int wordStart = start;
        int column = column(start);
        fragments.clear();
        if (type == ConfigLexer.TEXT || type == ConfigLexer.TEXT_BLANK) {
            String only = seen.get(start, textEnd());
            boolean blankAfter = type == ConfigLexer.TEXT_BLANK;
            advance();
            if (blankAfter || endsWord(type)) {
                add(only, column, null);
                return;
            }
            fragments.add(new Fragment.Text(column, only));
        }
        // Every character is in some token: the word ends where the token after it starts,
        // or where the blanks of a TEXT_BLANK start.
        int wordEnd = -1;
        while (wordEnd < 0 && !endsWord(type)) {
            int at = column(start);
            switch (type) {
                case ConfigLexer.TEXT -> fragments.add(new Fragment.Text(at, seen.get(start, stop + 1)));
                case ConfigLexer.TEXT_BLANK -> {
                    wordEnd = textEnd();
                    fragments.add(new Fragment.Text(at, seen.get(start, wordEnd)));
                }
                case ConfigLexer.ESCAPE, ConfigLexer.HEX_ESCAPE -> fragments.add(escape(at));
                case ConfigLexer.BAD_HEX -> fragments.add(new Fragment.BadHex(at));
                case ConfigLexer.BACKSLASH -> fragments.add(new Fragment.Backslash(at));
                case ConfigLexer.SQ_OPEN -> {
                    advance();
                    String body = "";
                    if (type == ConfigLexer.SQ_TEXT) {
                        body = tokenText();
                        advance();
                    }
                    boolean closed = type == ConfigLexer.SQ_CLOSE;
                    fragments.add(new Fragment.SingleQuoted(at, body, closed));
                    if (!closed) {
                        continue;
                    }
                }
                case ConfigLexer.DQ_OPEN -> {
                    advance();
                    parts.clear();
                    while (isDoubleQuotedPart(type)) {
                        parts.add(dqPart());
                        advance();
                    }
                    boolean closed = type == ConfigLexer.DQ_CLOSE;
                    fragments.add(new Fragment.DoubleQuoted(at, parts, closed));
                    if (!closed) {
                        continue;
                    }
                }
                default -> throw new IllegalStateException("internal tokenizer error: unexpected "
                        + ConfigLexer.VOCABULARY.getSymbolicName(type) + " at " + number + ":" + at);
            }
            advance();
        }
        plain = false;
        String raw = text.substring(wordStart, wordEnd < 0 ? start : wordEnd);
        add(null, column, new RawWord(raw, column, fragments));
    }

    /** Where the text of the current TEXT or TEXT_BLANK token ends. */
    private int textEnd() {
        int i = stop;
        while (SyntaxLine.isBlank(text.charAt(i))) {
            i--;
        }
        return i + 1;
    }

    private static boolean endsWord(int type) {
        return type == Token.EOF || type == ConfigLexer.NEWLINE || type == ConfigLexer.BLANK
                || type == ConfigLexer.COMMENT || type == ConfigLexer.LINE_REST;
    }

    private void add(String plainText, int column, RawWord word) {
        if (count == texts.length) {
            texts = Arrays.copyOf(texts, 2 * count);
            columns = Arrays.copyOf(columns, 2 * count);
            written = Arrays.copyOf(written, 2 * count);
        }
        texts[count] = plainText;
        columns[count] = column;
        written[count] = word;
        count++;
    }

    /** The current line's words as the syntax records have them. */
    private List<RawWord> rawWords() {
        RawWord[] words = new RawWord[count];
        for (int i = 0; i < count; i++) {
            words[i] = written[i] != null
                    ? written[i]
                    : new RawWord(texts[i], columns[i], List.of(new Fragment.Text(columns[i], texts[i])));
        }
        return List.of(words);
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
            start = getCharIndex();
            return null;
        }
    }

    /**
     * The words seen so far, each made into a string once: a configuration repeats its keywords
     * and arguments ("server", "check", "http-request") thousands of times (the 50,000-line
     * benchmark file has 258,000 words, 17,000 of them different, and its first 2,048 different
     * words make 92% of them). The table is small, to stay in the processor's cache, and keeps
     * the first words it meets; long words (paths, addresses, patterns) seldom repeat and are
     * left out.
     */
    private static final class SeenWords {

        private static final int MAX_LENGTH = 32;
        private static final int SLOTS = 4096;
        private static final int MAX_SIZE = SLOTS / 2;

        private final String text;
        private final byte[] bytes;
        private final String[] strings = new String[SLOTS];
        private final int[] hashes = new int[SLOTS];
        private int size;

        SeenWords(String text, byte[] bytes) {
            this.text = text;
            this.bytes = bytes;
        }

        /** {@code text[start..end)}, the string made the first time those characters were seen. */
        String get(int start, int end) {
            int length = end - start;
            if (length > MAX_LENGTH) {
                return text.substring(start, end);
            }
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + bytes[i];
            }
            int slot = (hash ^ (hash >>> 12)) & (SLOTS - 1);
            while (strings[slot] != null) {
                String s = strings[slot];
                // The bytes stand for the text, but for the characters above U+00FF: compare the text.
                if (hashes[slot] == hash && s.length() == length && text.regionMatches(start, s, 0, length)) {
                    return s;
                }
                slot = (slot + 1) & (SLOTS - 1);
            }
            String s = text.substring(start, end);
            if (size < MAX_SIZE) {
                strings[slot] = s;
                hashes[slot] = hash;
                size++;
            }
            return s;
        }
    }

    /** The current line, when it is plain. */
    private final class Plain implements PlainLine {

        private int number;

        @Override
        public int number() {
            return number;
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public String word(int i) {
            return texts[i];
        }

        @Override
        public int column(int i) {
            return columns[i];
        }
    }
}
