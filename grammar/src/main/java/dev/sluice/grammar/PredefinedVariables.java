package dev.sluice.grammar;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The environment variables HAProxy sets itself before it reads its configuration, and which a
 * configuration may use: {@code HAPROXY_LOCALPEER}, {@code HAPROXY_CFGFILES}, and in newer
 * versions the default log formats ({@code HAPROXY_HTTP_LOG_FMT}, ...) and the branch. HAProxy
 * overwrites any value inherited from the environment, and so does Sluice.
 */
public final class PredefinedVariables {

    private static final String HTTP_LOG = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc"
            + " %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
    private static final String HTTPS_LOG = HTTP_LOG
            + " %[fc_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/%[ssl_c_ca_err]/%[ssl_fc_is_resumed]"
            + " %[ssl_fc_sni]/%sslv/%sslc";
    private static final String TCP_LOG = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";
    private static final String HTTP_CLF_LOG = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s"
            + " %TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl";
    private static final String TCP_CLF_LOG = "%{+Q}o %{-Q}ci - - [%T] \"TCP \" 000 %B \"\" \"\" %cp %ms %ft %b %s"
            + " %Th %Tw %Tc %Tt %U %ts-- %ac %fc %bc %sc %rc %sq %bq \"\" \"\" ";
    /** The NSS key log labels, and the secret fetch behind each (TLS 1.2 first, then TLS 1.3's). */
    private static final String[][] KEYLOG = {
        {"CLIENT_EARLY_TRAFFIC_SECRET", "client_early_traffic_secret"},
        {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"},
        {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"},
        {"CLIENT_TRAFFIC_SECRET_0", "client_traffic_secret_0"},
        {"SERVER_TRAFFIC_SECRET_0", "server_traffic_secret_0"},
        {"EXPORTER_SECRET", "exporter_secret"},
        {"EARLY_EXPORTER_SECRET", "early_exporter_secret"},
    };

    /** The host name, looked up only when a configuration asks for it (it may take a name service). */
    private static final class HostName {
        static final String VALUE = hostname();
    }

    private PredefinedVariables() {}

    /**
     * The value HAProxy gives {@code name} when run with {@code options} on {@code files}, or null
     * when it sets no such variable.
     */
    public static String lookup(String name, ParseOptions options, List<String> files) {
        HaproxyVersion version = options.version();
        HaproxyVersion v2_8 = HaproxyVersion.V2_8;
        return switch (name) {
            case "HAPROXY_LOCALPEER" -> options.localPeer() != null ? options.localPeer() : HostName.VALUE;
            case "HAPROXY_CFGFILES" -> String.join(";", files);
            case "HAPROXY_HTTP_LOG_FMT" -> version.atLeast(v2_8) ? HTTP_LOG : null;
            case "HAPROXY_HTTPS_LOG_FMT" -> version.atLeast(v2_8) ? HTTPS_LOG : null;
            case "HAPROXY_TCP_LOG_FMT" -> version.atLeast(v2_8) ? TCP_LOG : null;
            case "HAPROXY_BRANCH" -> version.atLeast(v2_8) ? version.major() + "." + version.minor() : null;
            case "HAPROXY_STARTUP_VERSION" -> version.atLeast(v2_8) ? version.toString() : null;
            case "HAPROXY_HTTP_CLF_LOG_FMT" -> version.atLeast(HaproxyVersion.V3_1) ? HTTP_CLF_LOG : null;
            case "HAPROXY_TCP_CLF_LOG_FMT" -> version.atLeast(HaproxyVersion.V3_1) ? TCP_CLF_LOG : null;
            case "HAPROXY_KEYLOG_FC_LOG_FMT" -> version.atLeast(HaproxyVersion.V3_4) ? keylog("fc") : null;
            case "HAPROXY_KEYLOG_BC_LOG_FMT" -> version.atLeast(HaproxyVersion.V3_4) ? keylog("bc") : null;
            default -> null;
        };
    }

    private static String keylog(String side) {
        String random = "%[ssl_" + side + "_client_random,hex]";
        StringBuilder b = new StringBuilder("CLIENT_RANDOM " + random + " %[ssl_" + side + "_session_key,hex]\n");
        for (String[] entry : KEYLOG) {
            b.append(entry[0]).append(' ').append(random).append(" %[ssl_").append(side).append('_')
                    .append(entry[1]).append("]\n");
        }
        return b.toString();
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
