#!/usr/bin/env bash
# Diff benchmark: `./sluice diff` on two generated 50,000-line configurations that differ in
# 100 places, as a whole process.
#
#   bench/run-diff-bench.sh
#
# Target (issue #5, sluice diff): under 3 seconds. The old file is bench/gen-config.sh's
# 50,000-line configuration; the new one is the same file with 100 lines edited by a
# deterministic awk pass (no randomness): 40 servers get `weight 20`, 20 backends a longer
# `timeout server`, 20 frontends `maxconn 600`, 20 frontends an `X-Forwarded-Proto https` header.
# Each edit is one change of the plan, so the diff must report exactly 100 changes; the script
# checks that, then prints the mean time and whether the target is met. It exits 0 either way
# (a measurement, not a test), but 1 when the diff is not the expected one.
#
# Environment: RUNS=5 (timed runs, after one warm-up). Needs hyperfine (apt-get install
# hyperfine); without it, a date +%s%N loop times the runs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-5}"
OLD="bench/out/diff-old.cfg"
NEW="bench/out/diff-new.cfg"
TARGET_MS=3000

bench/gen-config.sh 50000 "$OLD" >/dev/null 2>&1
LC_ALL=C awk '
    # every k-th occurrence of a line kind is edited, up to a quota of each kind
    /^    server [a-z]+[0-9]+ 127\.0\.0\.1:/ && ++servers % 150 == 0 && weights < 40 {
        print $0 " weight 20"; weights++; next
    }
    /^    timeout server [0-9]+s$/ && ++timeouts % 70 == 0 && slower < 20 {
        n = $3; sub(/s$/, "", n); print "    timeout server " (n + 1) "s"; slower++; next
    }
    /^    maxconn 500$/ && ++frontends % 20 == 0 && maxconns < 20 {
        print "    maxconn 600"; maxconns++; next
    }
    /^    http-request set-header X-Forwarded-Proto http$/ && ++protos % 20 == 10 && https < 20 {
        print "    http-request set-header X-Forwarded-Proto https"; https++; next
    }
    { print }
' "$OLD" >"$NEW"
edited=$(diff "$OLD" "$NEW" | grep -c '^<' || true)
echo "old: $OLD ($(wc -l <"$OLD") lines), new: $NEW, $edited lines edited"

./sluice --version >/dev/null # builds the jar and the class-data archive when needed

rc=0
./sluice diff "$OLD" "$NEW" >bench/out/diff.txt || rc=$?
summary=$(tail -n 1 bench/out/diff.txt)
echo "sluice diff exit code $rc: $summary"
if [ "$rc" != 1 ] || [ "$summary" != "0 to add, 100 to change, 0 to remove; all hot-reloadable" ]; then
  echo "unexpected diff (see bench/out/diff.txt)" >&2
  exit 1
fi

# mean wall time in ms of a command, over RUNS runs after one warm-up
mean_ms() {
  if command -v hyperfine >/dev/null 2>&1 && [ -z "${NO_HYPERFINE:-}" ]; then
    hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json /tmp/sluice-diff-bench.json "$*" >/dev/null 2>&1
    awk -F: '/"mean"/ { gsub(/[ ,]/, "", $2); printf "%.0f\n", $2 * 1000; exit }' /tmp/sluice-diff-bench.json
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

text_ms=$(mean_ms ./sluice diff "$OLD" "$NEW")
json_ms=$(mean_ms ./sluice diff --format json "$OLD" "$NEW")
printf '%-48s %8s\n' "mean wall time, $RUNS runs" "ms"
printf '%-48s %8s\n' "./sluice diff OLD NEW" "$text_ms"
printf '%-48s %8s\n' "./sluice diff --format json OLD NEW" "$json_ms"
if ((text_ms < TARGET_MS && json_ms < TARGET_MS)); then echo "under 3 seconds: target met"; else echo "under 3 seconds: target NOT met"; fi
