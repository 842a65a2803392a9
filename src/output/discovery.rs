//! `discover`'s text layout: every step, in the order discovery takes it.

use std::fmt::Write;

use super::report::DiscoverResult;
use super::style::{Style, paint, sanitize};
use crate::client::{AddressCheck, CheckOutcome, millis};
use crate::locator::{DiscoveryReport, QueryResult, ResolvedTarget, SrvOrder};

/// Name servers and domains, the queries, the records and their order, the checks, the
/// result and the notes.
pub fn render(out: &mut String, result: &DiscoverResult, color: bool) {
    let report = &result.discovery;
    render_domains(out, report);
    render_queries(out, report);
    render_records(out, report);
    if result.checked {
        render_checks(out, &result.checks, color);
    }
    if let Some(error) = &report.error {
        let _ = writeln!(
            out,
            "Result: {} {} {}",
            paint("no KMS host found:", Style::Bad, color),
            error.hresult,
            sanitize(&error.message)
        );
    }
    for note in result
        .notes
        .iter()
        .chain(&report.configuration_notes)
        .chain(&report.hints)
    {
        let _ = writeln!(out, "Note: {}", sanitize(note));
    }
}

/// The name servers asked and the domains searched, with why and where from.
fn render_domains(out: &mut String, report: &DiscoveryReport) {
    let _ = writeln!(out, "Name servers: {}", report.servers);
    for server in &report.name_servers {
        let _ = writeln!(out, "    {}", sanitize(&server.to_string()));
    }
    let _ = writeln!(out, "Domains searched, in order:");
    for domain in &report.domains {
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
fn render_queries(out: &mut String, report: &DiscoveryReport) {
    let _ = writeln!(out, "Queries:");
    for query in &report.tried {
        let result = match &query.result {
            QueryResult::Records { count } => format!("{count} record(s)"),
            QueryResult::NxDomain => "NXDOMAIN (name does not exist)".into(),
            QueryResult::NoData => "no SRV records (NODATA)".into(),
            QueryResult::NoService => "target \".\": service not available".into(),
            QueryResult::ServerFailure { reason } => {
                format!("server failure: {}", sanitize(reason))
            }
        };
        // A domain with its own resolver (split DNS) was asked elsewhere: say where.
        let asked = if query.servers == report.servers {
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
fn render_records(out: &mut String, report: &DiscoveryReport) {
    let Some(found) = &report.found_domain else {
        return;
    };
    let _ = writeln!(
        out,
        "Records of _vlmcs._tcp.{} as received:",
        sanitize(&found.name)
    );
    for record in &report.records_as_received {
        let _ = writeln!(
            out,
            "    priority {:<5} weight {:<5} port {:<5} {}",
            record.priority,
            record.weight,
            record.port,
            sanitize(&record.target)
        );
    }
    let order = match report.order {
        SrvOrder::Rfc2782 => "RFC 2782: priority, then weighted random",
        SrvOrder::Random => "random, as Windows Vista",
    };
    let _ = writeln!(out, "Order chosen ({order}):");
    for (index, target) in report.targets.iter().enumerate() {
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
