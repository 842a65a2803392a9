//! Each OS's own resolver configuration, read the way that OS's resolver reads it: the
//! search domains and the name servers, each with where it came from
//! (docs/platforms.md).
//!
//! Every source is a pure function from a snapshot of what the OS holds to a
//! [`SystemDns`]: resolv.conf text ([`resolv_conf`]), registry values and adapters
//! ([`windows`]), dynamic store dictionaries and `/etc/resolver` files ([`macos`]). Only
//! the small readers that take the snapshot are compiled for their own OS, so the rules
//! of every OS are unit-tested on every OS.
//!
//! `VLMGR_RESOLV_CONF` names a resolv.conf to read instead, on every OS. Without it,
//! Linux reads `/etc/resolv.conf`, macOS its dynamic store (with `/etc/resolv.conf` as the
//! fallback) and Windows its registry; the Windows build never opens a Unix path. Every
//! file is read through `platform::os_file`, bounded; the hosts file too ([`hosts`]).
//!
//! The search domain type ([`SearchDomain`], [`DomainSource`]) lives here, with what the
//! configurations yield, so that this module needs nothing from the locator, which
//! re-exports it.

mod domain;
pub(crate) mod hosts;
// Each OS's rules are compiled and tested everywhere, but only that OS's reader calls
// them: its own build is the one that finds dead code in them.
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
pub mod macos;
pub mod resolv_conf;
mod system_dns;
#[cfg_attr(not(windows), allow(dead_code))]
pub mod windows;

use std::path::Path;

pub use domain::{DomainSource, SearchDomain};
pub(crate) use domain::{InvalidDomain, push_unique_domain, srv_query_name};
pub(crate) use resolv_conf::UnreadableResolvConf;
pub use system_dns::{MAX_SEARCH_DOMAINS, ServerSource, SystemDns};
pub(crate) use system_dns::{NameServer, RetryOptions};

/// Where an OS keeps its resolver configuration, for the messages that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Native {
    /// Windows: the DNS client's registry values and the adapters.
    Registry,
    /// macOS: the dynamic store.
    DynamicStore,
    /// Linux and other Unix systems: `/etc/resolv.conf`.
    ResolvConf,
}

impl Native {
    /// This build's OS.
    pub(crate) const THIS_OS: Native = if cfg!(windows) {
        Native::Registry
    } else if cfg!(target_os = "macos") {
        Native::DynamicStore
    } else {
        Native::ResolvConf
    };
}

/// The resolver configuration: the file `resolv_conf` names (`VLMGR_RESOLV_CONF`), else
/// the OS's own.
///
/// A resolv.conf that exists but cannot be read is an error; everything else that is
/// missing or unusable is said in [`SystemDns::notes`] and skipped.
pub fn read(resolv_conf: Option<&Path>) -> Result<SystemDns, UnreadableResolvConf> {
    match resolv_conf {
        Some(path) => resolv_conf::read(path),
        None => read_native(),
    }
}

#[cfg(windows)]
fn read_native() -> Result<SystemDns, UnreadableResolvConf> {
    Ok(windows::configuration(&windows::read_snapshot()))
}

#[cfg(target_os = "macos")]
fn read_native() -> Result<SystemDns, UnreadableResolvConf> {
    Ok(macos::configuration(&macos::read_snapshot()))
}

#[cfg(not(any(windows, target_os = "macos")))]
fn read_native() -> Result<SystemDns, UnreadableResolvConf> {
    resolv_conf::read(Path::new(resolv_conf::DEFAULT_PATH))
}

/// The machine's primary DNS suffix from the OS's own configuration (never
/// `VLMGR_RESOLV_CONF`): the workstation name is the host name plus this suffix.
#[cfg(windows)]
pub(crate) fn primary_suffix() -> Option<String> {
    windows::primary_suffix(&windows::read_suffix_snapshot())
}

/// The machine's primary DNS suffix from the OS's own configuration (never
/// `VLMGR_RESOLV_CONF`): the workstation name is the host name plus this suffix.
#[cfg(target_os = "macos")]
pub(crate) fn primary_suffix() -> Option<String> {
    macos::configuration(&macos::read_global_snapshot()).primary_suffix
}

/// The machine's primary DNS suffix from the OS's own configuration (never
/// `VLMGR_RESOLV_CONF`): the workstation name is the host name plus this suffix.
#[cfg(not(any(windows, target_os = "macos")))]
pub(crate) fn primary_suffix() -> Option<String> {
    resolv_conf::read(Path::new(resolv_conf::DEFAULT_PATH))
        .ok()
        .and_then(|system| system.primary_suffix)
}

/// What would be consulted for the search domains, as messages name it, where nothing
/// was read yet (after a reading, [`SystemDns::consulted`] says what it was).
pub(crate) fn consulted(resolv_conf: Option<&Path>) -> String {
    consulted_on(Native::THIS_OS, resolv_conf)
}

/// [`consulted`] on an OS whose own configuration is `native`.
pub(crate) fn consulted_on(native: Native, resolv_conf: Option<&Path>) -> String {
    match (resolv_conf, native) {
        (Some(path), _) => path.display().to_string(),
        (None, Native::Registry) => windows::CONSULTED.to_owned(),
        (None, Native::DynamicStore) => macos::CONSULTED.to_owned(),
        (None, Native::ResolvConf) => resolv_conf::DEFAULT_PATH.to_owned(),
    }
}

/// How to give this machine a search domain, with the OS's own tools.
pub(crate) fn how_to_add_a_domain(resolv_conf: Option<&Path>) -> String {
    how_to_add_a_domain_on(Native::THIS_OS, resolv_conf)
}

