package dev.sluice.cli;

import dev.sluice.compiler.CheckOptions;
import dev.sluice.compiler.CheckResult;
import dev.sluice.compiler.Checker;
import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.PlanJson;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ast.Config;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.runtime.PlanHolder;
import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.ReloadResult;
import dev.sluice.runtime.Reloader;
import dev.sluice.runtime.RuntimeCoverage;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.RuntimeSetupException;
import dev.sluice.runtime.Transport;
import dev.sluice.runtime.admin.AdminContext;
import dev.sluice.runtime.admin.AdminServer;
import dev.sluice.runtime.admin.StickTableView;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Runs the proxy in the foreground: checks the configuration as {@code -c} does (its errors stop
 * the start, with the same messages), compiles it, says which lines the runtime does not enforce,
 * binds, opens the runtime API on the {@code stats socket}s, and serves until SIGTERM or SIGINT.
 * The first signal stops gracefully (no new connection, in-flight requests finish, for at most
 * {@code hard-stop-after}); a second one stops at once. SIGHUP, SIGUSR2 and {@code reload} on the
 * runtime API reload: the configuration is read and checked again as at start, and put in force
 * only if it is free of errors and its listeners (and stats sockets) open.
 */
final class Runner {

    /** The environment variable that picks the I/O transport: epoll, nio or io_uring (default: epoll, else nio). */
    static final String TRANSPORT_VARIABLE = "SLUICE_TRANSPORT";

    /**
     * What to run: configuration files (read with extra environment variables {@code env}), or a
     * compiled plan.
     */
    record Options(List<String> files, Path plan, Path pidFile, HaproxyVersion target, int threads,
            java.util.Map<String, String> env) {

        Options(List<String> files, Path plan, Path pidFile, HaproxyVersion target, int threads) {
            this(files, plan, pidFile, target, threads, java.util.Map.of());
        }
    }

    /**
     * A proxy that started, with its reloader, the reloads of its configuration (what signals and
     * the runtime API's {@code reload} run) and its runtime API.
     */
    record Started(ProxyServer proxy, Reloader reloader, AdminContext.Reloads reloads, AdminServer admin) {

        /** Reloads the configuration, as SIGHUP does. */
        void reload() {
            reloads.reload();
        }

        /** Closes the runtime API and the reloader: the plan in force is the last one. */
        void closeControls() {
            admin.close();
            reloader.close();
        }

        /** Closes the runtime API and the reloader, then stops the proxy within {@code grace}. */
        void stop(Duration grace) {
            closeControls();
            proxy.stop(grace);
        }
    }

    private Runner() {
    }

    static int run(Options options, PrintWriter out, PrintWriter err) {
        Object started = start(options, err);
        if (started instanceof Integer code) {
            return code;
        }
        return serveUntilSignal((Started) started, options, err, () -> { });
    }

    /**
     * A configuration read for a start or a reload: the plan (null when it cannot run), the lines
     * to log (HAProxy's format), and for a failure the exit code and a one-line reason (already in
     * the log when {@code reasonLogged}).
     */
    record Loaded(Plan plan, List<String> log, int failure, String reason, boolean reasonLogged, Config config) {

        Loaded(Plan plan, List<String> log, int failure, String reason, boolean reasonLogged) {
            this(plan, log, failure, reason, reasonLogged, null);
        }

        static Loaded ok(Plan plan, List<String> log) {
            return new Loaded(plan, log, ExitCodes.OK, null, false);
        }

        /**
         * What precedes a message about the runtime refusing the plan: the configuration line it
         * names, as HAProxy prefixes a parsing error, else just the program.
         */
        String where(String message) {
            return line(message).map(at -> "config : " + at).orElse("sluice : ");
        }

        /**
         * A runtime refusal as a rejected reload gives it: {@code parsing [file:line] : } before
         * {@code message} when it names a line of the configuration.
         */
        String located(String message) {
            return line(message).orElse("") + message;
        }

        private Optional<String> line(String message) {
            return Optional.ofNullable(config).flatMap(c -> RuntimeCoverage.lineOf(c, message))
                    .map(span -> "parsing [" + span.fileAndLine() + "] : ");
        }
    }

