package dev.sluice.compiler.plan;

import java.util.List;

/**
 * A frontend's monitoring: {@code monitor-uri} and {@code monitor fail}.
 *
 * @param uri the URI answered with 200 (or 503 when a fail condition matches), or null
 * @param fail the {@code monitor fail} conditions
 */
public record Monitor(String uri, List<Condition> fail) {

    public Monitor {
        fail = List.copyOf(fail);
    }
}
