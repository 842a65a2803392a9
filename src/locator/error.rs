//! Errors of host location, each with the HRESULT a Windows client reports for it.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use super::order::SrvRecord;
use crate::platform::os_file::OsFileError;
use crate::platform::resolver::{self, InvalidDomain, UnreadableResolvConf};
use crate::protocol::HResult;

/// The name servers a query went to, as shown in error messages and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerList(pub Vec<SocketAddr>);

impl fmt::Display for ServerList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("no name server");
        }
        for (index, server) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{server}")?;
        }
        Ok(())
    }
}

/// The DNS names that were queried, shown comma-separated in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueriedNames(pub(crate) Vec<String>);

impl fmt::Display for QueriedNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(nothing)");
        }
        f.write_str(&self.0.join(", "))
    }
}

/// SRV records whose targets cannot be used, listed with why in messages:
/// `kms\033x.corp.test:1688 (label 1 of its name holds ESC ...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusableRecords(pub(crate) Vec<SrvRecord>);

impl fmt::Display for UnusableRecords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, record) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}:{}", record.target, record.port)?;
            if let Some(reason) = &record.unusable {
                write!(f, " ({reason})")?;
            }
        }
        Ok(())
    }
}

/// Why a KMS host could not be located. Cloned where one reading of the resolver
/// configuration answers several questions ([`super::Locator::search_domains`]).
#[derive(Debug, Clone, thiserror::Error)]
pub enum LocateError {
    /// Neither a lookup domain nor a search domain in the machine's resolver configuration.
    #[error(
        "{}; {}",
        no_domain_problem(consulted, detail),
        no_domain_remedy(resolv_conf.as_deref())
    )]
    NoDomain {
        /// What was read for the search domains, as messages name it
        /// ([`resolver::SystemDns::consulted`]).
        consulted: String,
        /// The resolv.conf that was read instead of the OS's own configuration, if one was.
        resolv_conf: Option<PathBuf>,
        /// What was wrong with it ("has no `domain` or `search` line", "does not exist").
        detail: String,
    },

    /// A domain or host name that is not a valid DNS name.
    #[error("{name:?} is not a valid DNS name: {reason}")]
    InvalidName {
        /// The name as given.
        name: String,
        /// What the DNS name parser objected to.
        reason: String,
    },

    /// The resolver configuration file exists but could not be read, or was refused (not
    /// a regular file, or larger than any real one).
    #[error("cannot read resolver configuration {path}: {source}")]
    ResolvConf {
        /// The file.
        path: PathBuf,
        /// Why it was not read.
        #[source]
        source: Arc<OsFileError>,
    },

    /// The queried names do not exist (NXDOMAIN).
    #[error("DNS name does not exist (NXDOMAIN): queried {queried}; asked {servers}")]
    NxDomain {
        /// Every name queried.
        queried: QueriedNames,
        /// The name servers asked.
        servers: ServerList,
    },

    /// The names exist but hold no records of the type asked (NODATA).
    #[error("no DNS records found: queried {queried}; asked {servers}")]
    NoRecords {
        /// Every name queried.
        queried: QueriedNames,
        /// The name servers asked.
        servers: ServerList,
    },

    /// The only SRV record has target "." (RFC 2782: the service is decidedly not
    /// available at this domain).
    #[error(
        "no KMS service published: the SRV record of {queried} has target \".\", which means the \
         service is not available there; asked {servers}"
    )]
    NoService {
        /// Every name queried.
        queried: QueriedNames,
        /// The name servers asked.
        servers: ServerList,
    },

    /// SRV records exist, but none names a target that can be asked for.
    #[error(
        "SRV records found, but no target can be used: {records}; queried {queried}; \
         asked {servers}"
    )]
    UnusableTargets {
        /// Every name queried.
        queried: QueriedNames,
        /// The name servers asked.
        servers: ServerList,
        /// The records whose targets cannot be used, each with why.
        records: UnusableRecords,
    },

    /// The name server failed, refused, or did not answer in time.
    #[error("DNS server failure: queried {queried}; asked {servers}: {reason}")]
    ServerFailure {
        /// Every name queried.
        queried: QueriedNames,
        /// The name servers asked.
        servers: ServerList,
        /// The response code or transport error.
        reason: String,
    },

    /// This machine could not open a socket to ask (its open-file limit): whether the
    /// name exists is not known, and no server is to blame.
    #[error("cannot look up {queried}: this machine could not open a socket ({reason})")]
    LocalLimit {
        /// Every name that was to be queried.
        queried: QueriedNames,
        /// The system's error.
        reason: String,
    },

    /// The name server's answers could not be used: they cannot be decoded, or they
    /// answer another query (ID, question).
    #[error("malformed DNS answer: queried {queried}; asked {servers}: {reason}")]
    Malformed {
        /// Every name queried.
        queried: QueriedNames,
        /// The name servers asked.
        servers: ServerList,
        /// What was wrong, and from which server.
        reason: String,
    },
}

