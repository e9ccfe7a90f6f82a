package dev.sluice.runtime;

/**
 * The reload figures {@code show info} reports: how many reloads ran, how many were rejected, and
 * the last one (its time, duration, outcome and message). Immutable: the {@link Reloader} replaces
 * it after each reload.
 *
 * @param count reloads run since the start
 * @param rejected those of them that were rejected
 * @param last the last reload, or null before the first
 */
public record ReloadStatus(long count, long rejected, ReloadResult last) {

    /** No reload yet. */
    public static final ReloadStatus NONE = new ReloadStatus(0, 0, null);

    ReloadStatus after(ReloadResult r) {
        return new ReloadStatus(count + 1, rejected + (r.done() ? 0 : 1), r);
    }
}
