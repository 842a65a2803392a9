#!/bin/sh
# The performance suite of issue 8, in one command: builds the release binary, then runs
# benches/suite.rs, which starts its own KMS test host and DNS server on 127.0.0.1 and
# prints one table (median, min, max, ratio to a reference measured in the same run,
# peak RSS, target met). Put a `vlmcs` binary on PATH to get the vlmgr/vlmcs ratio.
# VLMGR_BENCH_RUNS sets the runs per fast case (default 41); VLMGR_BENCH_ONLY=check,dlv runs
# only those groups (ato, srv, dlv, dead, check, protocol, latency); VLMGR_BENCH_HOLD_SECONDS=N
# keeps the hosts up afterwards for profiling by hand. The latency group runs every case behind
# user-space delays (DNS 20 ms, KMS hosts 30 ms away; docs/performance.md).
set -eu
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"

# GNU time reports the peak RSS (%M); install it when missing and we can.
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y time >/dev/null 2>&1 || echo "bench/run.sh: could not install GNU time; no RSS figures" >&2
    else
        echo "bench/run.sh: /usr/bin/time (GNU time) missing; no RSS figures" >&2
    fi
fi

# The shipped build (static-pie on Linux with glibc), see .cargo/config.toml.
# BIND 9 serves the zone of the `discover --check` cases when installed.
if ! command -v named >/dev/null 2>&1 && [ ! -x /usr/sbin/named ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y bind9 >/dev/null 2>&1 || echo "bench/run.sh: could not install BIND 9; the in-process DNS server is used" >&2
    else
        echo "bench/run.sh: BIND 9 (named) missing; the in-process DNS server is used" >&2
    fi
fi

# The latency group's relay keeps a UDP socket per client port for a moment (a 50-host run
# asks from about 100): allow as many open files as the hard limit does.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

cargo build-release
# Keep the binary as `cargo build` made it: the bench build below unifies the
# dev-dependencies' features and may rebuild target/release/vlmgr differently.
copy_dir="$(mktemp -d)"
trap 'rm -rf "$copy_dir"' EXIT
cp "$target_dir/release/vlmgr" "$copy_dir/vlmgr"

echo "uptime: $(uptime)"
VLMGR_BIN="$copy_dir/vlmgr" cargo bench --locked --bench suite