impl LocateError {
    /// The outcome's name, as discover's JSON names query outcomes and check's metrics
    /// name why a host is down: `nx_domain`, `no_data`, `server_failure`, ...
    pub(crate) fn outcome(&self) -> &'static str {
        match self {
            Self::NoDomain { .. } => "no_domain",
            Self::InvalidName { .. } => "invalid_name",
            Self::ResolvConf { .. } => "resolv_conf",
            Self::NxDomain { .. } => "nx_domain",
            Self::NoRecords { .. } => "no_data",
            Self::NoService { .. } => "no_service",
            Self::UnusableTargets { .. } => "unusable_targets",
            Self::ServerFailure { .. } => "server_failure",
            Self::Malformed { .. } => "malformed",
            Self::LocalLimit { .. } => "local_limit",
        }
    }

    /// Whether the name servers failed (no answer, an error, malformed answers), so
    /// whether the records exist is not known: "DNS is down", not "the records are gone".
    pub(crate) fn is_lookup_failure(&self) -> bool {
        matches!(
            self,
            Self::ServerFailure { .. } | Self::Malformed { .. } | Self::LocalLimit { .. }
        )
    }

    /// Whether this machine's limits stopped the lookup (nothing to blame on DNS).
    pub(crate) fn is_local_limit(&self) -> bool {
        matches!(self, Self::LocalLimit { .. })
    }

    /// What to do, when this error knows better than its HRESULT's general hint.
    pub(crate) fn hint(&self) -> Option<&'static str> {
        match self {
            Self::UnusableTargets { .. } => Some(
                "Fix the SRV records: each target must be a host name (letters, digits, \
                 hyphens) with an A or AAAA record; `vlmgr discover -v` shows them.",
            ),
            Self::LocalLimit { .. } => Some(
                "This machine's open-file limit is reached: raise it (ulimit -n, or \
                 LimitNOFILE= for a service), or run fewer vlmgr commands at once.",
            ),
            _ => None,
        }
    }

    /// The HRESULT slmgr reports for this failure.
    pub fn hresult(&self) -> HResult {
        match self {
            // slmgr reports a missing domain and an invalid name alike.
            Self::NoDomain { .. } | Self::InvalidName { .. } => HResult::NO_DNS_DOMAIN,
            Self::ResolvConf { source, .. } => {
                if source.io_kind() == Some(std::io::ErrorKind::PermissionDenied) {
                    HResult::ACCESS_DENIED
                } else {
                    HResult::FAIL
                }
            }
            Self::NxDomain { .. } => HResult::DNS_NAME_DOES_NOT_EXIST,
            Self::NoRecords { .. } | Self::NoService { .. } => HResult::DNS_NO_RECORDS,
            Self::ServerFailure { .. } => HResult::DNS_SERVER_FAILURE,
            Self::Malformed { .. } => HResult::DNS_BAD_PACKET,
            Self::LocalLimit { .. } => HResult::TOO_MANY_OPEN_FILES,
            // Records were found, but no host could be contacted through them.
            Self::UnusableTargets { .. } => HResult::NO_KMS_CONTACTED,
        }
    }
}

impl LocateError {
    /// What is wrong, without what to do about it where the message says that too (a
    /// missing domain): an error's first line, when its remedy is the hint.
    pub(crate) fn problem(&self) -> String {
        match self {
            Self::NoDomain {
                consulted, detail, ..
            } => no_domain_problem(consulted, detail),
            other => other.to_string(),
        }
    }

