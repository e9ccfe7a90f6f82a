package dev.sluice.runtime.l7;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address-in-network tests for options such as {@code option forwardfor except NET}. */
final class Networks {

    private Networks() {
    }

    /**
     * True when {@code address} is in {@code network} ({@code 10.0.0.0/8}, {@code 127.0.0.1},
     * {@code ::1/128}, or a dotted mask {@code 10.0.0.0/255.0.0.0}); false when {@code network}
     * is null or not an address. Never resolves a name.
     */
    static boolean contains(String network, InetAddress address) {
        if (network == null || network.isEmpty()) {
            return false;
        }
        int slash = network.indexOf('/');
        String base = slash < 0 ? network : network.substring(0, slash);
        byte[] net;
        try {
            if (!base.matches("[0-9a-fA-F:.]+")) {
                return false;
            }
            net = InetAddress.getByName(base).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        byte[] addr = address.getAddress();
        if (addr.length == 16 && net.length == 4 && isV4Mapped(addr)) {
            addr = java.util.Arrays.copyOfRange(addr, 12, 16);
        }
        if (addr.length != net.length) {
            return false;
        }
        int bits;
        if (slash < 0) {
            bits = net.length * 8;
        } else {
            String m = network.substring(slash + 1);
            bits = m.contains(".") ? maskBits(m) : Integer.parseInt(m);
        }
        for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((net[i] & mask) != (addr[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static int maskBits(String dotted) {
        int bits = 0;
        for (String part : dotted.split("\\.")) {
            bits += Integer.bitCount(Integer.parseInt(part));
        }
        return bits;
    }
}
