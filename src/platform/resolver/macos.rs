//! The macOS resolver configuration, as configd builds it: the dynamic store's global DNS
//! for the search domains and the default name servers, and split DNS from the network
//! services' supplemental resolvers and the `/etc/resolver/<domain>` files.
//!
//! - `State:/Network/Global/DNS`: `ServerAddresses` (and `ServerPort`), `SearchDomains`,
//!   else `DomainName`, as the search list (configd's `extract_search_domains`).
//! - Each `State:/Network/Service/<id>/DNS` with `SupplementalMatchDomains` and
//!   `ServerAddresses` (a VPN's split DNS): names in those domains are asked of those
//!   servers, and the domains join the search list (before the global ones when their
//!   search order is lower), unless `SupplementalMatchDomainsNoSearch` is set or the
//!   resolver is private (`pdns`) or scoped to an interface.
//! - Each `/etc/resolver/<domain>` file (resolver(5): `nameserver`, `port`, `domain`):
//!   names in that domain are asked of its servers; it does not change the search list.
//! - Without a global DNS in the store (no active network service), `/etc/resolv.conf`.
//!
//! [`configuration`] is a pure function of a [`Snapshot`]; only `read_snapshot` touches
//! the store (through `system-configuration`) and the files.

use std::net::{IpAddr, SocketAddr};

use super::domain::{DNS_PORT, DomainSource, SearchDomain, push_unique_domain};
use super::resolv_conf;
use super::system_dns::{NameServer, ServerSource, SystemDns, add_domain, push_unique_server};
/// A file as read: the `/etc/resolver` files and the resolv.conf fallback.
pub use crate::platform::os_file::FileRead;

/// What is consulted, as messages name it.
pub(crate) const CONSULTED: &str = "the dynamic store's DNS settings (State:/Network/Global/DNS)";
/// The dynamic store key of the global DNS settings.
pub(crate) const GLOBAL_KEY: &str = "State:/Network/Global/DNS";
/// The directory of per-domain resolver files.
pub(crate) const RESOLVER_DIR: &str = "/etc/resolver";
/// configd's search order of a resolver that states none (`DEFAULT_SEARCH_ORDER`).
const DEFAULT_SEARCH_ORDER: u32 = 200_000;
/// A resolver file holds at most this many servers (`MAXNS`); later ones are ignored.
const MAX_FILE_SERVERS: usize = 3;
/// The most `/etc/resolver` files used, and the most services' DNS entries; the reader
/// takes one more of each, so that [`configuration`] can say so.
pub(crate) const MAX_ENTRIES: usize = 256;
/// The most vlmgr reads of a resolver file (a real one holds a few lines).
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024;

/// A dynamic store entry as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StoreEntry {
    /// The key is not in the store.
    #[default]
    Missing,
    /// The key holds something that is not a DNS dictionary, or could not be read.
    Unreadable(String),
    /// A DNS dictionary.
    Dns(DnsDictionary),
}

/// The keys of a DNS dictionary vlmgr reads (`kSCPropNetDNS...`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DnsDictionary {
    /// `ServerAddresses`.
    pub server_addresses: Vec<String>,
    /// `ServerPort`.
    pub server_port: Option<u16>,
    /// `SearchDomains`.
    pub search_domains: Vec<String>,
    /// `DomainName`.
    pub domain_name: Option<String>,
    /// `SearchOrder`.
    pub search_order: Option<u32>,
    /// `SupplementalMatchDomains`.
    pub supplemental_match_domains: Vec<String>,
    /// `SupplementalMatchOrders` (one per match domain, when present).
    pub supplemental_match_orders: Vec<u32>,
    /// `SupplementalMatchDomainsNoSearch` is set and not 0.
    pub supplemental_no_search: bool,
    /// `Options` (e.g. "pdns", "interface=utun3").
    pub options: Option<String>,
    /// Keys present with a type other than expected, said plainly.
    pub problems: Vec<String>,
}

/// One `/etc/resolver` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolverFile {
    /// The file name: the domain unless the file has a `domain` line.
    pub name: String,
    /// Its contents.
    pub contents: FileRead,
}

