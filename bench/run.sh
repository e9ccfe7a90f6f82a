#!/usr/bin/env bash
# Proxy benchmark: the same wrk load, in one run, against the backend directly, HAProxy and
# Sluice, with the same configuration and the same number of threads.
#
#   bench/run.sh
#
# Rows: HTTP keep-alive with small responses; HTTP with a new connection per request; TCP mode;
# a 1 MiB response body. For each: requests/s, p50 and p99 latency, and Sluice/HAProxy ratios
# (requests/s: higher is better; p99 lower is better). Each row runs ROUNDS times, the targets
# taking turns within a round (the direct backend, then the two proxies, which of them goes
# first alternating from round to round), and every figure is the median of its rounds: on a
# shared 2-core machine one 10 s run of the same proxy swings by 10% from one minute to the
# next. Each run's figures are kept in bench/out/run-rounds.txt. Then Sluice's resident memory
# with 10,000 idle client connections. Everything listens on 127.0.0.1; every process is stopped
# at the end. Targets (issue: the runtime): requests/s at least 1.0x HAProxy's and p99 no worse.
#
# Needs: nginx (the backends), wrk, haproxy, python3 (the idle connections); missing Debian
# packages are installed with apt-get when running as root.
#
# Environment: DURATION=10s per load, ROUNDS=3 runs per target and row, WARMUP=15s of kept-alive load
# then CHURN=5s of a new connection per request, per proxy and mode, before the rows,
# ROW_WARMUP=10s of the row's own load per proxy before each row, CONNECTIONS=50, THREADS=2
# (proxy threads: HAProxy's nbthread and Sluice's), WRK_THREADS=1, IDLE=10000 (0: no memory
# measure), ROWS=keepalive,close,tcp,1m (the rows to run, in that order), SKIP_BUILD=1 to
# reuse cli/target/sluice.jar; SLUICE_TRANSPORT (io_uring, epoll, nio) reaches Sluice, whose
# transport the report's last line names.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-10s}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-15s}"
CHURN="${CHURN:-5s}"
ROW_WARMUP="${ROW_WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
WRK_THREADS="${WRK_THREADS:-1}"
IDLE="${IDLE:-10000}"
ROWS="${ROWS:-keepalive,close,tcp,1m}"
for r in ${ROWS//,/ }; do
  case $r in
    keepalive | close | tcp | 1m) ;;
    *) echo "bench/run.sh: ROWS: unknown row '$r' (rows: keepalive, close, tcp, 1m)" >&2; exit 2 ;;
  esac
done
NAME=run.sh
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_setup

# --- backends: two nginx servers, a small body and a 1 MiB one -----------------------------
start_backends

# --- the proxies' configuration (the same for both) ----------------------------------------
HP=$(free_port); HT=$(free_port); SP=$(free_port); ST=$(free_port)
config() { # http-port tcp-port [maxconn]
  cat <<EOF
global
    maxconn ${3:-9000}
    nbthread $THREADS

defaults
    timeout connect 5s
    timeout client 60s
    timeout server 60s

frontend www
    mode http
    bind 127.0.0.1:$1
    default_backend app

backend app
    mode http
    balance roundrobin
    server b1 127.0.0.1:$B1
    server b2 127.0.0.1:$B2

frontend tcp_in
    mode tcp
    bind 127.0.0.1:$2
    default_backend tcp_out

backend tcp_out
    mode tcp
    balance roundrobin
    server b1 127.0.0.1:$B1
    server b2 127.0.0.1:$B2
EOF
}
config "$HP" "$HT" >"$WORK/haproxy.cfg"
config "$SP" "$ST" >"$WORK/sluice.cfg"
# maxconn 9000 needs about 18,000 descriptors in HAProxy; some machines allow no more than 20,000
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
haproxy -D -f "$WORK/haproxy.cfg" -p "$WORK/haproxy.pid" 2>"$WORK/haproxy.err" || { cat "$WORK/haproxy.err"; exit 1; }
start_sluice "$WORK/sluice.cfg" "$WORK/sluice.err"

