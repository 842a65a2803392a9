#!/usr/bin/env bash
# Checks a vlmgr .deb on this machine: lintian, then install it (dpkg -i), use it as the
# README says (man pages, bash completion, units, the timer's state set up as the vlmgr
# user and read by the service's command line), remove it (dpkg -r) and purge it,
# checking that no file of the package is left. It changes the system, so it runs as
# root, refuses to touch an installed vlmgr package, and is meant for CI (.ci/run).
#
# Usage: dist/check-deb.sh path/to/vlmgr_<version>_<arch>.deb
set -euo pipefail

fail() {
  echo "check-deb: FAIL: $*" >&2
  exit 1
}
step() { echo "check-deb: $*"; }

deb=${1:?usage: dist/check-deb.sh path/to/vlmgr.deb}
[ -f "$deb" ] || fail "no such package: $deb"
[ "$(id -u)" = 0 ] || fail "must run as root (it installs and removes the package)"
if [ "$(dpkg-query -W -f='${Status}' vlmgr 2>/dev/null || true)" = "install ok installed" ]; then
  fail "a vlmgr package is installed already; this check installs and removes its own"
fi
unit_dir=/usr/lib/systemd/system
state_dir=/var/lib/vlmgr

step "lintian (fails on errors; warnings and notes are listed)"
rc=0
report=$(lintian --display-info --fail-on error "$deb" 2>&1) || rc=$?
printf '%s\n' "$report" | grep -v 'running with root privileges' || true
[ "$rc" = 0 ] || fail "lintian reports errors (exit $rc)"

step "dpkg -i $deb"
dpkg -i "$deb" >/dev/null
files=$(mktemp)
trap 'rm -f "$files"' EXIT
dpkg-query -L vlmgr >"$files"

version=$(dpkg-deb -f "$deb" Version)
[ "$(vlmgr --version)" = "vlmgr ${version%-*}" ] || fail "vlmgr --version says '$(vlmgr --version)', package is $version"
[ "$(command -v vlmgr)" = /usr/bin/vlmgr ] || fail "vlmgr is not /usr/bin/vlmgr"
# vlmgr(1) and every page its SEE ALSO names (a command's page), found by man, gzipped;
# then one read as a user reads it.
man_dir=/usr/share/man/man1
mapfile -t pages < <(zcat "$man_dir/vlmgr.1.gz" | sed -n '/^\.SH "SEE ALSO"/,/^\.SH/p' | grep -o 'vlmgr\\-[a-z]*\(\\-[a-z]*\)*' | sed 's/\\//g')
pages=(vlmgr "${pages[@]}")
[ "${#pages[@]}" -gt 10 ] || fail "vlmgr(1)'s SEE ALSO names only: ${pages[*]}"
for page in "${pages[@]}"; do
  [ "$(man -w "$page")" = "$man_dir/$page.1.gz" ] || fail "man -w $page: $(man -w "$page" 2>&1)"
  gzip -t "$man_dir/$page.1.gz" || fail "the man page $page is not gzipped"
done
ato_page=$(MANPAGER=cat MANWIDTH=80 man vlmgr-ato 2>&1) || fail "man vlmgr-ato: $ato_page"
grep -q -- '--retry-interval' <<<"$ato_page" || fail "man vlmgr-ato does not show ato's options: $ato_page"
bash -c 'source /usr/share/bash-completion/completions/vlmgr && complete -p vlmgr' | grep -q -- '-F _vlmgr vlmgr' ||
  fail "the bash completion does not load"
for f in /usr/share/zsh/vendor-completions/_vlmgr /usr/share/fish/vendor_completions.d/vlmgr.fish \
  /usr/share/doc/vlmgr/README.md /usr/share/doc/vlmgr/copyright /usr/share/doc/vlmgr/changelog.Debian.gz; do
  [ -s "$f" ] || fail "$f is missing"
done
step "systemd-analyze verify"
systemd-analyze verify "$unit_dir/vlmgr-renew.service" "$unit_dir/vlmgr-renew.timer" || fail "systemd-analyze verify"
systemd-analyze security --offline=true "$unit_dir/vlmgr-renew.service" 2>&1 | tail -n1
for wants in /etc/systemd/system/*.wants/vlmgr-renew.*; do
  [ ! -e "$wants" ] || fail "the package enabled $wants"
done

step "the timer's state: set up as the vlmgr user, then used by the service's own command line"
getent passwd vlmgr >/dev/null || fail "no system user vlmgr"
[ "$(stat -c '%U:%G %a' "$state_dir")" = "vlmgr:vlmgr 700" ] || fail "$state_dir is $(stat -c '%U:%G %a' "$state_dir")"
as_vlmgr() { runuser -u vlmgr -- vlmgr --state-dir "$state_dir" "$@"; }
as_vlmgr ipk NPPR9-FWDCX-D2C8J-H872K-2YT43 >/dev/null
# Port 1 on loopback refuses: the run fails as "unreachable" (exit 3) without sending anything.
as_vlmgr skms 127.0.0.1:1 >/dev/null
exec_start=$(sed -n 's/^ExecStart=//p' "$unit_dir/vlmgr-renew.service")
[ -n "$exec_start" ] || fail "no ExecStart= in the service"
rc=0
# shellcheck disable=SC2086 # the unit's command line, split as systemd splits it (no quotes in it)
setpriv --reuid vlmgr --regid vlmgr --init-groups --no-new-privs --bounding-set=-all -- \
  env -i PATH=/usr/bin:/bin $exec_start >/dev/null 2>&1 || rc=$?
[ "$rc" = 3 ] || fail "the service's command ($exec_start) exited $rc, expected 3 (host unreachable)"
as_vlmgr --json dlv | grep -q '"0xC004F074"' || fail "the service's run was not recorded in the state"
[ -z "$(find "$state_dir" ! -user vlmgr)" ] || fail "files in $state_dir not owned by vlmgr: $(find "$state_dir" ! -user vlmgr)"

step "dpkg -r vlmgr"
dpkg -r vlmgr >/dev/null
left=()
while IFS= read -r path; do
  [ -e "$path" ] || [ -L "$path" ] || continue
  # A directory another package owns too (/usr/bin, /usr/share/man/man1, ...) stays.
  if [ -d "$path" ] && [ ! -L "$path" ] && dpkg-query -S "$path" 2>/dev/null | cut -d: -f1 | tr -s ', ' '\n' | grep -qvx -e vlmgr -e ''; then
    continue
  fi
  left+=("$path")
done <"$files"
[ "${#left[@]}" = 0 ] || fail "dpkg -r left files of the package behind: ${left[*]}"
[ -f "$state_dir/state.json" ] || fail "dpkg -r removed the state (only purge should)"
step "dpkg -P vlmgr"
dpkg -P vlmgr >/dev/null
[ ! -e "$state_dir" ] || fail "dpkg -P left $state_dir"
step "OK: $(wc -l <"$files") paths installed, none left after removal"