/// What the macOS resolver configuration is built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// `State:/Network/Global/DNS`.
    pub global: StoreEntry,
    /// Every `State:/Network/Service/<id>/DNS`, with its key (up to [`MAX_ENTRIES`] and
    /// one).
    pub services: Vec<(String, StoreEntry)>,
    /// Why the dynamic store could not be opened, if it could not.
    pub store_error: Option<String>,
    /// The files of `/etc/resolver` (up to [`MAX_ENTRIES`] and one).
    pub resolver_files: Vec<ResolverFile>,
    /// Why `/etc/resolver` could not be listed (it not existing is normal and silent).
    pub resolver_dir_error: Option<String>,
    /// `/etc/resolv.conf`, read only when the store has no global DNS.
    pub resolv_conf: FileRead,
}

/// The resolver configuration a snapshot gives.
pub fn configuration(snapshot: &Snapshot) -> SystemDns {
    let mut system = match &snapshot.global {
        StoreEntry::Dns(global) => {
            let mut system = SystemDns {
                consulted: CONSULTED.to_owned(),
                no_domain_reason: "has no SearchDomains or DomainName".to_owned(),
                ..SystemDns::default()
            };
            add_global(global, &mut system);
            system
        }
        StoreEntry::Missing | StoreEntry::Unreadable(_) => fallback(snapshot),
    };
    if let Some(error) = &snapshot.store_error {
        system
            .notes
            .push(format!("the dynamic store could not be opened: {error}"));
    }
    let default_order = match &snapshot.global {
        StoreEntry::Dns(global) => global.search_order.unwrap_or(DEFAULT_SEARCH_ORDER),
        _ => DEFAULT_SEARCH_ORDER,
    };
    add_supplemental(snapshot, default_order, &mut system);
    let files = snapshot.resolver_files.get(..MAX_ENTRIES);
    for file in files.unwrap_or(&snapshot.resolver_files) {
        add_resolver_file(file, &mut system);
    }
    if snapshot.resolver_files.len() > MAX_ENTRIES {
        system.notes.push(format!(
            "{RESOLVER_DIR} holds more than {MAX_ENTRIES} files; only {MAX_ENTRIES} are used"
        ));
    }
    if snapshot.services.len() > MAX_ENTRIES {
        system.notes.push(format!(
            "the dynamic store holds more than {MAX_ENTRIES} services' DNS settings; only \
             {MAX_ENTRIES} are used"
        ));
    }
    if let Some(error) = &snapshot.resolver_dir_error {
        system
            .notes
            .push(format!("{RESOLVER_DIR} could not be listed: {error}"));
    }
    system
}

/// The global DNS: search domains (else the domain name) and the default servers.
fn add_global(global: &DnsDictionary, system: &mut SystemDns) {
    for problem in &global.problems {
        system.notes.push(format!("{GLOBAL_KEY}: {problem}"));
    }
    if global.search_domains.is_empty() {
        if let Some(domain) = &global.domain_name {
            let origin = format!("{GLOBAL_KEY} DomainName");
            add_domain(system, domain, DomainSource::StoreDomainName, &origin);
        }
    } else {
        let origin = format!("{GLOBAL_KEY} SearchDomains");
        for domain in &global.search_domains {
            add_domain(system, domain, DomainSource::StoreSearchDomains, &origin);
        }
    }
    system.primary_suffix = global
        .domain_name
        .as_deref()
        .and_then(|name| SearchDomain::new(name, DomainSource::StoreDomainName).ok())
        .map(|domain| domain.name);
    let origin = format!("{GLOBAL_KEY} ServerAddresses");
    let port = global.server_port.unwrap_or(DNS_PORT);
    for address in &global.server_addresses {
        match parse_store_address(address) {
            Some(address) => push_unique_server(
                &mut system.servers,
                NameServer::new(
                    SocketAddr::new(address, port),
                    ServerSource::StoreGlobal,
                    &origin,
                ),
            ),
            None => system.notes.push(format!(
                "{origin}: {address:?} is not a usable address; skipped"
            )),
        }
    }
}

