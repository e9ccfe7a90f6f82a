package dev.sluice.cli;

import dev.sluice.grammar.HaproxyVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code sluice -c -f haproxy.cfg}: HAProxy's own options, read the way
 * {@code haproxy} reads them, so that a deploy script can call Sluice where it called HAProxy.
 *
 * <p>Like HAProxy, a single-dash option is told apart by its first letters ({@code -c}, {@code -q},
 * {@code -dW}), an option that takes a value takes the next argument ({@code -f FILE}), and
 * everything after {@code --} is a configuration file. Options that matter only to a running
 * HAProxy ({@code -D}, {@code -W}, {@code -n}, {@code -p}, {@code -sf}, ...) are accepted and have no
 * effect on a check. Sluice adds three long options: {@code --offline}, {@code --target-version}
 * and {@code --stacktrace}.
 *
 * <p>This is parsed by hand, not by picocli: {@code sluice -c} is the command CI runs before every
 * deploy, and building picocli's model costs more than a third of a small check's time in a fresh
 * JVM (picocli's classes cannot be kept in a class-data sharing archive either).
 */
final class HaproxyArgs {

    /** The options as {@code sluice --help} lists them. */
    static final String[] HELP = {
        "HAProxy's command line: sluice -c -f FILE|DIR [-f ...] [OPTIONS] [-- FILE...]",
        "  -c                  check the configuration and exit, as haproxy -c",
        "  -f FILE|DIR         a configuration file, or a directory of *.cfg files",
        "  -q                  quiet: print nothing, only set the exit code",
        "  -V                  verbose: undo -q",
        "  -dW                 zero warning: warnings are fatal",
        "  -dr                 a server name that does not resolve is only a warning",
        "  -dD                 diagnostic mode: also print .diag messages",
        "  -C DIR              read relative file names from DIR, as after cd DIR",
        "  -L NAME             the local peer's name (default: the host name)",
        "  -v                  print the version and exit",
        "  --offline           checks that depend on this machine (files, host names,",
        "                      users) become notices",
        "  --target-version V  the HAProxy version to follow (default: " + HaproxyVersion.DEFAULT + ")",
        "  --stacktrace        print the stack trace of an internal error",
        "  Accepted without effect on a check, as HAProxy's: -d, -db, -de, -dp, -dS,",
        "  -dG, -dR, -dV, -dM, -dK, -dL, -D, -W, -Ws, -n N, -N N, -m N, -p FILE,",
        "  -x SOCKET, -S BIND, -sf/-st PID..."
    };

    boolean check;
    boolean version;
    boolean quiet;
    boolean verbose;
    boolean zeroWarning;
    boolean relaxedDns;
    boolean diagnosticMode;
    boolean offline;
    boolean stacktrace;
    HaproxyVersion targetVersion = HaproxyVersion.DEFAULT;
    /** {@code -C DIR}: where relative file names start, null for the working directory. */
    String directory;
    /** {@code -L NAME}: the local peer's name, null for the host name. */
    String localPeer;
    /** {@code -p FILE}: where a running proxy writes its process id. */
    String pidFile;
    final List<String> files = new ArrayList<>();

    /** A command line that is not HAProxy's; the message says which argument and why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private HaproxyArgs() {}

    /**
     * Whether {@code args} is HAProxy's command line rather than a subcommand's: it starts with an
     * option, and asks for neither {@code --help} nor {@code --version} (picocli answers those).
     */
    static boolean applies(String[] args) {
        if (args.length == 0 || !args[0].startsWith("-")) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-h") || a.equals("--help") || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    static HaproxyArgs parse(String[] args) throws UsageException {
        HaproxyArgs a = new HaproxyArgs();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                for (i++; i < args.length; i++) {
                    a.files.add(args[i]);
                }
                break;
            }
            if (arg.startsWith("--")) {
                i = a.longOption(args, i);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = a.shortOption(args, i);
            } else {
                throw new UsageException("unexpected argument '" + arg + "' (configuration files follow -f, or --)");
            }
        }
        return a;
    }

    private int longOption(String[] args, int i) throws UsageException {
        String arg = args[i];
        String name = arg;
        String value = null;
        int eq = arg.indexOf('=');
        if (eq > 0) {
            name = arg.substring(0, eq);
            value = arg.substring(eq + 1);
        }
        switch (name) {
            case "--offline" -> offline = flag(name, value);
            case "--stacktrace" -> stacktrace = flag(name, value);
            case "--target-version" -> {
                if (value == null) {
                    value = value(args, i++);
                }
                try {
                    targetVersion = HaproxyVersion.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("Invalid value for option '--target-version': " + e.getMessage());
                }
            }
            default -> throw new UsageException("Unknown option: '" + arg + "'");
        }
        return i;
    }

    private static boolean flag(String name, String value) throws UsageException {
        if (value != null) {
            throw new UsageException("option '" + name + "' takes no value");
        }
        return true;
    }

    /** HAProxy's order of tests: the first letter, then the second where it matters. */
    private int shortOption(String[] args, int i) throws UsageException {
        String flag = args[i].substring(1);
        char first = flag.charAt(0);
        char second = flag.length() > 1 ? flag.charAt(1) : 0;
        switch (first) {
            case 'v' -> version = true;
            case 'V' -> verbose = true;
            case 'q' -> quiet = true;
            case 'c' -> {
                if (second == 'c') {
                    throw new UsageException("-cc (evaluate a condition) is not supported; use -c");
                }
                check = true;
            }
            case 'd' -> {
                switch (second) {
                    case 'W' -> zeroWarning = true;
                    case 'r' -> relaxedDns = true;
                    case 'D' -> diagnosticMode = true;
                    default -> { } // debug, poller and library switches: nothing to check
                }
            }
            case 'D', 'W' -> { } // daemon, master-worker: how HAProxy runs, not what it reads
            case 'x', 'S' -> value(args, i++); // a socket to take listeners from, a master CLI: not read by a check
            case 's' -> {
                if (second != 'f' && second != 't') {
                    throw new UsageException("unknown option '" + args[i] + "'");
                }
                while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    i++; // the pids of older processes
                }
            }
            case 'f' -> files.add(value(args, i++));
            case 'n', 'N', 'm' -> value(args, i++); // connection and memory limits: set at run time
            case 'p' -> pidFile = value(args, i++);
            case 'L' -> localPeer = value(args, i++);
            case 'C' -> directory = value(args, i++);
            default -> throw new UsageException("unknown option '" + args[i] + "'");
        }
        return i;
    }

    /** The value of the option at {@code i}: the next argument. */
    private static String value(String[] args, int i) throws UsageException {
        if (i + 1 >= args.length) {
            throw new UsageException("option '" + args[i] + "' needs a value");
        }
        return args[i + 1];
    }
}
