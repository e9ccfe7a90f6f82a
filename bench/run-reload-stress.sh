#!/usr/bin/env bash
# Reload under load: wrk keeps CONNECTIONS keep-alive clients busy for DURATION while the proxy
# reloads RELOADS times. Reload k puts configuration variant k in force: the weights of backend
# one's two servers change; a rule changes (every response carries X-Variant: k); odd variants add
# a backend (three, for paths under /three) and a listener (extra), even variants remove them.
# Sluice reloads on SIGHUP, in its process; HAProxy, in master-worker mode (-W), on SIGUSR2 to the
# master (a new worker takes the listening sockets, the old one finishes its connections). Each
# proxy runs in a session of its own (see start_sluice in lib.sh).
#
#   bench/run-reload-stress.sh
#
# wrk checks every response (status 200, a backend's body, an X-Variant header). After each reload
# a probe checks that the new routing is in force: X-Variant is k, /three reaches backend three
# exactly when variant k has it, and the extra listener answers exactly when variant k has it.
#
# Prints, per proxy: requests and requests/s, wrk's socket errors (connect, read, write, timeout),
# responses other than 2xx/3xx, wrong responses, reloads done, reloads whose new routing the probe
# saw within 2 s, and for Sluice the reload times from its log. A lost connection or request shows
# up as a socket error, a non-2xx or a wrong response.
#
# Needs: nginx (the backends), wrk, haproxy, curl; missing Debian packages are installed with
# apt-get when running as root.
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

# --- configuration variants -------------------------------------------------------------------
config() { # http-port extra-port variant [global lines]
  local k=$3
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
    http-response set-header X-Variant $k
EOF
  if ((k % 2)); then
    printf '    use_backend three if { path_beg /three }\n'
  fi
  cat <<EOF
    default_backend one

backend one
    balance roundrobin
    http-response set-header X-Backend one
    server b1 127.0.0.1:$B1 weight $((1 + k % 3))
    server b2 127.0.0.1:$B2 weight $((5 + k))
EOF
  if ((k % 2)); then
    printf '\nbackend three\n    http-response set-header X-Backend three\n    server b2 127.0.0.1:%s\n' "$B2"
    printf '\nfrontend extra\n    bind 127.0.0.1:%s\n    default_backend three\n' "$2"
  fi
}

# wrk checks each response: status 200, a backend's body, the X-Variant header
cat >"$WORK/check.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) checked = 0; wrong = 0 end
function response(status, headers, body)
  checked = checked + 1
  local variant = false
  for name, _ in pairs(headers) do
    if string.lower(name) == "x-variant" then variant = true end
  end
  if status ~= 200 or not variant or not string.find(body, "^hello from b") then wrong = wrong + 1 end
end
function done(summary, latency, requests)
  local c, w = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("checked"); w = w + t:get("wrong") end
  io.write(string.format("checked %d wrong %d\n", c, w))
end
LUA

# succeeds when variant k's routing answers on www and extra, trying for 2 s
routing_in_force() { # www-port extra-port k
  local port=$1 extra=$2 k=$3 want=one head extra_ok _
  ((k % 2)) && want=three
  for _ in $(seq 40); do
    head=$(curl -s -m 2 -D - -o /dev/null "http://127.0.0.1:$port/three" 2>/dev/null | tr -d '\r' | tr 'A-Z' 'a-z' || true)
    extra_ok=0
    if ((k % 2)); then
      curl -s -m 2 -o /dev/null "http://127.0.0.1:$extra/" 2>/dev/null && extra_ok=1
    else
      curl -s -m 2 -o /dev/null "http://127.0.0.1:$extra/" 2>/dev/null || extra_ok=1
    fi
    if grep -qx "x-variant: $k" <<<"$head" && grep -qx "x-backend: $want" <<<"$head" && ((extra_ok)); then
      return 0
    fi
    sleep 0.05
  done
  return 1
}

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# prints "requests rps connect read write timeout non2xx wrong" from a wrk output
wrk_figures() {
  awk '
    /requests in/ { requests = $1 }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    /Socket errors/ { gsub(",", ""); c = $4; r = $6; w = $8; t = $10 }
    /^checked/ { wrong = $4 }
    END { printf "%d %.0f %d %d %d %d %d %d\n", requests, rps, c, r, w, t, bad, wrong }' "$1"
}