/// `/etc/resolv.conf`, when the store has no global DNS.
fn fallback(snapshot: &Snapshot) -> SystemDns {
    let path = resolv_conf::DEFAULT_PATH;
    let why = match &snapshot.global {
        StoreEntry::Unreadable(why) => format!("{GLOBAL_KEY} is unusable ({why})"),
        _ => format!("{GLOBAL_KEY} is not in the dynamic store (no active network service)"),
    };
    let mut system = match &snapshot.resolv_conf {
        FileRead::Bytes(bytes) => resolv_conf::configuration(bytes, path),
        FileRead::Missing => {
            let mut system = resolv_conf::configuration(b"", path);
            system.no_domain_reason = "does not exist".to_owned();
            system
        }
        FileRead::Unreadable(error) => {
            let mut system = resolv_conf::configuration(b"", path);
            system.no_domain_reason = format!("cannot be read ({error})");
            system
        }
    };
    system.consulted = format!("{path} ({why})");
    system
        .notes
        .insert(0, format!("{why}; {path} was read instead"));
    system
}

/// One supplemental match domain of a service.
struct Supplemental<'a> {
    domain: SearchDomain,
    order: u32,
    searched: bool,
    key: &'a str,
}

/// The services' supplemental resolvers: their servers for their domains, and their
/// domains in the search list.
fn add_supplemental(snapshot: &Snapshot, default_order: u32, system: &mut SystemDns) {
    let mut searched = Vec::new();
    let services = snapshot.services.get(..MAX_ENTRIES);
    for (key, entry) in services.unwrap_or(&snapshot.services) {
        let dns = match entry {
            StoreEntry::Dns(dns) => dns,
            StoreEntry::Unreadable(why) => {
                system.notes.push(format!("{key}: {why}; skipped"));
                continue;
            }
            StoreEntry::Missing => continue,
        };
        for problem in &dns.problems {
            system.notes.push(format!("{key}: {problem}"));
        }
        let domains = &dns.supplemental_match_domains;
        if domains.is_empty() || dns.server_addresses.is_empty() {
            continue;
        }
        let orders = &dns.supplemental_match_orders;
        if !orders.is_empty() && orders.len() != domains.len() {
            system.notes.push(format!(
                "{key}: SupplementalMatchOrders does not match SupplementalMatchDomains; skipped"
            ));
            continue;
        }
        let options = dns.options.as_deref().unwrap_or("");
        let scoped = options.contains("interface=");
        if scoped {
            // A resolver scoped to an interface answers only queries made on it.
            continue;
        }
        let port = dns.server_port.unwrap_or(DNS_PORT);
        for (index, domain) in domains.iter().enumerate() {
            if domain.trim().trim_end_matches('.').is_empty() {
                // The empty match domain: a default resolver, not a split one.
                continue;
            }
            let domain = match SearchDomain::new(domain, DomainSource::StoreSupplementalDomain) {
                Ok(domain) => domain,
                Err(error) => {
                    system
                        .notes
                        .push(format!("{key} SupplementalMatchDomains: {error}; skipped"));
                    continue;
                }
            };
            add_scoped_servers(&domain.name, &dns.server_addresses, port, key, system);
            let arpa = domain.name.ends_with(".in-addr.arpa") || domain.name.ends_with(".ip6.arpa");
            searched.push(Supplemental {
                domain,
                order: orders
                    .get(index)
                    .copied()
                    .or(dns.search_order)
                    .unwrap_or(DEFAULT_SEARCH_ORDER),
                searched: !dns.supplemental_no_search && options != "pdns" && !arpa,
                key,
            });
        }
    }
    searched.sort_by_key(|supplemental| supplemental.order);
    let mut insert_at = 0;
    for supplemental in searched.into_iter().filter(|s| s.searched) {
        let origin = format!("{} SupplementalMatchDomains", supplemental.key);
        let domain = supplemental.domain.with_origin(origin);
        if supplemental.order < default_order {
            // Before the default domains, in search order (configd moves it there).
            let known = system
                .domains
                .iter()
                .position(|d| d.name.eq_ignore_ascii_case(&domain.name));
            if let Some(index) = known {
                system.domains.remove(index);
                if index < insert_at {
                    insert_at -= 1;
                }
            }
            system.domains.insert(insert_at, domain);
            insert_at += 1;
        } else {
            push_unique_domain(&mut system.domains, domain);
        }
    }
}

