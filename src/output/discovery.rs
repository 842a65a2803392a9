//! `discover`'s text layout: every step, in the order discovery takes it.

use std::fmt::Write;

use super::report::DiscoverResult;
use super::style::{Style, paint, sanitize};
use super::view::LicenseStatusView;
use crate::client::{AddressCheck, CheckOutcome, millis};
use crate::locator::{DiscoveryTrace, QueryResult, ResolvedTarget, SrvOrder, UnusableRecords};
use crate::spp::commands::SystemKms;

/// Name servers and domains, the queries, the records and their order, the checks, the
/// result and the notes (not with `quiet`, `-q`).
pub(super) fn render(out: &mut String, result: &DiscoverResult, color: bool, quiet: bool) {
    let trace = &result.discovery;
    render_domains(out, trace);
    render_queries(out, trace);
    render_records(out, trace);
    if result.checked {
        render_checks(out, &result.checks, color);
    }
    if let Some(system) = &result.system {
        render_windows(out, system);
    }
    if let Some(error) = &trace.error {
        let _ = writeln!(
            out,
            "Result: {} {} {}",
            paint("no KMS host found:", Style::Bad, color),
            error.hresult,
            sanitize(&error.message)
        );
    }
    render_cached_hosts(out, result);
    if quiet {
        return;
    }
    for note in result
        .notes
        .iter()
        .chain(&trace.configuration_notes)
        .chain(&trace.hints)
    {
        let _ = writeln!(out, "Note: {}", sanitize(note));
    }
}

/// Each product's cached host, and whether activation tries it first.
fn render_cached_hosts(out: &mut String, result: &DiscoverResult) {
    for cached in &result.cached_hosts {
        let found_in = cached
            .host
            .domain
            .as_deref()
            .map_or_else(String::new, |domain| {
                format!(", found in {}", sanitize(domain))
            });
        let used = match &cached.unused {
            None => "tried first by ato and renew, before discovery".to_string(),
            Some(why) => format!("not used: {}", sanitize(&why.to_string())),
        };
        let _ = writeln!(
            out,
            "Cached host of {}: {}{found_in}; {used}",
            sanitize(&cached.product.name),
            sanitize(&cached.host.target.to_string())
        );
    }
}

/// What Windows' licensing service has set and last found (the system backend), beside
/// what vlmgr's own walk above shows.
fn render_windows(out: &mut String, system: &SystemKms) {
    let _ = writeln!(out, "Windows' own KMS settings (its licensing service):");
    let service = &system.service;
    let host = service.kms.registered_host();
    let _ = writeln!(
        out,
        "    KMS host (skms): {}",
        host.map_or_else(
            || "none: DNS discovery".to_string(),
            |h| sanitize(&h.to_string()).into_owned()
        )
    );
    let _ = writeln!(
        out,
        "    SRV lookup domain (skms-domain): {}",
        service.kms.lookup_domain.as_deref().map_or_else(
            || "none: the system's domains".to_string(),
            |d| sanitize(d).into_owned()
        )
    );
    let _ = writeln!(
        out,
        "    KMS host caching is {}",
        if service.host_caching {
            "enabled"
        } else {
            "disabled"
        }
    );
    if system.products.is_empty() {
        let _ = writeln!(out, "    No KMS client license has a key installed.");
    }
    for product in &system.products {
        let status = LicenseStatusView::from(product.license_status).slmgr_text();
        let _ = writeln!(
            out,
            "    {} ({}): {status}",
            sanitize(&product.name),
            product.id
        );
        if let Some(host) = product.kms.registered_host() {
            let _ = writeln!(
                out,
                "        KMS host (skms): {}",
                sanitize(&host.to_string())
            );
        }
        if let Some(domain) = &product.kms.lookup_domain {
            let _ = writeln!(
                out,
                "        SRV lookup domain (skms-domain): {}",
                sanitize(domain)
            );
        }
        let found = product.discovered.host().map_or_else(
            || "no name".to_string(),
            |h| sanitize(&h.to_string()).into_owned(),
        );
        let ip = product
            .discovered
            .ip
            .as_deref()
            .map_or_else(|| "no address".to_string(), |ip| sanitize(ip).into_owned());
        let _ = writeln!(out, "        KMS host Windows last found: {found} at {ip}");
    }
}

/// The name servers asked and the domains searched, with why and where from.
fn render_domains(out: &mut String, trace: &DiscoveryTrace) {
    let _ = writeln!(out, "Name servers: {}", trace.servers);
    for server in &trace.name_servers {
        let _ = writeln!(out, "    {}", sanitize(&server.to_string()));
    }
    let _ = writeln!(out, "Domains searched, in order:");
    for domain in &trace.domains {
        let from = domain
            .origin
            .as_deref()
            .map_or_else(String::new, |origin| format!("  from {}", sanitize(origin)));
        let _ = writeln!(
            out,
            "    {}  ({}){from}",
            sanitize(&domain.name),
            domain.source.describe()
        );
    }
}

