package dev.sluice.cli;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.AclMatch;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Condition;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.PlanJson;
import dev.sluice.compiler.plan.PlanVisitor;
import dev.sluice.compiler.plan.Rules;
import dev.sluice.compiler.plan.Server;
import dev.sluice.compiler.plan.ServerCheck;
import dev.sluice.compiler.plan.Term;
import dev.sluice.compiler.plan.Timeouts;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.diag.Diagnostic;
import dev.sluice.grammar.diag.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice compile}: compiles configurations into the plan the runtime loads, printed (or
 * written with {@code -o}) as JSON, or summarized as text.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile configurations into the plan the runtime loads.",
            "Every proxy with its defaults applied, conditions and samples compiled, times in ms, sizes in bytes.",
            "JSON (the same bytes for the same configuration, however it is laid out), or a text summary."})
final class CompileCommand implements Callable<Integer> {

    /** What to print. */
    enum OutputFormat {
        JSON,
        TEXT
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ParserOptions parser;

    @Option(names = "-f", paramLabel = "FILE", description = "A configuration file or directory (repeatable).")
    List<String> files = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "More configuration files or directories.")
    List<String> more = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "PLAN",
            description = "Write to this file (replaced atomically) instead of standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "json (the plan, the default) or text (a summary per proxy).")
    OutputFormat format = OutputFormat.JSON;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> all = new ArrayList<>(files);
        all.addAll(more);
        if (all.isEmpty()) {
            err.println("sluice compile: no configuration file given (use -f FILE)");
            return ExitCodes.USAGE;
        }
        ParseResult parsed = ConfigLoader.load(all, parser.toParseOptions());
        List<Diagnostic> shown = parsed.diagnostics().stream().filter(d -> d.severity() != Severity.DIAG).toList();
        Diagnostics.print(err, shown);
        if (shown.stream().anyMatch(Diagnostics::unreadable)) {
            return ExitCodes.USAGE;
        }
        if (parsed.hasErrors()) {
            return ExitCodes.FAILURE;
        }
        Plan plan;
        try {
            plan = Compiler.compile(parsed.config(), parser.targetVersion);
        } catch (CompileException e) {
            err.println("sluice compile: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        String text = format == OutputFormat.JSON ? PlanJson.write(plan) : summary(plan);
        if (output == null) {
            out.print(text);
            out.flush();
            return ExitCodes.OK;
        }
        try {
            AtomicFiles.replace(output, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("sluice compile: cannot write " + output + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }


    // ---- the text summary

    /** One block per frontend and backend: listeners, rules, switching, servers and their checks. */
    static String summary(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("plan for HAProxy ").append(plan.haproxyVersion()).append(": ")
                .append(plan.frontends().size()).append(" frontend(s), ")
                .append(plan.backends().size()).append(" backend(s)\n");
        PlanVisitor<Void> blocks = new PlanVisitor<>() {
            @Override
            public Void visitFrontend(Frontend f) {
                b.append('\n').append("frontend ").append(f.name()).append(" (").append(f.mode()).append(")")
                        .append(f.disabled() ? " disabled" : "").append('\n');
                for (Listener l : f.listeners()) {
                    b.append("  listen ").append(l.address());
                    if (l.ssl()) {
                        b.append(" ssl");
                    }
                    l.certificates().forEach(c -> b.append(" crt ").append(c));
                    if (!l.alpn().isEmpty()) {
                        b.append(" alpn ").append(String.join(",", l.alpn()));
                    }
                    if (l.acceptProxy()) {
                        b.append(" accept-proxy");
                    }
                    b.append('\n');
                }
                timeouts(b, f.timeouts());
                rules(b, "rules", f.rules());
                rules(b, "rules from defaults", f.defaultsRules());
                f.useBackends().forEach(s -> b.append("  use_backend ")
                        .append(s.backend() != null ? s.backend() : s.dynamic().text())
                        .append(condition(s.condition())).append('\n'));
                if (f.defaultBackend() != null) {
                    b.append("  default_backend ").append(f.defaultBackend()).append('\n');
                }
                if (f.stats() != null) {
                    b.append("  stats ").append(f.stats().uri()).append('\n');
                }
                unmodelled(b, f.unmodelled().size());
                return null;
            }

            @Override
            public Void visitBackend(Backend be) {
                b.append('\n').append("backend ").append(be.name()).append(" (").append(be.mode()).append(", ")
                        .append(be.balance().algorithm().id())
                        .append(be.balance().args().isEmpty() ? "" : " " + String.join(" ", be.balance().args()))
                        .append(")").append(be.disabled() ? " disabled" : "").append('\n');
                timeouts(b, be.timeouts());
                rules(b, "rules", be.rules());
                rules(b, "rules from defaults", be.defaultsRules());
                b.append("  health check ").append(be.healthCheck().type());
                if (be.healthCheck().type().equals("http")) {
                    b.append(' ').append(be.healthCheck().method()).append(' ').append(be.healthCheck().uri());
                }
                if (!be.healthCheck().rules().isEmpty()) {
                    b.append(", ").append(be.healthCheck().rules().size()).append(" check rule(s)");
                }
                b.append('\n');
                if (be.cookie() != null) {
                    b.append("  cookie ").append(be.cookie().name()).append(' ').append(be.cookie().mode()).append('\n');
                }
                for (Server s : be.servers()) {
                    server(b, s);
                }
                unmodelled(b, be.unmodelled().size());
                return null;
            }
        };
        plan.frontends().forEach(f -> f.accept(blocks));
        plan.backends().forEach(be -> be.accept(blocks));
        return b.toString();
    }

    private static void server(StringBuilder b, Server s) {
        b.append("  server ").append(s.name()).append(' ').append(s.address()).append(" weight ").append(s.weight());
        if (s.maxconn() != null) {
            b.append(" maxconn ").append(s.maxconn());
        }
        if (s.backup()) {
            b.append(" backup");
        }
        if (s.disabled()) {
            b.append(" disabled");
        }
        if (s.ssl().enabled()) {
            b.append(" ssl");
        }
        if (s.cookie() != null) {
            b.append(" cookie ").append(s.cookie());
        }
        ServerCheck c = s.check();
        if (c.enabled()) {
            b.append(" check inter ").append(c.interMs()).append("ms fastinter ").append(c.fastInterMs())
                    .append("ms downinter ").append(c.downInterMs()).append("ms rise ").append(c.rise())
                    .append(" fall ").append(c.fall());
            if (c.port() != null) {
                b.append(" port ").append(c.port());
            }
        } else {
            b.append(" no check");
        }
        b.append('\n');
    }

    private static void timeouts(StringBuilder b, Timeouts t) {
        StringJoiner j = new StringJoiner(", ");
        add(j, "client", t.clientMs());
        add(j, "http-request", t.httpRequestMs());
        add(j, "http-keep-alive", t.httpKeepAliveMs());
        add(j, "connect", t.connectMs());
        add(j, "server", t.serverMs());
        add(j, "queue", t.queueMs());
        add(j, "tunnel", t.tunnelMs());
        add(j, "check", t.checkMs());
        if (j.length() > 0) {
            b.append("  timeouts ").append(j).append('\n');
        }
    }

    private static void add(StringJoiner j, String name, Long ms) {
        if (ms != null) {
            j.add(name + " " + ms + "ms");
        }
    }

    private static void rules(StringBuilder b, String label, Rules r) {
        if (r.count() == 0) {
            return;
        }
        StringJoiner j = new StringJoiner(", ");
        count(j, "http-request", r.httpRequest().size());
        count(j, "http-response", r.httpResponse().size());
        count(j, "http-after-response", r.httpAfterResponse().size());
        count(j, "tcp-request connection", r.tcpRequestConnection().size());
        count(j, "tcp-request session", r.tcpRequestSession().size());
        count(j, "tcp-request content", r.tcpRequestContent().size());
        count(j, "tcp-response content", r.tcpResponseContent().size());
        b.append("  ").append(label).append(": ").append(j).append('\n');
    }

    private static void count(StringJoiner j, String name, int n) {
        if (n > 0) {
            j.add(n + " " + name);
        }
    }

    private static void unmodelled(StringBuilder b, int n) {
        if (n > 0) {
            b.append("  ").append(n).append(" directive(s) not modelled by the plan\n");
        }
    }

    /** A condition as HAProxy syntax, e.g. {@code  if is_api || !{ ssl_fc }}; "" for none. */
    static String condition(Condition c) {
        if (c == null) {
            return "";
        }
        Term.Visitor<String> terms = new Term.Visitor<>() {
            @Override
            public String visitAclRef(Term.AclRef ref) {
                return (ref.negated() ? "!" : "") + ref.name();
            }

            @Override
            public String visitAnonymous(Term.Anonymous a) {
                AclMatch m = a.match();
                String patterns = m.patterns().isEmpty() ? "" : " " + String.join(" ", m.patterns());
                return (a.negated() ? "!" : "") + "{ " + m.criterion() + " -m " + m.method().id() + patterns + " }";
            }
        };
        String body = c.or().stream()
                .map(group -> group.stream().map(t -> t.accept(terms)).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" || "));
        return " " + (c.unless() ? "unless" : "if") + (body.isEmpty() ? "" : " " + body);
    }
}
