//! The Windows DNS client's configuration, from the registry and the connected adapters.
//!
//! Search domains, in the DNS client's order:
//! 1. the suffix search list: Group Policy's `SearchList` under
//!    `HKLM\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient`, else `SearchList` under
//!    `HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters`; when there is one, it is
//!    all that is searched;
//! 2. without one: the primary DNS suffix (Group Policy's `PrimaryDnsSuffix`, else
//!    Tcpip\Parameters `NV Domain`, else `Domain`),
//! 3. then each connected adapter's connection-specific suffix (its `Domain` under
//!    `Tcpip\Parameters\Interfaces\{GUID}`, else its `DhcpDomain`).
//!
//! Name servers come from the connected adapters, in the order Windows reports them:
//! each adapter's configured servers (`NameServer`, IPv4 and IPv6), which replace the
//! DHCP ones on that adapter as they do in Windows, else its `DhcpNameServer`; then any
//! other server Windows reports for it (DHCPv6, router advertisements).
//!
//! [`configuration`] is a pure function of a [`Snapshot`]; only `read_snapshot` touches
//! the registry (through `windows-registry`) and the adapters (`ipconfig`'s
//! `get_adapters`; that crate's search-list helpers pass the key path as a value name and
//! always return nothing, so they are not used).

use std::net::{IpAddr, SocketAddr};

use super::domain::{DNS_PORT, DomainSource};
use super::system_dns::{NameServer, ServerSource, SystemDns, add_domain, push_unique_server};

/// What is consulted, as messages name it.
pub const CONSULTED: &str = "the Windows DNS client settings (registry)";
/// Group Policy's DNS client key.
pub(crate) const POLICY_KEY: &str = r"SOFTWARE\Policies\Microsoft\Windows NT\DNSClient";
/// The TCP/IP parameters key.
pub(crate) const TCPIP_KEY: &str = r"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";
/// The per-adapter IPv4 parameters, one subkey per adapter GUID.
pub(crate) const INTERFACES_KEY: &str =
    r"SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\Interfaces";
/// The per-adapter IPv6 parameters, one subkey per adapter GUID.
pub(crate) const INTERFACES6_KEY: &str =
    r"SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters\Interfaces";
/// The most adapters looked at, far more than a machine has (each VPN, virtual switch and
/// tunnel is one); the reader takes one more, so that [`configuration`] can say so.
pub(crate) const MAX_ADAPTERS: usize = 256;
/// The most characters of one registry string used: a suffix search list of a thousand
/// domains fits. `windows-registry`'s safe API can only read a value whole (its size query
/// is `unsafe`), so a longer one is read, then refused ([`RegistryValue::from_text`]).
pub(crate) const MAX_REGISTRY_TEXT: usize = 16 * 1024;

/// One registry value as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RegistryValue {
    /// The key or the value does not exist.
    #[default]
    Missing,
    /// A string value (REG_SZ, REG_EXPAND_SZ; REG_MULTI_SZ joined with commas).
    Text(String),
    /// Present but not usable: another type, or the read failed.
    Unreadable(String),
}

impl RegistryValue {
    /// A string value as read, unless it is longer than [`MAX_REGISTRY_TEXT`] characters.
    pub(crate) fn from_text(text: String) -> Self {
        if text.chars().nth(MAX_REGISTRY_TEXT).is_some() {
            Self::Unreadable(format!(
                "holds more than {MAX_REGISTRY_TEXT} characters, more than any DNS client \
                 setting"
            ))
        } else {
            Self::Text(text)
        }
    }

    /// The trimmed text, if there is any.
    fn text(&self) -> Option<&str> {
        match self {
            Self::Text(text) if !text.trim().is_empty() => Some(text.trim()),
            _ => None,
        }
    }
}

