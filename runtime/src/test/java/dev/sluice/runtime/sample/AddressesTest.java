package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest(name = "IPv4 pattern {0} is {1}")
    @CsvSource(nullValues = "none", value = {
        "1.2.3.4, 1.2.3.4",
        "127.1, 127.0.0.1",
        "10.12, 10.0.0.12",
        "192.168.1, 192.168.0.1",
        "010.0.0.1, 8.0.0.1",
        "0x0a.1, 10.0.0.1",
        "4294967295, 255.255.255.255",
        "256.1.1.1, none",
        "1.2.3.4.5, none",
        "1..2, none",
        "example.com, none",
        "'', none",
        "1.2.3.256, none",
        "09.1.1.1, none"})
    void v4Patterns(String text, String expected) {
        byte[] a = Addresses.parseV4Pattern(text);
        assertThat(a == null ? null : Addresses.formatV4(a)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} starts with IPv4 {1} over {2} characters")
    @CsvSource(nullValues = "none", value = {
        "10.0.0.1, 10.0.0.1, 8",
        "10.0.0.1:80, 10.0.0.1, 8",
        "010.000.000.001, 10.0.0.1, 15",
        "1.2.3.4abc, 1.2.3.4, 7",
        "1.2.3, none, 0",
        "1.2.3.4.5, none, 0",
        "1.2.3.256, none, 0",
        ".1.2.3.4, none, 0"})
    void v4Prefixes(String text, String expected, int length) {
        byte[] out = new byte[4];
        int n = Addresses.parseV4Prefix(text, out);
        assertThat(n).isEqualTo(length);
        if (expected != null) {
            assertThat(Addresses.formatV4(out)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "IPv6 {0} prints as {1}")
    @CsvSource(nullValues = "none", value = {
        "::1, ::1",
        "::, ::",
        "1::, 1::",
        "2001:DB8::1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
        "::ffff:1.2.3.4, ::ffff:1.2.3.4",
        "::1.2.3.4, ::1.2.3.4",
        "::ffff:0102:0304, ::ffff:1.2.3.4",
        "2002:0a01:0101::1, 2002:a01:101::1",
        ":1, none",
        "1:::2, none",
        "12345::, none",
        "1:2:3:4:5:6:7:8:9, none",
        "1:2:3:4:5:6:7, none",
        "1::2::3, none",
        "::1.2.3, none",
        "::01.2.3.4, none",
        "g::1, none",
        "1:, none"})
    void v6(String text, String expected) {
        byte[] a = Addresses.parseV6(text);
        assertThat(a == null ? null : Addresses.formatV6(a)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} carries IPv4 {1}")
    @CsvSource(nullValues = "none", value = {
        "::ffff:10.1.2.3, 10.1.2.3",
        "::10.1.2.3, 10.1.2.3",
        "::1, 0.0.0.1",
        "2002:a01:203::1, 10.1.2.3",
        "2001:db8::1, none",
        "::fffe:10.1.2.3, none"})
    void v6ToV4(String v6, String v4) {
        byte[] a = Addresses.v6ToV4(Addresses.parseV6(v6));
        assertThat(a == null ? null : Addresses.formatV4(a)).isEqualTo(v4);
    }

    @Property
    void anIpv6AddressPrintsAsJavaReadsIt(@ForAll @Size(16) byte[] address) throws Exception {
        String text = Addresses.formatV6(address);
        assertThat(Addresses.parseV6(text)).isEqualTo(address);
        // Java reads the literal without any lookup; a mapped address comes back as IPv4
        byte[] java = InetAddress.getByName(text).getAddress();
        assertThat(java.length == 4 ? Addresses.v4ToV6(java) : java).isEqualTo(address);
        assertThat(text).doesNotContain(":::").matches("[0-9a-f:.]+");
    }

    @Property
    void anIpv4AddressRoundTrips(@ForAll @Size(4) byte[] address) {
        String text = Addresses.formatV4(address);
        assertThat(Addresses.parseV4Strict(text)).isEqualTo(address);
        assertThat(Addresses.parseV4Pattern(text)).isEqualTo(address);
        assertThat(Addresses.parseV6("::ffff:" + text)).isEqualTo(Addresses.v4ToV6(address));
    }
}
