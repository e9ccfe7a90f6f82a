package dev.sluice.runtime.admin;

/**
 * One connection to the runtime API, as its commands see it: the level it runs at (its socket's,
 * lowered by {@code operator} or {@code user}) and whether it is interactive ({@code prompt}).
 * Used on the connection's event loop only.
 */
final class Session {

    private Level level;
    private boolean interactive;
    private boolean quit;

    Session(Level level) {
        this.level = level;
    }

    Level level() {
        return level;
    }

    /** Lowers the level; never raises it. */
    void lower(Level to) {
        if (level.allows(to)) {
            level = to;
        }
    }

    boolean interactive() {
        return interactive;
    }

    /** {@code prompt}: interactive mode on (a prompt, the connection stays open) or off. */
    void toggleInteractive() {
        interactive = !interactive;
    }

    boolean quit() {
        return quit;
    }

    /** {@code quit}: the connection closes once the answers so far are sent. */
    void requestQuit() {
        quit = true;
    }
}
