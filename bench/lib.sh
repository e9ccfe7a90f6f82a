# bench/lib.sh: what the proxy benchmarks (run.sh, run-reload-stress.sh) share. Sourced, not run;
# the sourcing script sets ROOT and NAME (its name, for messages and the work directory) first.
#
#   bench_setup        installs nginx, wrk and haproxy when missing (as root, with apt-get),
#                      builds the jar unless SKIP_BUILD=1, makes $WORK and removes it at exit
#                      (KEEP=1 keeps it), killing the processes in PIDS and the pid files in $WORK
#   free_port          prints a free TCP port on 127.0.0.1
#   start_backends     two nginx servers on 127.0.0.1:$B1 and :$B2, answering "hello from bN"
#                      on / and a 1 MiB body on /1m
#   start_sluice CFG ERR
#                      runs ./sluice run -f CFG (stderr to ERR) in the background through the
#                      launcher, so with the proxy's JVM flags; sets SLUICE_PID; waits until it listens.
#                      It runs in a session of its own (setsid), as a daemon or a service would and
#                      as HAProxy does: Linux's autogroup scheduler shares the CPU between sessions
#                      first, so a proxy left in the script's session would share one share with wrk
#                      (measured: TCP-mode p99 14-18 ms that way, 1.4-1.6 ms in its own session)

case ":$PATH:" in *:/usr/sbin:*) ;; *) export PATH=$PATH:/usr/sbin:/sbin ;; esac

bench_setup() {
  local need=()
  command -v nginx >/dev/null || need+=(nginx-light)
  command -v wrk >/dev/null || need+=(wrk)
  command -v haproxy >/dev/null || need+=(haproxy)
  command -v curl >/dev/null || need+=(curl)
  if ((${#need[@]})); then
    if ((EUID == 0)); then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" </dev/null >/dev/null
    else
      echo "$NAME: missing ${need[*]}; install them (apt-get install ${need[*]})" >&2
      exit 2
    fi
  fi
  if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package </dev/null)
  fi
  WORK="$(mktemp -d "/tmp/sluice-${NAME%.sh}.XXXXXX")"
  chmod 755 "$WORK" # nginx's workers run as another user and must read the 1 MiB file
  PIDS=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local p f
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for f in "$WORK"/*.pid; do
    [[ -f $f ]] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 0.5
  if [[ "${KEEP:-}" == 1 ]]; then echo "work directory: $WORK"; else rm -rf "$WORK"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_backends() {
  B1=$(free_port)
  B2=$(free_port)
  head -c 1048576 /dev/zero | tr '\0' 'x' >"$WORK/1m"
  mkdir -p "$WORK/tmp"
  cat >"$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err;
events { worker_connections 20000; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$B1; location / { return 200 "hello from b1\n"; } location = /1m { alias $WORK/1m; } }
  server { listen 127.0.0.1:$B2; location / { return 200 "hello from b2\n"; } location = /1m { alias $WORK/1m; } }
}
NGINX
  nginx -c "$WORK/nginx.conf"
}

start_sluice() { # config stderr-file
  SLUICE_NO_BUILD=1 setsid "$ROOT/sluice" run -f "$1" 2>"$2" &
  SLUICE_PID=$!
  PIDS+=("$SLUICE_PID")
  local _
  for _ in $(seq 100); do
    grep -q "proxy started" "$2" 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$2" >&2
  exit 1
}
