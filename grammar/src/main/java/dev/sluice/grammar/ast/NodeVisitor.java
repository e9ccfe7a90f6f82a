package dev.sluice.grammar.ast;

/** Visits the AST; each method's default visits nothing and returns null. */
public interface NodeVisitor<R> {

    default R visitConfig(Config config) {
        for (ConfigFile file : config.files()) {
            file.accept(this);
        }
        return null;
    }

    default R visitFile(ConfigFile file) {
        for (Section section : file.sections()) {
            section.accept(this);
        }
        return null;
    }

    default R visitSection(Section section) {
        for (Directive directive : section.directives()) {
            directive.accept(this);
        }
        return null;
    }

    default R visitDirective(Directive directive) {
        return null;
    }
}
