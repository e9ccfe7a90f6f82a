package dev.sluice.runtime.conformance;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.CompileException;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import dev.sluice.runtime.PlanHolder;
import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.RuntimeCoverage;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.RuntimeSetupException;
import dev.sluice.runtime.TransportUnderTest;
import dev.sluice.runtime.admin.AdminContext;
import dev.sluice.runtime.admin.AdminServer;
import dev.sluice.runtime.admin.StickTableView;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sluice in this JVM on a configuration: parsed, compiled for the HAProxy version compared with, and
 * served, with the runtime API on the configuration's {@code stats socket}s.
 */
final class Sluice implements AutoCloseable {

    static final int THREADS = 2;

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private final ProxyServer server;
    private final AdminServer admin;
    private final List<String> unenforced;

    private Sluice(ProxyServer server, AdminServer admin, List<String> unenforced) {
        this.server = server;
        this.admin = admin;
        this.unenforced = unenforced;
    }

    static Sluice start(String config, HaproxyVersion version, Path dir, List<Integer> ports)
            throws IOException, InterruptedException {
        ParseResult parsed = ConfigLoader.parse("conformance.cfg", config, ParseOptions.defaults().withVersion(version));
        if (parsed.hasErrors()) {
            throw new IOException("Sluice refuses the configuration: " + parsed.diagnostics() + "\n" + config);
        }
        ProxyServer server = null;
        AdminServer admin;
        try {
            Plan plan = Compiler.compile(parsed.config(), version);
            server = ProxyServer.start(new PlanHolder(RuntimePlan.prepare(plan, dir)), TransportUnderTest.get(), THREADS);
            admin = AdminServer.start(new AdminContext(server, AdminContext.Reloads.NONE,
                    StickTableView.of(server.plan().stickTables()), "conformance", Instant.now()), plan);
        } catch (CompileException | RuntimeSetupException e) {
            if (server != null) {
                server.stop(Duration.ZERO);
            }
            throw new IOException("Sluice cannot run the configuration: " + e.getMessage() + "\n" + config, e);
        }
        List<String> unenforced = RuntimeCoverage.unenforced(parsed.config()).stream()
                .map(u -> "line " + u.span().line() + ": " + u.what()).toList();
        Sluice s = new Sluice(server, admin, unenforced);
        try {
            Ports.awaitListening(ports, Duration.ofSeconds(10), () -> true, () -> "");
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The lines Sluice accepts but does not act on, as {@link RuntimeCoverage} reports them. */
    List<String> unenforced() {
        return unenforced;
    }

    @Override
    public void close() {
        admin.close();
        server.stop(Duration.ZERO);
    }
}
