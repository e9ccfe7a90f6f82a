package dev.sluice.runtime.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the client saw for one request (or one TCP exchange), raw; {@link Normalizer} decides what
 * of it is compared.
 *
 * @param label where it was sent and what, for reports
 * @param version the answer's protocol version ({@code HTTP/1.1}), empty when there was no answer
 * @param status the status code, 0 when there was no answer
 * @param headers the response headers as received
 * @param body the response body (for TCP, every byte after the server's name line)
 * @param error why there was no answer, or null
 * @param check how much of it is compared
 * @param sent for TCP, the bytes sent, to compare with what came back; else null
 */
record Observation(String label, String version, int status, List<Header> headers, byte[] body, String error, Request.Check check,
        byte[] sent) {

    Observation {
        headers = List.copyOf(headers);
    }

    static Observation noAnswer(String label, String error, Request.Check check) {
        return new Observation(label, "", 0, List.of(), new byte[0], error, check, null);
    }

    /** The server named by the answer's {@code X-Server} header (for TCP, the name line). */
    Optional<String> server() {
        return Header.first(headers, "x-server");
    }

    /** What the test server received, when it wrote the answer. */
    Optional<Echo> echo() {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (server().isEmpty() || !text.startsWith("server ")) {
            return Optional.empty();
        }
        String server = null;
        String requestLine = null;
        int bodyBytes = -1;
        List<Header> received = new ArrayList<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1);
            switch (key) {
                case "server" -> server = value;
                case "request" -> requestLine = value;
                case "header" -> received.add(Header.parse(value));
                case "body-bytes" -> bodyBytes = Integer.parseInt(value);
                default -> throw new IllegalStateException("unexpected line in a test server's answer: " + line);
            }
        }
        return Optional.of(new Echo(server, requestLine, received, bodyBytes));
    }

    /** A test server's account of the request it received. */
    record Echo(String server, String requestLine, List<Header> headers, int bodyBytes) {

        Echo {
            headers = List.copyOf(headers);
        }
    }
}
