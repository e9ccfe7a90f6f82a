package dev.sluice.compiler.check;

import java.util.Set;

/**
 * HAProxy's device-detection add-ons (WURFL, 51Degrees, DeviceAtlas): their global keywords,
 * fetches and converters exist only in a build compiled with them, which common builds are not.
 * The catalog lists them with the rest; the build's features (its {@code -vv} feature list)
 * decide whether they are there.
 */
final class AddOns {

    private AddOns() {}

    /** True when {@code name} belongs to an add-on that a build with {@code features} lacks. */
    static boolean lacks(String name, Set<String> features) {
        String feature;
        if (name.startsWith("wurfl-")) {
            feature = "WURFL";
        } else if (name.startsWith("51degrees-") || name.startsWith("51d.")) {
            feature = "51DEGREES";
        } else if (name.startsWith("deviceatlas-") || name.startsWith("da-csv-")) {
            feature = "DEVICEATLAS";
        } else {
            return false;
        }
        return !features.contains(feature);
    }
}
