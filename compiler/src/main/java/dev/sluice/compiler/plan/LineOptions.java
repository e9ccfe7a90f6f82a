package dev.sluice.compiler.plan;

import dev.sluice.compiler.catalog.ArgSpec;
import dev.sluice.compiler.catalog.ArgType;
import dev.sluice.compiler.catalog.CatalogView;
import dev.sluice.compiler.catalog.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Splits the options of {@code bind} and {@code server} lines into each option and its words, as
 * many words as the catalog says the option takes, and converts time and size values.
 */
final class LineOptions {

    /** One option and the words that belong to it. */
    record Item(String name, List<String> args) {}

    private final CatalogView catalog;
    private final CatalogView newest;

    LineOptions(CatalogView catalog, CatalogView newest) {
        this.catalog = catalog;
        this.newest = newest;
    }

    List<Item> bind(List<String> words) {
        return split(words, true);
    }

    List<Item> server(List<String> words) {
        return split(words, false);
    }

    private List<Item> split(List<String> words, boolean bind) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            String name = words.get(i);
            int arity = arity(name, bind);
            List<String> args = new ArrayList<>();
            int j = i + 1;
            if (arity < 0) {
                // source <addr> [usesrc <addr>] [interface <name>]
                if (j < words.size()) {
                    args.add(words.get(j++));
                }
                while (j + 1 < words.size() && (words.get(j).equals("usesrc") || words.get(j).equals("interface"))) {
                    args.add(words.get(j++));
                    args.add(words.get(j++));
                }
            } else {
                while (j < words.size() && j <= i + arity) {
                    args.add(words.get(j++));
                }
            }
            items.add(new Item(name, List.copyOf(args)));
            i = j;
        }
        return items;
    }

    private int arity(String name, boolean bind) {
        String stem = name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
        if (stem.equals("set-proxy-v2-tlv-fmt")) {
            return 1;
        }
        return spec(stem, bind).map(OptionSpec::values).orElse(0);
    }

    private Optional<OptionSpec> spec(String name, boolean bind) {
        Optional<OptionSpec> spec = bind ? catalog.bindOption(name) : catalog.serverOption(name);
        if (spec.isEmpty()) {
            spec = bind ? newest.bindOption(name) : newest.serverOption(name);
        }
        return spec;
    }

    /**
     * The option's words with a time value in milliseconds and a size in bytes, as the catalog
     * types them; words that do not parse are kept as written.
     */
    List<String> normalized(Item item, boolean bind) {
        if (item.args().size() != 1) {
            return item.args();
        }
        Optional<ArgSpec> type = spec(item.name(), bind).flatMap(OptionSpec::valueType);
        if (type.isEmpty()) {
            return item.args();
        }
        String value = item.args().get(0);
        try {
            if (type.get().type() == ArgType.TIME) {
                TimeUnit unit = type.get().unit().filter("s"::equals).isPresent() ? TimeUnit.SECONDS
                        : TimeUnit.MILLISECONDS;
                return List.of(Long.toString(Units.parseTime(value, unit)));
            }
            if (type.get().type() == ArgType.SIZE) {
                return List.of(Long.toString(Units.parseSize(value)));
            }
        } catch (IllegalArgumentException e) {
            return item.args();
        }
        return item.args();
    }
}
