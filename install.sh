#!/bin/sh
# Installs dokku on Debian or Ubuntu, as root:
#   curl -fsSL https://dokku.example.com/install.sh | sudo sh     (downloads a release binary)
#   sudo ./install.sh                                              (from a checkout: ./dist/dokku)
#
# Where the binary comes from, first match wins:
#   1. DOKKU_BINARY=/path/to/dokku
#   2. ./dist/dokku of the checkout this script sits in (built with npm ci && npm run build when
#      missing and npm is there)
#   3. ${DOKKU_RELEASE_URL}/dokku-linux-<x64|arm64>, checked against the .sha256 file beside it
#
# Settings (environment):
#   DOKKU_RELEASE_URL    release base URL (https://, http:// or file://)
#   DOKKU_BIN_DIR        where the binary goes            (default /usr/local/bin)
#   DOKKU_USER           system user that owns the state  (default dokku)
#   DOKKU_ROOT           app repos, authorized_keys       (default /home/dokku, the user's home)
#   (dokku reads the same DOKKU_ROOT, DOKKU_LIB_ROOT and DOKKU_LOGS_DIR; keep the defaults on a server)
#   DOKKU_LIB_ROOT       properties, plugin data, plugins (default /var/lib/dokku)
#   DOKKU_LOGS_DIR       logs                             (default /var/log/dokku)
#   DOKKU_NGINX_ROOT     nginx's config dir: conf.d/dokku.conf includes the apps' configs (default /etc/nginx)
#   DOKKU_NGINX_BIN      the nginx the dokku user may test and reload via sudo (default /usr/sbin/nginx);
#                        its version decides whether the catch-all site also rejects unknown TLS names
#   DOKKU_NGINX_IPV6=1|0   the catch-all site also listens on [::] (default 1 when the kernel has IPv6)
#   DOKKU_SUDOERS_DIR    where the dokku-nginx sudoers rule goes (default /etc/sudoers.d)
#   DOKKU_LOGROTATE_DIR  where the logrotate rule for DOKKU_LOGS_DIR/*.log goes, when it exists (default /etc/logrotate.d)
#   DOKKU_SKIP_PACKAGES=1  do not apt-get install docker.io, nginx, openssh-server, git, sudo, cron, busybox-static
#   DOKKU_CRON_DIR       where the dokku-retire cron file goes, without systemd (default /etc/cron.d)
#   DOKKU_SYSTEMD_DIR    where dokku-retire.service and .timer go, with systemd (default /etc/systemd/system)
#                        and dokku-restore.service (ps:restore at boot; without systemd: DOKKU_CRON_DIR/dokku-restore)
#                        and dokku-event-listener.service (proxy:watch; without systemd: DOKKU_CRON_DIR/dokku-event-listener)
#   DOKKU_SKIP_SERVICES=1  do not start docker, nginx, sshd, cron, nor proxy:watch
# Running it again is harmless: it replaces the binary and keeps users, state and services.
set -eu

DEFAULT_RELEASE_URL="https://dokku.example.com/releases/latest"
# cron runs the apps' app.json cron tasks: dokku writes them to the dokku user's crontab.
# busybox-static: the swarm scheduler builds its router image from it and the host nginx
PACKAGES="docker.io nginx openssh-server git sudo cron busybox-static"

say() { printf -- '-----> %s\n' "$*"; }
detail() { printf -- '       %s\n' "$*"; }
warn() { printf -- ' !     %s\n' "$*" >&2; }
die() {
  warn "$@"
  exit 1
}

# The checkout this script sits in, if any; empty when piped to sh.
checkout_dir() {
  case "$0" in
    */install.sh | install.sh) ;;
    *) return 0 ;;
  esac
  [ -f "$0" ] || return 0
  dir=$(cd "$(dirname "$0")" && pwd)
  if [ -f "$dir/package.json" ] && [ -f "$dir/src/main.ts" ]; then
    printf '%s\n' "$dir"
  fi
}

