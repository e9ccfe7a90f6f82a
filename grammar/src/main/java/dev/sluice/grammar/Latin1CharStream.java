package dev.sluice.grammar;

import java.nio.charset.StandardCharsets;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The lexer's input: a range of a file's bytes, one character per byte, as HAProxy reads them.
 *
 * <p>Two differences from {@code CharStreams.fromString}: the bytes are read where they are
 * (no copy into a code point buffer), and the stream can be a range of them, its indexes those of
 * the whole file, so that two threads can lex two halves of one file and get the positions a single
 * pass would give. {@link #LA} is kept small enough for the C1 compiler to inline it into ANTLR's
 * simulator: a short-lived process runs C1 code only, and the lexer reads every character through
 * this call (and the one in {@code LexerATNSimulator.consume}).
 */
final class Latin1CharStream implements CharStream {

    private final byte[] bytes;
    private final int start;
    private final int end;
    private int position;

    /** The characters {@code bytes[start..end)}; the first one has index {@code start}. */
    Latin1CharStream(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.position = start;
    }

    @Override
    public int LA(int i) {
        return i == 1 ? next() : lookAround(i);
    }

    private int next() {
        return position < end ? bytes[position] & 0xFF : EOF;
    }

    private int lookAround(int i) {
        int at = i > 0 ? position + i - 1 : position + i;
        return at >= start && at < end ? bytes[at] & 0xFF : EOF;
    }

    @Override
    public void consume() {
        if (position >= end) {
            throw new IllegalStateException("cannot consume EOF");
        }
        position++;
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
        // Everything stays in memory: nothing to release.
    }

    @Override
    public int index() {
        return position;
    }

    @Override
    public void seek(int index) {
        position = index;
    }

    /** The number of characters in the range. */
    @Override
    public int size() {
        return end - start;
    }

    @Override
    public String getSourceName() {
        return UNKNOWN_SOURCE_NAME;
    }

    @Override
    public String getText(Interval interval) {
        int from = Math.max(start, interval.a);
        int to = Math.min(end, interval.b + 1);
        return from < to ? new String(bytes, from, to - from, StandardCharsets.ISO_8859_1) : "";
    }
}
