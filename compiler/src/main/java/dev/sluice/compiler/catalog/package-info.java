/**
 * The keyword catalog: for each HAProxy version Sluice knows, the keywords of every section
 * type, their argument syntax and types, bind and server options, rule actions, ACL keywords,
 * sample fetches and converters, and the messages HAProxy gives for removed keywords.
 *
 * <p>The data ({@code keywords.json} beside these classes) is generated from HAProxy's own
 * repository by {@code tools/catalog/Gen.java}; {@link dev.sluice.compiler.catalog.KeywordCatalog}
 * loads it once, at first use, and {@link dev.sluice.compiler.catalog.CatalogView} answers
 * questions for one version.
 */
package dev.sluice.compiler.catalog;
