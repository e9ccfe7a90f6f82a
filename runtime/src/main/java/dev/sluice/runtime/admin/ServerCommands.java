package dev.sluice.runtime.admin;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Server;
import dev.sluice.runtime.ProxyServer;
import dev.sluice.runtime.RuntimePlan;
import dev.sluice.runtime.balance.AdminState;
import dev.sluice.runtime.balance.ServerState;
import dev.sluice.runtime.sample.Addresses;
import dev.sluice.runtime.stats.ServerCounters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The commands about servers: their states ({@code enable}/{@code disable server},
 * {@code set server ... state}), weights ({@code set server ... weight}, {@code set weight},
 * {@code get weight}) and addresses ({@code set server ... addr}), and {@code show servers state}.
 * Their answers are HAProxy 2.6's. What they change lives in the servers' state, which a reload
 * keeps for every server still in the configuration, unless the new configuration changes the
 * same setting.
 */
final class ServerCommands {

    private static final String NEEDS_SERVER = "Require 'backend/server'.\n";
    /** What HAProxy's {@code set server} takes that Sluice does not. */
    private static final List<String> UNSUPPORTED = List.of("agent", "agent-addr", "agent-port", "agent-send",
            "check-addr", "check-port", "fqdn", "health", "ssl");

    private final ProxyServer proxy;

    ServerCommands(ProxyServer proxy) {
        this.proxy = proxy;
    }

    List<Command> commands() {
        return List.of(
                Command.of("disable server", "disable server (DEPRECATED)",
                        "disable a server for maintenance (use 'set server' instead)", Level.ADMIN,
                        (w, s) -> withServer(w, 2, t -> {
                            t.state().setAdminState(AdminState.MAINT);
                            return "";
                        })),
                Command.of("enable server", "enable server  (DEPRECATED)",
                        "enable a disabled server (use 'set server' instead)", Level.ADMIN,
                        (w, s) -> withServer(w, 2, t -> {
                            if (t.state().adminState() == AdminState.MAINT) {
                                t.state().setAdminState(AdminState.READY);
                            }
                            return "";
                        })),
                Command.of("set server", "set server <bk>/<srv> [opts]",
                        "change a server's state, weight or address", Level.ADMIN,
                        (w, s) -> withServer(w, 2, t -> setServer(t, w))),
                Command.of("set weight", "set weight <bk>/<srv>  (DEPRECATED)",
                        "change a server's weight (use 'set server' instead)", Level.ADMIN,
                        (w, s) -> withServer(w, 2, t -> setWeight(t, arg(w, 3)))),
                Command.of("get weight", "get weight <bk>/<srv>", "report a server's current weight", Level.USER,
                        (w, s) -> withServer(w, 2, t -> t.state().weight() + " (initial "
                                + t.state().config().weight() + ")\n")),
                Command.of("show servers state", "show servers state [<backend>]",
                        "dump volatile server information (all or for a single backend)", Level.USER,
                        (w, s) -> serversState(arg(w, 3))));
    }

    /** A server named on a command line, with its backend in the plan in force. */
    private record Target(RuntimePlan.BackendRuntime backend, ServerState state) {}

    private String withServer(List<String> words, int at, java.util.function.Function<Target, String> action) {
        String name = arg(words, at);
        int slash = name.indexOf('/');
        if (slash < 0) {
            return NEEDS_SERVER;
        }
        RuntimePlan plan = proxy.plan();
        RuntimePlan.BackendRuntime backend = plan.backend(name.substring(0, slash)).orElse(null);
        if (backend == null) {
            return "No such backend.\n";
        }
        ServerState state = backend.state().server(name.substring(slash + 1));
        if (state == null) {
            return "No such server.\n";
        }
        return action.apply(new Target(backend, state));
    }

    static String arg(List<String> words, int i) {
        return i < words.size() ? words.get(i) : "";
    }

