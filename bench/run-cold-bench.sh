#!/usr/bin/env bash
# Cold-process benchmark: ConfigLoader in fresh JVMs started as ./sluice starts short-lived
# commands (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC), on the generated 50,000-line file.
#
#   bench/run-cold-bench.sh [JAR]   # JAR: cli/target/sluice.jar (built first) unless given
#
# Times, inside each JVM, one call (bench/cold/ColdLoad.java): the ANTLR lexer alone (lex),
# ConfigLoader.syntaxLines (lines) and ConfigLoader.load (load); RUNS rounds of the three, one
# JVM each, and prints each one's median. With CDS=1 the JVMs also use a class-data archive made
# by the three on a small file, as ./sluice makes one by checking a sample.
#
# Environment: RUNS=5, LINES=50000, CDS=1, SKIP_BUILD=1 (use the jar as it is), MVN_ARGS="-o".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUNS="${RUNS:-5}"
LINES="${LINES:-50000}"
JAR="${1:-cli/target/sluice.jar}"
OUT_DIR="bench/out"
CFG="$OUT_DIR/haproxy-$LINES.cfg"
[ "$LINES" = 50000 ] && CFG="$OUT_DIR/haproxy-50k.cfg"
SMALL="$OUT_DIR/haproxy-200.cfg"
CLASSES="$OUT_DIR/cold"
read -r -a MVN_EXTRA <<< "${MVN_ARGS:-}"

mkdir -p "$OUT_DIR" "$CLASSES"
bash bench/gen-config.sh "$LINES" "$CFG" >&2
bash bench/gen-config.sh 200 "$SMALL" >&2
if [ $# = 0 ] && [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -q -B "${MVN_EXTRA[@]}" -DskipTests package
fi
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 1; }
javac -d "$CLASSES" -cp "$JAR" bench/cold/ColdLoad.java

FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
if [ "${CDS:-0}" = 1 ]; then
    archive="$OUT_DIR/cold.jsa"
    rm -f "$archive"
    # An archive can hold classes of jars only: the harness goes into one.
    jar cf "$OUT_DIR/cold.jar" -C "$CLASSES" .
    cp="$JAR:$OUT_DIR/cold.jar"
    java "${FLAGS[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
        -cp "$cp" ColdLoad lex,lines,load "$SMALL" >/dev/null
    FLAGS+=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
else
    cp="$JAR:$CLASSES"
fi

results="$OUT_DIR/cold.txt"
: > "$results"
for _ in $(seq "$RUNS"); do
    for mode in lex lines load; do
        java "${FLAGS[@]}" -cp "$cp" ColdLoad "$mode" "$CFG" >> "$results"
    done
done
echo "$JAR, $CFG, median of $RUNS fresh JVMs (${FLAGS[*]}), ms:"
for mode in lex lines load; do
    awk -v m="$mode" '$1 == m { print $2 }' "$results" | sort -n \
        | awk -v m="$mode" '{ t[NR] = $1 } END { printf "  %-6s %7.1f   (min %.1f, max %.1f)\n", m, t[int((NR + 1) / 2)], t[1], t[NR] }'
done
