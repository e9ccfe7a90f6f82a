package dev.sluice.runtime.balance;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/** A {@link BalanceInput} for tests. */
final class Inputs implements BalanceInput {

    private byte[] address;
    private String uri;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private IntSupplier random;

    static Inputs uri(String uri) {
        Inputs i = new Inputs();
        i.uri = uri;
        return i;
    }

    static Inputs address(int... bytes) {
        Inputs i = new Inputs();
        i.address = new byte[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            i.address[k] = (byte) bytes[k];
        }
        return i;
    }

    static Inputs header(String name, String value) {
        return new Inputs().with(name, value);
    }

    static Inputs random(IntSupplier random) {
        Inputs i = new Inputs();
        i.random = random;
        return i;
    }

    Inputs with(String name, String value) {
        headers.put(name, value);
        return this;
    }

    @Override
    public byte[] clientAddress() {
        return address;
    }

    @Override
    public CharSequence uri() {
        return uri;
    }

    @Override
    public CharSequence header(String name) {
        return headers.get(name);
    }

    @Override
    public int random() {
        return random != null ? random.getAsInt() : BalanceInput.super.random();
    }
}
