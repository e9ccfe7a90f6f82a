package dev.sluice.runtime.admin;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.ReloadResult;
import dev.sluice.runtime.ReloadStatus;
import dev.sluice.runtime.stats.Counters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * The commands about the process: {@code show info}, {@code show version}, {@code show backend},
 * and {@code reload}.
 */
final class InfoCommands {

    private final AdminContext context;
    private final IntSupplier adminSockets;
    private final String node;

    /**
     * @param adminSockets how many runtime API sockets listen (HAProxy counts them as listeners)
     * @param node the host's name, for {@code show info}'s {@code node}
     */
    InfoCommands(AdminContext context, IntSupplier adminSockets, String node) {
        this.context = context;
        this.adminSockets = adminSockets;
        this.node = node;
    }

    List<Command> commands() {
        ProxyServer proxy = context.proxy();
        return List.of(
                Command.of("show info", "show info", "report information about the running process", Level.USER,
                        (w, s) -> info()),
                Command.of("show version", "show version", "show version of the current process", Level.USER,
                        (w, s) -> context.version() + "\n"),
                Command.of("show backend", "show backend", "list backends in the current running config",
                        Level.USER, (w, s) -> {
                            StringBuilder out = new StringBuilder("# name\n");
                            for (Backend b : proxy.plan().plan().backends()) {
                                out.append(b.name()).append('\n');
                            }
                            return out.toString();
                        }),
                new Command(List.of("reload"), "reload",
                        "read the configuration again and put it in force in this process", Level.ADMIN,
                        (w, s) -> reload()));
    }

    /** HAProxy's {@code Name: value} lines, for what Sluice can tell, then the reloads'. */
    private String info() {
        ProxyServer proxy = context.proxy();
        Counters process = proxy.plan().states().stats().process();
        long maxconn = proxy.plan().maxconn();
        long uptime = Duration.between(context.started(), Instant.now()).toSeconds();
        StringBuilder out = new StringBuilder();
        line(out, "Name", "Sluice");
        line(out, "Version", context.version());
        line(out, "Nbthread", proxy.threads());
        line(out, "Nbproc", 1);
        line(out, "Process_num", 1);
        line(out, "Pid", ProcessHandle.current().pid());
        line(out, "Uptime", String.format("%dd %dh%02dm%02ds", uptime / 86_400, uptime / 3600 % 24, uptime / 60 % 60,
                uptime % 60));
        line(out, "Uptime_sec", uptime);
        line(out, "Maxconn", maxconn);
        line(out, "Hard_maxconn", maxconn);
        line(out, "CurrConns", process.current());
        line(out, "CumConns", process.sessions());
        line(out, "CumReq", process.requests());
        line(out, "ConnRate", process.sessionRate());
        line(out, "MaxConnRate", process.maxSessionRate());
        line(out, "SessRate", process.sessionRate());
        line(out, "MaxSessRate", process.maxSessionRate());
        line(out, "node", node);
        line(out, "Stopping", proxy.isStopping() ? 1 : 0);
        line(out, "Listeners", proxy.listenerCount() + adminSockets.getAsInt());
        line(out, "TotalBytesOut", process.bytesOut());
        line(out, "Start_time_sec", context.started().getEpochSecond());
        ReloadStatus reloads = context.reloads().status();
        line(out, "Reloads", reloads.count());
        line(out, "Reloads_rejected", reloads.rejected());
        ReloadResult last = reloads.last();
        if (last != null) {
            line(out, "Last_reload_time", last.started().toString());
            line(out, "Last_reload_duration_ms", last.took().toMillis());
            line(out, "Last_reload_outcome", last.done() ? "done" : "rejected");
            line(out, "Last_reload_message", last.message());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, Object value) {
        out.append(name).append(": ").append(value).append('\n');
    }

    /**
     * Runs the reload a SIGHUP runs, and answers when it is over as HAProxy's master CLI answers
     * its {@code reload}: {@code Success=1} or {@code Success=0}, {@code --}, then what the log got.
     */
    private CompletableFuture<String> reload() {
        long pid = ProcessHandle.current().pid();
        return context.reloads().reload().handle((r, error) -> {
            if (r == null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                return "Success=0\n--\n" + cause.getMessage() + "\n";
            }
            StringBuilder out = new StringBuilder(r.done() ? "Success=1\n--\n" : "Success=0\n--\n");
            for (String line : r.log(pid)) {
                out.append(line);
                if (!line.endsWith("\n")) {
                    out.append('\n');
                }
            }
            return out.toString();
        });
    }
}
