/** Best-practice rules over compiled configurations, with text, JSON, SARIF and GitHub reports. */
package dev.sluice.lint;
