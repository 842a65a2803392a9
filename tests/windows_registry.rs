//! Windows: the search domains, name servers and primary DNS suffix from the registry,
//! with values written by `reg add` (Wine's reg.exe) into the throwaway Wine prefix that
//! `.ci/platforms` creates. Ignored by default, and it refuses to run anywhere but
//! there, so it never writes a real Windows machine's registry.
#![cfg(windows)]

mod support;

use std::process::Command;

use support::dns::{DnsServer, Zone};
use support::wine::{
    output_without_waiting_for_inherited_pipes, refuse_outside_a_throwaway_wine_prefix, reg,
};
use vlmgr::locator::{DomainSource, ServerSource, SystemDns};
use vlmgr::platform::resolver::{self, windows};

const POLICY: &str = r"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient";
const TCPIP: &str = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";
const INTERFACES: &str = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\Interfaces";

fn set(key: &str, name: &str, kind: &str, data: &str) {
    assert!(
        reg(&["add", key, "/v", name, "/t", kind, "/d", data, "/f"]),
        "reg add {key} {name}"
    );
}

fn delete(key: &str, name: &str) {
    // Absent already is fine.
    let _ = reg(&["delete", key, "/v", name, "/f"]);
}

/// Every value this test writes, deleted when it ends (pass or fail).
struct Written(Vec<(String, &'static str)>);

impl Drop for Written {
    fn drop(&mut self) {
        for (key, name) in &self.0 {
            delete(key, name);
        }
    }
}

fn domains(system: &SystemDns) -> Vec<(&str, DomainSource)> {
    system
        .domains
        .iter()
        .map(|d| (d.name.as_str(), d.source))
        .collect()
}

fn read() -> SystemDns {
    resolver::read(None).expect("the registry never fails the read")
}

#[test]
#[ignore = "writes the registry: run by .ci/platforms in a throwaway Wine prefix"]
fn discovery_follows_the_registry_as_the_windows_dns_client_does() {
    refuse_outside_a_throwaway_wine_prefix();
    let snapshot = windows::read_snapshot();
    let adapter = snapshot
        .adapters
        .iter()
        .find(|adapter| adapter.connected)
        .unwrap_or_else(|| panic!("Wine reports a connected adapter: {snapshot:?}"))
        .clone();
    let interface = format!(r"{INTERFACES}\{}", adapter.guid);
    let _written = Written(vec![
        (POLICY.to_owned(), "SearchList"),
        (POLICY.to_owned(), "PrimaryDnsSuffix"),
        (TCPIP.to_owned(), "SearchList"),
        (TCPIP.to_owned(), "NV Domain"),
        (interface.clone(), "Domain"),
        (interface.clone(), "DhcpDomain"),
        (interface.clone(), "NameServer"),
        (interface.clone(), "DhcpNameServer"),
    ]);

    // The policy's search list wins and is all that is searched.
    set(POLICY, "SearchList", "REG_SZ", "policy.test,second.test");
    set(TCPIP, "SearchList", "REG_SZ", "tcpip.test");
    set(TCPIP, "NV Domain", "REG_SZ", "primary.test");
    set(&interface, "Domain", "REG_SZ", "adapter.test");
    set(&interface, "NameServer", "REG_SZ", "127.0.0.1");
    set(&interface, "DhcpNameServer", "REG_SZ", "127.0.0.2");
    let system = read();
    assert_eq!(
        domains(&system),
        [
            ("policy.test", DomainSource::SearchListPolicy),
            ("second.test", DomainSource::SearchListPolicy)
        ]
    );
    // Configured servers first, and they replace DHCP's on that adapter.
    let first = &system.servers[0];
    assert_eq!(first.address.to_string(), "127.0.0.1:53");
    assert_eq!(first.source, ServerSource::AdapterConfigured);
    assert!(first.origin.contains(&adapter.guid), "{}", first.origin);
    assert!(
        !system
            .servers
            .iter()
            .any(|s| s.address.to_string() == "127.0.0.2:53"),
        "{:?}",
        system.servers
    );
    // The Windows build reads no resolv.conf (Wine would map /etc/resolv.conf to Z:).
    for origin in system
        .domains
        .iter()
        .filter_map(|d| d.origin.as_deref())
        .chain(system.servers.iter().map(|s| s.origin.as_str()))
    {
        assert!(!origin.contains("resolv.conf"), "{origin}");
    }
    assert!(!system.servers.iter().any(|s| matches!(
        s.source,
        ServerSource::ResolvConf | ServerSource::ResolvConfDefault
    )));
    assert_eq!(system.consulted, windows::CONSULTED);

    // Without the policy, the TCP/IP search list.
    delete(POLICY, "SearchList");
    assert_eq!(domains(&read()), [("tcpip.test", DomainSource::SearchList)]);

    // Without any list: the primary suffix, then the adapter's suffix; DHCP's servers
    // when none is configured.
    delete(TCPIP, "SearchList");
    delete(&interface, "NameServer");
    let system = read();
    assert_eq!(
        domains(&system),
        [
            ("primary.test", DomainSource::PrimarySuffix),
            ("adapter.test", DomainSource::AdapterSuffix)
        ]
    );
    assert_eq!(system.servers[0].address.to_string(), "127.0.0.2:53");
    assert_eq!(system.servers[0].source, ServerSource::AdapterDhcp);

    // The adapter's DHCP suffix when it has no configured one; a policy suffix of the
    // wrong type is said and skipped.
    delete(&interface, "Domain");
    set(&interface, "DhcpDomain", "REG_SZ", "dhcp.test");
    set(POLICY, "PrimaryDnsSuffix", "REG_DWORD", "7");
    let system = read();
    assert_eq!(
        domains(&system),
        [
            ("primary.test", DomainSource::PrimarySuffix),
            ("dhcp.test", DomainSource::AdapterDhcpSuffix)
        ]
    );
    assert!(
        system
            .notes
            .iter()
            .any(|note| note.contains("PrimaryDnsSuffix: has type U32")),
        "{:?}",
        system.notes
    );

    // The workstation name: the host name plus the primary DNS suffix.
    let name = vlmgr::platform::machine::machine_name().name;
    assert!(name.ends_with(".primary.test"), "{name}");
    set(POLICY, "PrimaryDnsSuffix", "REG_SZ", "policy-suffix.test");
    let name = vlmgr::platform::machine::machine_name().name;
    assert!(name.ends_with(".policy-suffix.test"), "{name}");

    // The real binary finds the host in the registry's domain (asking only the test's
    // own server on loopback).
    set(POLICY, "SearchList", "REG_SZ", "empty.test,kms.test");
    let dns = DnsServer::start(&[
        Zone::new("empty.test"),
        Zone::single_kms("kms.test", std::net::Ipv4Addr::LOCALHOST, 1688),
    ])
    .expect("dns");
    let state = tempfile::tempdir().expect("state dir");
    let out = output_without_waiting_for_inherited_pipes(
        Command::new(env!("CARGO_BIN_EXE_vlmgr"))
            .env("VLMGR_STATE_DIR", state.path())
            .env_remove("VLMGR_RESOLV_CONF")
            .env_remove("VLMGR_DNS_SERVER")
            .args([
                "--dns-server",
                &dns.addr().to_string(),
                "discover",
                "--json",
            ]),
    )
    .expect("vlmgr runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(out.status.code(), Some(0), "{doc}");
    assert_eq!(doc["domains"][0]["source"], "search_list_policy", "{doc}");
    assert_eq!(doc["found_domain"]["name"], "kms.test", "{doc}");
    assert_eq!(
        dns.query_names(),
        ["_vlmcs._tcp.empty.test", "_vlmcs._tcp.kms.test"]
    );

    // No domain anywhere: the error points to the Windows tools, not to resolv.conf.
    delete(POLICY, "SearchList");
    delete(POLICY, "PrimaryDnsSuffix");
    delete(TCPIP, "NV Domain");
    delete(&interface, "DhcpDomain");
    let out = output_without_waiting_for_inherited_pipes(
        Command::new(env!("CARGO_BIN_EXE_vlmgr"))
            .env("VLMGR_STATE_DIR", state.path())
            .env_remove("VLMGR_RESOLV_CONF")
            .args(["--dns-server", &dns.addr().to_string(), "discover"]),
    )
    .expect("vlmgr runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("0x8007007B"), "{stderr}");
    assert!(stderr.contains("Set-DnsClientGlobalSetting"), "{stderr}");
    assert!(!stderr.contains("resolv.conf"), "{stderr}");
}
