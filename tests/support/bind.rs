//! A real BIND 9 `named` serving test zones on 127.0.0.1, started and stopped by a test.
//!
//! The zones are the same [`Zone`] values the in-process server takes, written as zone
//! files into a temporary directory. `named` runs in the foreground (`-g`) with the
//! query log on, so [`NamedServer::queries`] reports what it was asked, like
//! [`super::dns::DnsServer::queries`].
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::dns::{LoggedQuery, Transport, Zone};

/// Where Debian and most distributions install `named`.
const NAMED_CANDIDATES: [&str; 3] = ["/usr/sbin/named", "/usr/bin/named", "/usr/local/sbin/named"];
/// How long `named` may take to load the zones and start answering.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);

/// The `named` binary: `$VLMGR_NAMED` if set, else the usual install paths.
pub(crate) fn named_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("VLMGR_NAMED") {
        return Some(PathBuf::from(path));
    }
    NAMED_CANDIDATES
        .iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

/// The ports named is started on, chosen at random. None of them is in the kernel's
/// range of ephemeral ports (by default 32768-60999, see [`ephemeral_ports`]), so neither
/// a port-0 bind nor an outgoing connection of another test can take one. Test processes
/// claim a port with a lock file before starting named on it (named shares ports with
/// SO_REUSEPORT, so two of them would not notice each other), and anything else holding
/// the port makes named fail with "unable to listen", after which another is tried.
const NAMED_PORTS: std::ops::Range<u16> = 10_000..30_000;

/// A random 127.0.0.1 port for named, outside the kernel's ephemeral range, claimed by
/// the returned lock file until it is dropped.
fn claim_loopback_port() -> io::Result<(SocketAddr, std::fs::File)> {
    let ephemeral = ephemeral_ports();
    loop {
        let port = NAMED_PORTS.start + rand::random::<u16>() % NAMED_PORTS.len() as u16;
        if ephemeral.contains(&port) {
            continue;
        }
        let path = std::env::temp_dir().join(format!("vlmgr-test-named-{port}.lock"));
        let claim = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        match claim.try_lock() {
            Ok(()) => return Ok((SocketAddr::from((Ipv4Addr::LOCALHOST, port)), claim)),
            Err(std::fs::TryLockError::WouldBlock) => continue,
            Err(std::fs::TryLockError::Error(error)) => return Err(error),
        }
    }
}

/// The kernel's ephemeral port range (Linux's default when it cannot be read).
fn ephemeral_ports() -> std::ops::RangeInclusive<u16> {
    let text =
        std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").unwrap_or_default();
    let mut bounds = text
        .split_whitespace()
        .filter_map(|n| n.parse::<u16>().ok());
    match (bounds.next(), bounds.next()) {
        (Some(low), Some(high)) => low..=high,
        _ => 32_768..=60_999,
    }
}

/// How long the log must stay unchanged before the query log is read.
const LOG_QUIET: Duration = Duration::from_millis(200);
/// The longest [`NamedServer::queries`] waits for the log to go quiet.
const LOG_SETTLE_LIMIT: Duration = Duration::from_secs(3);

type Lines = Arc<Mutex<Vec<String>>>;

