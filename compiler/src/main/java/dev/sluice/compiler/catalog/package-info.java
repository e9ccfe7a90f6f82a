/**
 * The keyword catalog: for each HAProxy version Sluice knows, the keywords of every section
 * type, their argument syntax and types, bind and server options, rule actions, ACL keywords,
 * sample fetches and converters, and the messages HAProxy gives for removed keywords.
 *
 * <p>The data ({@code keywords.json} beside these classes) is generated from HAProxy's own
 * repository by {@code tools/catalog/Gen.java}, and it is the only source: the compiler module's
 * build ({@code process-classes}) derives from it, with
 * {@link dev.sluice.compiler.catalog.CatalogSnapshotWriter}, one compact binary snapshot per
 * catalogued version ({@code snapshot/*.bin} in the classes, never committed), which
 * {@link dev.sluice.compiler.catalog.KeywordCatalog#get()} reads at a version's first use, in a
 * few milliseconds where parsing the JSON took a few hundred. Jackson reads the JSON only in that
 * build step and in the tests that compare every snapshot with it.
 * {@link dev.sluice.compiler.catalog.CatalogView} answers questions for one version.
 */
package dev.sluice.compiler.catalog;
