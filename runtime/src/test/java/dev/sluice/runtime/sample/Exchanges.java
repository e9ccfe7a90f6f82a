package dev.sluice.runtime.sample;

import java.nio.file.Path;

/** Exchanges and compilation shortcuts for the tests. */
final class Exchanges {

    private Exchanges() {}

    /** A plain HTTP/1.1 GET from 10.0.0.1:40000 to 192.168.0.1:80. */
    static SimpleExchange.Builder get(String target) {
        return SimpleExchange.builder().client("10.0.0.1", 40000).local("192.168.0.1", 80)
                .request("GET", target, "HTTP/1.1").header("Host", "example.com");
    }

    /** Evaluates a sample expression, as written after {@code set-var}, on {@code x}. */
    static String sample(String expr, Exchange x) {
        return sample(expr, x, Path.of("."));
    }

    static String sample(String expr, Exchange x, Path dir) {
        return new SampleCompiler(dir).sample(Plans.sample(expr)).evaluateString(x);
    }

    /** Tests an ACL expression, as written after {@code acl NAME}, on {@code x}. */
    static boolean acl(String expr, Exchange x) {
        return acl(expr, x, Path.of("."));
    }

    static boolean acl(String expr, Exchange x, Path dir) {
        return new SampleCompiler(dir).acl(Plans.acl(expr)).test(x);
    }
}