/// A running `named`; dropping it kills the process and removes its directory.
pub(crate) struct NamedServer {
    addr: SocketAddr,
    /// The lock file claiming the port (see [`NAMED_PORTS`]); released after named stops.
    _claim: std::fs::File,
    child: Child,
    log: Lines,
    reader: Option<JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl NamedServer {
    /// Writes `zones` and a configuration into a temporary directory and starts `named`
    /// on a random 127.0.0.1 port, waiting until it reports it is running.
    pub(crate) fn start(zones: &[Zone]) -> io::Result<Self> {
        let named = named_path().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "BIND 9 `named` not found (looked at $VLMGR_NAMED, /usr/sbin/named, \
                 /usr/bin/named, /usr/local/sbin/named): install bind9 (`apt-get install bind9`)",
            )
        })?;
        let mut last_error = None;
        // No port is bound here and released for named (another test could take it in
        // between): named binds a random port outside the ephemeral range itself, and
        // should another named hold it, it says so and another port is tried.
        for _ in 0..5 {
            let (addr, claim) = claim_loopback_port()?;
            match Self::start_on(&named, addr, claim, zones) {
                Err(error) if error.kind() == io::ErrorKind::AddrInUse => last_error = Some(error),
                result => return result,
            }
        }
        Err(last_error.unwrap_or_else(|| io::Error::other("named could not listen")))
    }

    fn start_on(
        named: &Path,
        addr: SocketAddr,
        claim: std::fs::File,
        zones: &[Zone],
    ) -> io::Result<Self> {
        let dir = tempfile::tempdir()?;
        let conf = write_config(dir.path(), addr, zones)?;
        let mut child = Command::new(named)
            .arg("-g")
            .arg("-4")
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| {
                io::Error::new(
                    error.kind(),
                    format!("cannot run {}: {error}", named.display()),
                )
            })?;
        let log = Lines::default();
        let reader = child.stderr.take().map(|stderr| {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    log.lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(line);
                }
            })
        });
        let mut server = Self {
            addr,
            _claim: claim,
            child,
            log,
            reader,
            _dir: dir,
        };
        server.wait_until_running()?;
        Ok(server)
    }

    fn wait_until_running(&mut self) -> io::Result<()> {
        let started = Instant::now();
        loop {
            // named prints "running" alone (after its timestamp) once every zone is loaded;
            // the earlier "running on Linux ..." line is not that.
            let lines = self.log_lines();
            if let Some(failed) = lines
                .iter()
                .find(|line| line.contains("not loaded due to errors"))
            {
                return Err(io::Error::other(format!(
                    "named could not load a test zone ({failed}):\n{}",
                    lines.join("\n")
                )));
            }
            if let Some(taken) = lines
                .iter()
                .find(|line| line.contains("unable to listen on any configured interfaces"))
            {
                return Err(io::Error::new(io::ErrorKind::AddrInUse, taken.clone()));
            }
            if lines.iter().any(|line| line.ends_with(" running")) {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                return Err(io::Error::other(format!(
                    "named exited with {status} before it was running:\n{}",
                    self.log_lines().join("\n")
                )));
            }
            if started.elapsed() > STARTUP_TIMEOUT {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "named was not running after {STARTUP_TIMEOUT:?}:\n{}",
                        self.log_lines().join("\n")
                    ),
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The address to send queries to.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Everything named printed so far.
    pub(crate) fn log_lines(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Every query named logged so far, in order.
    ///
    /// named writes a query's log line from a worker thread, possibly just after the
    /// answer went out, and the lines reach this process through a pipe; so this waits
    /// until the log has been quiet for a moment (at most [`LOG_SETTLE_LIMIT`]).
    pub(crate) fn queries(&self) -> Vec<LoggedQuery> {
        let started = Instant::now();
        let mut seen = self.log_lines().len();
        loop {
            std::thread::sleep(LOG_QUIET);
            let now = self.log_lines().len();
            if now == seen || started.elapsed() > LOG_SETTLE_LIMIT {
                break;
            }
            seen = now;
        }
        self.log_lines()
            .iter()
            .filter_map(|line| parse_query_line(line))
            .collect()
    }
}

impl Drop for NamedServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

/// Parses a query log line such as
/// `... client @0x7f.. 127.0.0.1#40000 (x.test): query: x.test IN SRV +T (127.0.0.1)`.
/// The flags after the type hold `T` when the query came over TCP.
fn parse_query_line(line: &str) -> Option<LoggedQuery> {
    let (_, rest) = line.split_once(" query: ")?;
    let mut words = rest.split_whitespace();
    let name = words.next()?.to_ascii_lowercase();
    let _class = words.next()?;
    let record_type = words.next()?.to_owned();
    let flags = words.next().unwrap_or("");
    Some(LoggedQuery {
        name: name.strip_suffix('.').unwrap_or(&name).to_owned(),
        record_type,
        transport: if flags.contains('T') {
            Transport::Tcp
        } else {
            Transport::Udp
        },
    })
}

/// Writes `named.conf` and one zone file per zone; returns the configuration's path.
fn write_config(dir: &Path, addr: SocketAddr, zones: &[Zone]) -> io::Result<PathBuf> {
    let dir_text = dir.display();
    let (ip, port) = (addr.ip(), addr.port());
    let mut conf = format!(
        "options {{\n\
         \x20 directory \"{dir_text}\";\n\
         \x20 pid-file none;\n\
         \x20 session-keyfile \"{dir_text}/session.key\";\n\
         \x20 managed-keys-directory \"{dir_text}\";\n\
         \x20 listen-on port {port} {{ {ip}; }};\n\
         \x20 listen-on-v6 {{ none; }};\n\
         \x20 recursion no;\n\
         \x20 notify no;\n\
         \x20 dnssec-validation no;\n\
         \x20 query-source address {ip};\n\
         \x20 querylog yes;\n\
         \x20 check-names primary ignore;\n\
         \x20 check-integrity no;\n\
         \x20 max-records-per-type 0;\n\
         }};\n\
         controls {{ }};\n"
    );
    for (index, zone) in zones.iter().enumerate() {
        let file = dir.join(format!("zone{index}.db"));
        std::fs::write(&file, zone.to_zone_file())?;
        // `writeln!` into a String cannot fail.
        let _ = writeln!(
            conf,
            "zone \"{}\" {{ type primary; file \"{}\"; }};",
            zone.origin,
            file.display()
        );
    }
    let path = dir.join("named.conf");
    std::fs::write(&path, conf)?;
    Ok(path)
}
