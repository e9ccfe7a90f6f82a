package dev.sluice.runtime.stick;

/**
 * A table command ({@code show table}, {@code clear table}) that cannot run; the message is the
 * one HAProxy's runtime socket answers, without its final newline.
 */
public final class TableCommandException extends Exception {

    private static final long serialVersionUID = 1L;

    public TableCommandException(String message) {
        super(message);
    }
}
