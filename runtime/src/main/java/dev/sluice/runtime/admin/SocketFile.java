package dev.sluice.runtime.admin;

import dev.sluice.runtime.RuntimeSetupException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The file of a UNIX {@code stats socket}: its permissions ({@code mode}) and owner
 * ({@code user}/{@code uid}, {@code group}/{@code gid}). As HAProxy does, the socket is bound
 * under a temporary name, given its permissions and owner, then renamed into place, so that it
 * is never reachable with the wrong ones and an old socket file is replaced in one step.
 */
final class SocketFile {

    /** The file type bits of a UNIX socket in {@code st_mode}. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    /** What the socket's file should be: permissions (null to leave the umask's) and owner (null to keep). */
    record Access(Set<PosixFilePermission> mode, UserPrincipal user, GroupPrincipal group) {

        /**
         * Reads {@code mode} (octal, {@code 660}), and looks {@code user} and {@code group} up
         * (names, or numeric ids).
         */
        static Access of(String where, String mode, String user, String group) throws RuntimeSetupException {
            Set<PosixFilePermission> permissions = null;
            if (mode != null) {
                int bits;
                try {
                    bits = Integer.parseInt(mode, 8);
                } catch (NumberFormatException e) {
                    throw new RuntimeSetupException(where + ": mode '" + mode + "' is not an octal number");
                }
                permissions = permissions(bits);
            }
            UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
            UserPrincipal u = null;
            GroupPrincipal g = null;
            try {
                if (user != null) {
                    u = lookup.lookupPrincipalByName(user);
                }
            } catch (UserPrincipalNotFoundException e) {
                throw new RuntimeSetupException(where + ": unknown user '" + user + "'");
            } catch (IOException e) {
                throw new RuntimeSetupException(where + ": cannot look user '" + user + "' up: " + e.getMessage());
            }
            try {
                if (group != null) {
                    g = lookup.lookupPrincipalByGroupName(group);
                }
            } catch (UserPrincipalNotFoundException e) {
                throw new RuntimeSetupException(where + ": unknown group '" + group + "'");
            } catch (IOException e) {
                throw new RuntimeSetupException(where + ": cannot look group '" + group + "' up: " + e.getMessage());
            }
            return new Access(permissions, u, g);
        }
    }

    private SocketFile() {
    }

    static Set<PosixFilePermission> permissions(int bits) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(order[i]);
            }
        }
        return out;
    }

    /** The temporary name a socket for {@code path} is bound under before it is renamed into place. */
    static Path temporary(Path path) {
        return path.resolveSibling(path.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /**
     * Refuses to replace a file at {@code path} that is not a socket (a configuration naming a
     * regular file must not destroy it); removes a leftover temporary file.
     */
    static void prepare(String where, Path path) throws RuntimeSetupException {
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !isSocket(path)) {
                throw new RuntimeSetupException(where + ": " + path + " exists and is not a socket");
            }
            Files.deleteIfExists(temporary(path));
        } catch (IOException e) {
            throw new RuntimeSetupException(where + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    /** Gives the socket file at {@code file} its permissions and owner. */
    static void apply(String where, Path file, Access access) throws RuntimeSetupException {
        try {
            if (access.mode() != null) {
                Files.setPosixFilePermissions(file, access.mode());
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new RuntimeSetupException(where + ": cannot set mode: " + reason(e), e);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        try {
            if (access.user() != null) {
                view.setOwner(access.user());
            }
        } catch (IOException e) {
            throw new RuntimeSetupException(where + ": cannot give the socket to user '" + access.user().getName()
                    + "': " + reason(e), e);
        }
        try {
            if (access.group() != null) {
                view.setGroup(access.group());
            }
        } catch (IOException e) {
            throw new RuntimeSetupException(where + ": cannot give the socket to group '" + access.group().getName()
                    + "': " + reason(e), e);
        }
    }

    /** Renames the socket bound at {@code from} to {@code to}, replacing an old socket there; its file key. */
    static Object moveIntoPlace(String where, Path from, Path to) throws RuntimeSetupException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return fileKey(to);
        } catch (IOException e) {
            throw new RuntimeSetupException(where + ": cannot rename " + from + " to " + to + ": " + reason(e), e);
        }
    }

    /** The file's identity (device and inode), to tell it from a file another process put at the same path. */
    static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Removes the socket file at {@code path} if it is still the one this process made. */
    static void remove(Path path, Object key) {
        try {
            if (key != null && Objects.equals(fileKey(path), key)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover socket file is replaced at the next start
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return m != null ? m : e.toString();
    }
}