    private String setServer(Target t, List<String> w) {
        String what = arg(w, 3);
        switch (what) {
            case "state" -> {
                AdminState state = switch (arg(w, 4)) {
                    case "ready" -> AdminState.READY;
                    case "drain" -> AdminState.DRAIN;
                    case "maint" -> AdminState.MAINT;
                    default -> null;
                };
                if (state == null) {
                    return "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n";
                }
                t.state().setAdminState(state);
                return "";
            }
            case "weight" -> {
                return setWeight(t, arg(w, 4));
            }
            case "addr" -> {
                return setAddress(t, arg(w, 4), arg(w, 5).equals("port") ? arg(w, 6) : null);
            }
            default -> {
                if (UNSUPPORTED.contains(what)) {
                    return "'set server <srv> " + what + "' is not supported by Sluice.\n";
                }
                return "usage: set server <backend>/<server> addr | state | weight\n";
            }
        }
    }

    /** HAProxy's {@code set weight}: absolute (0 to 256), or a percentage of the configured weight. */
    private static String setWeight(Target t, String text) {
        if (text.isEmpty()) {
            return "Require <weight> or <weight%>.\n";
        }
        int end = integerEnd(text);
        if (end == 0) {
            return "Empty weight string empty or preceded by garbage\n";
        }
        long w;
        try {
            w = Long.parseLong(text.substring(0, end).strip());
        } catch (NumberFormatException e) {
            w = text.strip().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        ServerState s = t.state();
        int initial = s.config().weight();
        String rest = text.substring(end);
        if (rest.equals("%")) {
            if (w < 0) {
                return "Relative weight must be positive.\n";
            }
            w = Math.min(initial * Math.min(w, 25_600) / 100, ServerState.MAX_WEIGHT);
        } else if (w < 0 || w > ServerState.MAX_WEIGHT) {
            return "Absolute weight can only be between 0 and 256 inclusive.\n";
        } else if (!rest.isEmpty()) {
            return "Trailing garbage in weight string\n";
        }
        if (w != 0 && w != initial && !s.backend().balancer().dynamicWeights()) {
            return "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n";
        }
        s.setWeight((int) w);
        return "";
    }

    /** Where C's strtol stops reading {@code text}: after blanks, a sign and digits; 0 when it read no digit. */
    private static int integerEnd(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i == digits ? 0 : i;
    }

    /**
     * HAProxy's {@code set server B/S addr A [port P]}: new connections go to the new address (the
     * idle pooled connections to the old one are not reused), health checks follow it.
     */
    private String setAddress(Target t, String addr, String port) {
        if (addr.isEmpty()) {
            return "set server <b>/<s> addr requires an address and optionally a port.\n";
        }
        StringBuilder msg = new StringBuilder();
        InetSocketAddress current = t.backend().address(t.state());
        InetAddress ip = literal(addr);
        InetAddress newIp = current.getAddress();
        int newPort = current.getPort();
        boolean changed = false;
        if (ip == null) {
            msg.append("Invalid addr '").append(addr).append("'");
        } else {
            if (ip.equals(current.getAddress())) {
                msg.append("no need to change the addr");
            } else {
                newIp = ip;
                changed = true;
                msg.append("IP changed from '").append(Addresses.format(current.getAddress())).append("' to '")
                        .append(addr).append("'");
            }
            if (port != null) {
                msg.append(", ");
                Integer p = port(port);
                if (p == null) {
                    msg.append("problem converting port '").append(port).append("' to an int");
                } else if (p == current.getPort()) {
                    msg.append("no need to change the port");
                } else {
                    newPort = p;
                    changed = true;
                    msg.append("port changed from '").append(current.getPort()).append("' to '").append(p)
                            .append("'");
                }
            }
        }
        if (changed) {
            t.state().setRuntimeAddress(new InetSocketAddress(newIp, newPort));
            // checks restart towards the new address; off this event loop, as a reload may hold the proxy
            ForkJoinPool.commonPool().execute(proxy::refreshHealthChecks);
        }
        return msg.append(" by 'stats socket command'\n").toString();
    }

    /** An IPv4 or IPv6 address written as such (never a host name: no resolution on an event loop), or null. */
    static InetAddress literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] b = t.indexOf(':') >= 0 ? Addresses.parseV6(t) : Addresses.parseV4Strict(t);
        try {
            return b == null ? null : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null; // not reached: the length is 4 or 16
        }
    }

    /** A fixed port, 1 to 65535, or null. */
    private static Integer port(String text) {
        int end = integerEnd(text);
        if (end == 0 || end != text.length() || text.startsWith("+") || text.startsWith("-")) {
            return null;
        }
        try {
            int p = Integer.parseInt(text.strip());
            return p >= 1 && p <= 65_535 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- show servers state

    /** HAProxy's {@code show servers state} (format version 1). */
    private String serversState(String only) {
        RuntimePlan plan = proxy.plan();
        Proxies proxies = Proxies.of(plan.plan());
        List<Backend> backends = plan.plan().backends();
        if (!only.isEmpty()) {
            backends = backends.stream().filter(b -> b.name().equals(only)).toList();
            if (backends.isEmpty()) {
                return "Can't find backend.\n";
            }
        }
        StringBuilder out = new StringBuilder("1\n# be_id be_name srv_id srv_name srv_addr srv_op_state "
                + "srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status "
                + "srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id "
                + "srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr "
                + "srv_agent_addr srv_agent_port\n");
        long now = System.currentTimeMillis();
        for (Backend b : backends) {
            Proxies.Proxy p = proxies.find(b.name()).orElseThrow();
            RuntimePlan.BackendRuntime be = plan.backend(b.name()).orElseThrow();
            for (Server server : b.servers()) {
                ServerState s = be.state().server(server.name());
                if (s == null) {
                    continue;
                }
                ServerCounters c = s.counters();
                ServerCounters.Check check = c.lastCheck();
                boolean checked = server.check().enabled();
                boolean maint = s.adminState() == AdminState.MAINT;
                InetSocketAddress a = be.address(s);
                // without checks, HAProxy's health starts at rise and drops to 0 for good once stopped
                int health = checked ? StatCsv.health(server, check)
                        : s.isRunning() && c.downs() == 0 ? server.check().rise() : 0;
                out.append(p.id()).append(' ').append(b.name()).append(' ').append(s.id()).append(' ')
                        .append(server.name()).append(' ').append(Addresses.format(a.getAddress())).append(' ')
                        .append(s.isRunning() ? 2 : 0).append(' ')
                        .append(switch (s.adminState()) {
                            case MAINT -> server.disabled() ? 0x05 : 0x01;
                            case DRAIN -> 0x08;
                            case READY -> 0;
                        }).append(' ')
                        .append(s.weight()).append(' ').append(server.weight()).append(' ')
                        .append((now - c.lastChangeMs()) / 1000).append(' ')
                        .append(checked && check != null ? check.status().number() : 1).append(' ')
                        .append(checked && check != null ? (check.status().passed() ? 3 : 2) : 0).append(' ')
                        .append(health).append(' ')
                        .append((checked ? 0x06 : 0) | (maint && (checked || server.disabled()) ? 0x08 : 0))
                        .append(" 0 ")
                        .append(p.forcedId() ? 1 : 0).append(' ')
                        .append(server.options().containsKey("id") ? 1 : 0).append(' ')
                        .append(literal(server.address().host()) == null ? server.address().host() : "-").append(' ')
                        .append(a.getPort()).append(" - 0 ")
                        .append(server.check().port() != null ? server.check().port() : 0).append(' ')
                        .append(server.check().addr() != null ? server.check().addr() : "-")
                        .append(" - 0\n");
            }
        }
        return out.toString();
    }
}