release_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) die "No dokku release for $(uname -m); build from a checkout instead (npm ci && npm run build)" ;;
  esac
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand, then run again with DOKKU_SKIP_PACKAGES=1"
  say "Installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Downloads the release binary and its checksum into $1; fails, installing nothing, on a mismatch.
download_release() {
  target="$1"
  base="${DOKKU_RELEASE_URL:-$DEFAULT_RELEASE_URL}"
  base="${base%/}"
  name="dokku-linux-$(release_arch)"
  if ! command -v curl >/dev/null 2>&1; then
    [ "${DOKKU_SKIP_PACKAGES:-}" = "1" ] && die "curl is needed to download $name"
    apt_install curl ca-certificates
  fi
  say "Downloading $base/$name"
  curl -fsSL --retry 2 -o "$target" "$base/$name" || die "Could not download $base/$name"
  curl -fsSL --retry 2 -o "$target.sha256" "$base/$name.sha256" || die "Could not download $base/$name.sha256"
  expected=$(awk 'NR == 1 { print tolower($1) }' "$target.sha256")
  actual=$(sha256sum "$target" | awk '{ print $1 }')
  case "$expected" in
    "" | *[!0-9a-f]*) die "$name.sha256 holds no sha256 sum; nothing installed" ;;
  esac
  [ "${#expected}" -eq 64 ] || die "$name.sha256 holds no sha256 sum; nothing installed"
  [ "$expected" = "$actual" ] || die "Checksum mismatch for $name: expected $expected, got $actual; nothing installed"
  detail "sha256 $actual verified"
}

# Puts a usable binary at $1 (a temp path) from the first source that has one.
obtain_binary() {
  target="$1"
  if [ -n "${DOKKU_BINARY:-}" ]; then
    [ -f "$DOKKU_BINARY" ] || die "DOKKU_BINARY=$DOKKU_BINARY is not a file"
    say "Using $DOKKU_BINARY"
    cp "$DOKKU_BINARY" "$target"
    return 0
  fi
  checkout=$(checkout_dir)
  if [ -n "$checkout" ]; then
    if [ ! -f "$checkout/dist/dokku" ] && command -v npm >/dev/null 2>&1; then
      say "Building $checkout/dist/dokku"
      (cd "$checkout" && npm ci --no-audit --no-fund && npm run build) || die "Build failed"
    fi
    if [ -f "$checkout/dist/dokku" ]; then
      say "Using $checkout/dist/dokku"
      cp "$checkout/dist/dokku" "$target"
      return 0
    fi
  fi
  download_release "$target"
}

install_packages() {
  if [ "${DOKKU_SKIP_PACKAGES:-}" = "1" ]; then
    detail "Skipping packages (DOKKU_SKIP_PACKAGES=1)"
    return 0
  fi
  missing=""
  for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing="$missing $package"
    fi
  done
  if [ -n "$missing" ]; then
    # shellcheck disable=SC2086 # a list of package names
    apt_install $missing
  else
    detail "Packages present: $PACKAGES"
  fi
}

create_user() {
  user="$1"
  home="$2"
  if id -u "$user" >/dev/null 2>&1; then
    detail "User $user exists"
  else
    say "Creating system user $user (home $home)"
    getent group "$user" >/dev/null 2>&1 || groupadd --system "$user"
    useradd --system --gid "$user" --home-dir "$home" --no-create-home --shell /bin/bash "$user"
    # '*' rather than the locked '!': sshd refuses key logins to locked accounts without PAM.
    usermod -p '*' "$user"
  fi
  if getent group docker >/dev/null 2>&1; then
    usermod -aG docker "$user"
  else
    detail "No docker group yet; add $user to it once docker is installed (usermod -aG docker $user)"
  fi
}

make_owned_dir() {
  mode="$1"
  shift
  for dir in "$@"; do
    mkdir -p "$dir"
    chown "$DOKKU_USER:$DOKKU_USER" "$dir"
    chmod "$mode" "$dir"
  done
}

