package dev.sluice.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering as an Ansible user expects it: strictness, guards, filters, errors at template lines. */
class RendererTest {

    @TempDir
    Path dir;

    private static final Map<String, Object> SERVERS = Map.of("servers", List.of(
            ordered("name", "web1", "ip", "10.0.0.1", "port", 80),
            ordered("name", "web2", "ip", "10.0.0.2")));

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void anUndefinedVariableIsAnErrorAtItsLine() throws IOException {
        assertThat(errors("global\n    maxconn {{ maxconn }}\n", Map.of())).containsExactly("t.j2:2: error: 'maxconn' is undefined");
        assertThat(errors("{% for s in nothing %}\n{% endfor %}\n", Map.of())).containsExactly("t.j2:1: error: 'nothing' is undefined");
        assertThat(errors("x\n{% if flag %}y{% endif %}\n", Map.of())).containsExactly("t.j2:2: error: 'flag' is undefined");
        assertThat(errors("{{ name ~ '-x' }}\n", Map.of())).containsExactly("t.j2:1: error: 'name' is undefined in 'name ~ '-x''");
        assertThat(errors("{% set p = port %}\n", Map.of())).containsExactly("t.j2:1: error: 'port' is undefined");
    }

    @Test
    void aMissingKeyOrItemIsAnError() throws IOException {
        assertThat(errors("{% for s in servers %}\n  {{ s.name }}:{{ s.port }}\n{% endfor %}\n", SERVERS))
                .containsExactly("t.j2:2: error: no key 'port' in 's.port' (the map has name, ip)");
        assertThat(errors("{{ servers[2].name }}\n", SERVERS)).containsExactly("t.j2:1: error: no item 2 in 'servers[2].name' (the list has 2 items)");
        assertThat(errors("{{ servers | map(attribute='port') | join(',') }}\n", SERVERS))
                .containsExactly("t.j2:1: error: no key 'port' in 'servers | map(attribute='port') | join(',')' (the map has name, ip)");
    }

    @Test
    void defaultAndDefinedTestsGuardAgainstUndefinedValues() throws IOException {
        Rendering r = render("{{ a | default('x') }} {{ b.c.d | d(1) }} {% if e is defined %}e{% endif %}"
                + "{% if f is not defined %}nf{% endif %} {{ servers | selectattr('port', 'defined') | list | length }}"
                + "{% for s in servers %} {{ s.port | default(8080) }}{% endfor %}\n", SERVERS, true);
        assertThat(r.errors()).isEmpty();
        // trim_blocks takes the last newline too, after {% endfor %}, as in Jinja2
        assertThat(r.text()).isEqualTo("x 1 nf 1 80 8080");
    }

    @Test
    void methodsOfMapsAreNotMissingKeys() throws IOException {
        Rendering r = render("{% for k, v in m.items() %}{{ k }}={{ v }} {% endfor %}{{ m.get('z', 'none') }} {{ m.keys() | list | length }}\n",
                Map.of("m", Map.of("a", 1)), true);
        assertThat(r.errors()).isEmpty();
        assertThat(r.text()).isEqualTo("a=1 none 1\n");
    }

    @Test
    void aNullValueIsDefinedAndRendersAsNothing() throws IOException {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("nothing", null);
        Rendering r = render("[{{ nothing }}]{% if nothing %}yes{% else %}no{% endif %}.\n", values, true);
        assertThat(r.errors()).isEmpty();
        assertThat(r.text()).isEqualTo("[]no.\n");
    }

    @Test
    void lenientRendersUndefinedValuesAsNothing() throws IOException {
        Rendering r = render("global\n    maxconn {{ maxconn }}{{ s.port }}\n", Map.of("s", Map.of()), false);
        assertThat(r.errors()).isEmpty();
        assertThat(r.text()).isEqualTo("global\n    maxconn \n");
    }

    @Test
    void anUnknownFilterIsAnErrorEvenInABranchNotTakenAndWhenLenient() throws IOException {
        Rendering r = render("a\n{% if false %}\n{{ x | quote }}\n{% endif %}\n", Map.of(), false);
        assertThat(r.errors()).extracting(this::relative).containsExactly("t.j2:3: error: no filter named 'quote'");
    }

    @Test
    void syntaxErrorsNameTheirLine() throws IOException {
        assertThat(errors("global\n{% if %}\n", Map.of())).contains("t.j2:2: error: Syntax error in '{% if %}': Tag 'if' expects expression");
        assertThat(errors("global\n    {{ x }\n", Map.of())).containsExactly("t.j2:2: error: '{{' is not closed: no '}}' after it");
        assertThat(errors("a\n{% endfor %}\n", Map.of())).isNotEmpty().allMatch(e -> e.startsWith("t.j2:2: error: "));
    }

    @Test
    void includesAreFoundBesideTheTemplateAndTheirErrorsNameThem() throws IOException {
        Files.writeString(dir.resolve("part.j2"), "ok\n  {{ missing_in_part }}\n");
        assertThat(errors("a\n{% include 'part.j2' %}\n", Map.of())).containsExactly("part.j2:2: error: 'missing_in_part' is undefined");
        assertThat(errors("a\n\n{% include 'nope.j2' %}\n", Map.of()))
                .containsExactly("t.j2:3: error: template 'nope.j2' not found: no file nope.j2");
    }

