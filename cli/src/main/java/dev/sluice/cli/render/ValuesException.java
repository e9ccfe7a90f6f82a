package dev.sluice.cli.render;

/** A values file that cannot be read, or a {@code --set} that cannot be applied; the message says which. */
public final class ValuesException extends Exception {

    private static final long serialVersionUID = 1L;

    public ValuesException(String message) {
        super(message);
    }
}