    /** Reads, checks and compiles the configuration (or reads the plan), as a start and a reload do. */
    static Loaded load(Options options, long pid, boolean reload) {
        List<String> log = new ArrayList<>();
        if (options.plan() != null) {
            try {
                return Loaded.ok(PlanJson.read(Files.readString(options.plan(), StandardCharsets.UTF_8)), log);
            } catch (IOException | RuntimeException e) {
                String reason = "cannot read the plan " + options.plan() + ": " + e.getMessage();
                return new Loaded(null, log, ExitCodes.USAGE, reason, false);
            }
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(options.env());
        ParseOptions parse = ParseOptions.defaults().withVersion(options.target());
        parse = new ParseOptions(parse.version(), env, parse.features(), parse.enabled(), parse.sslLibrary());
        CheckResult checked = new Checker(CheckOptions.of(parse), Keywords.inBackground(options.target()))
                .check(options.files());
        for (Diagnostic d : checked.diagnostics()) {
            if (d.severity() == Severity.ALERT || d.severity() == Severity.WARNING) {
                log.add(HaproxyFormat.format(d, pid));
            }
        }
        if (checked.verdict() == CheckResult.Verdict.INVALID) {
            return new Loaded(null, log, ExitCodes.FAILURE, "the configuration has errors", true);
        }
        if (checked.verdict() == CheckResult.Verdict.NO_LISTENER) {
            String reason = "no enabled listener found (check for 'bind' directives)";
            if (!reload) {
                log.add(HaproxyFormat.format(Severity.ALERT, pid, "sluice : " + reason + "; exiting."));
            }
            return new Loaded(null, log, ExitCodes.FAILURE, reason, !reload);
        }
        Plan plan;
        try {
            plan = Compiler.compile(checked.config(), options.target());
        } catch (CompileException e) {
            return new Loaded(null, log, ExitCodes.FAILURE, e.getMessage(), false);
        }
        for (RuntimeCoverage.Unenforced u : RuntimeCoverage.unenforced(checked.config())) {
            log.add(HaproxyFormat.format(Severity.WARNING, pid, "config : parsing [" + u.span().fileAndLine()
                    + "] : " + u.what() + " is not enforced by Sluice's runtime yet; it has no effect."));
        }
        return new Loaded(plan, log, ExitCodes.OK, null, false, checked.config());
    }

    /** Checks, compiles and starts: the started proxy, or the exit code of a failure. */
    static Object start(Options options, PrintWriter err) {
        long pid = ProcessHandle.current().pid();
        Loaded loaded = load(options, pid, false);
        loaded.log().forEach(err::print);
        if (loaded.plan() == null) {
            if (!loaded.reasonLogged()) {
                err.println("sluice run: " + loaded.reason());
            }
            err.flush();
            return loaded.failure();
        }
        Plan plan = loaded.plan();
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty's default samples one buffer in 128 with a stack trace: a debugging aid that
            // costs a proxy at full load; -Dio.netty.leakDetection.level=simple brings it back
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        Transport transport;
        try {
            transport = Transport.named(System.getenv(TRANSPORT_VARIABLE));
        } catch (IllegalArgumentException e) {
            err.print(HaproxyFormat.format(Severity.ALERT, pid, "sluice : " + TRANSPORT_VARIABLE + ": " + e.getMessage()));
            err.flush();
            return ExitCodes.FAILURE;
        }
        ProxyServer proxy;
        try {
            proxy = ProxyServer.start(new PlanHolder(RuntimePlan.prepare(plan)), transport, options.threads());
        } catch (RuntimeSetupException e) {
            err.print(HaproxyFormat.format(Severity.ALERT, pid, loaded.where(e.getMessage()) + e.getMessage()));
            err.flush();
            return ExitCodes.FAILURE;
        }
        Reloader reloader = new Reloader(proxy, Path.of(""), r -> logReload(r, err, pid));
        Reloader.Source source = () -> {
            Loaded l = load(options, pid, true);
            if (l.plan() == null) {
                throw new Reloader.Rejected(l.reason(), l.log());
            }
            return new Reloader.Loaded(l.plan(), l.log(), l::located);
        };
        AdminContext.Reloads reloads = AdminContext.Reloads.of(reloader, source);
        AdminServer admin;
        try {
            Instant startedAt = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            StickTableView tables = StickTableView.of(proxy.plan().stickTables());
            admin = AdminServer.start(new AdminContext(proxy, reloads, tables, VersionProvider.version(), startedAt),
                    plan);
        } catch (RuntimeSetupException e) {
            err.print(HaproxyFormat.format(Severity.ALERT, pid, "sluice : " + e.getMessage()));
            err.flush();
            reloader.close();
            proxy.close();
            return ExitCodes.FAILURE;
        }
        reloader.add(admin);
        if (options.pidFile() != null) {
            try {
                Files.writeString(options.pidFile(), pid + "\n");
            } catch (IOException e) {
                err.println("sluice run: cannot write the pid file " + options.pidFile() + ": " + e.getMessage());
            }
        }
        StringBuilder listening = new StringBuilder();
        plan.frontends().forEach(f -> {
            for (InetSocketAddress a : proxy.boundAddresses(f.name())) {
                listening.append(' ').append(f.name()).append('=').append(a.getAddress().getHostAddress())
                        .append(':').append(a.getPort());
            }
        });
        for (SocketAddress a : admin.boundAddresses()) {
            listening.append(" stats=").append(a instanceof InetSocketAddress i
                    ? i.getAddress().getHostAddress() + ":" + i.getPort() : a.toString());
        }
        err.print(HaproxyFormat.format(Severity.NOTICE, pid, "sluice : proxy started (" + proxy.transport().name()
                + "), listening:" + listening));
        err.flush();
        return new Started(proxy, reloader, reloads, admin);
    }

    /**
     * Serves until SIGTERM or SIGINT, then stops gracefully; a second signal stops at once. SIGHUP
     * and SIGUSR2 reload the same configuration files (or plan) without stopping, as {@code reload}
     * on the runtime API does. {@code ready} runs once the signals are handled.
     */
    static int serveUntilSignal(Started started, Options options, PrintWriter err, Runnable ready) {
        long pid = ProcessHandle.current().pid();
        ProxyServer proxy = started.proxy();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger signals = new AtomicInteger();
        Runnable stop = () -> {
            if (signals.incrementAndGet() == 1) {
                Thread t = new Thread(() -> {
                    started.closeControls();
                    Long hardStop = proxy.plan().plan().global().hardStopAfterMs();
                    Duration grace = hardStop != null ? Duration.ofMillis(hardStop) : Duration.ofDays(365);
                    err.print(HaproxyFormat.format(Severity.NOTICE, pid, "sluice : stopping: no new connection; "
                            + "waiting for " + proxy.activeConnections() + " open connection(s)"));
                    err.flush();
                    proxy.stop(grace);
                    stopped.countDown();
                }, "sluice-stop");
                t.start();
            } else {
                proxy.stop(Duration.ZERO);
                stopped.countDown();
            }
        };
        Runnable reload = () -> {
            if (signals.get() == 0) {
                started.reload();
            }
        };
        Signal.handle(new Signal("HUP"), s -> reload.run());
        Signal.handle(new Signal("USR2"), s -> reload.run());
        Signal.handle(new Signal("TERM"), s -> stop.run());
        Signal.handle(new Signal("INT"), s -> stop.run());
        ready.run();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print(HaproxyFormat.format(Severity.NOTICE, pid, "sluice : stopped"));
        err.flush();
        if (options.pidFile() != null) {
            try {
                Files.deleteIfExists(options.pidFile());
            } catch (IOException e) {
                // nothing more to do
            }
        }
        return ExitCodes.OK;
    }

    /** A reload's diagnostics, then its outcome: {@code reload N: done in X ms} or {@code reload N rejected: why}. */
    static void logReload(ReloadResult r, PrintWriter err, long pid) {
        synchronized (err) {
            r.log(pid).forEach(err::print);
            err.flush();
        }
    }
}
