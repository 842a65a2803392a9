#!/usr/bin/env bash
# Builds the release artefacts from a clean checkout, reproducibly, into one directory:
#
#   on Linux:  vlmgr-<version>-<host triple>.tar.gz   static binary, man pages, completions,
#                                                     systemd units, README, licences
#                                                     (vlmgr's and the bundled crates')
#              vlmgr_<version>-<rev>_<arch>.deb       cargo deb, from the same binary
#              vlmgr-<version>-x86_64-pc-windows-gnu.zip
#                                                     vlmgr.exe, _vlmgr.ps1, verify.ps1, README,
#                                                     licences (no man pages: Windows has no man)
#   on macOS:  vlmgr-<version>-<apple triple>.tar.gz  for aarch64 and x86_64
#   always:    SHA256SUMS
#
# Usage: dist/release.sh [--out DIR] [--no-windows] [--allow-dirty]
#   --out DIR      where the artefacts go (default: <target dir>/dist); earlier artefacts
#                  there (vlmgr[-_]*, SHA256SUMS) are replaced, nothing else is touched
#   --no-windows   leave out the Windows zip (a tree or host that cannot build it). Without
#                  it a failing Windows build fails the whole run.
#   --allow-dirty  build from a work tree with uncommitted changes (not reproducible)
#
# Reproducible: SOURCE_DATE_EPOCH is the last commit's time; archive entries are sorted,
# owned by 0:0 and dated SOURCE_DATE_EPOCH; gzip -n; zip -X in UTC. Two runs from the
# same commit give the same SHA256SUMS. Needs: cargo, git, GNU tar, gzip, sha256sum or
# shasum; on Linux also cargo-deb (the version .ci/run installs), zip, and for Windows
# the rustup target x86_64-pc-windows-gnu and MinGW-w64's gcc (Debian:
# gcc-mingw-w64-x86-64-posix). .ci/run runs exactly this command.
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
  echo "release: $*" >&2
  exit 1
}

out=""
windows=yes
allow_dirty=no
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --no-windows) windows=no; shift ;;
    --allow-dirty) allow_dirty=yes; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

if [ "$allow_dirty" = no ] && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  die "the work tree has uncommitted changes; commit them (or pass --allow-dirty)"
fi

SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
export SOURCE_DATE_EPOCH TZ=UTC LC_ALL=C
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
[ -n "$version" ] || die "no version in Cargo.toml"
target_dir=${CARGO_TARGET_DIR:-target}
out=${out:-$target_dir/dist}
host=$(rustc -vV | sed -n 's/^host: //p')
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

if tar --version 2>/dev/null | grep -q 'GNU tar'; then
  gnu_tar=tar
elif command -v gtar >/dev/null; then
  gnu_tar=gtar
else
  die "GNU tar is needed for reproducible archives (macOS: brew install gnu-tar)"
fi
if command -v sha256sum >/dev/null; then
  sha256() { sha256sum "$@"; }
else
  sha256() { shasum -a 256 "$@"; }
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/vlmgr-*.tar.gz "$out"/vlmgr_*.deb "$out"/vlmgr-*.zip "$out/SHA256SUMS"
artefacts=()

