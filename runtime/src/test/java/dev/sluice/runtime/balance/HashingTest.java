package dev.sluice.runtime.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hash functions and hash-type parsing, against values computed independently. */
class HashingTest {

    @ParameterizedTest(name = "{0}(\"{1}\") = {2}")
    @CsvSource(delimiter = '|', value = {
            "sdbm  | ''          | 0",
            "sdbm  | a           | 97",
            "sdbm  | ab          | 6363201",
            "sdbm  | /index.html | 858007926",
            "sdbm  | haproxy     | 248846773",
            "djb2  | ''          | 5381",
            "djb2  | a           | 177670",
            "djb2  | ab          | 5863208",
            "djb2  | /index.html | 3776231887",
            "crc32 | ''          | 0",
            "crc32 | 123456789   | 3421780262",
            "crc32 | a           | 3904355907",
    })
    void knownValues(String function, String input, long expected) {
        HashFunction f = HashFunction.of(function);
        assertThat(Integer.toUnsignedLong(f.hash(input, 0, input.length()))).isEqualTo(expected);
        assertThat(Integer.toUnsignedLong(f.hash(input.getBytes(StandardCharsets.ISO_8859_1)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "avalanche({0}) = {1}")
    @CsvSource({"0, 2874071335", "1, 881230262", "4096, 1237450891", "4097, 2761370759", "4294967295, 2120532354"})
    void avalancheKnownValues(long input, long expected) {
        assertThat(Integer.toUnsignedLong(HashFunction.avalanche((int) input))).isEqualTo(expected);
    }

    @Property
    void crc32IsTheStandardOne(@ForAll byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        assertThat(Integer.toUnsignedLong(HashFunction.CRC32.hash(bytes))).isEqualTo(crc.getValue());
    }

    @Property
    void charactersHashAsTheirLowByte(@ForAll String s) {
        byte[] latin1 = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            latin1[i] = (byte) s.charAt(i);
        }
        for (HashFunction f : HashFunction.values()) {
            assertThat(f.hash(s, 0, s.length())).isEqualTo(f.hash(latin1));
        }
    }

    @Property(tries = 200)
    void avalancheIsABijectionOnSamples(@ForAll int start) {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 4096; i++) {
            seen.add(HashFunction.avalanche(start + i));
        }
        assertThat(seen).hasSize(4096);
    }

    @ParameterizedTest(name = "hash-type {0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null                       | false | SDBM  | false | 0",
            "map-based                  | false | SDBM  | false | 0",
            "consistent                 | true  | SDBM  | true  | 0",
            "map-based sdbm avalanche   | false | SDBM  | true  | 0",
            "consistent djb2            | true  | DJB2  | false | 0",
            "consistent crc32 avalanche | true  | CRC32 | true  | 0",
            "consistent wt6             | true  | SDBM  | false | 1",
            "map-based sdbm other       | false | SDBM  | false | 1",
    })
    void parse(String words, boolean consistent, HashFunction function, boolean avalanche, int warnings) {
        HashType t = HashType.parse(words);
        assertThat(t.consistent()).isEqualTo(consistent);
        assertThat(t.function()).isEqualTo(function);
        assertThat(t.avalanche()).isEqualTo(avalanche);
        assertThat(t.warnings()).hasSize(warnings);
    }
}
