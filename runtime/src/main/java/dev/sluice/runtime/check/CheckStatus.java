package dev.sluice.runtime.check;

/**
 * What a health check concluded, as HAProxy names it in {@code show stat} ({@code check_status},
 * {@code check_desc}) and numbers it in {@code show servers state} ({@code srv_check_status}).
 */
public enum CheckStatus {
    /** The TCP connection opened. */
    L4OK(6, "Layer4 check passed", true),
    /** The TCP connection did not open in time. */
    L4TOUT(7, "Layer4 timeout", false),
    /** The TCP connection failed (refused, unreachable). */
    L4CON(8, "Layer4 connection problem", false),
    /** The HTTP response did not come in time. */
    L7TOUT(12, "Layer7 timeout", false),
    /** The HTTP response was not one (closed early, malformed). */
    L7RSP(13, "Layer7 invalid response", false),
    /** The HTTP response met the expectation. */
    L7OK(15, "Layer7 check passed", true),
    /** The HTTP response did not meet the expectation. */
    L7STS(17, "Layer7 wrong status", false);

    private final int number;
    private final String description;
    private final boolean passed;

    CheckStatus(int number, String description, boolean passed) {
        this.number = number;
        this.description = description;
        this.passed = passed;
    }

    /** HAProxy's number for it ({@code HCHK_STATUS_*}). */
    public int number() {
        return number;
    }

    /** HAProxy's description ({@code check_desc}). */
    public String description() {
        return description;
    }

    /** Whether the check passed. */
    public boolean passed() {
        return passed;
    }
}