# nginx hands a request whose Host (or TLS name) no server_name matches to the port's default
# server: without one, the first app's server block. Dokku ships a catch-all default site for
# that (its docs: "Default site"), loaded from conf.d/ before dokku.conf: it closes such
# connections without a response (444) and, on nginx >= 1.19.4, rejects their TLS handshakes.
# Prints the site: $1 = 1 adds port 443 with ssl_reject_handshake, $2 = 1 the [::] listens.
default_site_conf() {
  cat <<'CONF'
# Written by dokku's install.sh: the default server for requests whose Host (or TLS name) no app
# serves. It closes the connection without a response, so they never reach an app's server.
# Safe to edit: install.sh keeps this file. To turn it off, rename it to 00-default-vhost.conf.disabled
# and reload nginx; install.sh then leaves it off.
server {
    listen      80 default_server;
CONF
  if [ "$2" = 1 ]; then echo '    listen      [::]:80 default_server;'; fi
  if [ "$1" = 1 ]; then
    echo '    listen      443 ssl default_server;'
    if [ "$2" = 1 ]; then echo '    listen      [::]:443 ssl default_server;'; fi
  fi
  printf '\n    server_name _;\n    access_log  off;\n\n'
  if [ "$1" = 1 ]; then echo '    ssl_reject_handshake on;'; fi
  printf '    return 444;\n}\n'
}

# Succeeds when the nginx at $1 is 1.19.4 or later (ssl_reject_handshake); fails when older or unknown.
nginx_rejects_handshakes() {
  [ -x "$1" ] || return 1
  version=$("$1" -v 2>&1 | sed -n 's|^nginx version: [^/]*/\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\).*|\1|p')
  [ -n "$version" ] || return 1
  echo "$version" | awk -F. '{ exit !($1 * 1000000 + $2 * 1000 + $3 >= 1019004) }'
}

listens_on_ipv6() {
  case "${DOKKU_NGINX_IPV6:-}" in
    1) return 0 ;;
    0) return 1 ;;
  esac
  [ -e /proc/net/if_inet6 ]
}

# The md5 dpkg recorded for nginx-common's stock /etc/nginx/sites-available/default (a conffile,
# so in dpkg's status, not in nginx-common.md5sums); empty when unknown.
stock_default_site_md5() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  dpkg-query -W -f='${Conffiles}\n' nginx-common 2>/dev/null |
    awk '$1 == "/etc/nginx/sites-available/default" { print $2; exit }'
}

# Debian's nginx enables its default site (listen 80 default_server) with a link in sites-enabled/;
# beside the catch-all nginx would refuse "a duplicate default server". Dokku's installer removes
# it; so do we, but only while it is Debian's stock file: an edited one is the operator's and stays.
disable_stock_default_site() {
  enabled="$1/sites-enabled/default"
  [ -f "$enabled" ] || return 0
  stock=$(stock_default_site_md5)
  [ -n "$stock" ] || return 0
  [ "$(md5sum <"$enabled" | awk '{ print $1 }')" = "$stock" ] || return 0
  if [ -L "$enabled" ]; then
    rm -f "$enabled"
    detail "Disabled Debian's stock default site: removed the link $enabled (the file it points to stays)"
    return 0
  fi
  rm -f "$enabled"
  detail "Removed $enabled: an unchanged copy of Debian's stock default site"
}