/// The registry values and adapters the DNS client configuration comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// `HKLM\<POLICY_KEY>\SearchList`.
    pub policy_search_list: RegistryValue,
    /// `HKLM\<TCPIP_KEY>\SearchList`.
    pub search_list: RegistryValue,
    /// The primary DNS suffix values.
    pub suffix: SuffixSnapshot,
    /// Every adapter Windows reports, connected or not, in its order, up to
    /// [`MAX_ADAPTERS`] and one (the registry values of a disconnected one are not read:
    /// left at their default).
    pub adapters: Vec<Adapter>,
    /// Why the adapters could not be listed, if they could not.
    pub adapters_error: Option<String>,
}

/// The values the primary DNS suffix comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuffixSnapshot {
    /// `HKLM\<POLICY_KEY>\PrimaryDnsSuffix`.
    pub policy_primary_suffix: RegistryValue,
    /// `HKLM\<TCPIP_KEY>\NV Domain` (the configured suffix).
    pub nv_domain: RegistryValue,
    /// `HKLM\<TCPIP_KEY>\Domain` (the suffix in effect).
    pub domain: RegistryValue,
}

/// One network adapter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adapter {
    /// Its GUID as the registry names it, `{...}`.
    pub guid: String,
    /// The name people see ("Ethernet", "Wi-Fi").
    pub name: String,
    /// Whether it is up (operational status "up") and not the loopback.
    pub connected: bool,
    /// `Interfaces\{GUID}\Domain`: the configured connection-specific suffix.
    pub domain: RegistryValue,
    /// `Interfaces\{GUID}\DhcpDomain`: the suffix DHCP gave.
    pub dhcp_domain: RegistryValue,
    /// `Interfaces\{GUID}\NameServer`: configured IPv4 servers.
    pub name_server: RegistryValue,
    /// `Tcpip6\...\Interfaces\{GUID}\NameServer`: configured IPv6 servers.
    pub name_server_v6: RegistryValue,
    /// `Interfaces\{GUID}\DhcpNameServer`: servers DHCP gave.
    pub dhcp_name_server: RegistryValue,
    /// The servers Windows reports for the adapter (GetAdaptersAddresses).
    pub reported_servers: Vec<IpAddr>,
}

/// The DNS client configuration a snapshot gives.
pub fn configuration(snapshot: &Snapshot) -> SystemDns {
    let mut system = SystemDns {
        consulted: CONSULTED.to_owned(),
        no_domain_reason: "hold no DNS suffix search list, primary DNS suffix or \
                           connection-specific suffix of a connected adapter"
            .to_owned(),
        ..SystemDns::default()
    };
    let adapters = snapshot
        .adapters
        .get(..MAX_ADAPTERS)
        .unwrap_or(&snapshot.adapters);
    let connected: Vec<&Adapter> = adapters.iter().filter(|a| a.connected).collect();
    if let Some(error) = &snapshot.adapters_error {
        system
            .notes
            .push(format!("the network adapters could not be listed: {error}"));
    }
    if snapshot.adapters.len() > MAX_ADAPTERS {
        system.notes.push(format!(
            "Windows reports more than {MAX_ADAPTERS} network adapters; those after the \
             {MAX_ADAPTERS}th are not used"
        ));
    }
    let primary = primary_suffix_noting(&snapshot.suffix, &mut system.notes);
    system.primary_suffix = primary.as_ref().map(|(suffix, _, _)| suffix.clone());
    if !add_search_list(snapshot, &mut system) {
        if let Some((suffix, source, origin)) = &primary {
            add_domain(&mut system, suffix, *source, origin);
        }
        for adapter in &connected {
            add_adapter_suffix(adapter, &mut system);
        }
    }
    for adapter in &connected {
        add_adapter_servers(adapter, &mut system);
    }
    if system.servers.is_empty() {
        system
            .notes
            .push("no connected network adapter has a DNS server".to_owned());
    }
    system
}

/// The primary DNS suffix: Group Policy's, else `NV Domain`, else `Domain`.
pub(crate) fn primary_suffix(suffix: &SuffixSnapshot) -> Option<String> {
    primary_suffix_noting(suffix, &mut Vec::new()).map(|(name, _, _)| name)
}

