package dev.sluice.grammar.expr;

import static dev.sluice.grammar.expr.ConditionGrammar.BANG;
import static dev.sluice.grammar.expr.ConditionGrammar.BAD_OPTION;
import static dev.sluice.grammar.expr.ConditionGrammar.END_OF_OPTIONS;
import static dev.sluice.grammar.expr.ConditionGrammar.IF;
import static dev.sluice.grammar.expr.ConditionGrammar.IGNORE_CASE;
import static dev.sluice.grammar.expr.ConditionGrammar.LBRACE;
import static dev.sluice.grammar.expr.ConditionGrammar.MAP_FORMAT;
import static dev.sluice.grammar.expr.ConditionGrammar.MATCH_METHOD;
import static dev.sluice.grammar.expr.ConditionGrammar.MISSING_RBRACE;
import static dev.sluice.grammar.expr.ConditionGrammar.NAME;
import static dev.sluice.grammar.expr.ConditionGrammar.NO_DNS;
import static dev.sluice.grammar.expr.ConditionGrammar.OR;
import static dev.sluice.grammar.expr.ConditionGrammar.PATTERN_FILE;
import static dev.sluice.grammar.expr.ConditionGrammar.RBRACE;
import static dev.sluice.grammar.expr.ConditionGrammar.UNIQUE_ID;
import static dev.sluice.grammar.expr.ConditionGrammar.UNLESS;
import static dev.sluice.grammar.expr.ConditionGrammar.WORD;

import dev.sluice.grammar.ast.Word;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * Turns a line's words into {@link ConditionGrammar} tokens, one per word. Like HAProxy, it stops
 * at the first empty word: HAProxy takes an empty argument for the end of the line.
 */
final class WordTokens implements TokenSource {

    /** What the words are. */
    enum Mode {
        /** A condition, starting at its {@code if} or {@code unless} word. */
        CONDITION,
        /** An ACL expression, or an ACL name and expression: every word is an ACL word. */
        ACL
    }

    /** A token that remembers its word. */
    static final class WordToken extends CommonToken {

        private static final long serialVersionUID = 1L;

        final transient Word word;

        WordToken(int type, Word word) {
            super(type, word.value());
            this.word = word;
        }
    }

    private final List<Word> words;
    private final Mode mode;
    private final int end;
    private int next;
    private boolean inBraces;
    private Token eof;

    WordTokens(List<Word> words, Mode mode) {
        this.words = words;
        this.mode = mode;
        int e = 0;
        while (e < words.size() && !words.get(e).value().isEmpty()) {
            e++;
        }
        this.end = e;
    }

    /** Index of the first word HAProxy does not read: the first empty one, or the size. */
    int end() {
        return end;
    }

    @Override
    public Token nextToken() {
        if (eof != null) {
            return eof;
        }
        if (next >= end) {
            if (inBraces) {
                inBraces = false;
                return new CommonToken(MISSING_RBRACE, "");
            }
            eof = new CommonToken(Token.EOF, "<EOF>");
            return eof;
        }
        Word word = words.get(next);
        int type;
        if (inBraces) {
            if (word.value().equals("}")) {
                type = RBRACE;
                inBraces = false;
            } else {
                type = aclWord(word.value());
            }
        } else if (mode == Mode.ACL) {
            type = aclWord(word.value());
        } else if (next == 0) {
            type = switch (word.value()) {
                case "if" -> IF;
                case "unless" -> UNLESS;
                default -> NAME;
            };
        } else {
            String w = word.value().substring(bangs(word.value()));
            if (w.isEmpty()) {
                type = BANG;
            } else if (w.equalsIgnoreCase("or") || w.equals("||")) {
                type = OR;
            } else if (w.equals("{")) {
                type = LBRACE;
                inBraces = true;
            } else {
                type = NAME;
            }
        }
        next++;
        return new WordToken(type, word);
    }

    /** How many exclamation marks start a word. */
    static int bangs(String word) {
        int n = 0;
        while (n < word.length() && word.charAt(n) == '!') {
            n++;
        }
        return n;
    }

    private static int aclWord(String w) {
        return switch (w) {
            case "-i" -> IGNORE_CASE;
            case "-n" -> NO_DNS;
            case "-M" -> MAP_FORMAT;
            case "-u" -> UNIQUE_ID;
            case "-f" -> PATTERN_FILE;
            case "-m" -> MATCH_METHOD;
            case "--" -> END_OF_OPTIONS;
            default -> w.startsWith("-") ? BAD_OPTION : WORD;
        };
    }

    @Override
    public int getLine() {
        return 0;
    }

    @Override
    public int getCharPositionInLine() {
        return 0;
    }

    @Override
    public CharStream getInputStream() {
        return null;
    }

    @Override
    public String getSourceName() {
        return words.isEmpty() ? "" : words.get(0).span().file();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        // Tokens are made here, from words.
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return CommonTokenFactory.DEFAULT;
    }
}