    @Test
    void theEnvironmentIsEnv() throws IOException {
        Path file = dir.resolve("t.j2");
        Files.writeString(file, "{{ env.SLUICE_TEST }} {{ env.NOT_SET | default('unset') }}\n");
        Rendering r = new Renderer(new Renderer.Options(true, Map.of("SLUICE_TEST", "yes"))).render(file, Map.of());
        assertThat(r.text()).isEqualTo("yes unset\n");
        Files.writeString(file, "{{ env.NOPE }}\n");
        Rendering missing = new Renderer(new Renderer.Options(true, Map.of("A", "1"))).render(file, Map.of());
        assertThat(missing.errors()).extracting(this::relative).containsExactly("t.j2:1: error: no key 'NOPE' in 'env.NOPE' (the map has A)");
    }

    @Test
    void haproxyFilters() throws IOException {
        Rendering r = render("{{ 'a b' | haproxy_word }} {{ 'x' | haproxy_word }} {{ 90000 | haproxy_time }} {{ 30 | haproxy_time('s') }}"
                + " {{ '1m30s' | haproxy_time }} {{ 16384 | haproxy_size }} {{ '1MB' | haproxy_size }}\n"
                + "    {{ servers | server_lines('check', port=8080) }}\n", SERVERS, true);
        assertThat(r.errors()).isEmpty();
        assertThat(r.text()).isEqualTo("'a b' x 90s 30s 90s 16k 1m\n"
                + "    server web1 10.0.0.1:80 check\n    server web2 10.0.0.2:8080 check\n");
    }

    @Test
    void serverLinesWritesOtherKeysAsKeywords() throws IOException {
        Map<String, Object> server = new java.util.LinkedHashMap<>();
        server.put("name", "s1");
        server.put("host", "db.internal");
        server.put("port", 5432);
        server.put("weight", 10);
        server.put("backup", true);
        server.put("disabled", false);
        server.put("send_proxy_v2", true);
        server.put("alpn", List.of("h2", "http/1.1"));
        server.put("options", "inter 2s");
        Rendering r = render("{{ [s] | server_lines }}\n", Map.of("s", server), true);
        assertThat(r.text()).isEqualTo("server s1 db.internal:5432 weight 10 backup send-proxy-v2 alpn h2,http/1.1 inter 2s\n");
        assertThat(errors("{{ ['x'] | server_lines }}\n", Map.of()))
                .containsExactly("t.j2:1: error: server 1 is the text 'x', not a map with name, address and port");
    }

    @Test
    void aFilterErrorNamesItsLine() throws IOException {
        assertThat(errors("a\n{{ '5x' | haproxy_time }}\n", Map.of())).containsExactly("t.j2:2: error: '5x' is not a duration (write 500ms, 5s, 1m30s, ...)");
        assertThat(errors("{{ undefined_thing | mandatory('set the thing') }}\n", Map.of())).containsExactly("t.j2:1: error: set the thing");
    }

    @Test
    void ansibleFilters() throws IOException {
        Rendering r = render("{{ {'a': [1, 'x']} | to_json }} {{ true | ternary('on', 'off') }} {{ [3, 1, 2] | min }} {{ [3, 1, 2] | max }}"
                + " {{ [[1, [2]], 3] | flatten | join(',') }} {{ {'a': 1} | combine({'b': 2}) | dict2items | map(attribute='key') | join(',') }}\n",
                Map.of(), true);
        assertThat(r.errors()).isEmpty();
        assertThat(r.text()).isEqualTo("{\"a\": [1, \"x\"]} on 1 3 1,2,3 a,b\n");
    }

    @Test
    void aJinja2HeaderChangesOnlyWhatSluiceSupports() throws IOException {
        assertThat(errors("#jinja2: trim_blocks: False, variable_start_string: '[%'\nglobal\n", Map.of()))
                .containsExactly("t.j2:1: error: #jinja2: 'variable_start_string: '[%'' is not supported"
                        + " (trim_blocks, lstrip_blocks and keep_trailing_newline are, as True or False)");
        Rendering r = render("#jinja2: trim_blocks: False\n{% if true %}\nx\n{% endif %}\n", Map.of(), true);
        assertThat(r.text()).isEqualTo("\nx\n\n");
    }

    @Test
    void stringsHavePythonsMethods() throws IOException {
        Rendering r = render("{{ host.split('.')[0] }} {{ host.split('.', 1) | last }} {{ host.rsplit('.', 1) | first }}"
                + " {{ ' a  b '.split() | length }} {{ host.startswith('web') }} {{ host.endswith(('.org', '.com')) }}"
                + " {{ host.upper() }} {{ '-'.join(['a', 'b']) }} {{ '--x--'.strip('-') }}\n",
                Map.of("host", "web1.dc1.example.com"), true);
        assertThat(r.errors()).isEmpty();
        assertThat(r.text()).isEqualTo("web1 dc1.example.com web1.dc1.example 2 true true WEB1.DC1.EXAMPLE.COM a-b x\n");
    }

    private List<String> errors(String template, Map<String, Object> values) throws IOException {
        return render(template, values, true).errors().stream().map(this::relative).toList();
    }

    private String relative(RenderError e) {
        return e.toString().replace(dir.toString() + "/", "");
    }

    private Rendering render(String template, Map<String, Object> values, boolean strict) throws IOException {
        Path file = dir.resolve("t.j2");
        Files.writeString(file, template);
        return new Renderer(new Renderer.Options(strict, Map.of())).render(file, values);
    }
}
