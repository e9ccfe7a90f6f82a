package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCompilerTest {

    @TempDir
    Path dir;

    @Test
    void relativeFilesAreReadFromTheBaseDirectory() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/bad.lst"), "10.0.0.0/8\n");
        AclMatcher m = new SampleCompiler(dir).acl(Plans.acl("src -f conf/bad.lst"));
        assertThat(m.test(Exchanges.get("/").build())).isTrue();
    }

    @Test
    void aFileIsReadOnceForEveryUse() throws Exception {
        Path list = dir.resolve("a.lst");
        Files.writeString(list, "x\n");
        SampleCompiler compiler = new SampleCompiler(dir);
        AclMatcher first = compiler.acl(Plans.acl("hdr(a) -f a.lst"));
        Files.writeString(list, "y\n");
        AclMatcher second = compiler.acl(Plans.acl("hdr(b) -f a.lst"));
        Exchange x = Exchanges.get("/").header("a", "x").header("b", "x").build();
        assertThat(first.test(x)).isTrue();
        assertThat(second.test(x)).isTrue();
        // a new compiler (a reload) reads the file again
        assertThat(new SampleCompiler(dir).acl(Plans.acl("hdr(b) -f a.lst")).test(x)).isFalse();
    }

    @Test
    void theSameExpressionIsCompiledOnce() {
        SampleCompiler compiler = new SampleCompiler(dir);
        assertThat(compiler.acl(Plans.acl("path_beg /a"))).isSameAs(compiler.acl(Plans.acl("path_beg /a")));
    }

    /** Compiled objects are shared by event loops: many threads evaluate them at once. */
    @Test
    void evaluationIsThreadSafe() throws Exception {
        Files.writeString(dir.resolve("hosts.map"), "a.example be_a\nb.example be_b\n");
        SampleCompiler compiler = new SampleCompiler(dir);
        CompiledCondition condition = compiler.condition(Plans.condition(
                "if { hdr_beg(host) -i a. } { path_reg ^/[0-9]+$ } || { hdr(host),map(hosts.map) be_b }"));
        CompiledFormat format = compiler.format(Plans.format("'%[req.hdr(host),lower,map(hosts.map,none)]%[path]'"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int errors = 0;
                    for (int i = 0; i < 2000; i++) {
                        String host = (i + thread) % 3 == 0 ? "A.example" : (i + thread) % 3 == 1 ? "b.example" : "c";
                        Exchange x = Exchanges.get("/" + i).header("Host", host).build();
                        boolean expected = !host.equals("c");
                        String rendered = format.render(x);
                        String expectedRender = (host.equals("c") ? "none" : "be_" + host.substring(0, 1).toLowerCase())
                                + "/" + i;
                        if (condition.test(x) != expected || !rendered.equals(expectedRender)) {
                            errors++;
                        }
                    }
                    return errors;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
