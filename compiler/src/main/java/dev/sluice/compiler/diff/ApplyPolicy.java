package dev.sluice.compiler.diff;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.RawDirective;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that decides how a change can be applied to a running Sluice.
 *
 * <ul>
 *   <li><b>restart</b>: only what a single long-lived process truly cannot change in place, all in
 *       the global section: {@code user}/{@code uid} and {@code group}/{@code gid} (privileges are
 *       dropped once, at start, and cannot be taken back), {@code chroot} (entered once, never
 *       left), {@code daemon} (the process forks into the background when it starts),
 *       {@code pidfile} (written once, where supervisors look for the process), {@code nbthread}
 *       and {@code thread-groups} (the event-loop threads are made at start and connections are
 *       pinned to them); and the {@code backlog} of a listener that stays (the listen queue's
 *       length is set when the socket starts listening, and a reload keeps the socket).
 *   <li><b>runtime</b>: a change to an existing server's {@code weight}, admin state
 *       ({@code disabled}) or {@code address} (the same address family: the runtime socket's
 *       {@code set server addr} cannot turn an IP server into a UNIX socket one).
 *   <li><b>reload</b>: everything else, including added and removed listeners, proxies and servers,
 *       and the {@code stats socket} and {@code stats timeout} lines (a reload opens and closes the
 *       runtime API's sockets and applies a kept socket's new {@code level}, {@code mode} and owner).
 * </ul>
 *
 * <p>The hot-reload issue (#8) settles what the runtime can swap without a new process; this list
 * follows it, and is kept short on purpose.
 */
public final class ApplyPolicy {

    /** Global fields of the plan that need a new process. */
    static final Set<String> RESTART_GLOBAL_FIELDS = Set.of("user", "group", "chroot", "daemon", "pidfile", "nbthread");

    /** Global directives the plan keeps unmodelled that need a new process. */
    static final Set<String> RESTART_GLOBAL_DIRECTIVES = Set.of("uid", "gid", "thread-groups");

    /** Server fields the runtime socket changes in place. */
    static final Set<String> RUNTIME_SERVER_FIELDS = Set.of("weight", "disabled", "address");

    private ApplyPolicy() {}

    /** How a change of {@code kind} at {@code path}, from {@code oldValue} to {@code newValue}, can be applied. */
    public static Apply classify(Change.Kind kind, List<String> path, Object oldValue, Object newValue) {
        if (path.size() == 2 && path.get(0).equals("global")) {
            if (RESTART_GLOBAL_FIELDS.contains(path.get(1))) {
                return Apply.RESTART;
            }
            Object value = newValue != null ? newValue : oldValue;
            if (value instanceof RawDirective d && RESTART_GLOBAL_DIRECTIVES.contains(d.keyword())) {
                return Apply.RESTART;
            }
        }
        if (kind == Change.Kind.CHANGE && isBacklog(path)) {
            return Apply.RESTART;
        }
        if (kind == Change.Kind.CHANGE && path.size() == 3 && path.get(0).startsWith("backend ")
                && path.get(1).startsWith("server ") && RUNTIME_SERVER_FIELDS.contains(path.get(2))) {
            if (oldValue instanceof Address a && newValue instanceof Address b
                    && !Objects.equals(a.family(), b.family())) {
                return Apply.RELOAD;
            }
            return Apply.RUNTIME;
        }
        return Apply.RELOAD;
    }

    /** A listener's {@code backlog}, or its frontend's (the default of the listeners that set none). */
    private static boolean isBacklog(List<String> path) {
        return path.size() == 3 && path.get(1).startsWith("listener ") && path.get(2).equals("backlog")
                || path.size() == 2 && !path.get(0).equals("global") && path.get(1).equals("backlog");
    }
}