/// The primary DNS suffix, its source and the registry path it came from; unreadable
/// values are noted.
fn primary_suffix_noting(
    suffix: &SuffixSnapshot,
    notes: &mut Vec<String>,
) -> Option<(String, DomainSource, String)> {
    let candidates = [
        (
            &suffix.policy_primary_suffix,
            DomainSource::PrimarySuffixPolicy,
            format!(r"HKLM\{POLICY_KEY}\PrimaryDnsSuffix"),
        ),
        (
            &suffix.nv_domain,
            DomainSource::PrimarySuffix,
            format!(r"HKLM\{TCPIP_KEY}\NV Domain"),
        ),
        (
            &suffix.domain,
            DomainSource::PrimarySuffix,
            format!(r"HKLM\{TCPIP_KEY}\Domain"),
        ),
    ];
    let mut found = None;
    for (value, source, origin) in candidates {
        note_unreadable(value, &origin, notes);
        if found.is_none()
            && let Some(text) = value.text()
        {
            found = Some((text.trim_end_matches('.').to_owned(), source, origin));
        }
    }
    found
}

/// Adds the first suffix search list that has entries; whether there was one.
fn add_search_list(snapshot: &Snapshot, system: &mut SystemDns) -> bool {
    let lists = [
        (
            &snapshot.policy_search_list,
            DomainSource::SearchListPolicy,
            POLICY_KEY,
        ),
        (&snapshot.search_list, DomainSource::SearchList, TCPIP_KEY),
    ];
    for (value, source, key) in lists {
        let origin = format!(r"HKLM\{key}\SearchList");
        note_unreadable(value, &origin, &mut system.notes);
        let Some(text) = value.text() else { continue };
        let before = system.domains.len();
        for name in split_list(text) {
            add_domain(system, name, source, &origin);
        }
        if system.domains.len() > before {
            return true;
        }
    }
    false
}

/// The adapter's connection-specific suffix: its `Domain`, else its `DhcpDomain`.
fn add_adapter_suffix(adapter: &Adapter, system: &mut SystemDns) {
    let key = format!(r"HKLM\{INTERFACES_KEY}\{}", adapter.guid);
    let candidates = [
        (&adapter.domain, DomainSource::AdapterSuffix, "Domain"),
        (
            &adapter.dhcp_domain,
            DomainSource::AdapterDhcpSuffix,
            "DhcpDomain",
        ),
    ];
    for (value, source, name) in candidates {
        let origin = format!(r"{key}\{name} ({})", adapter.name);
        note_unreadable(value, &origin, &mut system.notes);
        if let Some(text) = value.text() {
            add_domain(system, text.trim_end_matches('.'), source, &origin);
            return;
        }
    }
}

/// The adapter's name servers: configured ones, else DHCP ones, then any other it reports.
fn add_adapter_servers(adapter: &Adapter, system: &mut SystemDns) {
    let key4 = format!(r"HKLM\{INTERFACES_KEY}\{}", adapter.guid);
    let key6 = format!(r"HKLM\{INTERFACES6_KEY}\{}", adapter.guid);
    let configured = [
        (&adapter.name_server, format!(r"{key4}\NameServer")),
        (&adapter.name_server_v6, format!(r"{key6}\NameServer")),
    ];
    let mut found = Vec::new();
    for (value, path) in &configured {
        let origin = format!("{path} ({})", adapter.name);
        found.extend(servers_in(value, &origin, &mut system.notes));
    }
    let mut source = ServerSource::AdapterConfigured;
    if found.is_empty() {
        let origin = format!(r"{key4}\DhcpNameServer ({})", adapter.name);
        found = servers_in(&adapter.dhcp_name_server, &origin, &mut system.notes);
        source = ServerSource::AdapterDhcp;
    }
    for (address, origin) in found {
        push_unique_server(
            &mut system.servers,
            NameServer::new(SocketAddr::new(address, DNS_PORT), source, origin),
        );
    }
    for address in &adapter.reported_servers {
        push_unique_server(
            &mut system.servers,
            NameServer::new(
                SocketAddr::new(*address, DNS_PORT),
                ServerSource::AdapterReported,
                format!("adapter {} {}", adapter.name, adapter.guid),
            ),
        );
    }
}

