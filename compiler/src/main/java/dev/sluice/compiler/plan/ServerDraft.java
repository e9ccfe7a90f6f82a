package dev.sluice.compiler.plan;

import dev.sluice.grammar.ast.SourceSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A server's settings while they are read: a proxy's {@code default-server} line, which every
 * later {@code server} line starts from, or one server.
 */
final class ServerDraft {

    private static final long DEFAULT_INTER_MS = 2000;

    int weight = 1;
    Long maxconn;
    Long maxqueue;
    Long minconn;
    boolean backup;
    boolean disabled;
    String cookie;
    boolean check;
    Long inter;
    Long fastinter;
    Long downinter;
    int rise = 2;
    int fall = 3;
    Integer checkPort;
    String checkAddr;
    boolean checkSsl;
    boolean checkSendProxy;
    boolean ssl;
    String verify;
    String sni;
    String caFile;
    String crt;
    List<String> alpn = List.of();
    String minVersion;
    String maxVersion;
    String ciphers;
    String sendProxy;
    TreeMap<String, List<String>> options = new TreeMap<>();

    ServerDraft copy() {
        ServerDraft c = new ServerDraft();
        c.weight = weight;
        c.maxconn = maxconn;
        c.maxqueue = maxqueue;
        c.minconn = minconn;
        c.backup = backup;
        c.disabled = disabled;
        c.cookie = cookie;
        c.check = check;
        c.inter = inter;
        c.fastinter = fastinter;
        c.downinter = downinter;
        c.rise = rise;
        c.fall = fall;
        c.checkPort = checkPort;
        c.checkAddr = checkAddr;
        c.checkSsl = checkSsl;
        c.checkSendProxy = checkSendProxy;
        c.ssl = ssl;
        c.verify = verify;
        c.sni = sni;
        c.caFile = caFile;
        c.crt = crt;
        c.alpn = alpn;
        c.minVersion = minVersion;
        c.maxVersion = maxVersion;
        c.ciphers = ciphers;
        c.sendProxy = sendProxy;
        c.options = new TreeMap<>(options);
        return c;
    }

    /** Applies the options of a {@code server} or {@code default-server} line, in order. */
    void apply(LineOptions parser, List<String> words, SourceSpan at) throws CompileException {
        for (LineOptions.Item item : parser.server(words)) {
            try {
                apply(item, parser.normalized(item, false));
            } catch (IllegalArgumentException e) {
                throw new CompileException(at, "server option '" + item.name() + "': " + e.getMessage());
            }
        }
    }

    private void apply(LineOptions.Item item, List<String> normalized) {
        String a = item.args().isEmpty() ? "" : item.args().get(0);
        switch (item.name()) {
            case "weight" -> weight = Integer.parseInt(a);
            case "maxconn" -> maxconn = Long.parseLong(a);
            case "maxqueue" -> maxqueue = Long.parseLong(a);
            case "minconn" -> minconn = Long.parseLong(a);
            case "backup" -> backup = true;
            case "no-backup" -> backup = false;
            case "disabled" -> disabled = true;
            case "enabled" -> disabled = false;
            case "cookie" -> cookie = a;
            case "check" -> check = true;
            case "no-check" -> check = false;
            case "inter" -> inter = Units.parseTime(a);
            case "fastinter" -> fastinter = Units.parseTime(a);
            case "downinter" -> downinter = Units.parseTime(a);
            case "rise" -> rise = Integer.parseInt(a);
            case "fall" -> fall = Integer.parseInt(a);
            case "port" -> checkPort = Integer.parseInt(a);
            case "addr" -> checkAddr = a;
            case "check-ssl" -> checkSsl = true;
            case "no-check-ssl" -> checkSsl = false;
            case "check-send-proxy" -> checkSendProxy = true;
            case "no-check-send-proxy" -> checkSendProxy = false;
            case "ssl" -> ssl = true;
            case "no-ssl" -> ssl = false;
            case "verify" -> verify = a;
            case "sni" -> sni = a;
            case "ca-file" -> caFile = a;
            case "crt" -> crt = a;
            case "alpn" -> alpn = splitCommas(a);
            case "ssl-min-ver" -> minVersion = a;
            case "ssl-max-ver" -> maxVersion = a;
            case "ciphers" -> ciphers = a;
            case "send-proxy" -> sendProxy = "v1";
            case "send-proxy-v2" -> sendProxy = "v2";
            case "no-send-proxy" -> sendProxy = "v1".equals(sendProxy) ? null : sendProxy;
            case "no-send-proxy-v2" -> sendProxy = "v2".equals(sendProxy) ? null : sendProxy;
            default -> {
                String name = item.name();
                if (name.startsWith("no-") && options.containsKey(name.substring(3))) {
                    options.remove(name.substring(3));
                } else {
                    options.put(name, normalized);
                }
            }
        }
    }

    static List<String> splitCommas(String value) {
        return value.isEmpty() ? List.of() : List.copyOf(Arrays.asList(value.split(",")));
    }

    Server build(String name, Address address) {
        long in = inter != null ? inter : DEFAULT_INTER_MS;
        ServerCheck checkSettings = new ServerCheck(check, in, fastinter != null ? fastinter : in,
                downinter != null ? downinter : in, rise, fall, checkPort, checkAddr, checkSsl, checkSendProxy);
        ServerSsl tls = new ServerSsl(ssl, verify, sni, caFile, crt, new ArrayList<>(alpn), minVersion, maxVersion,
                ciphers);
        return new Server(name, address, weight, maxconn, maxqueue, minconn, backup, disabled, cookie, checkSettings,
                tls, sendProxy, options);
    }
}