# runs wrk against port $1 while calling reload_$2 RELOADS times, one every DURATION/RELOADS s;
# counts in $WORK/seen-$2 the reloads whose routing the probe saw
stress() { # port extra-port name
  local port=$1 extra=$2 name=$3
  : >"$WORK/seen-$name"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/check.lua" "http://127.0.0.1:$port/" \
    >"$WORK/wrk-$name.out" 2>&1 &
  local wrk_pid=$!
  PIDS+=("$wrk_pid")
  local gap
  gap=$(awk -v d="$DURATION" -v n="$RELOADS" 'BEGIN { printf "%.3f", d / (n + 1) }')
  for i in $(seq 1 "$RELOADS"); do
    sleep "$gap"
    "reload_$name" "$i"
    if routing_in_force "$port" "$extra" "$i"; then echo "$i" >>"$WORK/seen-$name"; fi
  done
  wait "$wrk_pid" || true
}

# --- Sluice ------------------------------------------------------------------------------------
SP=$(free_port); SX=$(free_port)
config "$SP" "$SX" 0 >"$WORK/sluice.cfg"
start_sluice "$WORK/sluice.cfg" "$WORK/sluice.err"
wrk -t1 -c"$CONNECTIONS" -d3s "http://127.0.0.1:$SP/" >/dev/null 2>&1 || true # warm up

reload_sluice() { # k
  config "$SP" "$SX" "$1" >"$WORK/sluice.cfg"
  kill -HUP "$SLUICE_PID"
  for _ in $(seq 200); do
    grep -qE "reload $1(:| rejected)" "$WORK/sluice.err" && return
    sleep 0.02
  done
}
stress "$SP" "$SX" sluice
sluice_done=$(grep -c "sluice : reload [0-9]*: done" "$WORK/sluice.err" || true)
sluice_times=$(grep -o "done in [0-9]* ms" "$WORK/sluice.err" | awk '{ print $3 }' | sort -n | awk '
  { v[NR] = $1 } END { if (NR) printf "%d / %d / %d", v[1], v[int((NR + 1) / 2)], v[NR]; else printf "-" }')

# --- HAProxy, master-worker --------------------------------------------------------------------
HP=$(free_port); HX=$(free_port)
sock="    stats socket $WORK/haproxy.sock mode 600 level admin expose-fd listeners"
config "$HP" "$HX" 0 "$sock" >"$WORK/haproxy.cfg"
setsid haproxy -W -db -f "$WORK/haproxy.cfg" -p "$WORK/haproxy.pid" >"$WORK/haproxy.err" 2>&1 &
HAPROXY_PID=$!
PIDS+=("$HAPROXY_PID")
for _ in $(seq 100); do
  (echo >"/dev/tcp/127.0.0.1/$HP") 2>/dev/null && break
  sleep 0.1
done
wrk -t1 -c"$CONNECTIONS" -d3s "http://127.0.0.1:$HP/" >/dev/null 2>&1 || true

reload_haproxy() { # k
  config "$HP" "$HX" "$1" "$sock" >"$WORK/haproxy.cfg"
  local before
  before=$(grep -c "Loading success" "$WORK/haproxy.err" || true)
  kill -USR2 "$HAPROXY_PID"
  for _ in $(seq 200); do
    (($(grep -c "Loading success" "$WORK/haproxy.err" || true) > before)) && return
    sleep 0.02
  done
}
stress "$HP" "$HX" haproxy
haproxy_done=$(($(grep -c "Loading success" "$WORK/haproxy.err" || true) - 1))

# --- report ------------------------------------------------------------------------------------
printf '%s keep-alive clients for %s s, %s reloads (weights, a rule, a backend and a listener change)\n\n' \
  "$CONNECTIONS" "$DURATION" "$RELOADS"
printf '| proxy | requests | requests/s | socket errors (connect/read/write/timeout) | non-2xx | wrong | reloads done | new routing seen | reload ms (min / median / max) |\n'
printf '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |\n'
read -r n rps c r w t bad wrong < <(wrk_figures "$WORK/wrk-sluice.out")
printf '| Sluice (SIGHUP) | %s | %s | %s/%s/%s/%s | %s | %s | %s | %s | %s |\n' "$n" "$rps" "$c" "$r" "$w" "$t" \
  "$bad" "$wrong" "$sluice_done" "$(wc -l <"$WORK/seen-sluice")" "$sluice_times"
read -r n rps c r w t bad wrong < <(wrk_figures "$WORK/wrk-haproxy.out")
printf '| HAProxy -W (SIGUSR2) | %s | %s | %s/%s/%s/%s | %s | %s | %s | %s | - |\n' "$n" "$rps" "$c" "$r" "$w" "$t" \
  "$bad" "$wrong" "$haproxy_done" "$(wc -l <"$WORK/seen-haproxy")"