# Files nginx loads that already claim default_server: the catch-all would collide with them.
default_server_claims() {
  for file in "$1/nginx.conf" "$1"/conf.d/*.conf "$1"/sites-enabled/*; do
    [ -f "$file" ] || continue
    [ "$file" != "$1/conf.d/00-default-vhost.conf" ] || continue
    if grep -Eq '^[[:space:]]*listen[[:space:]][^#]*default_server' "$file"; then echo "$file"; fi
  done
}

setup_default_site() {
  nginx_root="$1"
  site="$nginx_root/conf.d/00-default-vhost.conf"
  if [ -e "$site.disabled" ]; then
    detail "$site.disabled: the catch-all default site stays off"
    return 0
  fi
  disable_stock_default_site "$nginx_root"
  if [ -e "$site" ]; then
    detail "$site kept: requests for unknown hosts get no response"
    return 0
  fi
  claims=$(default_server_claims "$nginx_root")
  if [ -n "$claims" ]; then
    echo "$claims" | while IFS= read -r file; do
      warn "Kept $file: it claims default_server, so it answers requests for hosts no app serves"
    done
    warn "No catch-all default site installed; to have one, drop default_server there and run install.sh again"
    return 0
  fi
  tls=0
  if nginx_rejects_handshakes "$2"; then tls=1; fi
  ipv6=0
  if listens_on_ipv6; then ipv6=1; fi
  default_site_conf "$tls" "$ipv6" >"$nginx_root/conf.d/.00-default-vhost.$$"
  chmod 0644 "$nginx_root/conf.d/.00-default-vhost.$$"
  mv -f "$nginx_root/conf.d/.00-default-vhost.$$" "$site"
  if [ "$tls" = 1 ]; then
    detail "$site: requests for unknown hosts get no response, on http and https"
  else
    detail "$site: requests for unknown hosts get no response, on http (nginx before 1.19.4 cannot reject TLS handshakes)"
  fi
}

# nginx loads every app's config (written by dokku as DOKKU_ROOT/<app>/nginx.conf) through one
# include, and the dokku user may check and reload nginx through sudo, and nothing else:
# exactly `nginx -t` and `nginx -s reload` (Dokku's rule also allows `nginx -t -c *`, which
# would let the dokku user make root load any file as nginx config: left out).
setup_nginx() {
  nginx_root="${DOKKU_NGINX_ROOT:-/etc/nginx}"
  nginx_bin="${DOKKU_NGINX_BIN:-/usr/sbin/nginx}"
  sudoers_dir="${DOKKU_SUDOERS_DIR:-/etc/sudoers.d}"
  say "Configuring nginx for dokku apps"
  mkdir -p "$nginx_root/conf.d"
  cat >"$nginx_root/conf.d/dokku.conf" <<CONF
# Written by dokku's install.sh: every app's config, rendered and checked by dokku.
include $DOKKU_ROOT/*/nginx.conf;

server_tokens off;

ssl_session_cache   shared:SSL:20m;
ssl_session_timeout 1d;
ssl_session_tickets off;
CONF
  # long domain names need a larger bucket; kept when the admin has one
  [ -f "$nginx_root/conf.d/server_names_hash_bucket_size.conf" ] ||
    echo 'server_names_hash_bucket_size 512;' >"$nginx_root/conf.d/server_names_hash_bucket_size.conf"
  detail "$nginx_root/conf.d/dokku.conf includes $DOKKU_ROOT/*/nginx.conf"
  setup_default_site "$nginx_root" "$nginx_bin"
  mkdir -p "$sudoers_dir"
  rule="$sudoers_dir/.dokku-nginx.$$"
  printf '%s ALL=(root) NOPASSWD: %s -t, %s -s reload\n' "$DOKKU_USER" "$nginx_bin" "$nginx_bin" >"$rule"
  chmod 0440 "$rule"
  if command -v visudo >/dev/null 2>&1 && ! visudo -cqf "$rule"; then
    rm -f "$rule"
    die "visudo refused the sudoers rule for $DOKKU_USER"
  fi
  mv -f "$rule" "$sudoers_dir/dokku-nginx"
  detail "$sudoers_dir/dokku-nginx lets $DOKKU_USER run: $nginx_bin -t, $nginx_bin -s reload"
}

# Where the timers' cron files go without systemd.
cron_dir() {
  printf '%s\n' "${DOKKU_CRON_DIR:-/etc/cron.d}"
}

# A cron file's text ($1: what it is for, $2: its one schedule line), with the environment every
# dokku run needs.
cron_file() {
  cat <<CRON
# Written by dokku's install.sh: $1
PATH=/usr/local/bin:/usr/bin:/bin
SHELL=/bin/sh
DOKKU_ROOT=$DOKKU_ROOT
DOKKU_LIB_ROOT=$DOKKU_LIB_ROOT
DOKKU_LOGS_DIR=$DOKKU_LOGS_DIR

$2
CRON
}