/// [`how_to_add_a_domain`] on an OS whose own configuration is `native`.
pub(crate) fn how_to_add_a_domain_on(native: Native, resolv_conf: Option<&Path>) -> String {
    match (resolv_conf, native) {
        (Some(path), _) => format!("add a `domain` or `search` line to {}", path.display()),
        (None, Native::Registry) => "set a DNS suffix search list with \
             `Set-DnsClientGlobalSetting -SuffixSearchList @('corp.example')` \
             (`Get-DnsClientGlobalSetting` shows it) or a primary DNS suffix"
            .to_owned(),
        (None, Native::DynamicStore) => "add a search domain in System Settings \
             (Network, Details, DNS) or with `networksetup -setsearchdomains <service> corp.example` \
             (`scutil --dns` shows what is in force)"
            .to_owned(),
        (None, Native::ResolvConf) => format!(
            "add a `domain` or `search` line to {}",
            resolv_conf::DEFAULT_PATH
        ),
    }
}

/// Why a record `nslookup` finds is not found by clients, in the words of the
/// configuration the domains came from; none for a lookup domain or named domains.
pub(crate) fn search_list_hint(domains: &[SearchDomain]) -> Option<String> {
    let names = domains
        .iter()
        .map(|domain| domain.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let first = domains.first()?;
    let (searched, fix) = match first.source {
        DomainSource::ResolvConfDomain | DomainSource::ResolvConfSearch => (
            "resolv.conf `domain` and `search`",
            "add that zone to `search`".to_owned(),
        ),
        DomainSource::SearchListPolicy
        | DomainSource::SearchList
        | DomainSource::PrimarySuffixPolicy
        | DomainSource::PrimarySuffix
        | DomainSource::AdapterSuffix
        | DomainSource::AdapterDhcpSuffix => (
            "the DNS suffix search list, or without one the primary and connection-specific suffixes",
            "add that zone to the suffix search list \
             (`Set-DnsClientGlobalSetting -SuffixSearchList`; `Get-DnsClientGlobalSetting` shows it)"
                .to_owned(),
        ),
        DomainSource::StoreSearchDomains
        | DomainSource::StoreDomainName
        | DomainSource::StoreSupplementalDomain => (
            "the search domains `scutil --dns` shows",
            "add that zone to the search domains (System Settings, or \
             `networksetup -setsearchdomains`)"
                .to_owned(),
        ),
        DomainSource::LookupDomain | DomainSource::CommandLine => return None,
    };
    Some(format!(
        "clients search only _vlmcs._tcp in {names} ({searched}); a record in any other zone \
         is not found even if `nslookup -type=srv` shows it: {fix}, set it with \
         `vlmgr skms-domain <zone>`, or try `vlmgr discover <zone>`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_speak_the_language_of_the_source() {
        let domain = |source| {
            vec![
                SearchDomain::new("corp.example", source)
                    .unwrap()
                    .with_origin("x"),
            ]
        };
        let hint = |source| search_list_hint(&domain(source)).unwrap_or_default();
        assert!(hint(DomainSource::ResolvConfSearch).contains("`search`"));
        let windows = hint(DomainSource::SearchList);
        assert!(windows.contains("Set-DnsClientGlobalSetting -SuffixSearchList"));
        assert!(windows.contains("Get-DnsClientGlobalSetting"));
        assert!(!windows.contains("resolv.conf"), "{windows}");
        let mac = hint(DomainSource::StoreSearchDomains);
        assert!(mac.contains("scutil --dns"), "{mac}");
        assert!(!mac.contains("resolv.conf"), "{mac}");
        assert_eq!(search_list_hint(&domain(DomainSource::LookupDomain)), None);
        assert_eq!(search_list_hint(&[]), None);
    }

    #[test]
    fn the_remedy_names_the_os_tools_or_the_file() {
        let file = how_to_add_a_domain(Some(Path::new("/tmp/r.conf")));
        assert!(file.contains("/tmp/r.conf"), "{file}");
        let native = how_to_add_a_domain(None);
        if cfg!(windows) {
            assert!(native.contains("Set-DnsClientGlobalSetting"), "{native}");
            assert!(!native.contains("resolv.conf"), "{native}");
        } else if cfg!(target_os = "macos") {
            assert!(native.contains("scutil --dns"), "{native}");
        } else {
            assert!(native.contains("/etc/resolv.conf"), "{native}");
        }
    }

    #[test]
    fn every_os_has_its_own_remedy_and_source_named() {
        let windows = how_to_add_a_domain_on(Native::Registry, None);
        assert!(windows.contains("Set-DnsClientGlobalSetting"), "{windows}");
        assert!(!windows.contains("resolv.conf"), "{windows}");
        let mac = how_to_add_a_domain_on(Native::DynamicStore, None);
        assert!(mac.contains("scutil --dns"), "{mac}");
        let linux = how_to_add_a_domain_on(Native::ResolvConf, None);
        assert!(linux.contains("/etc/resolv.conf"), "{linux}");
        let file = Path::new("/tmp/r.conf");
        for native in [Native::Registry, Native::DynamicStore, Native::ResolvConf] {
            assert!(how_to_add_a_domain_on(native, Some(file)).contains("/tmp/r.conf"));
            assert_eq!(consulted_on(native, Some(file)), "/tmp/r.conf");
        }
        assert!(consulted_on(Native::Registry, None).contains("registry"));
        assert!(consulted_on(Native::DynamicStore, None).contains("dynamic store"));
        assert_eq!(consulted_on(Native::ResolvConf, None), "/etc/resolv.conf");
    }
}
