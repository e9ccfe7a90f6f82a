package dev.sluice.runtime.sample;

/**
 * Variables as {@code set-var} and {@code var()} name them: a scope ({@code proc}, {@code sess},
 * {@code txn}, {@code req}, {@code res}), a dot and a name of letters, digits, dots and
 * underscores, e.g. {@code txn.backend}.
 */
public interface Variables {

    /** The variable's value, or null when it is not set. */
    SampleValue get(String name);

    /** Sets a variable. */
    void set(String name, SampleValue value);

    /** Forgets a variable. */
    void unset(String name);

    /** True when {@code name} is a scope, a dot and a valid variable name. */
    static boolean isValidName(String name) {
        int dot = name.indexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return false;
        }
        switch (name.substring(0, dot)) {
            case "proc":
            case "sess":
            case "txn":
            case "req":
            case "res":
                break;
            default:
                return false;
        }
        for (int i = dot + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The variable an action names: {@code txn.x} of {@code set-var(txn.x)} or {@code set-var(txn.x,ifnotset)}. */
    static String ofAction(String action) {
        int open = action.indexOf('(');
        int close = action.lastIndexOf(')');
        String inside = action.substring(open + 1, close);
        int comma = inside.indexOf(',');
        return (comma >= 0 ? inside.substring(0, comma) : inside).strip();
    }
}
