//! The OS resolver configurations are input from outside: arbitrary resolv.conf bytes,
//! registry strings, dynamic store strings and `/etc/resolver` files never make a source
//! panic, and whatever they yield is usable: valid, distinct search domains, each with its
//! origin, and servers with an address.

use proptest::prelude::*;
use vlmgr::locator::{DomainSource, SearchDomain, SystemDns};
use vlmgr::platform::resolver::windows::{self, Adapter, RegistryValue, SuffixSnapshot};
use vlmgr::platform::resolver::{macos, resolv_conf};

fn usable(system: &SystemDns) -> Result<(), TestCaseError> {
    for (index, domain) in system.domains.iter().enumerate() {
        let again = SearchDomain::new(&domain.name, domain.source);
        prop_assert!(again.is_ok(), "{domain:?} is not a valid domain");
        prop_assert!(domain.origin.is_some(), "{domain:?} has no origin");
        prop_assert!(
            !system.domains[..index]
                .iter()
                .any(|known| known.name.eq_ignore_ascii_case(&domain.name)),
            "{} twice",
            domain.name
        );
        prop_assert_ne!(domain.source, DomainSource::LookupDomain);
    }
    for server in &system.servers {
        prop_assert!(!server.origin.is_empty());
    }
    if system.domains.is_empty() {
        prop_assert!(!system.no_domain_reason.is_empty());
    }
    Ok(())
}

/// A registry value: missing, unreadable, or text that is often list-like.
fn registry_value() -> impl Strategy<Value = RegistryValue> {
    prop_oneof![
        Just(RegistryValue::Missing),
        "\\PC{0,20}".prop_map(RegistryValue::Unreadable),
        "[a-z0-9.,; \\-]{0,60}".prop_map(RegistryValue::Text),
        "[0-9.:a-f, %]{0,60}".prop_map(RegistryValue::Text),
        "\\PC{0,60}".prop_map(RegistryValue::Text),
    ]
}

fn adapter() -> impl Strategy<Value = Adapter> {
    (
        "\\PC{0,20}",
        any::<bool>(),
        [
            registry_value(),
            registry_value(),
            registry_value(),
            registry_value(),
            registry_value(),
        ],
        proptest::collection::vec(any::<std::net::IpAddr>(), 0..3),
    )
        .prop_map(|(name, connected, values, reported_servers)| {
            let [
                domain,
                dhcp_domain,
                name_server,
                name_server_v6,
                dhcp_name_server,
            ] = values;
            Adapter {
                guid: "{00000000-0000-0000-0000-000000000000}".to_owned(),
                name,
                connected,
                domain,
                dhcp_domain,
                name_server,
                name_server_v6,
                dhcp_name_server,
                reported_servers,
            }
        })
}

fn dns_dictionary() -> impl Strategy<Value = macos::DnsDictionary> {
    (
        proptest::collection::vec("[0-9a-f.:%a-z]{0,20}", 0..4),
        proptest::option::of(any::<u16>()),
        proptest::collection::vec("\\PC{0,30}", 0..4),
        proptest::option::of("\\PC{0,30}"),
        proptest::option::of(any::<u32>()),
        proptest::collection::vec("[a-z0-9.]{0,20}|\\PC{0,20}", 0..4),
        proptest::collection::vec(any::<u32>(), 0..4),
        any::<bool>(),
        proptest::option::of("pdns|interface=utun[0-9]|\\PC{0,10}"),
    )
        .prop_map(
            |(
                server_addresses,
                server_port,
                search_domains,
                domain_name,
                search_order,
                supplemental_match_domains,
                supplemental_match_orders,
                supplemental_no_search,
                options,
            )| macos::DnsDictionary {
                server_addresses,
                server_port,
                search_domains,
                domain_name,
                search_order,
                supplemental_match_domains,
                supplemental_match_orders,
                supplemental_no_search,
                options,
                problems: Vec::new(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_resolv_conf_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600),
                             lines in proptest::collection::vec(
                                 "(nameserver|domain|search|options) [\\PC]{0,40}", 0..8)) {
        usable(&resolv_conf::configuration(&bytes, "/etc/resolv.conf"))?;
        usable(&resolv_conf::configuration(lines.join("\n").as_bytes(), "/etc/resolv.conf"))?;
    }

    #[test]
    fn any_registry_values(policy in registry_value(), list in registry_value(),
                           suffix in [registry_value(), registry_value(), registry_value()],
                           adapters in proptest::collection::vec(adapter(), 0..3)) {
        let [policy_primary_suffix, nv_domain, domain] = suffix;
        let snapshot = windows::Snapshot {
            policy_search_list: policy,
            search_list: list,
            suffix: SuffixSnapshot { policy_primary_suffix, nv_domain, domain },
            adapters,
            adapters_error: None,
        };
        let system = windows::configuration(&snapshot);
        usable(&system)?;
        prop_assert!(system.servers.iter().all(|s| s.domain.is_none()));
    }

    #[test]
    fn any_store_dictionaries_and_resolver_files(
        global in proptest::option::of(dns_dictionary()),
        services in proptest::collection::vec(dns_dictionary(), 0..3),
        files in proptest::collection::vec(("[a-z.]{0,15}|\\PC{0,15}", "((nameserver|port|domain|search_order|NameServer) [\\PC]{0,30}\n){0,6}|\\PC{0,100}"), 0..3),
        resolv in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let snapshot = macos::Snapshot {
            global: global.map_or(macos::StoreEntry::Missing, macos::StoreEntry::Dns),
            services: services
                .into_iter()
                .enumerate()
                .map(|(index, dns)| (format!("State:/Network/Service/{index}/DNS"), macos::StoreEntry::Dns(dns)))
                .collect(),
            store_error: None,
            resolver_files: files
                .into_iter()
                .map(|(name, text)| macos::ResolverFile { name, contents: macos::FileRead::Bytes(text.into_bytes()) })
                .collect(),
            resolver_dir_error: None,
            resolv_conf: macos::FileRead::Bytes(resolv),
        };
        let system = macos::configuration(&snapshot);
        usable(&system)?;
        for server in system.servers.iter().filter_map(|s| s.domain.as_deref()) {
            prop_assert!(SearchDomain::new(server, DomainSource::StoreSupplementalDomain).is_ok(), "{server}");
        }
    }
}
