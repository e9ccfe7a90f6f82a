package dev.sluice.cli;

import dev.sluice.compiler.plan.Address;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.ParseResult;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.Section;
import dev.sluice.grammar.diag.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice reload}: asks a running {@code sluice run} to reload its configuration, through
 * its runtime socket, waits for the outcome and prints it: the log lines of the reload, on
 * standard output when it is done (exit 0), on standard error when it is rejected (exit 1).
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Reload a running Sluice through its runtime socket, and wait for the outcome.",
            "The socket is given (--socket), or found in the configuration's 'stats socket' lines (-f):",
            "the first one at level admin. Prints the reload's log lines; exits 0 when the new",
            "configuration is in force, 1 when it was rejected (the one in force stays), 2 when the",
            "reload could not be asked for."})
final class ReloadCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--socket", paramLabel = "SOCKET",
            description = "The runtime socket: a UNIX socket's path, or HOST:PORT (ipv4@, ipv6@, unix@ accepted).")
    String socket;

    @Option(names = "-f", paramLabel = "FILE", description = "The configuration (file or directory) of the running "
            + "Sluice (repeatable).")
    List<String> files = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "More configuration files or directories.")
    List<String> more = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for the outcome (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    ParserOptions parser;

    /** Where to send the reload, and how to name it in messages. */
    record Target(String name, SocketAddress address) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> all = new ArrayList<>(files);
        all.addAll(more);
        if ((socket == null) == all.isEmpty()) {
            err.println("sluice reload: give the runtime socket (--socket PATH|HOST:PORT) or the configuration that "
                    + "declares it (-f FILE), not both");
            return ExitCodes.USAGE;
        }
        Target target;
        try {
            target = socket != null ? target(socket) : find(all);
        } catch (UsageException e) {
            err.println("sluice reload: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String answer;
        try {
            answer = ask(target.address(), timeoutSeconds);
        } catch (IOException e) {
            err.println("sluice reload: cannot reach the runtime socket " + target.name() + ": " + e.getMessage()
                    + " (is Sluice running with this configuration?)");
            return ExitCodes.USAGE;
        } catch (TimeoutException e) {
            err.println("sluice reload: no answer from " + target.name() + " within " + timeoutSeconds
                    + " s; the reload may still be running (see the proxy's log)");
            return ExitCodes.USAGE;
        }
        String body = answer.endsWith("\n\n") ? answer.substring(0, answer.length() - 1) : answer;
        if (body.startsWith("Success=1\n--\n")) {
            out.print(body.substring("Success=1\n--\n".length()));
            out.flush();
            return ExitCodes.OK;
        }
        if (body.startsWith("Success=0\n--\n")) {
            err.print(body.substring("Success=0\n--\n".length()));
            err.flush();
            return ExitCodes.FAILURE;
        }
        if (body.startsWith("Permission denied")) {
            err.println("sluice reload: " + target.name() + " refused the reload: its level is not admin");
            return ExitCodes.USAGE;
        }
        String first = body.isEmpty() ? "nothing" : "'" + body.lines().findFirst().orElse("") + "'";
        err.println("sluice reload: " + target.name() + " did not answer as Sluice's runtime socket does: " + first);
        return ExitCodes.USAGE;
    }

    /** A reason to stop before asking anything, said in one line. */
    static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The socket named by {@code text}: a path, or a TCP address ({@code *} and {@code ::} mean this host). */
    static Target target(String text) throws UsageException {
        Address a;
        try {
            a = Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + text + "' is neither a socket path nor HOST:PORT");
        }
        if ("unix".equals(a.family()) || a.family() == null && (a.port() == null || a.host().startsWith("/"))) {
            Path path = Path.of(a.host());
            return new Target(path.toString(), UnixDomainSocketAddress.of(path));
        }
        if (a.family() != null && !a.family().equals("ipv4") && !a.family().equals("ipv6")) {
            throw new UsageException("'" + text + "': Sluice's runtime socket is a UNIX socket or TCP, not "
                    + a.family() + "@");
        }
        if (a.port() == null || a.portOffset()) {
            throw new UsageException("'" + text + "' has no port");
        }
        String host = a.host().isEmpty() || a.host().equals("*") ? "127.0.0.1" : a.host().equals("::") ? "::1"
                : a.host();
        try {
            return new Target(text, new InetSocketAddress(InetAddress.getByName(host), a.port()));
        } catch (UnknownHostException e) {
            throw new UsageException("cannot resolve '" + host + "' (in '" + text + "')");
        }
    }

    /**
     * The first {@code stats socket} at level admin of the configuration {@code paths}. The
     * configuration is only read (the running Sluice checks it when it reloads), so a file with
     * errors still gives its socket.
     */
    private Target find(List<String> paths) throws UsageException {
        ParseResult parsed = ConfigLoader.load(paths, parser.toParseOptions());
        for (Diagnostic d : parsed.diagnostics()) {
            if (Diagnostics.unreadable(d)) {
                throw new UsageException(d.message());
            }
        }
        List<String> others = new ArrayList<>();
        for (Section s : (Iterable<Section>) parsed.config().sections()::iterator) {
            if (!s.type().equals("global")) {
                continue;
            }
            for (Directive d : s.directives()) {
                if (!d.keyword().equals("stats") || !d.arg(1).equals("socket") || d.arg(2).isEmpty()) {
                    continue;
                }
                String level = "operator";
                for (int i = 3; i + 1 < d.words().size(); i++) {
                    if (d.arg(i).equals("level")) {
                        level = d.arg(i + 1);
                    }
                }
                if (level.equals("admin")) {
                    Target t = target(d.arg(2));
                    return new Target(t.name() + " (" + d.span().fileAndLine() + ")", t.address());
                }
                others.add(d.span().fileAndLine() + " is at level " + level);
            }
        }
        if (others.isEmpty()) {
            throw new UsageException(String.join(" ", paths) + " declares no 'stats socket' to send the reload to; "
                    + "add one at level admin, or give --socket");
        }
        throw new UsageException("no 'stats socket' of " + String.join(" ", paths) + " is at level admin, which "
                + "reload needs (" + String.join("; ", others) + ")");
    }

    /** Sends {@code reload} and reads the answer, until the server closes the connection. */
    static String ask(SocketAddress address, int timeoutSeconds) throws IOException, TimeoutException {
        SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try (ch) {
            ch.connect(address);
            Channels.newOutputStream(ch).write("reload\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = Channels.newInputStream(ch);
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                return new String(answer.get(timeoutSeconds, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
                throw cause instanceof IOException io ? io : new IOException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        } catch (java.net.SocketException e) {
            throw new IOException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
    }
}