/// The IP addresses a server list value holds, each with `origin`; others are noted.
fn servers_in(
    value: &RegistryValue,
    origin: &str,
    notes: &mut Vec<String>,
) -> Vec<(IpAddr, String)> {
    note_unreadable(value, origin, notes);
    let Some(text) = value.text() else {
        return Vec::new();
    };
    let mut servers = Vec::new();
    for word in split_list(text) {
        match word.parse::<IpAddr>() {
            Ok(address) => servers.push((address, origin.to_owned())),
            Err(_) => notes.push(format!("{origin}: {word:?} is not an IP address; skipped")),
        }
    }
    servers
}

/// The entries of a list value: the DNS client separates them with commas or spaces.
fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|word| !word.is_empty())
}

fn note_unreadable(value: &RegistryValue, origin: &str, notes: &mut Vec<String>) {
    if let RegistryValue::Unreadable(why) = value {
        notes.push(format!("{origin}: {why}; skipped"));
    }
}

#[cfg(windows)]
pub use read::read_snapshot;
#[cfg(windows)]
pub(crate) use read::read_suffix_snapshot;

/// Taking the snapshot: the registry through `windows-registry`, the adapters through
/// `ipconfig::get_adapters` (GetAdaptersAddresses).
#[cfg(windows)]
mod read {
    use windows_registry::{Key, LOCAL_MACHINE, Type};

    use super::{
        Adapter, INTERFACES_KEY, INTERFACES6_KEY, MAX_ADAPTERS, POLICY_KEY, RegistryValue,
        Snapshot, SuffixSnapshot, TCPIP_KEY,
    };

    /// HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND): no such key or value.
    const NOT_FOUND: i32 = 0x8007_0002_u32 as i32;

    /// Everything [`super::configuration`] needs.
    pub fn read_snapshot() -> Snapshot {
        let policy = open(POLICY_KEY);
        let tcpip = open(TCPIP_KEY);
        let (adapters, adapters_error) = match ipconfig::get_adapters() {
            Ok(adapters) => (
                adapters
                    .iter()
                    .take(MAX_ADAPTERS + 1)
                    .map(adapter)
                    .collect(),
                None,
            ),
            Err(error) => (Vec::new(), Some(error.to_string())),
        };
        Snapshot {
            policy_search_list: value(&policy, "SearchList"),
            search_list: value(&tcpip, "SearchList"),
            suffix: suffix_values(&policy, &tcpip),
            adapters,
            adapters_error,
        }
    }

    /// The primary DNS suffix values only (for the workstation name).
    pub(crate) fn read_suffix_snapshot() -> SuffixSnapshot {
        suffix_values(&open(POLICY_KEY), &open(TCPIP_KEY))
    }

    fn suffix_values(
        policy: &Result<Key, RegistryValue>,
        tcpip: &Result<Key, RegistryValue>,
    ) -> SuffixSnapshot {
        SuffixSnapshot {
            policy_primary_suffix: value(policy, "PrimaryDnsSuffix"),
            nv_domain: value(tcpip, "NV Domain"),
            domain: value(tcpip, "Domain"),
        }
    }

