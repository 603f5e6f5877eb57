#!/usr/bin/env bash
# Runs Dokku's own bats unit tests against the installed dokku binary and prints pass/fail per file
# and in total. Nothing of Dokku's lives in this repo: pass the path of a checkout of
# https://github.com/dokku/dokku (its tests/unit tree and fixtures are used in place).
#
#   compat/run-dokku-bats.sh <dokku checkout> [file ...]
#
# Files are names under tests/unit without .bats (apps_1, config, ...); without any, the list in
# compat/files.txt. Tests named in compat/excluded.txt (file, tab, test name, tab, reason) are run
# but counted apart: they need a registry image or a Dokku shell plugin cloned from the internet.
# Needs root, bats and uuid-runtime (apt-get install bats uuid-runtime), and an installed dokku
# (sudo ./install.sh). Dokku's tests remove every container on the machine between tests: never run
# this beside anything else that uses Docker. Each file is bounded by COMPAT_FILE_TIMEOUT seconds
# (default 900). COMPAT_LOG_DIR keeps each file's TAP output (default: a temp dir, printed).
#
# Before the first file it prepares the machine as Dokku's own `make setup-deploy-tests` does, so
# the tests that reach dokku over SSH find it: `dokku.me` in /etc/hosts (127.0.0.1), the key pair
# /root/.ssh/dokku_test_rsa added as the `test` SSH key, a `Host dokku.me` block in
# /root/.ssh/config, and dokku.me as the only global domain. COMPAT_SKIP_SETUP=1 skips
# this (then SSH tests fail unless the machine is set up otherwise).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { printf ' !     %s\n' "$*" >&2; exit 1; }

(($# >= 1)) || die "usage: compat/run-dokku-bats.sh <dokku checkout> [file ...]"
checkout="$(cd "$1" 2>/dev/null && pwd)" || die "no such directory: $1"
shift
unit="$checkout/tests/unit"
[[ -f "$unit/test_helper.bash" ]] || die "$checkout is not a dokku checkout (no tests/unit/test_helper.bash)"
command -v bats >/dev/null || die "bats is not installed (apt-get install bats)"
command -v uuidgen >/dev/null || die "uuidgen is not installed (apt-get install uuid-runtime)"
command -v dokku >/dev/null || die "dokku is not installed (sudo ./install.sh)"
((EUID == 0)) || die "run as root: Dokku's tests manage the dokku user's files"

if (($# > 0)); then
  files=("$@")
else
  mapfile -t files < <(grep -v '^#' "$here/files.txt" | sed '/^[[:space:]]*$/d')
fi
for file in "${files[@]}"; do
  [[ -f "$unit/$file.bats" ]] || die "no such test file: tests/unit/$file.bats"
done

logs="${COMPAT_LOG_DIR:-$(mktemp -d)}"
mkdir -p "$logs"
: >"$logs/failed.txt"
: >"$logs/skipped.txt"
timeout_s="${COMPAT_FILE_TIMEOUT:-900}"
excluded="${COMPAT_EXCLUDED:-$here/excluded.txt}"

is_excluded() { # file, test name
  [[ -f "$excluded" ]] && awk -F'\t' -v f="$1" -v t="$2" '$1 == f && $2 == t { found = 1 } END { exit !found }' "$excluded"
}

setup_like_dokku_ci() {
  local domain=dokku.me key=/root/.ssh/dokku_test_rsa
  grep -Eq "^127\.0\.0\.1[[:space:]].*[[:space:]]$domain([[:space:]]|\$)" /etc/hosts ||
    echo "127.0.0.1  $domain www.test.app.$domain" >>/etc/hosts
  install -d -m 700 /root/.ssh
  [[ -f "$key" ]] || ssh-keygen -q -t ed25519 -N '' -f "$key" -C dokku-compat-test
  grep -q "^Host $domain\$" /root/.ssh/config 2>/dev/null ||
    printf 'Host %s\n  IdentityFile %s\n  StrictHostKeyChecking accept-new\n' "$domain" "$key" >>/root/.ssh/config
  dokku ssh-keys:remove test >/dev/null 2>&1 || true
  dokku ssh-keys:add test "$key.pub" >/dev/null || die "could not add $key.pub as the ssh key test"
  [[ "$(dokku domains:report --global --domains-global-vhosts 2>/dev/null)" == "$domain" ]] ||
    dokku domains:set-global "$domain" >/dev/null
}

reset_state() {
  dokku trace:off >/dev/null 2>&1 || true
  dokku --quiet apps:list 2>/dev/null | xargs --no-run-if-empty -n1 dokku --force apps:destroy >/dev/null 2>&1 || true
}

[[ "${COMPAT_SKIP_SETUP:-}" == 1 ]] || setup_like_dokku_ci

total_pass=0 total_fail=0 total_xpass=0 total_xfail=0 total_skipped=0
printf '%-20s %6s %6s %10s %8s\n' file pass fail excluded skipped
for file in "${files[@]}"; do
  reset_state
  tap="$logs/$file.tap"
  (cd "$unit" && timeout --kill-after=10 "$timeout_s" bats --tap "$file.bats") >"$tap" 2>&1
  pass=0 fail=0 xpass=0 xfail=0 skipped=0
  while IFS= read -r line; do
    if [[ "$line" =~ ^(not\ ok|ok)\ [0-9]+\ (.*)$ ]]; then
      name="${BASH_REMATCH[2]}"
      ok=1
      [[ "${BASH_REMATCH[1]}" == "not ok" ]] && ok=0
      if [[ "$name" == *" # skip"* ]]; then
        skipped=$((skipped + 1))
        printf '%s\t%s\n' "$file" "${name%% \# skip*}" >>"$logs/skipped.txt"
        continue
      fi
      if is_excluded "$file" "$name"; then
        if ((ok)); then xpass=$((xpass + 1)); else xfail=$((xfail + 1)); fi
      elif ((ok)); then
        pass=$((pass + 1))
      else
        fail=$((fail + 1))
        printf '%s\t%s\n' "$file" "$name" >>"$logs/failed.txt"
      fi
    fi
  done <"$tap"
  printf '%-20s %6d %6d %10d %8d\n' "$file" "$pass" "$fail" "$((xpass + xfail))" "$skipped"
  total_skipped=$((total_skipped + skipped))
  total_pass=$((total_pass + pass)) total_fail=$((total_fail + fail))
  total_xpass=$((total_xpass + xpass)) total_xfail=$((total_xfail + xfail))
done
reset_state

counted=$((total_pass + total_fail))
percent=0
((counted > 0)) && percent=$((total_pass * 1000 / counted))
printf '%-20s %6d %6d %10d %8d\n' total "$total_pass" "$total_fail" "$((total_xpass + total_xfail))" "$total_skipped"
printf 'passed %d of %d counted tests (%d.%d%%); excluded: %d (%d of them passed)\n' \
  "$total_pass" "$counted" $((percent / 10)) $((percent % 10)) "$((total_xpass + total_xfail))" "$total_xpass"
printf 'TAP output per file, failed.txt and skipped.txt (bats skips count neither way): %s\n' "$logs"