# --- loads -------------------------------------------------------------------------------------
# prints "requests/s p50_ms p99_ms" for one wrk run
load() { # url [extra wrk args...]
  local url=$1
  shift
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$WORK/wrk.out" 2>&1 || true
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    /Socket errors/ { errors = $0 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END {
      printf "%.0f %.2f %.2f\n", rps, p50, p99
      if (bad) printf "bench/run.sh: %s: %s responses were not 2xx or 3xx\n", FILENAME, bad > "/dev/stderr"
    }' "$WORK/wrk.out"
}

# both proxies get the same warm-up, so that the rows measure the steady state: a JVM compiles
# its hot code in the first seconds (HAProxy needs none; it costs it nothing). Each mode is warmed
# with kept-alive connections and then with a new connection per request, as a proxy in service
# sees both: code compiled on kept-alive traffic alone is thrown away when the first burst of new
# connections arrives, and the loops stall until it is compiled again (bench/README.md, Fairness)
warm() { wrk -t1 -c"$CONNECTIONS" -d"$1" "${@:3}" "$2" >/dev/null 2>&1 || true; }
for port in "$HP" "$SP" "$HT" "$ST"; do
  warm "$WARMUP" "http://127.0.0.1:$port/"
  warm "$CHURN" "http://127.0.0.1:$port/" -H "Connection: close"
done

# the median of each column of "requests/s p50 p99" lines
medians() {
  awk '{ for (i = 1; i <= 3; i++) v[i, NR] = $i }
    END {
      for (i = 1; i <= 3; i++) {
        for (a = 1; a <= NR; a++) for (b = a + 1; b <= NR; b++) if (v[i, b] < v[i, a]) { t = v[i, a]; v[i, a] = v[i, b]; v[i, b] = t }
        m = NR % 2 ? v[i, (NR + 1) / 2] : (v[i, NR / 2] + v[i, NR / 2 + 1]) / 2
        printf "%s%s", (i > 1 ? " " : ""), m
      }
      print ""
    }'
}

# one load, its figures also kept, one line per run, in bench/out/run-rounds.txt
measure() { # row-name target url [wrk args...]
  local figures
  figures=$(load "${@:3}")
  printf '%s | %s | %s\n' "$1" "$2" "$figures" >>"$ROOT/bench/out/run-rounds.txt"
  printf '%s\n' "$figures"
}

mkdir -p "$ROOT/bench/out"
: >"$ROOT/bench/out/run-rounds.txt"
rows=()
row() { # name direct-url haproxy-url sluice-url [wrk args...]
  local name=$1 d=$2 h=$3 s=$4
  shift 4
  local rd="" rh="" rs="" round
  # each row starts with its own load on both proxies: the JIT recompiles the loops' code for it
  # (bench/README.md, Fairness)
  warm "$ROW_WARMUP" "$h" "$@"
  warm "$ROW_WARMUP" "$s" "$@"
  for round in $(seq "$ROUNDS"); do
    rd+=$(measure "$name" direct "$d" "$@")$'\n'
    # the proxies take turns going first, so that neither always runs in the other's wake
    # (its connections closing, its idle server connections being purged)
    if ((round % 2)); then
      rh+=$(measure "$name" haproxy "$h" "$@")$'\n'
      rs+=$(measure "$name" sluice "$s" "$@")$'\n'
    else
      rs+=$(measure "$name" sluice "$s" "$@")$'\n'
      rh+=$(measure "$name" haproxy "$h" "$@")$'\n'
    fi
  done
  # the rounds in which Sluice had more requests/s than HAProxy, and those with a p99 no worse
  local ahead
  ahead=$(paste -d' ' <(printf '%s' "$rh") <(printf '%s' "$rs") |
    awk '{ n++; if ($4 > $1) r++; if ($6 <= $3) p++ } END { printf "%d/%d %d/%d", r, n, p, n }')
  rows+=("$name|$(printf '%s' "$rd" | medians)|$(printf '%s' "$rh" | medians)|$(printf '%s' "$rs" | medians)|$ahead")
}
wanted() { [[ ,$ROWS, == *,$1,* ]]; }
wanted keepalive && row "HTTP keep-alive, small" "http://127.0.0.1:$B1/" "http://127.0.0.1:$HP/" "http://127.0.0.1:$SP/"
wanted close && row "HTTP new connection each" "http://127.0.0.1:$B1/" "http://127.0.0.1:$HP/" "http://127.0.0.1:$SP/" -H "Connection: close"
wanted tcp && row "TCP mode (HTTP inside)" "http://127.0.0.1:$B1/" "http://127.0.0.1:$HT/" "http://127.0.0.1:$ST/"
wanted 1m && row "HTTP 1 MiB body" "http://127.0.0.1:$B1/1m" "http://127.0.0.1:$HP/1m" "http://127.0.0.1:$SP/1m"

# --- idle connections: Sluice's resident memory --------------------------------------------------
idle_memory() {
  # a second Sluice whose maxconn lets all the idle connections in
  kill "$SLUICE_PID" 2>/dev/null || true
  IP=$(free_port)
  config "$IP" "$(free_port)" $((IDLE + 1000)) >"$WORK/sluice-idle.cfg"
  start_sluice "$WORK/sluice-idle.cfg" "$WORK/sluice-idle.err"
  warm 3s "http://127.0.0.1:$IP/"
  rss_before=$(awk '/VmRSS/ { print $2 }' "/proc/$SLUICE_PID/status")
  python3 - "$IP" "$IDLE" >"$WORK/idle.out" 2>&1 <<'EOF' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
socks = []
for _ in range(n):
    s = socket.socket()
    s.connect(("127.0.0.1", port))
    socks.append(s)
print("open", len(socks), flush=True)
time.sleep(8)
EOF
  IDLE_PID=$!
  PIDS+=("$IDLE_PID")
  for _ in $(seq 120); do
    grep -q "^open" "$WORK/idle.out" 2>/dev/null && break
    sleep 0.25
  done
  sleep 2
  rss_idle=$(awk '/VmRSS/ { print $2 }' "/proc/$SLUICE_PID/status")
  opened=$(awk '/^open/ { print $2 }' "$WORK/idle.out")
  wait "$IDLE_PID" 2>/dev/null || true
}
rss_before=0 rss_idle=0 opened=0
if ((IDLE > 0)); then
  idle_memory
fi

# --- report ------------------------------------------------------------------------------------
{
  echo "machine: $(nproc) CPUs, $(awk -F: '/model name/ { print $2; exit }' /proc/cpuinfo | sed 's/^ *//'),"\
    "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "versions: $(haproxy -v | head -1 | cut -d' ' -f1-3); $(java -version 2>&1 | head -1); nginx $(nginx -v 2>&1 | cut -d/ -f2)"
  echo "load: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP kept-alive and $CHURN new-connection warm-up per mode, median of $ROUNDS rounds; proxies with $THREADS threads; $(grep -o 'proxy started ([a-z_]*)' "$WORK/sluice.err")"
  echo
  printf '| %-26s | %9s | %9s | %9s | %8s | %8s | %8s | %8s | %8s | %8s | %6s | %6s | %7s | %7s |\n' \
    "load" "direct/s" "haproxy/s" "sluice/s" "d p50ms" "h p50ms" "s p50ms" "d p99ms" "h p99ms" "s p99ms" "rps x" "p99 x" \
    "rps won" "p99 won"
  printf '|%s|\n' "----------------------------|----------:|----------:|----------:|---------:|---------:|---------:|---------:|---------:|---------:|-------:|-------:|--------:|--------:"
  for r in "${rows[@]}"; do
    IFS='|' read -r name d h s ahead <<<"$r"
    read -r rwon pwon <<<"$ahead"
    read -r drps dp50 dp99 <<<"$d"
    read -r hrps hp50 hp99 <<<"$h"
    read -r srps sp50 sp99 <<<"$s"
    awk -v n="$name" -v drps="$drps" -v hrps="$hrps" -v srps="$srps" -v dp50="$dp50" -v hp50="$hp50" -v sp50="$sp50" \
      -v dp99="$dp99" -v hp99="$hp99" -v sp99="$sp99" -v rwon="$rwon" -v pwon="$pwon" 'BEGIN {
        printf "| %-26s | %9d | %9d | %9d | %8.2f | %8.2f | %8.2f | %8.2f | %8.2f | %8.2f | %6.2f | %6.2f | %7s | %7s |\n",
          n, drps, hrps, srps, dp50, hp50, sp50, dp99, hp99, sp99, (hrps > 0 ? srps / hrps : 0), (hp99 > 0 ? sp99 / hp99 : 0),
          rwon, pwon }'
  done
  if ((IDLE > 0)); then
    echo
    echo "Sluice resident memory: $((rss_before / 1024)) MiB after a 3 s warm-up load, $((rss_idle / 1024)) MiB with ${opened:-0} idle client connections"
  fi
} | tee "$ROOT/bench/out/run-results.md"