/// `addresses` (strings from the store) as servers for `domain`.
fn add_scoped_servers(
    domain: &str,
    addresses: &[String],
    port: u16,
    origin: &str,
    system: &mut SystemDns,
) {
    for address in addresses {
        match parse_store_address(address) {
            Some(ip) => push_unique_server(
                &mut system.servers,
                NameServer {
                    domain: Some(domain.to_owned()),
                    ..NameServer::new(
                        SocketAddr::new(ip, port),
                        ServerSource::StoreSupplemental,
                        origin,
                    )
                },
            ),
            None => system.notes.push(format!(
                "{origin} ServerAddresses: {address:?} is not a usable address; skipped"
            )),
        }
    }
}

/// An address from `ServerAddresses`; one with an interface scope (`fe80::1%en0`) cannot
/// be used without the interface's index.
fn parse_store_address(text: &str) -> Option<IpAddr> {
    text.trim().parse().ok()
}

/// A resolver file as configd's `_dnsinfo_flatfile_create_resolver` reads it.
fn add_resolver_file(file: &ResolverFile, system: &mut SystemDns) {
    let origin = format!("{RESOLVER_DIR}/{}", file.name);
    let bytes = match &file.contents {
        FileRead::Bytes(bytes) => bytes,
        FileRead::Missing => return,
        FileRead::Unreadable(error) => {
            system
                .notes
                .push(format!("{origin} cannot be read ({error}); skipped"));
            return;
        }
    };
    let parsed = parse_resolver_file(&String::from_utf8_lossy(bytes));
    let domain = parsed.domain.as_deref().unwrap_or(&file.name);
    let domain = match SearchDomain::new(domain, DomainSource::StoreSupplementalDomain) {
        Ok(domain) => domain.name,
        Err(error) => {
            system.notes.push(format!("{origin}: {error}; skipped"));
            return;
        }
    };
    for problem in parsed.problems {
        system.notes.push(format!("{origin}: {problem}"));
    }
    let port = parsed.port.unwrap_or(DNS_PORT);
    for (address, own_port) in parsed.servers {
        push_unique_server(
            &mut system.servers,
            NameServer {
                domain: Some(domain.clone()),
                ..NameServer::new(
                    SocketAddr::new(address, own_port.unwrap_or(port)),
                    ServerSource::ResolverFile,
                    &origin,
                )
            },
        );
    }
}

/// What a resolver file says.
#[derive(Debug, Default, PartialEq, Eq)]
struct ResolverFileSettings {
    domain: Option<String>,
    port: Option<u16>,
    /// Each server with the port given with it (`192.0.2.1.5353`), if any.
    servers: Vec<(IpAddr, Option<u16>)>,
    problems: Vec<String>,
}

/// Parses resolver(5) text: the first word of a line is the keyword (any case), the next
/// its value; `#` and `;` start comments; unknown keywords are ignored, as configd does.
fn parse_resolver_file(text: &str) -> ResolverFileSettings {
    let mut settings = ResolverFileSettings::default();
    for (number, line) in text.lines().enumerate() {
        let mut words = line.split([' ', '\t']).filter(|word| !word.is_empty());
        let (Some(keyword), Some(value)) = (words.next(), words.next()) else {
            continue;
        };
        if keyword.starts_with(['#', ';']) {
            continue;
        }
        match keyword.to_ascii_lowercase().as_str() {
            "nameserver" if settings.servers.len() < MAX_FILE_SERVERS => {
                match parse_file_server(value) {
                    Some(server) => settings.servers.push(server),
                    None => settings.problems.push(format!(
                        "line {}: {value:?} is not an IP address; skipped",
                        number + 1
                    )),
                }
            }
            "port" if settings.port.is_none() => match value.parse::<u16>() {
                Ok(port) => settings.port = Some(port),
                Err(_) => settings.problems.push(format!(
                    "line {}: port {value:?} is not a port number; skipped",
                    number + 1
                )),
            },
            "domain" if settings.domain.is_none() => {
                let domain = value.trim_end_matches('.');
                if !domain.is_empty() {
                    settings.domain = Some(domain.to_owned());
                }
            }
            _ => {}
        }
    }
    settings
}

/// A `nameserver` value: an address, or an address with a trailing `.port`.
fn parse_file_server(value: &str) -> Option<(IpAddr, Option<u16>)> {
    if let Ok(address) = value.parse::<IpAddr>() {
        return Some((address, None));
    }
    let (address, port) = value.rsplit_once('.')?;
    Some((address.parse().ok()?, Some(port.parse().ok()?)))
}

