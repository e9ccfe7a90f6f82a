package dev.sluice.runtime.sample;

import dev.sluice.runtime.stick.StickTable;
import dev.sluice.runtime.stick.TableKey;

/**
 * A sample as a key of a stick table, converted to the table's type as HAProxy converts it: an
 * address for {@code ip} and {@code ipv6} tables (an IPv6 sample fits an {@code ip} table only
 * when it carries an IPv4 address), the low 32 bits of an integer, a string cut to the table's
 * length, a binary block padded with zeros to it.
 */
public final class StickKeys {

    private StickKeys() {
    }

    /** The key of {@code v} in {@code table}, or null when {@code v} cannot be one. */
    public static TableKey key(StickTable table, SampleValue v) {
        switch (table.type()) {
            case IP: {
                SampleValue a = v.castTo(SampleType.IPV4);
                return a == null ? null : TableKey.ofAddress(a.addressUnsafe());
            }
            case IPV6: {
                SampleValue a = v.castTo(SampleType.IPV6);
                return a == null ? null : TableKey.ofAddress(a.addressUnsafe());
            }
            case INTEGER: {
                SampleValue n = v.castTo(SampleType.SINT);
                return n == null ? null : TableKey.ofInteger(n.longValue());
            }
            case STRING: {
                SampleValue s = v.castTo(SampleType.STR);
                return s == null ? null : TableKey.ofString(s.stringValue(), table.keyLength());
            }
            default: {
                SampleValue b = v.castTo(SampleType.BIN);
                return b == null ? null : TableKey.ofBinary(Bytes.bytes(b.stringValue()), table.keyLength());
            }
        }
    }
}
