//! Which DNS domains are searched for `_vlmcs._tcp` records, and the resolver
//! settings (name servers, timeout, resolver configuration) the lookups use. Where the
//! machine's own domains come from is each OS's business: `platform::resolver`, which
//! also holds the search domain type ([`SearchDomain`]).

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::error::LocateError;
use crate::platform::resolver::{DomainSource, SearchDomain, push_unique_domain};

/// The environment variable naming a resolv.conf to read instead of the OS's own
/// resolver configuration (on every OS).
pub(crate) const RESOLV_CONF_ENV: &str = "VLMGR_RESOLV_CONF";

/// How DNS lookups are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsSettings {
    /// Name servers to ask instead of the system's (`--dns-server`); empty means the
    /// system's.
    pub servers: Vec<SocketAddr>,
    /// How long one lookup (one name and type) may take, retransmissions and the TCP
    /// retry included; within it each name server is waited for as long as the
    /// resolver's options say (`locator::Schedule`).
    pub timeout: Duration,
    /// A resolv.conf to read instead of the OS's own configuration (`VLMGR_RESOLV_CONF`);
    /// none: `/etc/resolv.conf` on Linux, the dynamic store on macOS, the registry on
    /// Windows.
    pub resolv_conf: Option<PathBuf>,
}

/// The resolv.conf to read given the value of `VLMGR_RESOLV_CONF` (unset or empty: none,
/// the OS's own configuration).
pub(crate) fn resolv_conf_path(env_value: Option<OsString>) -> Option<PathBuf> {
    env_value
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// Domains named on the command line (`vlmgr discover DOMAIN...`), validated, in order.
pub fn command_line_domains<S: AsRef<str>>(names: &[S]) -> Result<Vec<SearchDomain>, LocateError> {
    let mut domains: Vec<SearchDomain> = Vec::new();
    for name in names {
        let domain = SearchDomain::new(name.as_ref(), DomainSource::CommandLine)?;
        push_unique_domain(&mut domains, domain);
    }
    Ok(domains)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locator::Locator;
    use std::io::Write;

    fn settings_with(text: &str) -> (tempfile::NamedTempFile, DnsSettings) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        let settings = DnsSettings {
            servers: Vec::new(),
            timeout: Duration::from_secs(4),
            resolv_conf: Some(file.path().to_owned()),
        };
        (file, settings)
    }

    fn names(domains: &[SearchDomain]) -> Vec<(&str, DomainSource)> {
        domains
            .iter()
            .map(|d| (d.name.as_str(), d.source))
            .collect()
    }

    #[test]
    fn resolv_conf_path_follows_the_environment_value() {
        assert_eq!(resolv_conf_path(None), None);
        assert_eq!(resolv_conf_path(Some(OsString::new())), None);
        assert_eq!(
            resolv_conf_path(Some(OsString::from("/tmp/test-resolv.conf"))),
            Some(PathBuf::from("/tmp/test-resolv.conf"))
        );
    }

    #[test]
    fn domain_then_search_deduplicated() {
        let (file, settings) =
            settings_with("domain corp.test\nsearch corp.test. branch.test CORP.test other.test\n");
        let domains = Locator::new(&settings)
            .unwrap()
            .search_domains(None)
            .unwrap();
        assert_eq!(
            names(&domains),
            vec![
                ("corp.test", DomainSource::ResolvConfDomain),
                ("branch.test", DomainSource::ResolvConfSearch),
                ("other.test", DomainSource::ResolvConfSearch),
            ]
        );
        assert_eq!(domains[1].query_name(), "_vlmcs._tcp.branch.test");
        assert_eq!(
            domains[1].origin.as_deref(),
            Some(file.path().display().to_string().as_str())
        );
    }

    #[test]
    fn a_long_search_list_keeps_its_first_domains_and_says_how_many_more() {
        let max = crate::locator::MAX_SEARCH_DOMAINS;
        // Duplicates among the first ones do not count towards the bound.
        let names: Vec<String> = (0..3000).map(|i| format!("d{i}.test")).collect();
        let text = format!("domain d0.test\nsearch d0.test {}\n", names.join(" "));
        let (file, settings) = settings_with(&text);
        let locator = Locator::new(&settings).unwrap();
        let domains = locator.search_domains(None).unwrap();
        assert_eq!(domains.len(), max);
        assert_eq!(domains[max - 1].name, format!("d{}.test", max - 1));
        let notes = locator.configuration_notes().join("\n");
        let expected = format!(
            "{}: {} more search domain(s) after the first {max}",
            file.path().display(),
            3000 - max
        );
        assert!(notes.contains(&expected), "{notes}");
    }

    #[test]
    fn lookup_domain_alone_without_fallback() {
        let (_file, settings) = settings_with("domain corp.test\nsearch a.test\n");
        let domains = Locator::new(&settings)
            .unwrap()
            .search_domains(Some("kms.example."))
            .unwrap();
        assert_eq!(
            names(&domains),
            vec![("kms.example", DomainSource::LookupDomain)]
        );
    }

    #[test]
    fn no_domain_is_an_error_naming_the_file() {
        let (file, settings) = settings_with("nameserver 10.0.0.2\n");
        let error = Locator::new(&settings)
            .unwrap()
            .search_domains(None)
            .unwrap_err();
        assert!(matches!(error, LocateError::NoDomain { .. }), "{error}");
        assert!(
            error
                .to_string()
                .contains(&file.path().display().to_string())
        );

        let missing = DnsSettings {
            resolv_conf: Some(PathBuf::from("/nonexistent/vlmgr/resolv.conf")),
            ..settings
        };
        let error = Locator::new(&missing)
            .unwrap()
            .search_domains(None)
            .unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert_eq!(error.hresult(), crate::protocol::HResult(0x8007_007B));
    }

    #[test]
    fn an_unreadable_configuration_stops_only_the_search_when_servers_are_named() {
        let directory = tempfile::tempdir().unwrap();
        let unreadable = DnsSettings {
            servers: Vec::new(),
            timeout: Duration::from_secs(4),
            resolv_conf: Some(directory.path().to_owned()),
        };
        let error = Locator::new(&unreadable).err().expect("an unreadable file");
        assert!(matches!(error, LocateError::ResolvConf { .. }), "{error}");

        let named = DnsSettings {
            servers: vec!["127.0.0.1:53".parse().unwrap()],
            ..unreadable
        };
        let locator = Locator::new(&named).expect("named servers need no configuration");
        let error = locator.search_domains(None).unwrap_err();
        assert!(matches!(error, LocateError::ResolvConf { .. }), "{error}");
        assert_eq!(
            names(&locator.search_domains(Some("corp.test")).unwrap()),
            vec![("corp.test", DomainSource::LookupDomain)]
        );
    }

    #[test]
    fn invalid_names_are_rejected() {
        for bad in [
            "",
            ".",
            "a..b",
            &"x".repeat(64),
            &format!("{}.test", "a.".repeat(125)),
        ] {
            let error =
                LocateError::from(SearchDomain::new(bad, DomainSource::CommandLine).unwrap_err());
            assert!(
                matches!(error, LocateError::InvalidName { .. }),
                "{bad}: {error}"
            );
        }
        let domains = command_line_domains(&["a.test", "A.test.", "b.test"]).unwrap();
        assert_eq!(domains.len(), 2);
    }
}
