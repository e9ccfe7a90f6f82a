package dev.sluice.grammar.expr;

import dev.sluice.grammar.ast.SourceSpan;
import java.nio.charset.StandardCharsets;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;

/**
 * A text being parsed and where it sits in the file. ANTLR counts code points, Java strings count
 * UTF-16 units and {@link SourceSpan} counts bytes, as HAProxy does; this class converts between
 * the three so that no other class has to.
 */
final class Source {

    final String text;
    final SourceSpan where;
    /** Char index of each code point, plus one entry for the end; null when they coincide. */
    private final int[] charOfCodePoint;

    Source(String text, SourceSpan where) {
        this.text = text;
        this.where = where;
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            charOfCodePoint = null;
        } else {
            charOfCodePoint = new int[codePoints + 1];
            int c = 0;
            for (int cp = 0; cp < codePoints; cp++) {
                charOfCodePoint[cp] = c;
                c += Character.charCount(text.codePointAt(c));
            }
            charOfCodePoint[codePoints] = text.length();
        }
    }

    CharStream charStream() {
        return CharStreams.fromString(text, where.file());
    }

    /** Number of code points, the index ANTLR gives to EOF. */
    int codePointLength() {
        return charOfCodePoint == null ? text.length() : charOfCodePoint.length - 1;
    }

    int charIndex(int codePoint) {
        return charOfCodePoint == null ? codePoint : charOfCodePoint[codePoint];
    }

    /** The 1-based column, counted in characters, of a code point within the text. */
    int column(int codePoint) {
        return charIndex(codePoint) + 1;
    }

    /** Where a code point of the text is in the file. */
    SourceSpan span(int codePoint) {
        int chars = charIndex(codePoint);
        int bytes = isAscii(chars) ? chars : text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
        return new SourceSpan(where.file(), where.line(), where.column() + bytes);
    }

    /** The text between two code point indexes, end excluded. */
    String slice(int fromCodePoint, int toCodePoint) {
        return text.substring(charIndex(fromCodePoint), charIndex(toCodePoint));
    }

    /** The text from a code point index to the end. */
    String rest(int fromCodePoint) {
        return text.substring(charIndex(fromCodePoint));
    }

    /** The byte offset of a code point, as HAProxy counts positions within a string. */
    int byteOffset(int codePoint) {
        return text.substring(0, charIndex(codePoint)).getBytes(StandardCharsets.UTF_8).length;
    }

    private boolean isAscii(int chars) {
        for (int i = 0; i < chars; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
