#!/usr/bin/env bash
# Reload under load: wrk keeps CONNECTIONS keep-alive clients busy for DURATION while the proxy
# reloads RELOADS times, alternating two configurations (A routes to one backend; B to the other
# and opens a second listener, which A closes again). Sluice reloads on SIGHUP, in its process;
# HAProxy, in master-worker mode (-W), on SIGUSR2 to the master (a new worker takes the listening
# sockets, the old one finishes its connections).
#
#   bench/run-reload-stress.sh
#
# Prints, per proxy: requests and requests/s, wrk's socket errors (connect, read, write, timeout),
# responses other than 2xx/3xx, reloads done; for Sluice the reload times from its log. A lost
# connection or request shows up as a socket error or a non-2xx response.
#
# Needs: nginx (the backends), wrk, haproxy; missing Debian packages are installed with apt-get
# when running as root.
#
# Environment: DURATION=20 (seconds), CONNECTIONS=50, RELOADS=20, THREADS=2 (proxy threads),
# WRK_THREADS=2, SKIP_BUILD=1 to reuse cli/target/sluice.jar, KEEP=1 to keep the work directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-50}"
RELOADS="${RELOADS:-20}"
THREADS="${THREADS:-2}"
WRK_THREADS="${WRK_THREADS:-2}"
NAME=run-reload-stress.sh
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_setup

# --- backends: two nginx servers --------------------------------------------------------------
start_backends

# --- configurations A and B -------------------------------------------------------------------
config() { # http-port extra-port variant(A|B) [global lines]
  cat <<EOF
global
    maxconn 9000
    nbthread $THREADS
    hard-stop-after 10s
${4:-}

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s

frontend www
    bind 127.0.0.1:$1
    default_backend $([[ $3 == A ]] && echo one || echo two)

backend one
    server b1 127.0.0.1:$B1

backend two
    server b2 127.0.0.1:$B2
EOF
  if [[ $3 == B ]]; then
    printf '\nfrontend extra\n    bind 127.0.0.1:%s\n    default_backend one\n' "$2"
  fi
}

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# prints "requests rps connect read write timeout non2xx" from a wrk output
wrk_figures() {
  awk '
    /requests in/ { requests = $1 }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    /Socket errors/ { gsub(",", ""); c = $4; r = $6; w = $8; t = $10 }
    END { printf "%d %.0f %d %d %d %d %d\n", requests, rps, c, r, w, t, bad }' "$1"
}

# runs wrk against port $1 while calling reload_$2 RELOADS times, one every DURATION/RELOADS s
stress() { # port name
  local port=$1 name=$2
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$port/" >"$WORK/wrk-$name.out" 2>&1 &
  local wrk_pid=$!
  PIDS+=("$wrk_pid")
  local gap
  gap=$(awk -v d="$DURATION" -v n="$RELOADS" 'BEGIN { printf "%.3f", d / (n + 1) }')
  for i in $(seq 1 "$RELOADS"); do
    sleep "$gap"
    "reload_$name" "$i"
  done
  wait "$wrk_pid" || true
}

# --- Sluice ------------------------------------------------------------------------------------
SP=$(free_port); SX=$(free_port)
config "$SP" "$SX" A >"$WORK/sluice-A.cfg"
config "$SP" "$SX" B >"$WORK/sluice-B.cfg"
cp "$WORK/sluice-A.cfg" "$WORK/sluice.cfg"
start_sluice "$WORK/sluice.cfg" "$WORK/sluice.err"
wrk -t1 -c"$CONNECTIONS" -d3s "http://127.0.0.1:$SP/" >/dev/null 2>&1 || true # warm up

reload_sluice() { # n
  local variant=A
  (($1 % 2)) && variant=B
  cp "$WORK/sluice-$variant.cfg" "$WORK/sluice.cfg"
  kill -HUP "$SLUICE_PID"
  for _ in $(seq 200); do
    grep -qE "reload $1(:| rejected)" "$WORK/sluice.err" && return
    sleep 0.02
  done
}
stress "$SP" sluice
sluice_done=$(grep -c "sluice : reload [0-9]*: done" "$WORK/sluice.err" || true)
sluice_times=$(grep -o "done in [0-9]* ms" "$WORK/sluice.err" | awk '{ print $3 }' | sort -n | awk '
  { v[NR] = $1 } END { if (NR) printf "%d / %d / %d", v[1], v[int((NR + 1) / 2)], v[NR]; else printf "-" }')

# --- HAProxy, master-worker --------------------------------------------------------------------
HP=$(free_port); HX=$(free_port)
sock="    stats socket $WORK/haproxy.sock mode 600 level admin expose-fd listeners"
config "$HP" "$HX" A "$sock" >"$WORK/haproxy-A.cfg"
config "$HP" "$HX" B "$sock" >"$WORK/haproxy-B.cfg"
cp "$WORK/haproxy-A.cfg" "$WORK/haproxy.cfg"
haproxy -W -db -f "$WORK/haproxy.cfg" -p "$WORK/haproxy.pid" >"$WORK/haproxy.err" 2>&1 &
HAPROXY_PID=$!
PIDS+=("$HAPROXY_PID")
for _ in $(seq 100); do
  (echo >"/dev/tcp/127.0.0.1/$HP") 2>/dev/null && break
  sleep 0.1
done
wrk -t1 -c"$CONNECTIONS" -d3s "http://127.0.0.1:$HP/" >/dev/null 2>&1 || true

reload_haproxy() { # n
  local variant=A
  (($1 % 2)) && variant=B
  cp "$WORK/haproxy-$variant.cfg" "$WORK/haproxy.cfg"
  local before
  before=$(grep -c "Loading success" "$WORK/haproxy.err" || true)
  kill -USR2 "$HAPROXY_PID"
  for _ in $(seq 200); do
    (($(grep -c "Loading success" "$WORK/haproxy.err" || true) > before)) && return
    sleep 0.02
  done
}
stress "$HP" haproxy
haproxy_done=$(($(grep -c "Loading success" "$WORK/haproxy.err" || true) - 1))

# --- report ------------------------------------------------------------------------------------
printf '%s keep-alive clients for %s s, %s reloads alternating two configurations\n\n' \
  "$CONNECTIONS" "$DURATION" "$RELOADS"
printf '| proxy | requests | requests/s | socket errors (connect/read/write/timeout) | non-2xx | reloads done | reload ms (min / median / max) |\n'
printf '| --- | ---: | ---: | --- | ---: | ---: | --- |\n'
read -r n rps c r w t bad < <(wrk_figures "$WORK/wrk-sluice.out")
printf '| Sluice (SIGHUP) | %s | %s | %s/%s/%s/%s | %s | %s | %s |\n' "$n" "$rps" "$c" "$r" "$w" "$t" "$bad" \
  "$sluice_done" "$sluice_times"
read -r n rps c r w t bad < <(wrk_figures "$WORK/wrk-haproxy.out")
printf '| HAProxy -W (SIGUSR2) | %s | %s | %s/%s/%s/%s | %s | %s | - |\n' "$n" "$rps" "$c" "$r" "$w" "$t" "$bad" \
  "$haproxy_done"