    /// What to do, as a sentence, when the message says it ([`Self::problem`] leaves it
    /// out).
    pub(crate) fn remedy(&self) -> Option<String> {
        match self {
            Self::NoDomain { resolv_conf, .. } => {
                let remedy = no_domain_remedy(resolv_conf.as_deref());
                let mut chars = remedy.chars();
                let first = chars.next()?.to_uppercase();
                Some(format!("{first}{}.", chars.as_str()))
            }
            other => other.hint().map(str::to_owned),
        }
    }
}

fn no_domain_problem(consulted: &str, detail: &str) -> String {
    format!(
        "no DNS domain to search for a KMS host: no lookup domain is set and {consulted} {detail}"
    )
}

fn no_domain_remedy(resolv_conf: Option<&std::path::Path>) -> String {
    format!(
        "set one with `vlmgr skms-domain <FQDN>`, {}, or name the host with `vlmgr skms HOST` \
         or `--kms HOST`",
        resolver::how_to_add_a_domain(resolv_conf)
    )
}

impl From<InvalidDomain> for LocateError {
    fn from(error: InvalidDomain) -> Self {
        Self::InvalidName {
            name: error.name,
            reason: error.reason,
        }
    }
}

impl From<UnreadableResolvConf> for LocateError {
    fn from(error: UnreadableResolvConf) -> Self {
        Self::ResolvConf {
            path: error.path,
            source: error.source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_queries_and_the_server() {
        let error = LocateError::NxDomain {
            queried: QueriedNames(vec![
                "_vlmcs._tcp.a.test".to_owned(),
                "_vlmcs._tcp.b.test".to_owned(),
            ]),
            servers: ServerList(vec!["127.0.0.1:5300".parse().unwrap()]),
        };
        let message = error.to_string();
        assert!(
            message.contains("_vlmcs._tcp.a.test, _vlmcs._tcp.b.test"),
            "{message}"
        );
        assert!(message.contains("127.0.0.1:5300"), "{message}");
        assert_eq!(error.hresult(), HResult(0x8007_232B));
    }

    #[test]
    fn no_domain_says_how_to_set_one() {
        let error = LocateError::NoDomain {
            consulted: "/tmp/resolv.conf".to_owned(),
            resolv_conf: Some(PathBuf::from("/tmp/resolv.conf")),
            detail: "has no `domain` or `search` line".to_owned(),
        };
        let message = error.to_string();
        for hint in [
            "skms-domain",
            "/tmp/resolv.conf",
            "`search` line to",
            "--kms",
        ] {
            assert!(message.contains(hint), "{message}");
        }
        assert_eq!(error.hresult(), HResult(0x8007_007B));
        // Apart, for an error line and its hint.
        assert_eq!(
            error.problem(),
            "no DNS domain to search for a KMS host: no lookup domain is set and \
             /tmp/resolv.conf has no `domain` or `search` line"
        );
        let remedy = error.remedy().expect("a remedy");
        assert!(
            remedy.starts_with("Set one with `vlmgr skms-domain <FQDN>`"),
            "{remedy}"
        );
        assert!(remedy.ends_with("`--kms HOST`."), "{remedy}");
        assert_eq!(
            message,
            format!("{}; {}", error.problem(), {
                let mut r = remedy.clone();
                r.pop();
                r.replacen("Set", "set", 1)
            })
        );

        // Without a file named, each OS's own configuration and tools.
        let native = LocateError::NoDomain {
            consulted: crate::platform::resolver::consulted(None),
            resolv_conf: None,
            detail: "has nothing".to_owned(),
        }
        .to_string();
        if cfg!(windows) {
            assert!(native.contains("registry"), "{native}");
            assert!(native.contains("Set-DnsClientGlobalSetting"), "{native}");
            assert!(!native.contains("resolv.conf"), "{native}");
        } else if cfg!(target_os = "macos") {
            assert!(native.contains("scutil --dns"), "{native}");
        } else {
            assert!(native.contains("/etc/resolv.conf has nothing"), "{native}");
        }
    }
}
