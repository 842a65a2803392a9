//! resolv.conf (resolv.conf(5)), parsed by the `resolv-conf` crate as glibc reads it:
//! Linux's resolver configuration, the file `VLMGR_RESOLV_CONF` names on every OS, and
//! macOS's fallback when its dynamic store has no global DNS.
//!
//! The search domains are the `domain` line and then the `search` line. glibc uses
//! whichever of the two comes last; vlmgr searches both, so a `domain` line is never
//! silently ignored (docs/discovery.md). With no `nameserver` line the local host is
//! asked, as glibc does.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::domain::{DNS_PORT, DomainSource};
use super::system_dns::{NameServer, RetryOptions, ServerSource, SystemDns, add_domain};
use crate::platform::os_file::{self, OsFileError};

/// The system resolver configuration file of Linux (and of macOS as a fallback).
pub(crate) const DEFAULT_PATH: &str = "/etc/resolv.conf";
/// The most vlmgr reads of a resolv.conf: a real one holds a few hundred bytes (glibc
/// uses at most 3 servers and 6 search domains of it).
pub(crate) const MAX_BYTES: u64 = 64 * 1024;

/// A resolv.conf that exists but cannot be read, or is refused: not a regular file, or
/// larger than [`MAX_BYTES`]. The locator reports it as `LocateError::ResolvConf`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot read resolver configuration {path}: {source}")]
pub struct UnreadableResolvConf {
    /// The file.
    pub(crate) path: PathBuf,
    /// Why it cannot be read.
    #[source]
    pub(crate) source: Arc<OsFileError>,
}

/// Reads and interprets the resolv.conf at `path`. A missing file is a configuration
/// without domains (and the local host as name server); an unreadable or refused one is
/// an error.
pub(crate) fn read(path: &Path) -> Result<SystemDns, UnreadableResolvConf> {
    let origin = path.display().to_string();
    match os_file::read(path, MAX_BYTES) {
        Ok(bytes) => Ok(configuration(&bytes, &origin)),
        Err(error) if error.is_not_found() => {
            let mut system = configuration(b"", &origin);
            system.no_domain_reason = "does not exist".to_owned();
            system.notes.push(format!("{origin} does not exist"));
            Ok(system)
        }
        Err(source) => Err(UnreadableResolvConf {
            path: path.to_owned(),
            source: Arc::new(source),
        }),
    }
}

/// The configuration resolv.conf text gives; `origin` names the file in sources and notes.
pub fn configuration(text: &[u8], origin: &str) -> SystemDns {
    let (conf, errors) = resolv_conf::Config::parse_with_errors(text);
    let mut system = SystemDns {
        consulted: origin.to_owned(),
        no_domain_reason: "has no usable `domain` or `search` line".to_owned(),
        // `options timeout:` and `attempts:` (the crate fills in glibc's defaults).
        retry: Some(RetryOptions {
            timeout_seconds: conf.timeout,
            attempts: conf.attempts,
        }),
        ..SystemDns::default()
    };
    for error in &errors {
        // Unknown directives and options are ignored by glibc too, and change nothing
        // here; a line that should have named a server or a domain is worth saying.
        let line = match error {
            resolv_conf::ParseError::InvalidUtf8(line, _)
            | resolv_conf::ParseError::InvalidValue(line)
            | resolv_conf::ParseError::InvalidIp(line, _) => line,
            _ => continue,
        };
        system.notes.push(format!(
            "{origin} line {}: {}; skipped",
            line + 1,
            describe_error(error)
        ));
    }
    if let Some(domain) = conf.get_domain() {
        add_domain(&mut system, domain, DomainSource::ResolvConfDomain, origin);
        system.primary_suffix = system.domains.first().map(|domain| domain.name.clone());
    }
    for name in conf.get_search().into_iter().flatten() {
        add_domain(&mut system, name, DomainSource::ResolvConfSearch, origin);
    }
    for server in &conf.nameservers {
        match server {
            resolv_conf::ScopedIp::V6(address, Some(scope)) => system.notes.push(format!(
                "{origin}: nameserver {address}%{scope} has an interface scope, which cannot \
                 be used without the interface's index; skipped"
            )),
            resolv_conf::ScopedIp::V6(address, None) => system.servers.push(NameServer::new(
                SocketAddr::new(IpAddr::V6(*address), DNS_PORT),
                ServerSource::ResolvConf,
                origin,
            )),
            resolv_conf::ScopedIp::V4(address) => system.servers.push(NameServer::new(
                SocketAddr::new(IpAddr::V4(*address), DNS_PORT),
                ServerSource::ResolvConf,
                origin,
            )),
        }
    }
    if conf.nameservers.is_empty() {
        system.servers.push(NameServer::new(
            SocketAddr::from(([127, 0, 0, 1], DNS_PORT)),
            ServerSource::ResolvConfDefault,
            origin,
        ));
    }
    system
}