    /// One adapter; the registry is read only for a connected one, the only kind
    /// [`super::configuration`] uses.
    fn adapter(adapter: &ipconfig::Adapter) -> Adapter {
        let guid = adapter.adapter_name().to_owned();
        let name = adapter.friendly_name().to_owned();
        let connected = adapter.oper_status() == ipconfig::OperStatus::IfOperStatusUp
            && adapter.if_type() != ipconfig::IfType::SoftwareLoopback;
        if !connected {
            return Adapter {
                guid,
                name,
                ..Adapter::default()
            };
        }
        let v4 = open(&format!(r"{INTERFACES_KEY}\{guid}"));
        let v6 = open(&format!(r"{INTERFACES6_KEY}\{guid}"));
        Adapter {
            name,
            connected,
            domain: value(&v4, "Domain"),
            dhcp_domain: value(&v4, "DhcpDomain"),
            name_server: value(&v4, "NameServer"),
            name_server_v6: value(&v6, "NameServer"),
            dhcp_name_server: value(&v4, "DhcpNameServer"),
            reported_servers: adapter.dns_servers().to_vec(),
            guid,
        }
    }

    /// A key of HKLM opened for reading, or what to report for every value in it.
    fn open(path: &str) -> Result<Key, RegistryValue> {
        LOCAL_MACHINE.options().read().open(path).map_err(|error| {
            if error.code().0 == NOT_FOUND {
                RegistryValue::Missing
            } else {
                RegistryValue::Unreadable(format!("cannot open the key: {}", error.message()))
            }
        })
    }