#[cfg(target_os = "macos")]
pub(crate) use read::{read_global_snapshot, read_snapshot};

/// Taking the snapshot: the dynamic store through `system-configuration` (each value
/// serialized by Core Foundation as an XML property list and decoded by `plist`, since
/// Core Foundation's safe API cannot read a dictionary's values), and the files.
#[cfg(target_os = "macos")]
mod read {
    use system_configuration::core_foundation::propertylist::{
        CFPropertyList, create_data, kCFPropertyListXMLFormat_v1_0,
    };
    use system_configuration::dynamic_store::{SCDynamicStore, SCDynamicStoreBuilder};

    use std::path::Path;

    use super::{
        DnsDictionary, FileRead, GLOBAL_KEY, MAX_ENTRIES, MAX_FILE_BYTES, RESOLVER_DIR,
        ResolverFile, Snapshot, StoreEntry,
    };
    use crate::platform::resolver::resolv_conf;

    /// Everything [`super::configuration`] needs.
    pub(crate) fn read_snapshot() -> Snapshot {
        let mut snapshot = read_global_snapshot();
        if let Some(store) = store() {
            let keys = store
                .get_keys("State:/Network/Service/[^/]+/DNS")
                .map(|keys| keys.iter().map(|key| key.to_string()).collect::<Vec<_>>())
                .unwrap_or_default();
            for key in keys.into_iter().take(MAX_ENTRIES + 1) {
                let entry = entry(&store, &key);
                snapshot.services.push((key, entry));
            }
        }
        match std::fs::read_dir(RESOLVER_DIR) {
            Ok(entries) => {
                for entry in entries.flatten().take(MAX_ENTRIES + 1) {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let contents = FileRead::of(&entry.path(), MAX_FILE_BYTES);
                    snapshot
                        .resolver_files
                        .push(ResolverFile { name, contents });
                }
                snapshot.resolver_files.sort_by(|a, b| a.name.cmp(&b.name));
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => snapshot.resolver_dir_error = Some(error.to_string()),
        }
        snapshot
    }

    /// The global DNS only (and resolv.conf when it is missing).
    pub(crate) fn read_global_snapshot() -> Snapshot {
        let mut snapshot = Snapshot::default();
        match store() {
            Some(store) => snapshot.global = entry(&store, GLOBAL_KEY),
            None => snapshot.store_error = Some("SCDynamicStoreCreate failed".to_owned()),
        }
        if !matches!(snapshot.global, StoreEntry::Dns(_)) {
            snapshot.resolv_conf =
                FileRead::of(Path::new(resolv_conf::DEFAULT_PATH), resolv_conf::MAX_BYTES);
        }
        snapshot
    }

    fn store() -> Option<SCDynamicStore> {
        SCDynamicStoreBuilder::new("vlmgr").build()
    }

    fn entry(store: &SCDynamicStore, key: &str) -> StoreEntry {
        match store.get(key) {
            None => StoreEntry::Missing,
            Some(list) => match decode(&list) {
                Ok(dictionary) => StoreEntry::Dns(dictionary),
                Err(why) => StoreEntry::Unreadable(why),
            },
        }
    }

    /// A store value as a DNS dictionary.
    fn decode(list: &CFPropertyList) -> Result<DnsDictionary, String> {
        let data = create_data(list.as_CFTypeRef(), kCFPropertyListXMLFormat_v1_0)
            .map_err(|error| format!("cannot be serialized: {error}"))?;
        let value = plist::Value::from_reader_xml(data.bytes())
            .map_err(|error| format!("cannot be decoded: {error}"))?;
        let dictionary = value
            .as_dictionary()
            .ok_or_else(|| "is not a dictionary".to_owned())?;
        Ok(dns_dictionary(dictionary))
    }

    fn dns_dictionary(dictionary: &plist::Dictionary) -> DnsDictionary {
        let mut dns = DnsDictionary::default();
        let strings = |key: &str, problems: &mut Vec<String>| -> Vec<String> {
            match dictionary.get(key) {
                None => Vec::new(),
                Some(plist::Value::Array(items)) => items
                    .iter()
                    .filter_map(|item| match item.as_string() {
                        Some(text) => Some(text.to_owned()),
                        None => {
                            problems.push(format!("{key} holds a value that is not a string"));
                            None
                        }
                    })
                    .collect(),
                Some(_) => {
                    problems.push(format!("{key} is not an array"));
                    Vec::new()
                }
            }
        };
        let mut problems = Vec::new();
        dns.server_addresses = strings("ServerAddresses", &mut problems);
        dns.search_domains = strings("SearchDomains", &mut problems);
        dns.supplemental_match_domains = strings("SupplementalMatchDomains", &mut problems);
        dns.domain_name = dictionary
            .get("DomainName")
            .and_then(plist::Value::as_string)
            .map(str::to_owned);
        dns.options = dictionary
            .get("Options")
            .and_then(plist::Value::as_string)
            .map(str::to_owned);
        let number = |key: &str| {
            dictionary
                .get(key)
                .and_then(plist::Value::as_unsigned_integer)
        };
        dns.server_port = number("ServerPort").and_then(|port| u16::try_from(port).ok());
        dns.search_order = number("SearchOrder").and_then(|order| u32::try_from(order).ok());
        dns.supplemental_no_search =
            number("SupplementalMatchDomainsNoSearch").is_some_and(|n| n != 0);
        if let Some(plist::Value::Array(orders)) = dictionary.get("SupplementalMatchOrders") {
            dns.supplemental_match_orders = orders
                .iter()
                .filter_map(plist::Value::as_unsigned_integer)
                .filter_map(|order| u32::try_from(order).ok())
                .collect();
        }
        dns.problems = problems;
        dns
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::resolver::system_dns::tests::domains;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    fn servers(system: &SystemDns) -> Vec<(String, Option<&str>, ServerSource)> {
        system
            .servers
            .iter()
            .map(|s| (s.address.to_string(), s.domain.as_deref(), s.source))
            .collect()
    }

    fn global() -> DnsDictionary {
        DnsDictionary {
            server_addresses: strings(&["192.168.1.1", "2001:db8::1", "fe80::1%en0"]),
            search_domains: strings(&["home.example", "corp.example"]),
            domain_name: Some("home.example".to_owned()),
            ..DnsDictionary::default()
        }
    }

    #[test]
    fn the_global_dns_gives_search_domains_and_servers() {
        let snapshot = Snapshot {
            global: StoreEntry::Dns(global()),
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        assert_eq!(
            domains(&system),
            vec![
                ("home.example", DomainSource::StoreSearchDomains),
                ("corp.example", DomainSource::StoreSearchDomains),
            ]
        );
        assert_eq!(
            servers(&system),
            vec![
                ("192.168.1.1:53".to_owned(), None, ServerSource::StoreGlobal),
                (
                    "[2001:db8::1]:53".to_owned(),
                    None,
                    ServerSource::StoreGlobal
                ),
            ]
        );
        assert_eq!(system.primary_suffix.as_deref(), Some("home.example"));
        assert_eq!(system.consulted, CONSULTED);
        assert_eq!(system.notes.len(), 1, "{:?}", system.notes);
        assert!(system.notes[0].contains("fe80::1%en0"));

        // Without SearchDomains, the DomainName is the search list.
        let only_name = DnsDictionary {
            search_domains: Vec::new(),
            server_port: Some(5353),
            ..global()
        };
        let system = configuration(&Snapshot {
            global: StoreEntry::Dns(only_name),
            ..Snapshot::default()
        });
        assert_eq!(
            domains(&system),
            vec![("home.example", DomainSource::StoreDomainName)]
        );
        assert_eq!(system.servers[0].address.port(), 5353);
    }

    #[test]
    fn a_vpn_supplemental_resolver_serves_its_domains_and_joins_the_search_list() {
        let vpn = DnsDictionary {
            server_addresses: strings(&["10.8.0.1"]),
            supplemental_match_domains: strings(&["vpn.example", "", "10.in-addr.arpa"]),
            search_order: Some(100),
            ..DnsDictionary::default()
        };
        let quiet = DnsDictionary {
            server_addresses: strings(&["10.9.0.1"]),
            supplemental_match_domains: strings(&["quiet.example"]),
            supplemental_no_search: true,
            ..DnsDictionary::default()
        };
        let late = DnsDictionary {
            server_addresses: strings(&["10.7.0.1"]),
            supplemental_match_domains: strings(&["late.example", "corp.example"]),
            ..DnsDictionary::default()
        };
        let scoped = DnsDictionary {
            server_addresses: strings(&["10.6.0.1"]),
            supplemental_match_domains: strings(&["scoped.example"]),
            options: Some("interface=utun4".to_owned()),
            ..DnsDictionary::default()
        };
        let snapshot = Snapshot {
            global: StoreEntry::Dns(global()),
            services: vec![
                (
                    "State:/Network/Service/A/DNS".to_owned(),
                    StoreEntry::Dns(vpn),
                ),
                (
                    "State:/Network/Service/B/DNS".to_owned(),
                    StoreEntry::Dns(quiet),
                ),
                (
                    "State:/Network/Service/C/DNS".to_owned(),
                    StoreEntry::Dns(late),
                ),
                (
                    "State:/Network/Service/D/DNS".to_owned(),
                    StoreEntry::Dns(scoped),
                ),
                (
                    "State:/Network/Service/E/DNS".to_owned(),
                    StoreEntry::Unreadable("is not a dictionary".to_owned()),
                ),
            ],
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        assert_eq!(
            domains(&system),
            vec![
                ("vpn.example", DomainSource::StoreSupplementalDomain),
                ("home.example", DomainSource::StoreSearchDomains),
                ("corp.example", DomainSource::StoreSearchDomains),
                ("late.example", DomainSource::StoreSupplementalDomain),
            ]
        );
        assert_eq!(
            system.domains[0].origin.as_deref(),
            Some("State:/Network/Service/A/DNS SupplementalMatchDomains")
        );
        let scoped: Vec<_> = servers(&system)
            .into_iter()
            .filter(|(_, domain, _)| domain.is_some())
            .collect();
        assert_eq!(
            scoped,
            vec![
                (
                    "10.8.0.1:53".to_owned(),
                    Some("vpn.example"),
                    ServerSource::StoreSupplemental
                ),
                (
                    "10.8.0.1:53".to_owned(),
                    Some("10.in-addr.arpa"),
                    ServerSource::StoreSupplemental
                ),
                (
                    "10.9.0.1:53".to_owned(),
                    Some("quiet.example"),
                    ServerSource::StoreSupplemental
                ),
                (
                    "10.7.0.1:53".to_owned(),
                    Some("late.example"),
                    ServerSource::StoreSupplemental
                ),
                (
                    "10.7.0.1:53".to_owned(),
                    Some("corp.example"),
                    ServerSource::StoreSupplemental
                ),
            ]
        );
        assert!(
            system
                .notes
                .iter()
                .any(|n| n.contains("Service/E/DNS: is not a dictionary")),
            "{:?}",
            system.notes
        );
    }

    #[test]
    fn resolver_files_route_their_domain_to_their_servers() {
        let file = |name: &str, text: &str| ResolverFile {
            name: name.to_owned(),
            contents: FileRead::Bytes(text.as_bytes().to_vec()),
        };
        let snapshot = Snapshot {
            global: StoreEntry::Dns(global()),
            resolver_files: vec![
                file(
                    "corp.example",
                    "# VPN\nnameserver 10.1.0.1\nnameserver 10.1.0.2.5300\nport 5353\n",
                ),
                file(
                    "other",
                    "Domain lab.example.\nNAMESERVER ::1\nsearch_order 1\n",
                ),
                file("bad", "nameserver nonsense\n"),
                file("a..b", "nameserver 10.2.0.1\n"),
                ResolverFile {
                    name: "locked.example".to_owned(),
                    contents: FileRead::Unreadable("permission denied".to_owned()),
                },
            ],
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        let scoped: Vec<_> = servers(&system)
            .into_iter()
            .filter(|(_, domain, _)| domain.is_some())
            .collect();
        assert_eq!(
            scoped,
            vec![
                (
                    "10.1.0.1:5353".to_owned(),
                    Some("corp.example"),
                    ServerSource::ResolverFile
                ),
                (
                    "10.1.0.2:5300".to_owned(),
                    Some("corp.example"),
                    ServerSource::ResolverFile
                ),
                (
                    "[::1]:53".to_owned(),
                    Some("lab.example"),
                    ServerSource::ResolverFile
                ),
            ]
        );
        // Files do not change the search list.
        assert_eq!(system.domains.len(), 2);
        let notes = system.notes.join("\n");
        for said in [
            "/etc/resolver/bad: line 1: \"nonsense\" is not an IP address",
            "/etc/resolver/a..b",
            "/etc/resolver/locked.example cannot be read (permission denied)",
        ] {
            assert!(notes.contains(said), "{said}: {notes}");
        }
    }

    #[test]
    fn without_a_global_dns_resolv_conf_is_read() {
        let snapshot = Snapshot {
            resolv_conf: FileRead::Bytes(
                b"search fallback.example\nnameserver 10.0.0.1\n".to_vec(),
            ),
            store_error: None,
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        assert_eq!(
            domains(&system),
            vec![("fallback.example", DomainSource::ResolvConfSearch)]
        );
        assert_eq!(system.servers[0].source, ServerSource::ResolvConf);
        assert!(
            system.consulted.starts_with("/etc/resolv.conf"),
            "{}",
            system.consulted
        );
        assert!(
            system.notes[0].contains("is not in the dynamic store"),
            "{:?}",
            system.notes
        );

        let nothing = configuration(&Snapshot {
            store_error: Some("SCDynamicStoreCreate failed".to_owned()),
            ..Snapshot::default()
        });
        assert!(nothing.domains.is_empty());
        assert_eq!(nothing.no_domain_reason, "does not exist");
        assert!(
            nothing
                .notes
                .iter()
                .any(|n| n.contains("SCDynamicStoreCreate failed"))
        );
    }

    #[test]
    fn resolver_file_lines() {
        let settings = parse_resolver_file(
            "nameserver 192.0.2.1\nnameserver ::1.53\nnameserver 192.0.2.2\nnameserver 192.0.2.3\n\
             port 99999\nport 5300\n;nameserver 192.0.2.9\nnameserver\n",
        );
        assert_eq!(settings.servers.len(), 3);
        assert_eq!(settings.servers[1], ("::1".parse().unwrap(), Some(53)));
        assert_eq!(settings.port, Some(5300));
        assert_eq!(settings.problems.len(), 1, "{:?}", settings.problems);
    }

    #[test]
    fn too_many_files_or_services_are_bounded_and_said() {
        let file = |index: usize| ResolverFile {
            name: format!("d{index:03}.example"),
            contents: FileRead::Bytes(b"nameserver 10.1.0.1\n".to_vec()),
        };
        let service = |index: usize| {
            (
                format!("State:/Network/Service/{index}/DNS"),
                StoreEntry::Dns(DnsDictionary {
                    server_addresses: strings(&["10.8.0.1"]),
                    supplemental_match_domains: vec![format!("s{index:03}.example")],
                    ..DnsDictionary::default()
                }),
            )
        };
        let snapshot = Snapshot {
            global: StoreEntry::Dns(global()),
            resolver_files: (0..=MAX_ENTRIES).map(file).collect(),
            services: (0..=MAX_ENTRIES).map(service).collect(),
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        let from = |source| system.servers.iter().filter(|s| s.source == source).count();
        assert_eq!(from(ServerSource::ResolverFile), MAX_ENTRIES);
        assert_eq!(from(ServerSource::StoreSupplemental), MAX_ENTRIES);
        let notes = system.notes.join("\n");
        for said in [
            "/etc/resolver holds more than 256 files",
            "more than 256 services' DNS settings",
        ] {
            assert!(notes.contains(said), "{said}: {notes}");
        }
    }

    /// A resolver file the reader refused (a FIFO, too large) is said and skipped, like
    /// one it could not read.
    #[test]
    fn a_refused_resolver_file_is_said_and_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.example");
        std::fs::write(&path, vec![b'#'; 64 * 1024 + 1]).unwrap();
        let snapshot = Snapshot {
            global: StoreEntry::Dns(global()),
            resolver_files: vec![ResolverFile {
                name: "big.example".to_owned(),
                contents: FileRead::of(&path, MAX_FILE_BYTES),
            }],
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        assert!(
            system.notes.iter().any(|n| n.contains(
                "/etc/resolver/big.example cannot be read (it holds more than 65536 bytes"
            )),
            "{:?}",
            system.notes
        );
    }
}
