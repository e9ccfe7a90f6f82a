package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DemoBackendsTest {

    @Test
    void aHeadRequestGetsTheLengthOfTheBodyWithoutAWarningOnTheConsole() throws Exception {
        // the JDK's server logs its warnings to the console: the demo's output must stay clean
        Logger jdkServer = Logger.getLogger("com.sun.net.httpserver");
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jdkServer.addHandler(capture);
        try (DemoBackends backends = new DemoBackends()) {
            int port = backends.start("web1");
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + port + "/");
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            // the length of the body the server would have sent, which names the method
            String unsent = get.body().replace("GET /", "HEAD /");
            assertThat(head.headers().firstValue("content-length")).contains(Integer.toString(unsent.length()));
        } finally {
            jdkServer.removeHandler(capture);
        }
        assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
    }
}
