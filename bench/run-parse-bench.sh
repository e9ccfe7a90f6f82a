#!/usr/bin/env bash
# Parse benchmark: Sluice against `haproxy -c` on the same generated 50,000-line file.
#
#   bench/run-parse-bench.sh [extra JMH arguments...]
#
# 1. writes bench/out/haproxy-50k.cfg (bench/gen-config.sh) and checks both tools accept it;
# 2. builds the grammar and CLI (mvnw install from the root) and bench/target/benchmarks.jar;
# 3. runs the JMH benchmarks (in-process parse / tokenize / format, average ms per call);
# 4. times whole processes, median of 5 runs after one warm-up run: `haproxy -c -f FILE` and
#    `java -jar cli/target/sluice.jar parse --target-version 2.6 -f FILE` (JVM start included);
# 5. prints the machine and a summary table (also saved as bench/out/results.txt).
#
# Environment:
#   LINES=50000       size of the generated file
#   SKIP_BUILD=1      reuse the jars already built
#   MVN_ARGS="-o"     extra Maven arguments (e.g. offline)
#   RUNS=5            whole-process runs to take the median of
#   HAPROXY=haproxy   the haproxy binary
#   NO_HYPERFINE=1    time with a date +%s%N loop even when hyperfine is installed
# Needs bash, awk, Java 17, haproxy; uses hyperfine when installed, else a date +%s%N loop.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

LINES="${LINES:-50000}"
RUNS="${RUNS:-5}"
HAPROXY="${HAPROXY:-haproxy}"
OUT_DIR="bench/out"
CFG="$OUT_DIR/haproxy-50k.cfg"
[ "$LINES" = 50000 ] || CFG="$OUT_DIR/haproxy-$LINES.cfg"
SLUICE_JAR="cli/target/sluice.jar"
BENCH_JAR="bench/target/benchmarks.jar"
MVNW="$ROOT/mvnw"
[ -x "$MVNW" ] || MVNW=mvn
read -r -a MVN_EXTRA <<< "${MVN_ARGS:-}"

say() { printf '\n=== %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------
say "generating $CFG"
mkdir -p "$OUT_DIR"
bash bench/gen-config.sh "$LINES" "$CFG"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building the grammar and CLI (mvnw install -DskipTests)"
    "$MVNW" -q -B "${MVN_EXTRA[@]}" -DskipTests install
    say "building $BENCH_JAR"
    "$MVNW" -q -B "${MVN_EXTRA[@]}" -f bench/pom.xml package
fi
for jar in "$SLUICE_JAR" "$BENCH_JAR"; do
    [ -f "$jar" ] || { echo "missing $jar (run without SKIP_BUILD=1)" >&2; exit 1; }
done

say "checking both tools accept the file"
"$HAPROXY" -c -f "$CFG" >/dev/null || { echo "haproxy -c rejects $CFG" >&2; exit 1; }
java -jar "$SLUICE_JAR" parse --target-version 2.6 -f "$CFG" >/dev/null \
    || { echo "sluice parse rejects $CFG" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
say "JMH (in process; the file is read once)"
JMH_CSV="$OUT_DIR/jmh.csv"
java -jar "$BENCH_JAR" ParseBenchmark -p file="$CFG" -rf csv -rff "$JMH_CSV" "$@" | tee "$OUT_DIR/jmh.log"

# "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: file"
jmh_score() {
    awk -F, -v b="\"dev.sluice.bench.ParseBenchmark.$1\"" \
        '$1 == b { s = $5; e = $6; if (e == "NaN" || e == "") e = "?"; else e = sprintf("%.1f", e);
                   printf "%.1f ± %s", s, e }' "$JMH_CSV"
}

# ---------------------------------------------------------------------------------------------
# Median wall time, in ms, of "$@" over $RUNS runs (after one warm-up run).
median_ms() {
    if [ "${NO_HYPERFINE:-0}" != 1 ] && command -v hyperfine >/dev/null 2>&1; then
        local csv="$OUT_DIR/hyperfine.$$.csv"
        hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-csv "$csv" "$*" >/dev/null 2>&1 \
            || hyperfine --style none --warmup 1 --runs "$RUNS" --export-csv "$csv" "$*" >/dev/null
        # command,mean,stddev,median,user,system,min,max (seconds); the command may hold commas
        tail -n 1 "$csv" | awk -F, '{ printf "%.0f", $(NF-4) * 1000 }'
        rm -f "$csv"
    else
        "$@" >/dev/null 2>&1 || true
        local i t0 t1 times=()
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1
            t1=$(date +%s%N)
            times+=($(( (t1 - t0) / 1000000 )))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END {
            if (NR % 2) print a[(NR + 1) / 2]; else printf "%.0f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
    fi
}

if [ "${NO_HYPERFINE:-0}" != 1 ] && command -v hyperfine >/dev/null 2>&1; then TIMER=hyperfine; else TIMER="date +%s%N loop"; fi
say "whole processes: median of $RUNS runs ($TIMER)"
SLUICE_MS=$(median_ms java -jar "$SLUICE_JAR" parse --target-version 2.6 -f "$CFG")
HAPROXY_MS=$(median_ms "$HAPROXY" -c -f "$CFG")
JVM_MS=$(median_ms java -jar "$SLUICE_JAR" --version)

# ---------------------------------------------------------------------------------------------
{
    echo "Sluice parse benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "file:    $CFG ($(wc -l < "$CFG") lines, $(wc -c < "$CFG") bytes)"
    echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
    echo "java:    $(java -version 2>&1 | tr '\n' ' ' | sed 's/  */ /g')"
    echo "haproxy: $("$HAPROXY" -v 2>/dev/null | head -n 1)"
    echo "timer:   $TIMER, median of $RUNS runs after 1 warm-up run"
    echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1/5/15-min load average at the end; other work skews the figures)"
    echo
    printf '%-58s %s\n' "measure" "time (ms)"
    printf '%-58s %s\n' "-------" "---------"
    printf '%-58s %s\n' "sluice in-process parse (JMH avg +/- 99.9% error)" "$(jmh_score parse)"
    printf '%-58s %s\n' "  tokenize alone (lexer -> SyntaxLines, JMH)" "$(jmh_score tokenize)"
    printf '%-58s %s\n' "sluice in-process format (JMH)" "$(jmh_score format)"
    printf '%-58s %s\n' "sluice parse, whole process (median of $RUNS, incl. JVM)" "$SLUICE_MS"
    printf '%-58s %s\n' "  JVM + CLI start alone (sluice --version, median)" "$JVM_MS"
    printf '%-58s %s\n' "haproxy -c, whole process (median of $RUNS)" "$HAPROXY_MS"
} | tee "$OUT_DIR/results.txt"