/// Each SRV query and what the server said.
fn render_queries(out: &mut String, trace: &DiscoveryTrace) {
    let _ = writeln!(out, "Queries:");
    for query in &trace.tried {
        let result = match &query.result {
            QueryResult::Records { count } => format!("{count} record(s)"),
            QueryResult::NxDomain => "NXDOMAIN (name does not exist)".into(),
            QueryResult::NoData => "no SRV records (NODATA)".into(),
            QueryResult::NoService => "target \".\": service not available".into(),
            QueryResult::UnusableTargets { records } => format!(
                "records, but no usable target: {}",
                sanitize(&UnusableRecords(records.clone()).to_string())
            ),
            QueryResult::ServerFailure { reason } => {
                format!("server failure: {}", sanitize(reason))
            }
            QueryResult::Malformed { reason } => format!("malformed: {}", sanitize(reason)),
            QueryResult::LocalLimit { reason } => {
                format!(
                    "not asked: this machine could not open a socket ({})",
                    sanitize(reason)
                )
            }
        };
        // A domain with its own resolver (split DNS) was asked elsewhere: say where.
        let asked = if query.servers == trace.servers {
            String::new()
        } else {
            format!("  asked {}", query.servers)
        };
        let _ = writeln!(
            out,
            "    SRV {}  {result}  ({} ms){asked}",
            sanitize(&query.query_name),
            millis(query.elapsed)
        );
    }
}

/// The records of the domain found, as received, then in the order chosen with the
/// addresses of each target.
fn render_records(out: &mut String, trace: &DiscoveryTrace) {
    let Some(found) = &trace.found_domain else {
        return;
    };
    let _ = writeln!(
        out,
        "Records of _vlmcs._tcp.{} as received:",
        sanitize(&found.name)
    );
    for record in &trace.records_as_received {
        let _ = writeln!(
            out,
            "    priority {:<5} weight {:<5} port {:<5} {}",
            record.priority,
            record.weight,
            record.port,
            sanitize(&record.target)
        );
    }
    let order = match trace.order {
        SrvOrder::Rfc2782 => "RFC 2782: priority, then weighted random",
        SrvOrder::Random => "random, as Windows Vista",
    };
    let _ = writeln!(out, "Order chosen ({order}):");
    for (index, target) in trace.targets.iter().enumerate() {
        let _ = writeln!(
            out,
            "    {}. {}  {}",
            index + 1,
            sanitize(&target.target.to_string()),
            addresses(target)
        );
    }
}

/// A target's addresses, or why it has none.
fn addresses(target: &ResolvedTarget) -> String {
    if target.addresses.is_empty() {
        return match &target.error {
            Some(error) => format!("no address: {} {}", error.hresult, sanitize(&error.message)),
            None => "no address".into(),
        };
    }
    let listed = target
        .addresses
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if target.from_srv_answer {
        format!("{listed} (from the SRV answer)")
    } else {
        listed
    }
}

/// `--check`: how connect + bind went for each address.
fn render_checks(out: &mut String, checks: &[AddressCheck], color: bool) {
    let _ = writeln!(
        out,
        "Checks (connect + RPC bind; no activation request is sent):"
    );
    if checks.is_empty() {
        let _ = writeln!(out, "    nothing to check");
    }
    for check in checks {
        let (text, style) = match &check.outcome {
            CheckOutcome::Bound { syntax } => (format!("bound ({})", syntax.name()), Style::Good),
            CheckOutcome::NoUsableContext => ("bind accepted no usable context".into(), Style::Bad),
            CheckOutcome::BindRejected { reason } => {
                (format!("bind rejected (reason {reason})"), Style::Bad)
            }
            CheckOutcome::ConnectFailed { reason } => {
                (format!("connect failed: {}", sanitize(reason)), Style::Bad)
            }
            CheckOutcome::TimedOut { stage } => {
                (format!("timed out ({stage:?})").to_lowercase(), Style::Bad)
            }
            CheckOutcome::ProtocolError { reason } => {
                (format!("protocol error: {}", sanitize(reason)), Style::Bad)
            }
            CheckOutcome::LocalLimit { reason } => (
                format!("not checked, this machine's limit: {}", sanitize(reason)),
                Style::Warn,
            ),
            CheckOutcome::Unfinished { started: true } => {
                ("not finished before --timeout".into(), Style::Warn)
            }
            CheckOutcome::Unfinished { started: false } => (
                "not tried before --timeout (waiting for a turn)".into(),
                Style::Warn,
            ),
        };
        let connect = check
            .connect_time
            .map_or_else(String::new, |time| format!("connect {} ms, ", millis(time)));
        let _ = writeln!(
            out,
            "    {} {}  {}  ({connect}total {} ms)",
            sanitize(&check.candidate.target.host.to_string()),
            check.candidate.address(),
            paint(&text, style, color),
            millis(check.total_time)
        );
    }
}
