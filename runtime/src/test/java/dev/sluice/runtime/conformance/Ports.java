package dev.sluice.runtime.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Ports on 127.0.0.1: free ones to hand to a configuration, and waiting until one listens. */
final class Ports {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final Path PROC_TCP = Path.of("/proc/net/tcp");
    private static final Path PROC_TCP6 = Path.of("/proc/net/tcp6");

    private Ports() {
    }

    /**
     * A port nothing listened on a moment ago, never the same twice in this JVM. Another process
     * may still take it before the proxy binds it; the proxy then fails to start, saying so.
     */
    static int free() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1 after 100 attempts");
    }

    /**
     * Waits until every port listens on 127.0.0.1. On Linux this reads the kernel's socket table,
     * so it opens no connection (a probe connection would count in a TCP frontend's balancing);
     * elsewhere it connects and closes.
     *
     * @param alive false when the process that should listen has died: stop waiting
     * @param why what to say when the wait fails
     */
    static void awaitListening(List<Integer> ports, Duration timeout, BooleanSupplier alive, Supplier<String> why)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ports.stream().allMatch(Ports::listening)) {
                return;
            }
            if (!alive.getAsBoolean()) {
                throw new IOException("the proxy exited before listening on " + ports + "\n" + why.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("nothing listens on " + ports + " after " + timeout.toMillis() + " ms\n"
                        + why.get());
            }
            Thread.sleep(20);
        }
    }

    private static boolean listening(int port) {
        if (Files.isReadable(PROC_TCP)) {
            // "  sl  local_address rem_address   st ...": 0100007F:1F90 is 127.0.0.1:8080, st 0A is LISTEN;
            // a Java or Netty listener on 127.0.0.1 may be an IPv6 socket, listed as ::ffff:127.0.0.1
            String v4 = String.format(Locale.ROOT, "0100007F:%04X", port);
            String v6 = String.format(Locale.ROOT, "0000000000000000FFFF00000100007F:%04X", port);
            try {
                return Stream.of(PROC_TCP, PROC_TCP6).filter(Files::isReadable).anyMatch(table -> {
                    try {
                        return Files.readAllLines(table).stream().skip(1).map(l -> l.trim().split("\\s+"))
                                .anyMatch(f -> f.length > 3 && (f[1].equals(v4) || f[1].equals(v6))
                                        && f[3].equals("0A"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                // fall back to connecting
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
