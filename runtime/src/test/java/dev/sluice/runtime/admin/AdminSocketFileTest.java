package dev.sluice.runtime.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.runtime.Reloader;
import dev.sluice.runtime.RuntimeSetupException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime API on UNIX sockets: the socket file's permissions and owner as {@code mode},
 * {@code user} and {@code group} say, an old socket file replaced, a file that is not a socket
 * left alone, the file removed when the socket closes.
 */
@Timeout(60)
class AdminSocketFileTest {

    @TempDir
    Path dir;

    private final AdminFixture f = new AdminFixture();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static final String CONFIG = """
            global
                stats socket %s
            """ + AdminFixture.MINIMAL_PROXY;

    private static PosixFileAttributes attributes(Path p) throws Exception {
        return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** The current user's name and primary group, as a file this process creates gets them. */
    private String[] me() throws Exception {
        Path probe = Files.createFile(dir.resolve("probe"));
        PosixFileAttributes a = attributes(probe);
        Files.delete(probe);
        return new String[] {a.owner().getName(), a.group().getName()};
    }

    @Test
    void aUnixSocketGetsItsModeAndOwnerAndAnswersAtItsLevel() throws Exception {
        Path sock = dir.resolve("admin.sock");
        String[] me = me();
        f.start(CONFIG.formatted(sock + " mode 640 level admin user " + me[0] + " group " + me[1]));
        PosixFileAttributes a = attributes(sock);
        assertThat(a.isOther()).as("a socket").isTrue();
        assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo("rw-r-----");
        assertThat(a.owner().getName()).isEqualTo(me[0]);
        assertThat(a.group().getName()).isEqualTo(me[1]);
        assertThat(f.admin.boundAddresses()).containsExactly(UnixDomainSocketAddress.of(sock));
        assertThat(f.cli(0, "show cli level")).isEqualTo("admin\n\n");
        try (CliClient c = CliClient.connect(f.socket(0))) {
            c.send("prompt\n");
            assertThat(c.readUntil("> ")).isEqualTo("\n> ");
            c.send("show version\n");
            assertThat(c.readUntil("> ")).isEqualTo(AdminFixture.VERSION + "\n\n> ");
        }
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(sock);

        f.admin.close();
        assertThat(sock).doesNotExist();
    }

    /** {@code printf INPUT | socat - UNIX-CONNECT:SOCK}: what socat printed. */
    private static String socat(Path sock, String input) throws Exception {
        Process p = new ProcessBuilder("socat", "-t", "2", "-", "UNIX-CONNECT:" + sock).redirectErrorStream(true)
                .start();
        p.getOutputStream().write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void socatWorksOneShotAndInPromptMode() throws Exception {
        boolean installed = java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "socat")));
        Assumptions.assumeTrue(installed, "socat is not installed: the runtime API's socat test is skipped");
        Path sock = dir.resolve("admin.sock");
        f.start(CONFIG.formatted(sock + " level admin"));
        assertThat(socat(sock, "show version\n")).isEqualTo(AdminFixture.VERSION + "\n\n");
        assertThat(socat(sock, "show info\n")).startsWith("Name: Sluice\nVersion: " + AdminFixture.VERSION + "\n");
        assertThat(socat(sock, "prompt\nget weight web/w1\nset weight web/w1 5;get weight web/w1\nquit\n"))
                .isEqualTo("\n> 1 (initial 1)\n\n> \n5 (initial 1)\n\n> ");
    }

    @Test
    void theNioTransportServesUnixSocketsToo() throws Exception {
        Path sock = dir.resolve("nio.sock");
        f.transport = dev.sluice.runtime.Transport.nio();
        f.start(CONFIG.formatted(sock + " mode 600 level admin"));
        assertThat(PosixFilePermissions.toString(attributes(sock).permissions())).isEqualTo("rw-------");
        assertThat(f.cli(0, "show cli level")).isEqualTo("admin\n\n");
        try (CliClient c = CliClient.connect(f.socket(0))) {
            c.send("prompt\nget weight web/w1\n");
            c.shutdownOutput();
            assertThat(c.readToEnd()).isEqualTo("\n> 1 (initial 1)\n\n> ");
        }
    }

    @Test
    void withoutALevelASocketIsAtTheOperatorLevelAndAnOldSocketFileIsReplaced() throws Exception {
        Path sock = dir.resolve("old.sock");
        try (var old = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(sock)); // left behind by a process that died
        }
        assertThat(sock).exists();
        f.start(CONFIG.formatted(sock + " mode 600"));
        assertThat(PosixFilePermissions.toString(attributes(sock).permissions())).isEqualTo("rw-------");
        assertThat(f.cli(0, "show cli level")).isEqualTo("operator\n\n");
    }

    @Test
    void aFileThatIsNotASocketIsNeverReplaced() throws Exception {
        Path file = dir.resolve("precious.txt");
        Files.writeString(file, "keep me");
        assertThatThrownBy(() -> f.start(CONFIG.formatted(file + " level admin")))
                .isInstanceOf(RuntimeSetupException.class)
                .hasMessage("stats socket " + file + ": " + file + " exists and is not a socket");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void anUnknownUserOrGroupIsSaidClearly() throws Exception {
        Path sock = dir.resolve("admin.sock");
        assertThatThrownBy(() -> f.start(CONFIG.formatted(sock + " user no-such-user-sluice")))
                .isInstanceOf(RuntimeSetupException.class)
                .hasMessage("stats socket " + sock + ": unknown user 'no-such-user-sluice'");
        f.close();
        AdminFixture g = new AdminFixture();
        try {
            assertThatThrownBy(() -> g.start(CONFIG.formatted(sock + " group no-such-group-sluice")))
                    .isInstanceOf(RuntimeSetupException.class)
                    .hasMessage("stats socket " + sock + ": unknown group 'no-such-group-sluice'");
        } finally {
            g.close();
        }
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void asRootTheSocketCanBeGivenToAnotherUser() throws Exception {
        Assumptions.assumeTrue(me()[0].equals("root"), "only root may give a file away");
        Path sock = dir.resolve("admin.sock");
        f.start(CONFIG.formatted(sock + " uid 65534 gid 65534 mode 660"));
        PosixFileAttributes a = attributes(sock);
        assertThat(a.owner().getName()).isIn("nobody", "65534");
        assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo("rw-rw----");
    }

    @Test
    void aReloadAppliesANewModeAndLevelToTheSocketItKeeps() throws Exception {
        Path sock = dir.resolve("admin.sock");
        AtomicReference<String> next = new AtomicReference<>();
        Reloader.Source source = () -> new Reloader.Loaded(AdminFixture.compile(next.get()), List.of());
        f.start(CONFIG.formatted(sock + " mode 600 level admin"), source);
        Object inode = Files.readAttributes(sock, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        next.set(CONFIG.formatted(sock + " mode 660 level user"));
        assertThat(f.cli(0, "reload")).startsWith("Success=1\n");
        assertThat(PosixFilePermissions.toString(attributes(sock).permissions())).isEqualTo("rw-rw----");
        assertThat(Files.readAttributes(sock, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .as("the same socket").isEqualTo(inode);
        assertThat(f.cli(0, "show cli level")).isEqualTo("user\n\n");
    }
}
