//! Errors of host location, each with the HRESULT a Windows client reports for it.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

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
pub struct QueriedNames(pub Vec<String>);

impl fmt::Display for QueriedNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(nothing)");
        }
        f.write_str(&self.0.join(", "))
    }
}

/// Why a KMS host could not be located. Cloned where one reading of the resolver
/// configuration answers several questions ([`super::Locator::search_domains`]).
#[derive(Debug, Clone, thiserror::Error)]
pub enum LocateError {
    /// Neither a lookup domain nor a search domain in the machine's resolver configuration.
    #[error(
        "no DNS domain to search for a KMS host: no lookup domain is set and {consulted} {detail}; \
         set one with `vlmgr skms-domain <FQDN>`, {remedy}, \
         or name the host with `vlmgr skms HOST` or `--kms HOST`",
        remedy = super::system::how_to_add_a_domain(resolv_conf.as_deref())
    )]
    NoDomain {
        /// What was read for the search domains, as messages name it
        /// ([`super::system::SystemDns::consulted`]).
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

    /// The resolver configuration file exists but could not be read.
    #[error("cannot read resolver configuration {path}: {source}")]
    ResolvConf {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: Arc<std::io::Error>,
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
}

impl LocateError {
    /// The HRESULT slmgr reports for this failure.
    pub fn hresult(&self) -> HResult {
        match self {
            // slmgr reports a missing domain and an invalid name alike.
            Self::NoDomain { .. } | Self::InvalidName { .. } => HResult::NO_DNS_DOMAIN,
            Self::ResolvConf { source, .. } => {
                if source.kind() == std::io::ErrorKind::PermissionDenied {
                    HResult::ACCESS_DENIED
                } else {
                    HResult::FAIL
                }
            }
            Self::NxDomain { .. } => HResult::DNS_NAME_DOES_NOT_EXIST,
            Self::NoRecords { .. } | Self::NoService { .. } => HResult::DNS_NO_RECORDS,
            Self::ServerFailure { .. } => HResult::DNS_SERVER_FAILURE,
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

        // Without a file named, each OS's own configuration and tools.
        let native = LocateError::NoDomain {
            consulted: crate::locator::system::consulted(None),
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