# Puts stdin in place as the cron file $1 (0644), atomically: cron never reads half a file.
put_cron_file() {
  cron_target=$(cron_dir)
  mkdir -p "$cron_target"
  cat >"$cron_target/.$1.$$"
  chmod 0644 "$cron_target/.$1.$$"
  mv -f "$cron_target/.$1.$$" "$cron_target/$1"
}

# Puts stdin in place as the systemd unit $1, atomically, and has systemd read it.
put_systemd_unit() {
  unit_dir="${DOKKU_SYSTEMD_DIR:-/etc/systemd/system}"
  cat >"$unit_dir/.$1.$$"
  mv -f "$unit_dir/.$1.$$" "$unit_dir/$1"
  systemctl daemon-reload
}

# Old containers wait `checks:set wait-to-retire` seconds (60) after a deploy, queued on disk;
# `dokku ps:retire`, run every minute as the dokku user, retires those whose time has come:
# a systemd timer where systemd runs (and services are managed), else a cron file.
setup_retire_timer() {
  dokku_bin="$DOKKU_BIN_DIR/dokku"
  if [ -d /run/systemd/system ] && [ "${DOKKU_SKIP_SERVICES:-}" != "1" ]; then
    put_systemd_unit dokku-retire.service <<UNIT
[Unit]
Description=Dokku retire service
Requires=docker.service
After=docker.service

[Service]
Type=oneshot
User=$DOKKU_USER
Environment=DOKKU_ROOT=$DOKKU_ROOT DOKKU_LIB_ROOT=$DOKKU_LIB_ROOT DOKKU_LOGS_DIR=$DOKKU_LOGS_DIR
ExecStart=$dokku_bin ps:retire
SuccessExitStatus=137
UNIT
    put_systemd_unit dokku-retire.timer <<UNIT
[Unit]
Description=Run dokku-retire.service every minute

[Timer]
OnCalendar=*:*:00
Persistent=true

[Install]
WantedBy=timers.target
UNIT
    systemctl enable --now dokku-retire.timer >/dev/null 2>&1 || die "Could not enable dokku-retire.timer"
    detail "dokku-retire.timer runs $dokku_bin ps:retire every minute as $DOKKU_USER"
    return 0
  fi
  cron_file "retires old containers once their wait-to-retire has passed." \
    "* * * * * $DOKKU_USER $dokku_bin ps:retire >> $DOKKU_LOGS_DIR/retire.log 2>&1" | put_cron_file dokku-retire
  detail "$(cron_dir)/dokku-retire runs $dokku_bin ps:retire every minute as $DOKKU_USER"
}

# At boot `dokku ps:restore`, as the dokku user, starts every deployed app that was running
# (apps stopped with `ps:stop` stay stopped): a systemd unit after docker where systemd runs,
# else an @reboot line in the cron dir that waits for docker first.
restore_unit() {
  cat <<UNIT
[Unit]
Description=Dokku restore service: starts the apps that were running
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target

[Service]
Type=oneshot
User=$DOKKU_USER
Environment=DOKKU_ROOT=$DOKKU_ROOT DOKKU_LIB_ROOT=$DOKKU_LIB_ROOT DOKKU_LOGS_DIR=$DOKKU_LOGS_DIR
ExecStart=$1 ps:restore
RemainAfterExit=yes
TimeoutStartSec=0

[Install]
WantedBy=multi-user.target
UNIT
}

restore_cron() {
  cron_file "at boot, once docker answers (up to two minutes), starts the apps that were running." \
    "@reboot $DOKKU_USER i=0; until docker info >/dev/null 2>&1 || [ \$i -ge 120 ]; do i=\$((i+1)); sleep 1; done; $1 ps:restore >> $DOKKU_LOGS_DIR/restore.log 2>&1"
}

setup_restore_on_boot() {
  dokku_bin="$DOKKU_BIN_DIR/dokku"
  if [ -d /run/systemd/system ] && [ "${DOKKU_SKIP_SERVICES:-}" != "1" ]; then
    restore_unit "$dokku_bin" | put_systemd_unit dokku-restore.service
    systemctl enable dokku-restore.service >/dev/null 2>&1 || die "Could not enable dokku-restore.service"
    detail "dokku-restore.service runs $dokku_bin ps:restore at boot as $DOKKU_USER"
    return 0
  fi
  restore_cron "$dokku_bin" | put_cron_file dokku-restore
  detail "$(cron_dir)/dokku-restore runs $dokku_bin ps:restore at boot as $DOKKU_USER"
}

