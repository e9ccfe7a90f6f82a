package dev.sluice.runtime.stick;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key of a stick-table entry: bytes, as HAProxy keys its tables. IPv4 and IPv6 addresses in
 * network order, integers as 4 bytes (32 bits, big-endian, so that keys sort by value), strings
 * as their bytes cut to the table's length, binary blocks padded with zeros to it. Immutable.
 */
public final class TableKey implements Comparable<TableKey> {

    private final byte[] bytes;
    private final int hash;

    private TableKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address key. */
    public static TableKey ofAddress(byte[] address) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
        }
        return new TableKey(address.clone());
    }

    /** An integer key: the low 32 bits of {@code value}, as HAProxy keeps them. */
    public static TableKey ofInteger(long value) {
        int v = (int) value;
        return new TableKey(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    /** A string key: its bytes (one {@code char} per byte), at most {@code length} of them. */
    public static TableKey ofString(String latin1, int length) {
        String s = latin1.length() > length ? latin1.substring(0, length) : latin1;
        return new TableKey(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A binary key: exactly {@code length} bytes, cut or padded with zeros. */
    public static TableKey ofBinary(byte[] block, int length) {
        return new TableKey(Arrays.copyOf(block, length));
    }

    byte[] bytes() {
        return bytes;
    }

    /** The integer of an integer key, 0 to 4294967295. */
    long integer() {
        return ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) | ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL);
    }

    @Override
    public int compareTo(TableKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The bytes in hexadecimal, for debugging; {@link KeyType#format} prints a key as HAProxy does. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }
}