/// A parse error without the crate's zero-based line number.
fn describe_error(error: &resolv_conf::ParseError) -> String {
    match error {
        resolv_conf::ParseError::InvalidUtf8(_, _) => "not UTF-8".to_owned(),
        resolv_conf::ParseError::InvalidIp(_, reason) => {
            format!("not an IP address ({reason})")
        }
        _ => "a directive without a valid value".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::resolver::system_dns::tests::domains;

    fn addresses(system: &SystemDns) -> Vec<String> {
        system
            .servers
            .iter()
            .map(|s| s.address.to_string())
            .collect()
    }

    #[test]
    fn domain_then_search_with_servers_in_order() {
        let system = configuration(
            b"# comment\n; other comment\nnameserver 10.0.0.2\nnameserver ::1\n\
              nameserver fe80::1%eth0\noptions ndots:2 edns0\ndomain corp.test\n\
              search corp.test. branch.test CORP.test other.test\n",
            "/etc/resolv.conf",
        );
        assert_eq!(
            domains(&system),
            vec![
                ("corp.test", DomainSource::ResolvConfDomain),
                ("branch.test", DomainSource::ResolvConfSearch),
                ("other.test", DomainSource::ResolvConfSearch),
            ]
        );
        assert_eq!(
            system.domains[0].origin.as_deref(),
            Some("/etc/resolv.conf")
        );
        assert_eq!(addresses(&system), ["10.0.0.2:53", "[::1]:53"]);
        assert!(
            system
                .servers
                .iter()
                .all(|s| s.source == ServerSource::ResolvConf && s.domain.is_none())
        );
        assert_eq!(system.primary_suffix.as_deref(), Some("corp.test"));
        // The scoped server is said and skipped, the options are silent.
        assert_eq!(system.notes.len(), 1, "{:?}", system.notes);
        assert!(
            system.notes[0].contains("fe80::1%eth0"),
            "{:?}",
            system.notes
        );
    }

    #[test]
    fn retry_options_are_read() {
        let set = configuration(b"options timeout:2 attempts:4 rotate\n", "r");
        let expected = RetryOptions {
            timeout_seconds: 2,
            attempts: 4,
        };
        assert_eq!(set.retry, Some(expected));
        // Unset, they are glibc's defaults.
        let unset = configuration(b"nameserver 192.0.2.1\n", "r");
        assert_eq!(unset.retry, Some(RetryOptions::default()));
    }

    #[test]
    fn no_nameserver_means_the_local_host() {
        let system = configuration(b"domain corp.test\n", "r");
        assert_eq!(addresses(&system), ["127.0.0.1:53"]);
        assert_eq!(system.servers[0].source, ServerSource::ResolvConfDefault);
    }

    #[test]
    fn bad_lines_are_skipped_and_said() {
        let system = configuration(
            b"nameserver not-an-ip\nnameserver 192.0.2.1\nsearch a..b good.test\ndomain\n\
              search \xff.test\nfrobnicate yes\n",
            "r",
        );
        assert_eq!(addresses(&system), ["192.0.2.1:53"]);
        // The later (non-UTF-8) search line is skipped whole; the earlier one counts.
        assert_eq!(
            domains(&system),
            vec![("good.test", DomainSource::ResolvConfSearch)]
        );
        let notes = system.notes.join("\n");
        for said in ["line 1: not an IP", "a..b", "line 4", "line 5: not UTF-8"] {
            assert!(notes.contains(said), "{said}: {notes}");
        }
        assert!(
            !notes.contains("frobnicate") && !notes.contains("line 6"),
            "{notes}"
        );
        assert_eq!(system.primary_suffix, None);
    }

    #[test]
    fn a_missing_file_is_no_domain_and_an_unreadable_one_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read(&dir.path().join("none")).unwrap();
        assert!(missing.domains.is_empty());
        assert_eq!(missing.no_domain_reason, "does not exist");
        assert_eq!(addresses(&missing), ["127.0.0.1:53"]);
        // A directory cannot be read as a file.
        let error = read(dir.path()).unwrap_err();
        assert!(matches!(error, UnreadableResolvConf { .. }), "{error}");
    }

    #[test]
    fn a_huge_file_or_a_device_is_refused_saying_why() {
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("resolv.conf");
        let mut text = b"search corp.test\n".to_vec();
        text.resize(usize::try_from(MAX_BYTES).unwrap() + 1, b'#');
        std::fs::write(&huge, &text).unwrap();
        let error = read(&huge).unwrap_err();
        assert!(
            matches!(*error.source, OsFileError::TooLarge { limit: MAX_BYTES }),
            "{error}"
        );
        assert!(
            error.to_string().contains("more than 65536 bytes"),
            "{error}"
        );
        // Within the bound it is read.
        text.truncate(usize::try_from(MAX_BYTES).unwrap());
        std::fs::write(&huge, &text).unwrap();
        assert_eq!(domains(&read(&huge).unwrap()).len(), 1);
        if cfg!(unix) {
            let error = read(Path::new("/dev/zero")).unwrap_err();
            assert_eq!(
                error.to_string(),
                "cannot read resolver configuration /dev/zero: it is a character device, \
                 not a regular file"
            );
        }
    }
}
