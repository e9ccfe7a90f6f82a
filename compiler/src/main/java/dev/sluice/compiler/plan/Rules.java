package dev.sluice.compiler.plan;

import java.util.List;

/** A proxy's rule sets, each in the order of the configuration. */
public record Rules(List<Rule> httpRequest, List<Rule> httpResponse, List<Rule> httpAfterResponse,
        List<Rule> tcpRequestConnection, List<Rule> tcpRequestSession, List<Rule> tcpRequestContent,
        List<Rule> tcpResponseContent) {

    /** No rule at all. */
    public static final Rules EMPTY = new Rules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of());

    public Rules {
        httpRequest = List.copyOf(httpRequest);
        httpResponse = List.copyOf(httpResponse);
        httpAfterResponse = List.copyOf(httpAfterResponse);
        tcpRequestConnection = List.copyOf(tcpRequestConnection);
        tcpRequestSession = List.copyOf(tcpRequestSession);
        tcpRequestContent = List.copyOf(tcpRequestContent);
        tcpResponseContent = List.copyOf(tcpResponseContent);
    }

    /** How many rules in all. */
    public int count() {
        return httpRequest.size() + httpResponse.size() + httpAfterResponse.size() + tcpRequestConnection.size()
                + tcpRequestSession.size() + tcpRequestContent.size() + tcpResponseContent.size();
    }
}
