package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompiledFormatTest {

    @TempDir
    Path dir;

    private static final Exchange X = SimpleExchange.builder().client("10.0.0.1", 40000).local("192.168.0.1", 80)
            .request("GET", "/a/b?c=1", "HTTP/1.1").header("Host", "WWW.Example.COM").header("n", "255")
            .header("q", "say \"hi\" \\o/").build();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "static | static",
        "%[path] | /a/b",
        "be_%[req.hdr(host),lower] | be_www.example.com",
        "%[hdr(nope)] | ''",
        "[%[hdr(nope)]] | []",
        "%{+Q}[hdr(nope)] | \"\"",
        "%{+Q}[path] | \"/a/b\"",
        "%{+Q}[hdr(n),add(0)] | 255",
        "%{+X}[hdr(n),add(0)] | FF",
        "%{+E}[hdr(q)] | say \\\"hi\\\" \\\\o/",
        "%%[path] | %[path]",
        "%ci:%cp -> %fi:%fp | 10.0.0.1:40000 -> 192.168.0.1:80",
        "%HM %HU %HV | GET /a/b?c=1 HTTP/1.1",
        "%HP %HQ | /a/b ?c=1",
        "%r | GET /a/b?c=1 HTTP/1.1",
        "%ST %b %[src] | - - 10.0.0.1",
        "https://%[hdr(host)]%[path]?x=1 | https://WWW.Example.COM/a/b?x=1"})
    void renders(String format, String expected) {
        CompiledFormat f = new SampleCompiler(Path.of(".")).format(Plans.format("'" + format + "'"));
        assertThat(f.render(X)).isEqualTo(expected);
        assertThat(f).hasToString(format);
    }

    @Test
    void aDynamicBackendNameReadsItsMapOnce() throws Exception {
        Files.writeString(dir.resolve("hosts.map"), "www.example.com www_backend\n");
        SampleCompiler compiler = new SampleCompiler(dir);
        CompiledFormat f = compiler.format(Plans.format("'%[req.hdr(host),lower,map(hosts.map,default_be)]'"));
        Files.delete(dir.resolve("hosts.map"));
        assertThat(f.render(X)).isEqualTo("www_backend");
        assertThat(f.render(Exchanges.get("/").build())).isEqualTo("default_be");
    }
}
