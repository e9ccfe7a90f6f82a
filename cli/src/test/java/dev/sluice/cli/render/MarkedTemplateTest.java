package dev.sluice.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Line markers: they change nothing in the output, and each rendered line finds its template line. */
class MarkedTemplateTest {

    @TempDir
    Path dir;

    static Stream<String> templates() {
        return Stream.of(
                "global\n    maxconn {{ n }}\n",
                "a\n{% for s in list %}\n    server {{ s }}\n{% endfor %}\nb\n",
                "a\n  {% for s in list %}\n  x {{ s }}\n  {% endfor %}\nb",
                "{% for s in list -%}\n   {{ s }},\n{%- endfor %}\nend\n",
                "x {{ n -}}\n   y\n{{- n }} z\n",
                "a\n{# a comment #}\nb\n{#- trimmed -#}\n   c\n",
                "{% if n > 1 %}big{% else %}small{% endif %}\nnext\n",
                "{% raw %}\n{{ not a tag }}\n{% endraw %}\nafter\n",
                "{% macro m(x) %}\n  [{{ x }}]\n{% endmacro %}\n{{ m(1) }}\n{{ m(2) }}\n",
                "{% set block %}\n  inner {{ n }}\n{% endset %}\n{{ block | trim }}\n",
                "crlf\r\n{% if true %}\r\n  yes\r\n{% endif %}\r\nend\r\n",
                "{% for s in list %}{{ s }}{% if not loop.last %},{% endif %}{% endfor %}\n",
                "a\n\n\n{% for s in list %}\n\n{{ s }}\n\n{% endfor %}\n",
                "no newline at end {{ n }}",
                "{{ '}}' }} and {{ \"%}\" }}\n",
                "{% set b %}\nab\ncd\n{% endset %}{{ b | b64encode }} {{ b | length }} {{ b | urlencode }}\n",
                "{% macro m() %}\n  x y\n{% endmacro %}{{ m() | trim | upper }} {{ m() | wordcount }}\n{{ m() | indent(2) }}\n");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void markersChangeNothingInTheOutput(String template) throws IOException {
        Map<String, Object> values = Map.of("n", 3, "list", List.of("a", "b", "c"));
        Rendering r = render(template, values);
        assertThat(r.errors()).isEmpty();
        Jinjava plain = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withKeepTrailingNewline(true).build());
        RenderResult expected = plain.renderForResult(template, values);
        assertThat(expected.getErrors()).isEmpty();
        assertThat(r.text()).isEqualTo(expected.getOutput());
        assertThat(r.lineMap().lines()).isEqualTo(r.text().lines().count());
    }

    @Test
    void everyLineOfALoopComesFromTheLoopBody() throws IOException {
        Rendering r = render("global\n{% for s in list %}\n    log {{ s }}\n{% endfor %}\n    maxconn 1\n",
                Map.of("list", List.of("a", "b")));
        assertThat(origins(r)).containsExactly("t.j2:1", "t.j2:3", "t.j2:3", "t.j2:5");
    }

    @Test
    void linesFromIncludesAndMacrosNameTheirFile() throws IOException {
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("parts/backend.j2"), "backend b\n{% for s in list %}\n    server {{ s }}\n{% endfor %}\n");
        Files.writeString(dir.resolve("macros.j2"), "{% macro listen(name) %}\nlisten {{ name }}\n    bind :80\n{% endmacro %}\n");
        Rendering r = render("global\n{% include 'parts/backend.j2' %}\n{% from 'macros.j2' import listen %}\n"
                + "{{ listen('x') }}\nend\n", Map.of("list", List.of("a", "b")));
        assertThat(r.errors()).isEmpty();
        assertThat(r.text()).isEqualTo("global\nbackend b\n    server a\n    server b\nlisten x\n    bind :80\n\nend\n");
        String d = dir.toString() + "/";
        assertThat(origins(r)).containsExactly("t.j2:1", d + "parts/backend.j2:1", d + "parts/backend.j2:3",
                d + "parts/backend.j2:3", d + "macros.j2:2", d + "macros.j2:3", "t.j2:4", "t.j2:5");
    }

    @Test
    void aValueOfSeveralLinesBelongsToTheLineOfItsExpression() throws IOException {
        Rendering r = render("backend b\n    {{ lines }}\n    balance roundrobin\n", Map.of("lines", "server a\n    server b"));
        assertThat(origins(r)).containsExactly("t.j2:1", "t.j2:2", "t.j2:2", "t.j2:3");
    }

    @Test
    void aJinja2HeaderIsRemovedAndLinesStillCountFromTheFileStart() throws IOException {
        Rendering r = render("#jinja2: lstrip_blocks: True\nglobal\n    {% if true %}\n    maxconn {{ undefined_here }}\n    {% endif %}\n",
                Map.of());
        assertThat(r.errors()).extracting(RenderError::toString)
                .containsExactly(dir.resolve("t.j2") + ":4: error: 'undefined_here' is undefined");
        Rendering ok = render("#jinja2: lstrip_blocks: True\nglobal\n    {% if true %}\n    maxconn 1\n    {% endif %}\n", Map.of());
        assertThat(ok.text()).isEqualTo("global\n    maxconn 1\n");
        assertThat(origins(ok)).containsExactly("t.j2:2", "t.j2:4");
    }

    private Rendering render(String template, Map<String, Object> values) throws IOException {
        Path file = dir.resolve("t.j2");
        Files.writeString(file, template);
        return new Renderer(new Renderer.Options(true, Map.of())).render(file, values);
    }

    private List<String> origins(Rendering r) {
        List<String> result = new ArrayList<>();
        for (int i = 1; i <= r.lineMap().lines(); i++) {
            result.add(r.lineMap().origin(i).map(o -> o.toString().replace(dir.resolve("t.j2").toString(), "t.j2"))
                    .orElse("?"));
        }
        return result;
    }
}
