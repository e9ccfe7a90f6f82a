#!/usr/bin/env bash
# Check benchmark: `./sluice -c` against `haproxy -c`, whole processes, on the generated
# 50,000-line configuration and on the seed's minimal configuration.
#
#   bench/run-check-bench.sh
#
# Target (issue: the check): `sluice -c` on the 50,000-line file takes no longer than
# `haproxy -c` on it, and checks the minimal configuration well under a second. The script prints
# the means and says whether each target is met; it exits 0 either way (a measurement, not a test).
#
# Environment: RUNS=5 (runs per command), HAPROXY=haproxy. Needs hyperfine (apt-get install
# hyperfine); without it, a date +%s%N loop times the runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-5}"
HAPROXY="${HAPROXY:-haproxy}"
BIG="bench/out/haproxy-50k.cfg"
SMALL="samples/seed/01-minimal-web.cfg"

[ -f "$BIG" ] || bench/gen-config.sh 50000 "$BIG" >/dev/null
./sluice --version >/dev/null # builds the jar and the class-data archive when needed

# mean wall time in ms of a command, over RUNS runs after one warm-up
mean_ms() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json /tmp/sluice-check-bench.json "$*" >/dev/null 2>&1
    awk -F: '/"mean"/ { gsub(/[ ,]/, "", $2); printf "%.0f\n", $2 * 1000; exit }' /tmp/sluice-check-bench.json
  else
    "$@" >/dev/null 2>&1 || true
    local total=0 i start end
    for ((i = 0; i < RUNS; i++)); do
      start=$(date +%s%N)
      "$@" >/dev/null 2>&1 || true
      end=$(date +%s%N)
      total=$((total + (end - start) / 1000000))
    done
    echo $((total / RUNS))
  fi
}

big_sluice=$(mean_ms ./sluice -c -q --target-version 2.6 -f "$BIG")
big_haproxy=$(mean_ms "$HAPROXY" -c -q -f "$BIG")
small_sluice=$(mean_ms ./sluice -c -q --target-version 2.6 -f "$SMALL")
small_haproxy=$(mean_ms "$HAPROXY" -c -q -f "$SMALL")

printf '%-52s %10s %10s\n' "mean wall time (ms), $RUNS runs" "sluice -c" "haproxy -c"
printf '%-52s %10s %10s\n' "$BIG ($(wc -l <"$BIG") lines)" "$big_sluice" "$big_haproxy"
printf '%-52s %10s %10s\n' "$SMALL" "$small_sluice" "$small_haproxy"
if ((big_sluice <= big_haproxy)); then echo "50,000 lines: target met"; else echo "50,000 lines: target NOT met"; fi
if ((small_sluice < 1000)); then echo "minimal config under a second: target met"; else echo "minimal config: target NOT met"; fi
