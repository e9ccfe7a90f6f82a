package dev.sluice.cli;

import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.fmt.Formatter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice fmt}: prints configurations in the canonical layout, checks that they are in it
 * ({@code --check}), or rewrites them ({@code -w}).
 */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Print configurations in one canonical layout.",
            "Section headers at column 0, directives indented by four spaces, one space between words,",
            "quoting and comments kept. With no FILE, or with -, reads standard input."})
final class FmtCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ParserOptions parser;

    @Option(names = "--check", description = "Print nothing but the names of files that are not formatted; exit 1 if any.")
    boolean check;

    @Option(names = {"-w", "--write"}, description = "Rewrite the files in place.")
    boolean write;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files or directories of *.cfg; - for standard input.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (check && write) {
            err.println("sluice fmt: --check and -w exclude each other");
            return ExitCodes.USAGE;
        }
        Formatter formatter = new Formatter(parser.targetVersion);
        List<String> names = files.isEmpty() ? List.of("-") : files;
        List<String> expanded = new ArrayList<>();
        for (String name : names) {
            if (name.equals("-")) {
                expanded.add(name);
            } else {
                expanded.addAll(ConfigLoader.expand(List.of(name), new ArrayList<>()));
            }
        }
        int status = ExitCodes.OK;
        for (String name : expanded) {
            String text;
            try {
                text = name.equals("-") ? readStdin() : ConfigLoader.read(Path.of(name));
            } catch (IOException e) {
                err.println("sluice fmt: cannot read " + name + ": " + reason(e));
                status = ExitCodes.USAGE;
                continue;
            }
            String formatted = formatter.format(text);
            if (check) {
                if (!formatted.equals(text)) {
                    out.println(name.equals("-") ? "<stdin>" : name);
                    status = Math.max(status, ExitCodes.FAILURE);
                }
            } else if (write && !name.equals("-")) {
                if (!formatted.equals(text)) {
                    AtomicFiles.replace(Path.of(name), formatted.getBytes(StandardCharsets.ISO_8859_1));
                }
            } else {
                out.print(formatted);
            }
        }
        out.flush();
        return status;
    }

    private static String readStdin() throws IOException {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
    }
}
