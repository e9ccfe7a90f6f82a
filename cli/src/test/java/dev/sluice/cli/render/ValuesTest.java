package dev.sluice.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values files merged in order, maps deeply, then --set with dotted keys and typed scalars. */
class ValuesTest {

    @TempDir
    Path dir;

    @Test
    void laterFilesWinAndMapsMergeDeeply() throws Exception {
        Map<String, Object> a = Values.load(write("a.yaml", "x: 1\nm:\n  keep: a\n  over: a\n  deep: {k: 1}\nlist: [1, 2]\n"));
        Map<String, Object> b = Values.load(write("b.json", "{\"m\": {\"over\": \"b\", \"deep\": {\"j\": 2}}, \"list\": [3]}"));
        Map<String, Object> merged = Values.merge(a, b);
        assertThat(merged).isEqualTo(Map.of("x", 1, "m", Map.of("keep", "a", "over", "b", "deep", Map.of("k", 1, "j", 2)),
                "list", List.of(3)));
        assertThat(a.get("m")).isEqualTo(Map.of("keep", "a", "over", "a", "deep", Map.of("k", 1)));
    }

    @Test
    void yamlReadsScalarsAsAnsibleDoes() throws Exception {
        Map<String, Object> v = Values.load(write("v.yml", "a: yes\nb: 'yes'\nc: off\nd: 0660\ne: 5000ms\nf: ~\ng: 1.5\n"));
        assertThat(v.get("a")).isEqualTo(true);
        assertThat(v.get("b")).isEqualTo("yes");
        assertThat(v.get("c")).isEqualTo(false);
        assertThat(v.get("e")).isEqualTo("5000ms");
        assertThat(v).containsEntry("f", null);
        assertThat(v.get("g")).isEqualTo(1.5);
    }

    @Test
    void anEmptyFileIsAnEmptyMap() throws Exception {
        assertThat(Values.load(write("e.yaml", "# nothing yet\n"))).isEmpty();
    }

    @Test
    void unreadableValuesSayWhereAndWhy() throws IOException {
        assertThatThrownBy(() -> Values.load(dir.resolve("none.yaml"))).hasMessage(dir.resolve("none.yaml") + ": no such values file");
        Path bad = write("bad.yaml", "a: 1\nb: [1,\n");
        assertThatThrownBy(() -> Values.load(bad)).hasMessage(bad + ":3: not valid YAML: expected the node content, but found '<stream end>'");
        Path indent = write("indent.yaml", "a: 1\n  b: 2\n");
        assertThatThrownBy(() -> Values.load(indent)).hasMessage(indent + ":2: not valid YAML: mapping values are not allowed here");
        Path json = write("bad.json", "{\"a\": 1,\n}");
        assertThatThrownBy(() -> Values.load(json)).hasMessageStartingWith(json + ":2: not valid JSON: Unexpected character ('}'");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> Values.load(latin1)).hasMessage(latin1 + ": not UTF-8 text");
        Path list = write("list.json", "[1, 2]");
        assertThatThrownBy(() -> Values.load(list)).hasMessage(list + ": the top level must be a map of names to values, not a list");
    }

    @Test
    void setTypesItsValues() throws Exception {
        assertThat(Values.scalar("42")).isEqualTo(42);
        assertThat(Values.scalar("-7")).isEqualTo(-7);
        assertThat(Values.scalar("5000000000")).isEqualTo(5_000_000_000L);
        assertThat(Values.scalar("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(Values.scalar("1.5")).isEqualTo(1.5);
        assertThat(Values.scalar("true")).isEqualTo(true);
        assertThat(Values.scalar("Off")).isEqualTo(false);
        assertThat(Values.scalar("null")).isNull();
        assertThat(Values.scalar("0660")).isEqualTo("0660");
        assertThat(Values.scalar("'8080'")).isEqualTo("8080");
        assertThat(Values.scalar("\"true\"")).isEqualTo("true");
        assertThat(Values.scalar("[a, 2]")).isEqualTo(List.of("a", 2));
        assertThat(Values.scalar("{a: 1}")).isEqualTo(Map.of("a", 1));
        assertThat(Values.scalar("*:80")).isEqualTo("*:80");
        assertThat(Values.scalar("")).isEqualTo("");
    }

    @Test
    void setWalksDottedKeys() throws Exception {
        Map<String, Object> v = new LinkedHashMap<>(Values.load(write("v.yaml", "a: {b: 1}\nlist: [{x: 1}, {x: 2}]\n")));
        Values.set(v, "a.c.d=on");
        Values.set(v, "list.1.x=3");
        Values.set(v, "dotted\\.name=1");
        Values.set(v, "eq=a=b");
        assertThat(v).isEqualTo(Map.of("a", Map.of("b", 1, "c", Map.of("d", true)), "list", List.of(Map.of("x", 1), Map.of("x", 3)),
                "dotted.name", 1, "eq", "a=b"));
    }

    @Test
    void aSetThatCannotApplySaysWhy() throws Exception {
        Map<String, Object> v = new LinkedHashMap<>(Values.load(write("v.yaml", "a: 1\nlist: [1]\n")));
        assertThatThrownBy(() -> Values.set(v, "novalue")).hasMessage("--set novalue: expected KEY=VALUE");
        assertThatThrownBy(() -> Values.set(v, "a.b=1")).hasMessage("--set a.b=1: a is the value 1, not a map");
        assertThatThrownBy(() -> Values.set(v, "list.3=1")).hasMessage("--set list.3=1: list has 1 item(s), no item 3");
        assertThatThrownBy(() -> Values.set(v, "x..y=1")).hasMessage("--set x..y=1: empty name in the key");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
