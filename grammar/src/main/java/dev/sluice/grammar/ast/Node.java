package dev.sluice.grammar.ast;

/** An AST node. Java 17 has no exhaustive switch over sealed types, so nodes take a visitor. */
public sealed interface Node permits Config, ConfigFile, Section, Directive {

    <R> R accept(NodeVisitor<R> visitor);
}