# When dockerd restarts (or the host reboots) it brings the apps' containers back at new
# addresses, maybe each other's old ones. `dokku proxy:watch` (Dokku ships the same job as
# dokku-event-listener) follows Docker's events and re-points an app's nginx config when its
# web containers come back; it keeps no state, and a second one exits at once (it holds a lock).
# Where systemd runs: a service restarted whenever it stops. Else a cron line starts it every
# minute if it is not running, and it is started now, in the background, as the dokku user.
event_listener_unit() {
  cat <<UNIT
[Unit]
Description=Dokku event listener: re-points an app's proxy when Docker restarts its containers
Wants=docker.service
After=docker.service

[Service]
User=$DOKKU_USER
Environment=DOKKU_ROOT=$DOKKU_ROOT DOKKU_LIB_ROOT=$DOKKU_LIB_ROOT DOKKU_LOGS_DIR=$DOKKU_LOGS_DIR
ExecStart=$1 proxy:watch
Restart=always
RestartSec=5s
StandardInput=null
KillMode=mixed
TimeoutStopSec=15

[Install]
WantedBy=multi-user.target
UNIT
}

event_listener_cron() {
  cron_file "keeps \`dokku proxy:watch\` running (a second one exits at once: the first holds its lock)." \
    "* * * * * $DOKKU_USER $1 proxy:watch >> $DOKKU_LOGS_DIR/event-listener.log 2>&1"
}

# Starts `proxy:watch` in the background as the dokku user, in place of the one running (an older
# binary's); never two: the watcher's lock holds its pid, and a second watcher exits at once.
start_event_listener() {
  dokku_bin="$1"
  lock="$DOKKU_LIB_ROOT/data/proxy/watch.lock"
  if [ -f "$lock" ] && ! flock -n "$lock" true; then
    pid=$(sed -n 's/^proxy:watch pid=\([0-9][0-9]*\) .*/\1/p' "$lock")
    if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'proxy:watch'; then
      kill "$pid" 2>/dev/null || true
      tries=0
      while ! flock -n "$lock" true && [ "$tries" -lt 100 ]; do
        tries=$((tries + 1))
        sleep 0.1
      done
    fi
  fi
  log="$DOKKU_LOGS_DIR/event-listener.log"
  # the dokku user's cron line appends to it too
  touch "$log" && chown "$DOKKU_USER:$DOKKU_USER" "$log"
  (DOKKU_ROOT="$DOKKU_ROOT" DOKKU_LIB_ROOT="$DOKKU_LIB_ROOT" DOKKU_LOGS_DIR="$DOKKU_LOGS_DIR" \
    setsid setpriv --reuid="$DOKKU_USER" --regid="$DOKKU_USER" --init-groups -- "$dokku_bin" proxy:watch >>"$log" 2>&1 </dev/null &)
}

setup_event_listener() {
  dokku_bin="$DOKKU_BIN_DIR/dokku"
  if [ -d /run/systemd/system ] && [ "${DOKKU_SKIP_SERVICES:-}" != "1" ]; then
    event_listener_unit "$dokku_bin" | put_systemd_unit dokku-event-listener.service
    systemctl enable dokku-event-listener.service >/dev/null 2>&1 || die "Could not enable dokku-event-listener.service"
    # restart: a running one still runs the binary this install replaced
    systemctl restart dokku-event-listener.service || die "Could not start dokku-event-listener.service"
    detail "dokku-event-listener.service runs $dokku_bin proxy:watch as $DOKKU_USER"
    return 0
  fi
  event_listener_cron "$dokku_bin" | put_cron_file dokku-event-listener
  detail "$(cron_dir)/dokku-event-listener keeps $dokku_bin proxy:watch running as $DOKKU_USER"
  if [ "${DOKKU_SKIP_SERVICES:-}" = "1" ]; then return 0; fi
  start_event_listener "$dokku_bin"
  detail "proxy:watch started (log: $DOKKU_LOGS_DIR/event-listener.log)"
}