# A directory of files with fixed modes, packed as <name>.tar.gz with sorted entries,
# owner 0:0 and SOURCE_DATE_EPOCH as every mtime.
pack_tar() {
  local name=$1
  (cd "$stage" && "$gnu_tar" --sort=name --format=gnu --owner=0 --group=0 --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" -cf - "$name") | gzip -9n >"$out/$name.tar.gz"
  artefacts+=("$name.tar.gz")
}

# The files every archive carries beside the binary.
stage_docs() {
  local dir=$1
  install -m 644 README.md LICENSE-MIT LICENSE-APACHE dist/THIRD-PARTY-LICENSES.txt "$dir/"
}

# The Unix tarball: binary, man pages, completions, units, README, licences. The pages are
# in man/man1, a man hierarchy: `man -M man vlmgr-ato` reads them where they were unpacked.
unix_tarball() {
  local triple=$1 binary=$2
  local name="vlmgr-$version-$triple"
  local dir="$stage/$name"
  install -d "$dir/man/man1" "$dir/completions" "$dir/systemd"
  install -m 755 "$binary" "$dir/vlmgr"
  install -m 644 docs/man/*.1 "$dir/man/man1/"
  install -m 644 completions/vlmgr.bash completions/_vlmgr completions/vlmgr.fish "$dir/completions/"
  install -m 644 dist/systemd/vlmgr-renew.service dist/systemd/vlmgr-renew.timer "$dir/systemd/"
  stage_docs "$dir"
  pack_tar "$name"
}

# The Debian package from the binary cargo build-release made (no second build).
debian_package() {
  local changelog_version
  changelog_version=$(sed -n '1s/^vlmgr (\([^)]*\)).*/\1/p' debian/changelog)
  case $changelog_version in
    "$version" | "$version"-*) ;;
    *) die "debian/changelog is at $changelog_version, Cargo.toml at $version: add a changelog entry" ;;
  esac
  command -v cargo-deb >/dev/null || die "cargo-deb is missing: cargo install cargo-deb --locked"
  local deb
  deb=$(cargo deb --no-build --locked --deb-version "$changelog_version" 2>"$stage/cargo-deb.log" | tail -n1) ||
    { cat "$stage/cargo-deb.log" >&2; die "cargo deb failed"; }
  [ -f "$deb" ] || die "cargo deb did not name its package (got: $deb)"
  cp "$deb" "$out/"
  artefacts+=("$(basename "$deb")")
}

# The Windows zip: vlmgr.exe, the PowerShell completion, verify.ps1 (the read-only
# comparison with slmgr, docs/windows.md), README, licences. Cross-built
# with MinGW-w64; a failure stops the run (--no-windows leaves the zip out on purpose).
windows_zip() {
  local triple=x86_64-pc-windows-gnu
  local name="vlmgr-$version-$triple"
  local dir="$stage/$name"
  rustup target list --installed 2>/dev/null | grep -qx "$triple" || rustup target add "$triple" ||
    die "cannot add the Rust target $triple (rustup target add $triple)"
  # Debian ships MinGW's gcc with win32 and posix threads; the posix one links Rust's std.
  if [ -z "${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-}" ] && command -v x86_64-w64-mingw32-gcc-posix >/dev/null; then
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc-posix
  fi
  # GNU ld stamps the PE header with the link time unless told not to (then it is 0).
  cargo rustc --release --locked --bin vlmgr --target "$triple" -- -C link-arg=-Wl,--no-insert-timestamp ||
    die "the Windows build failed (above); pass --no-windows to build the other artefacts without it"
  install -d "$dir"
  install -m 644 "$target_dir/$triple/release/vlmgr.exe" "$dir/"
  install -m 644 completions/_vlmgr.ps1 dist/windows/verify.ps1 "$dir/"
  stage_docs "$dir"
  find "$dir" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  (cd "$stage" && find "$name" | sort | zip -X -q -D "$out/$name.zip" -@)
  artefacts+=("$name.zip")
}

case $(uname -s) in
  Linux)
    command -v zip >/dev/null || [ "$windows" = no ] || die "zip is missing (Debian: apt-get install zip)"
    cargo build-release
    unix_tarball "$host" "$target_dir/release/vlmgr"
    debian_package
    if [ "$windows" = yes ]; then windows_zip; fi
    ;;
  Darwin)
    # The Apple linker builds both architectures on any Mac.
    for triple in aarch64-apple-darwin x86_64-apple-darwin; do
      rustup target list --installed | grep -qx "$triple" || rustup target add "$triple"
      cargo build --release --locked --bin vlmgr --target "$triple"
      unix_tarball "$triple" "$target_dir/$triple/release/vlmgr"
    done
    ;;
  *) die "release artefacts are built on Linux (tarball, .deb, Windows zip) or macOS (tarballs)" ;;
esac

(cd "$out" && sha256 "${artefacts[@]}" >SHA256SUMS)
echo "release $version ($(git rev-parse --short HEAD), SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH) in $out:"
cat "$out/SHA256SUMS"
