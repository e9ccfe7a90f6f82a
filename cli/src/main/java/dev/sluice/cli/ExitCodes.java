package dev.sluice.cli;

/** Sluice's exit codes; the README's "Exit codes" section lists them. */
public final class ExitCodes {

    /** Success: the configuration is valid, formatted, ... */
    public static final int OK = 0;
    /** The configuration has errors, or {@code fmt --check} found files to format. */
    public static final int FAILURE = 1;
    /** Bad usage, or an input that cannot be read. */
    public static final int USAGE = 2;
    /** {@code diff}: the two configurations behave differently. */
    public static final int DIFFERENT = 1;
    /**
     * {@code diff}: an error of any kind (usage, an input that cannot be read, a configuration with
     * errors), as diff(1) exits 2.
     */
    public static final int TROUBLE = 2;
    /** An internal error: a bug in Sluice (the message says how to see the stack trace). */
    public static final int INTERNAL = 70;

    private ExitCodes() {}
}