process_running() {
  pidfile="$1"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# Without systemd nothing reads the cron files above (dokku-retire every minute, dokku-restore's
# @reboot line) nor the dokku user's crontab (the apps' app.json cron tasks) until a cron daemon
# runs: start one, unless one runs already ($1: its pid file, /run/crond.pid for Debian's cron).
# The first cron started after boot also runs the @reboot lines: ps:restore, which leaves running
# apps as they are.
start_cron() {
  if process_running "$1"; then
    detail "cron running"
    return 0
  fi
  cron || die "cron did not start"
  # cron forks before it writes its pid file: wait for it, so that the next run finds it running
  tries=0
  until process_running "$1"; do
    tries=$((tries + 1))
    [ "$tries" -le 50 ] || die "cron did not start: $1 names no running process"
    sleep 0.1
  done
  detail "cron started"
}

start_services() {
  if [ "${DOKKU_SKIP_SERVICES:-}" = "1" ]; then
    detail "Skipping services (DOKKU_SKIP_SERVICES=1)"
    return 0
  fi
  if [ -d /run/systemd/system ]; then
    say "Enabling docker, nginx and ssh (systemd)"
    systemctl enable --now docker nginx ssh >/dev/null 2>&1 || systemctl enable --now docker nginx sshd
    systemctl reload nginx || die "nginx refused its config; see: nginx -t"
    systemctl enable --now cron >/dev/null 2>&1 || die "Could not enable cron"
    detail "cron enabled: it runs the apps' app.json cron tasks"
    return 0
  fi
  say "Starting docker, nginx and sshd (no systemd)"
  if ! docker info >/dev/null 2>&1; then
    (setsid dockerd >/var/log/dockerd.log 2>&1 &)
    tries=0
    until docker info >/dev/null 2>&1; do
      tries=$((tries + 1))
      [ "$tries" -le 60 ] || die "dockerd did not start; see /var/log/dockerd.log"
      sleep 1
    done
  fi
  detail "docker running"
  if process_running /run/nginx.pid; then
    nginx -t 2>/dev/null && nginx -s reload || die "nginx refused its config; see: nginx -t"
  else
    nginx || die "nginx did not start"
  fi
  detail "nginx running"
  mkdir -p /run/sshd
  process_running /run/sshd.pid || /usr/sbin/sshd || die "sshd did not start"
  detail "sshd running"
  start_cron /run/crond.pid
}

# Dokku's state files the binary reads and writes as the dokku user: the global config dir, the
# .dokkurc dir (trace:on writes DOKKU_TRACE there) and authorized_keys (0600, as sshcommand
# creates it; ssh-keys:add writes it). Existing files keep their content.
setup_state_files() {
  make_owned_dir 0755 "$DOKKU_LIB_ROOT/config/--global" "$DOKKU_ROOT/.dokkurc"
  keys="$DOKKU_ROOT/.ssh/authorized_keys"
  [ -f "$keys" ] || : >"$keys"
  chown "$DOKKU_USER:$DOKKU_USER" "$keys"
  chmod 0600 "$keys"
}

# The logs dir and the event log as Dokku's events plugin leaves them: the dir 775 and events.log
# 664, group dokku, owned by the syslog user where one exists (Ubuntu), else by the dokku user;
# and a logrotate rule for DOKKU_LOGS_DIR/*.log (copytruncate: dokku appends with O_APPEND),
# kept when present. No rsyslog filter: dokku writes events.log itself, not through syslog.
setup_logs() {
  logs_owner="$DOKKU_USER"
  if id -u syslog >/dev/null 2>&1; then logs_owner=syslog; fi
  mkdir -p "$DOKKU_LOGS_DIR"
  chown "$logs_owner:$DOKKU_USER" "$DOKKU_LOGS_DIR"
  chmod 0775 "$DOKKU_LOGS_DIR"
  events="$DOKKU_LOGS_DIR/events.log"
  if [ ! -f "$events" ]; then
    : >"$events"
    chown "$logs_owner:$DOKKU_USER" "$events"
    chmod 0664 "$events"
  fi
  logrotate_dir="${DOKKU_LOGROTATE_DIR:-/etc/logrotate.d}"
  [ -d "$logrotate_dir" ] || return 0
  [ ! -f "$logrotate_dir/dokku" ] || return 0
  cat >"$logrotate_dir/.dokku.$$" <<CONF
$DOKKU_LOGS_DIR/*.log {
        daily
        missingok
        rotate 7
        compress
        delaycompress
        notifempty
        copytruncate
}
CONF
  chmod 0644 "$logrotate_dir/.dokku.$$"
  mv -f "$logrotate_dir/.dokku.$$" "$logrotate_dir/dokku"
  detail "$logrotate_dir/dokku rotates $DOKKU_LOGS_DIR/*.log daily"
}

main() {
  [ "$(id -u)" = "0" ] || die "Run as root: curl -fsSL <url>/install.sh | sudo sh, or sudo ./install.sh"
  if [ "${DOKKU_SKIP_PACKAGES:-}" != "1" ] && [ ! -f /etc/debian_version ]; then
    die "Only Debian and Ubuntu are supported (or set DOKKU_SKIP_PACKAGES=1 with docker, nginx, sshd and git installed)"
  fi

  case "${DOKKU_NGINX_IPV6:-}" in
    "" | 0 | 1) ;;
    *) die "DOKKU_NGINX_IPV6 must be 1 or 0, not ${DOKKU_NGINX_IPV6}" ;;
  esac

  DOKKU_USER="${DOKKU_USER:-dokku}"
  DOKKU_ROOT="${DOKKU_ROOT:-/home/dokku}"
  DOKKU_LIB_ROOT="${DOKKU_LIB_ROOT:-/var/lib/dokku}"
  DOKKU_LOGS_DIR="${DOKKU_LOGS_DIR:-/var/log/dokku}"
  DOKKU_BIN_DIR="${DOKKU_BIN_DIR:-/usr/local/bin}"

  # Fetch and verify first: a bad download leaves the machine untouched.
  mkdir -p "$DOKKU_BIN_DIR"
  staged="$DOKKU_BIN_DIR/.dokku.install.$$"
  trap 'rm -f "$staged" "$staged.sha256"' EXIT
  obtain_binary "$staged"
  chmod 0755 "$staged"
  "$staged" version >/dev/null 2>&1 || die "The dokku binary does not run on this machine; nothing installed"

  install_packages
  create_user "$DOKKU_USER" "$DOKKU_ROOT"
  say "Creating state directories"
  make_owned_dir 0755 "$DOKKU_ROOT" "$DOKKU_LIB_ROOT" "$DOKKU_LIB_ROOT/config" "$DOKKU_LIB_ROOT/data" \
    "$DOKKU_LIB_ROOT/plugins"
  make_owned_dir 0700 "$DOKKU_ROOT/.ssh"
  setup_state_files
  setup_logs
  setup_nginx

  mv -f "$staged" "$DOKKU_BIN_DIR/dokku"
  say "Installed $DOKKU_BIN_DIR/dokku ($("$DOKKU_BIN_DIR/dokku" version))"
  setup_retire_timer
  setup_restore_on_boot

  start_services
  setup_event_listener

  host=$(hostname -f 2>/dev/null || hostname)
  cat <<NEXT

Next steps:
  1. Add your SSH key as a Dokku user:
       cat ~/.ssh/id_ed25519.pub | sudo dokku ssh-keys:add admin
  2. Create an app on this server, then push to it from your project:
       sudo dokku apps:create app
       git remote add dokku dokku@$host:app && git push dokku main
NEXT
}

# DOKKU_INSTALL_FUNCTIONS_ONLY=1: define the functions and stop (tests render the boot unit with them)
[ "${DOKKU_INSTALL_FUNCTIONS_ONLY:-}" = "1" ] || main "$@"