    /// One string value of `key`.
    fn value(key: &Result<Key, RegistryValue>, name: &str) -> RegistryValue {
        let key = match key {
            Ok(key) => key,
            Err(missing_or_unreadable) => return missing_or_unreadable.clone(),
        };
        let unreadable = |error: windows_result::Error| {
            if error.code().0 == NOT_FOUND {
                RegistryValue::Missing
            } else {
                RegistryValue::Unreadable(error.message())
            }
        };
        match key.get_type(name) {
            Ok(Type::String | Type::ExpandString) => key
                .get_string(name)
                .map_or_else(unreadable, RegistryValue::from_text),
            Ok(Type::MultiString) => key.get_multi_string(name).map_or_else(unreadable, |parts| {
                RegistryValue::from_text(parts.join(","))
            }),
            Ok(other) => RegistryValue::Unreadable(format!("has type {other:?}, not a string")),
            Err(error) => unreadable(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::resolver::system_dns::tests::domains;

    fn text(value: &str) -> RegistryValue {
        RegistryValue::Text(value.to_owned())
    }

    fn ethernet() -> Adapter {
        Adapter {
            guid: "{11111111-2222-3333-4444-555555555555}".to_owned(),
            name: "Ethernet".to_owned(),
            connected: true,
            ..Adapter::default()
        }
    }

    fn servers(system: &SystemDns) -> Vec<(String, ServerSource)> {
        system
            .servers
            .iter()
            .map(|s| (s.address.to_string(), s.source))
            .collect()
    }

    #[test]
    fn the_policy_search_list_wins_and_is_all_that_is_searched() {
        let snapshot = Snapshot {
            policy_search_list: text("policy.example, second.example"),
            search_list: text("tcpip.example"),
            suffix: SuffixSnapshot {
                nv_domain: text("corp.example"),
                ..SuffixSnapshot::default()
            },
            adapters: vec![Adapter {
                domain: text("branch.example"),
                ..ethernet()
            }],
            adapters_error: None,
        };
        let system = configuration(&snapshot);
        assert_eq!(
            domains(&system),
            vec![
                ("policy.example", DomainSource::SearchListPolicy),
                ("second.example", DomainSource::SearchListPolicy),
            ]
        );
        assert_eq!(
            system.domains[0].origin.as_deref(),
            Some(r"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient\SearchList")
        );
        // The primary suffix still names the machine.
        assert_eq!(system.primary_suffix.as_deref(), Some("corp.example"));

        let without_policy = Snapshot {
            policy_search_list: RegistryValue::Missing,
            ..snapshot
        };
        let system = configuration(&without_policy);
        assert_eq!(
            domains(&system),
            vec![("tcpip.example", DomainSource::SearchList)]
        );
    }

    #[test]
    fn without_a_list_the_primary_then_the_adapters_suffixes() {
        let wifi = Adapter {
            guid: "{99999999-2222-3333-4444-555555555555}".to_owned(),
            name: "Wi-Fi".to_owned(),
            dhcp_domain: text("dhcp.example"),
            ..ethernet()
        };
        let down = Adapter {
            guid: "{00000000-2222-3333-4444-555555555555}".to_owned(),
            name: "Ethernet 2".to_owned(),
            connected: false,
            domain: text("down.example"),
            ..ethernet()
        };
        let snapshot = Snapshot {
            search_list: text("  "),
            suffix: SuffixSnapshot {
                policy_primary_suffix: RegistryValue::Missing,
                nv_domain: text("corp.example."),
                domain: text("old.example"),
            },
            adapters: vec![
                Adapter {
                    domain: text("static.example"),
                    dhcp_domain: text("ignored.example"),
                    ..ethernet()
                },
                down,
                wifi,
            ],
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        assert_eq!(
            domains(&system),
            vec![
                ("corp.example", DomainSource::PrimarySuffix),
                ("static.example", DomainSource::AdapterSuffix),
                ("dhcp.example", DomainSource::AdapterDhcpSuffix),
            ]
        );
        assert_eq!(
            system.domains[0].origin.as_deref(),
            Some(r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\NV Domain")
        );
        assert!(
            system.domains[2].origin.as_deref().is_some_and(
                |o| o.ends_with(r"{99999999-2222-3333-4444-555555555555}\DhcpDomain (Wi-Fi)")
            ),
            "{:?}",
            system.domains[2].origin
        );
    }

    #[test]
    fn the_policy_primary_suffix_wins_over_nv_domain_and_domain() {
        let suffix = SuffixSnapshot {
            policy_primary_suffix: text("policy.example"),
            nv_domain: text("nv.example"),
            domain: text("current.example"),
        };
        assert_eq!(primary_suffix(&suffix).as_deref(), Some("policy.example"));
        let system = configuration(&Snapshot {
            suffix,
            ..Snapshot::default()
        });
        assert_eq!(
            domains(&system),
            vec![("policy.example", DomainSource::PrimarySuffixPolicy)]
        );
        let only_domain = SuffixSnapshot {
            domain: text("current.example"),
            ..SuffixSnapshot::default()
        };
        assert_eq!(
            primary_suffix(&only_domain).as_deref(),
            Some("current.example")
        );
        let system = configuration(&Snapshot {
            suffix: only_domain,
            ..Snapshot::default()
        });
        assert_eq!(
            system.domains[0].origin.as_deref(),
            Some(r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\Domain")
        );
        assert_eq!(primary_suffix(&SuffixSnapshot::default()), None);
    }

    #[test]
    fn configured_servers_replace_dhcp_ones_per_adapter() {
        let snapshot = Snapshot {
            adapters: vec![
                Adapter {
                    name_server: text("10.0.0.1,10.0.0.2"),
                    name_server_v6: text("2001:db8::53"),
                    dhcp_name_server: text("10.9.9.9"),
                    reported_servers: vec!["10.0.0.1".parse().unwrap()],
                    ..ethernet()
                },
                Adapter {
                    guid: "{2}".to_owned(),
                    name: "Wi-Fi".to_owned(),
                    dhcp_name_server: text("192.168.1.1 10.0.0.1"),
                    reported_servers: vec![
                        "192.168.1.1".parse().unwrap(),
                        "fe80::1".parse().unwrap(),
                    ],
                    ..ethernet()
                },
                Adapter {
                    guid: "{3}".to_owned(),
                    connected: false,
                    name_server: text("172.16.0.1"),
                    ..ethernet()
                },
            ],
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        assert_eq!(
            servers(&system),
            vec![
                ("10.0.0.1:53".to_owned(), ServerSource::AdapterConfigured),
                ("10.0.0.2:53".to_owned(), ServerSource::AdapterConfigured),
                (
                    "[2001:db8::53]:53".to_owned(),
                    ServerSource::AdapterConfigured
                ),
                ("192.168.1.1:53".to_owned(), ServerSource::AdapterDhcp),
                ("[fe80::1]:53".to_owned(), ServerSource::AdapterReported),
            ]
        );
        assert!(
            system.servers[0]
                .origin
                .ends_with(r"\NameServer (Ethernet)"),
            "{}",
            system.servers[0].origin
        );
        assert!(system.servers[2].origin.contains("Tcpip6"));
        assert!(system.notes.is_empty(), "{:?}", system.notes);
        // Without any domain, the reason names what was consulted.
        assert!(system.domains.is_empty());
        assert!(system.no_domain_reason.contains("search list"));
    }

    #[test]
    fn unreadable_and_bad_values_are_noted_never_fatal() {
        let snapshot = Snapshot {
            policy_search_list: RegistryValue::Unreadable("has type U32, not a string".into()),
            search_list: text("good.example,bad..example,,"),
            suffix: SuffixSnapshot {
                nv_domain: RegistryValue::Unreadable("access denied".into()),
                ..SuffixSnapshot::default()
            },
            adapters: vec![Adapter {
                name_server: text("10.0.0.1 nonsense"),
                ..ethernet()
            }],
            adapters_error: Some("GetAdaptersAddresses failed".into()),
        };
        let system = configuration(&snapshot);
        assert_eq!(
            domains(&system),
            vec![("good.example", DomainSource::SearchList)]
        );
        assert_eq!(servers(&system).len(), 1);
        let notes = system.notes.join("\n");
        for said in [
            r"DNSClient\SearchList: has type U32",
            "bad..example",
            r"NV Domain: access denied",
            "\"nonsense\" is not an IP address",
            "GetAdaptersAddresses failed",
        ] {
            assert!(notes.contains(said), "{said}: {notes}");
        }
    }

    #[test]
    fn nothing_at_all_is_no_domain_and_no_server() {
        let system = configuration(&Snapshot::default());
        assert!(system.domains.is_empty());
        assert!(system.servers.is_empty());
        assert_eq!(
            system.notes,
            ["no connected network adapter has a DNS server"]
        );
        assert_eq!(system.consulted, CONSULTED);
    }

    #[test]
    fn an_overlong_value_and_too_many_adapters_are_bounded_and_said() {
        let list = vec!["corp.example"; MAX_REGISTRY_TEXT].join(",");
        let value = RegistryValue::from_text(list.clone());
        assert!(
            matches!(&value, RegistryValue::Unreadable(why) if why.contains("more than 16384")),
            "{value:?}"
        );
        let fits = "a".repeat(MAX_REGISTRY_TEXT);
        assert_eq!(
            RegistryValue::from_text(fits.clone()),
            RegistryValue::Text(fits)
        );
        let system = configuration(&Snapshot {
            search_list: value,
            ..Snapshot::default()
        });
        assert!(system.domains.is_empty());
        assert!(
            system
                .notes
                .iter()
                .any(|n| n.contains(r"Parameters\SearchList: holds more than 16384")),
            "{:?}",
            system.notes
        );

        let adapter = |index: usize| Adapter {
            guid: format!("{{{index}}}"),
            name: format!("Ethernet {index}"),
            domain: text(&format!("a{index}.example")),
            ..ethernet()
        };
        let snapshot = Snapshot {
            adapters: (0..=MAX_ADAPTERS).map(adapter).collect(),
            ..Snapshot::default()
        };
        let system = configuration(&snapshot);
        // One domain per adapter used: the first 32 kept, the others counted
        // (MAX_SEARCH_DOMAINS), and none from the adapter past the bound.
        assert_eq!(
            system.domains.len() + system.unsearched_domains,
            MAX_ADAPTERS
        );
        assert!(
            !system
                .domains
                .iter()
                .any(|d| d.name == format!("a{MAX_ADAPTERS}.example"))
        );
        assert!(
            system
                .notes
                .iter()
                .any(|n| n.contains("more than 256 network adapters")),
            "{:?}",
            system.notes
        );
    }
}
