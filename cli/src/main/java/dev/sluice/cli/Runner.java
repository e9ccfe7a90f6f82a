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
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.HaproxyFormat;
import dev.sluice.grammar.diag.Severity;
import dev.sluice.runtime.PlanHolder;
import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.RuntimeCoverage;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.RuntimeSetupException;
import dev.sluice.runtime.Transport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Runs the proxy in the foreground: checks the configuration as {@code -c} does (its errors stop
 * the start, with the same messages), compiles it, says which lines the runtime does not enforce,
 * binds, and serves until SIGTERM or SIGINT. The first signal stops gracefully (no new
 * connection, in-flight requests finish, for at most {@code hard-stop-after}); a second one stops
 * at once.
 */
final class Runner {

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

    /** A proxy that started, with the plan it runs. */
    record Started(ProxyServer proxy, Plan plan) {}

    private Runner() {
    }

    static int run(Options options, PrintWriter out, PrintWriter err) {
        Object started = start(options, err);
        if (started instanceof Integer code) {
            return code;
        }
        return serveUntilSignal((Started) started, options, err, () -> { });
    }

    /** Checks, compiles and starts: the started proxy, or the exit code of a failure. */
    static Object start(Options options, PrintWriter err) {
        long pid = ProcessHandle.current().pid();
        Plan plan;
        if (options.plan() != null) {
            try {
                plan = PlanJson.read(Files.readString(options.plan(), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                err.println("sluice run: cannot read the plan " + options.plan() + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        } else {
            java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
            env.putAll(options.env());
            ParseOptions parse = ParseOptions.defaults().withVersion(options.target());
            parse = new ParseOptions(parse.version(), env, parse.features(), parse.enabled(), parse.sslLibrary());
            CheckResult checked = new Checker(CheckOptions.of(parse), Keywords.inBackground(options.target()))
                    .check(options.files());
            for (Diagnostic d : checked.diagnostics()) {
                if (d.severity() == Severity.ALERT || d.severity() == Severity.WARNING) {
                    err.print(HaproxyFormat.format(d, pid));
                }
            }
            if (checked.verdict() == CheckResult.Verdict.INVALID) {
                err.flush();
                return ExitCodes.FAILURE;
            }
            if (checked.verdict() == CheckResult.Verdict.NO_LISTENER) {
                err.print(HaproxyFormat.format(Severity.ALERT, pid,
                        "sluice : no enabled listener found (check for 'bind' directives); exiting."));
                err.flush();
                return ExitCodes.FAILURE;
            }
            try {
                plan = Compiler.compile(checked.config(), options.target());
            } catch (CompileException e) {
                err.println("sluice run: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            for (RuntimeCoverage.Unenforced u : RuntimeCoverage.unenforced(checked.config())) {
                err.print(HaproxyFormat.format(Severity.WARNING, pid, "config : parsing [" + u.span().fileAndLine()
                        + "] : " + u.what() + " is not enforced by Sluice's runtime yet; it has no effect."));
            }
        }
        ProxyServer proxy;
        try {
            proxy = ProxyServer.start(new PlanHolder(RuntimePlan.prepare(plan)), Transport.best(), options.threads());
        } catch (RuntimeSetupException e) {
            err.print(HaproxyFormat.format(Severity.ALERT, pid, "sluice : " + e.getMessage()));
            err.flush();
            return ExitCodes.FAILURE;
        }
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
        err.print(HaproxyFormat.format(Severity.NOTICE, pid, "sluice : proxy started (" + proxy.transport().name()
                + "), listening:" + listening));
        err.flush();
        return new Started(proxy, plan);
    }

    /**
     * Serves until SIGTERM or SIGINT, then stops gracefully; a second signal stops at once.
     * {@code ready} runs once the signals are handled.
     */
    static int serveUntilSignal(Started started, Options options, PrintWriter err, Runnable ready) {
        long pid = ProcessHandle.current().pid();
        ProxyServer proxy = started.proxy();
        Plan plan = started.plan();
        Duration grace = plan.global().hardStopAfterMs() != null
                ? Duration.ofMillis(plan.global().hardStopAfterMs()) : Duration.ofDays(365);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger signals = new AtomicInteger();
        Runnable stop = () -> {
            if (signals.incrementAndGet() == 1) {
                Thread t = new Thread(() -> {
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
}
