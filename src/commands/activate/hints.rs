//! What an attempt that did not activate says, for the case at hand: a host set by hand
//! (no SRV lookup was made) or DNS discovery, the ports actually tried, and only what
//! is true of vlmgr's own client (Windows' Application Event Log has nothing of it).

use std::collections::BTreeSet;

use super::attempt::Attempt;
use super::plan::Plan;
use crate::address::{DEFAULT_KMS_PORT, HostPort, HostSource};
use crate::locator::{HostPlan, LocateError};
use crate::protocol::{HResult, describe};

/// slmgr's text for 0xC004F074 up to its last sentence, which sends the reader to the
/// Application Event Log: the licensing service logs there, vlmgr's client does not.
pub(super) const NO_KMS_CONTACTED_TEXT: &str = "The Software Protection Service reported that \
the computer could not be activated. No Key Management Service (KMS) could be contacted.";

/// The error's text (before the detail of the last failure) and what to do, for an
/// attempt that neither activated nor failed validation.
pub(super) fn failure_text_and_hint(plan: &Plan, attempt: &Attempt) -> (String, Option<String>) {
    let code = attempt.hresult;
    let info = describe(code);
    if let Some(error) = &attempt.locate_error {
        let hint = error
            .remedy()
            .or_else(|| configured_lookup_hint(plan, error))
            .or_else(|| info.map(|i| i.hint.to_string()));
        return (error.problem(), hint);
    }
    if code == HResult::NO_KMS_CONTACTED {
        return (
            NO_KMS_CONTACTED_TEXT.to_string(),
            Some(unreachable_hint(plan, attempt)),
        );
    }
    match info {
        Some(info) => (info.text.to_string(), Some(info.hint.to_string())),
        None => (
            format!("The KMS host answered with error {code}."),
            Some(format!(
                "vlmgr has no text for {code}: look it up in Microsoft's list of volume \
                 activation error codes, and see the KMS host's Key Management Service log."
            )),
        ),
    }
}

/// The host set by hand whose name did not resolve: no SRV lookup was made, so the
/// table's hint (publish an SRV record) does not fit.
fn configured_lookup_hint(plan: &Plan, error: &LocateError) -> Option<String> {
    let HostPlan::Configured(target) = &plan.hosts.plan else {
        return None;
    };
    let what = match error {
        LocateError::NxDomain { .. } | LocateError::NoRecords { .. } => "has no address in DNS",
        _ => "could not be looked up (the name server failed)",
    };
    Some(match plan.hosts.configured_source {
        HostSource::CommandLine => format!(
            "The host given with --kms, {}, {what}: check the name, or give its IP address.",
            target.host
        ),
        _ => format!(
            "The KMS host set with skms, {}, {what} (no SRV lookup is made while it is set): \
             check the name, set the host again with `vlmgr skms HOST[:PORT]`, or go back to \
             DNS discovery with `vlmgr ckms`.",
            target.host
        ),
    })
}

/// No host could be contacted: which host or hosts, on which ports, and where to look.
fn unreachable_hint(plan: &Plan, attempt: &Attempt) -> String {
    let ports = tcp_ports(plan, attempt);
    match (&plan.hosts.plan, &plan.hosts.configured_source) {
        (HostPlan::Configured(target), HostSource::CommandLine) => format!(
            "Check that {target} runs a KMS host and that {ports} is reachable from here \
             (firewall); `vlmgr -v ato --kms {}` shows each address tried.",
            crate::output::shell_word(&target.to_string())
        ),
        (HostPlan::Configured(target), _) => format!(
            "Check that {target} (set with skms) runs a KMS host and that {ports} is reachable \
             from here (firewall); `vlmgr -v ato` shows each address tried, `vlmgr skms` sets \
             another host."
        ),
        _ => format!(
            "Check that the hosts the _vlmcs._tcp SRV records name run a KMS host and that \
             {ports} is reachable from here (firewall): `vlmgr discover --check` connects to \
             each."
        ),
    }
}

/// "TCP 1688", "TCP 1688 and 17009": the ports the attempt tried, else the one it would
/// have.
fn tcp_ports(plan: &Plan, attempt: &Attempt) -> String {
    let mut ports: BTreeSet<u16> = attempt
        .failure
        .failures
        .iter()
        .map(|(candidate, _)| candidate.target.port)
        .collect();
    if ports.is_empty() {
        ports.insert(match &plan.hosts.plan {
            HostPlan::Configured(HostPort { port, .. }) => *port,
            _ => plan.hosts.port_override.unwrap_or(DEFAULT_KMS_PORT),
        });
    }
    let ports: Vec<String> = ports.iter().map(u16::to_string).collect();
    match ports.split_last() {
        Some((last, [])) => format!("TCP {last}"),
        Some((last, rest)) => format!("TCP {} and {last}", rest.join(", ")),
        None => format!("TCP {DEFAULT_KMS_PORT}"),
    }
}
