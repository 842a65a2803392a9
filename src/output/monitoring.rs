//! `check` in the formats monitoring systems read: one line per finding, the Nagios
//! plugin line with perfdata, and Prometheus text exposition.

use std::fmt::Write;

use super::json::source_domain;
use super::report::{
    ActivationProbe, CheckReport, DomainHealth, FindingKind, HostHealth, Severity,
};
use super::style::{Style, paint, paint_padded, sanitize};
use super::view::LicenseStatusView;
use crate::address::HostSource;
use crate::client::{AddressCheck, CheckOutcome, millis};
use crate::protocol::Hex;
use crate::protocol::kms::KmsResponse;

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Ok => Style::Good,
        Severity::Warning => Style::Warn,
        Severity::Critical | Severity::Unknown => Style::Bad,
    }
}

const NO_REQUEST_NOTE: &str = "no activation request was sent (a request counts this client \
on the host; --activate sends one)";

const REQUEST_NOTE: &str = "one activation request was sent to each working host address \
(however many names lead there) under this installation's CMID (it counts this client \
there); the state file was not changed";

/// Where a host came from, as the text output says it: its domain, or `skms`.
fn origin(source: &HostSource) -> &str {
    source.dns_domain().unwrap_or("skms")
}

/// A host's answer, if its activation request got a valid one.
fn answer(probe: &ActivationProbe) -> Option<&KmsResponse> {
    probe.answer.as_ref().ok()
}

/// Seconds, with milliseconds, of a check's total time.
fn seconds(check: &AddressCheck) -> String {
    format!("{:.3}", check.total_time.as_secs_f64())
}

/// The width of text's first column (`CRITICAL`, `WARNING`, `OK`).
const LABEL_WIDTH: usize = 8;

/// Human text: a status line, then one line per finding and per working host, then (not
/// with `quiet`, `-q`) the note on activation requests.
pub(super) fn render_text(out: &mut String, report: &CheckReport, color: bool, quiet: bool) {
    // The labels are padded as text, then painted: escapes take no column.
    let ok = paint_padded("OK", LABEL_WIDTH, Style::Good, color);
    let _ = writeln!(
        out,
        "KMS check: {} ({} finding(s))",
        paint(report.status.label(), severity_style(report.status), color),
        report.findings.len()
    );
    for finding in &report.findings {
        let label = paint_padded(
            finding.severity.label(),
            LABEL_WIDTH,
            severity_style(finding.severity),
            color,
        );
        let _ = writeln!(out, "{label}  {}", sanitize(&finding.message));
    }
    for host in report.hosts.iter().filter(|h| h.works) {
        for check in host.addresses.iter().filter(|c| c.outcome.is_bound()) {
            let _ = writeln!(
                out,
                "{ok}  {} ({}) binds at {} in {} ms",
                sanitize(&host.target.to_string()),
                sanitize(origin(&host.source)),
                check.candidate.address(),
                millis(check.total_time)
            );
        }
    }
    for probe in report
        .hosts
        .iter()
        .filter_map(HostHealth::probe_named_first)
    {
        if let Some(response) = answer(probe) {
            let _ = writeln!(out, "{ok}  {}", answer_line(probe, response));
        }
    }
    for expiry in &report.expiry {
        let has_finding = report
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::Expiry && f.subject == expiry.product);
        if !has_finding {
            let _ = writeln!(
                out,
                "{ok}  {} is activated for {} more day(s)",
                sanitize(&expiry.product),
                expiry.seconds_left / 86_400
            );
        }
    }
    if quiet {
        return;
    }
    let note = if report.activation_requests_sent {
        REQUEST_NOTE
    } else {
        NO_REQUEST_NOTE
    };
    let _ = writeln!(out, "Note: {note}");
}

/// `kms.lab.test:1688 answers: count 30 (threshold 25), ePID ..., HwId ..., intervals ...`;
/// several names that share an address are all named.
fn answer_line(probe: &ActivationProbe, response: &KmsResponse) -> String {
    let who = match probe.names.as_slice() {
        [only] => only.target.to_string(),
        names => {
            let names: Vec<String> = names
                .iter()
                .map(|name| format!("{} ({})", name.target, origin(&name.source)))
                .collect();
            format!("{}, all at {},", names.join(", "), probe.address)
        }
    };
    let hwid = response
        .hwid
        .map_or_else(String::new, |hwid| format!(", HwId {:X}", Hex(&hwid)));
    format!(
        "{} answers: count {} (threshold {}), ePID {}{hwid}, intervals {}/{} min",
        sanitize(&who),
        response.count,
        probe.threshold,
        sanitize(&response.epid),
        response.activation_interval_minutes,
        response.renewal_interval_minutes
    )
}

/// The Nagios plugin convention: `SERVICE STATUS - text | perfdata`. A check that could
/// not run is `KMS UNKNOWN - <why>`, with what to do on the next line.
pub(super) fn render_nagios(out: &mut String, report: &CheckReport) {
    if let Some(failure) = &report.failure {
        let _ = writeln!(out, "KMS UNKNOWN - {}", one_line(&failure.message));
        if !failure.hint.is_empty() {
            let _ = writeln!(out, "{}", one_line(&failure.hint));
        }
        return;
    }
    let bound = report.hosts.iter().filter(|h| h.works).count();
    let summary = match report.findings.iter().max_by_key(|f| f.severity) {
        Some(worst) if report.findings.len() > 1 => format!(
            "{} (+{} more)",
            one_line(&worst.message),
            report.findings.len() - 1
        ),
        Some(worst) => one_line(&worst.message),
        None => format!("{bound} KMS host(s) bind"),
    };
    let _ = writeln!(
        out,
        "KMS {} - {summary} | {}",
        report.status.label(),
        perfdata(report, bound).join(" ")
    );
    // Long output: one finding per line after the first.
    for finding in &report.findings {
        let _ = writeln!(
            out,
            "{}: {}",
            finding.severity.label(),
            one_line(&finding.message)
        );
    }
}

/// Nagios perfdata: host counts, bind times, client counts, days to expiry.
fn perfdata(report: &CheckReport, bound: usize) -> Vec<String> {
    let mut perf = vec![
        format!("hosts={};;;0", report.hosts.len()),
        format!("hosts_bound={bound};;;0"),
    ];
    for host in &report.hosts {
        for check in host.addresses.iter().filter(|c| c.outcome.is_bound()) {
            perf.push(format!(
                "'bind_{}_{}'={}s;;;0",
                perf_label(&host.target.host.to_string()),
                perf_label(&check.candidate.address().to_string()),
                seconds(check)
            ));
        }
    }
    for host in &report.hosts {
        if let Some(response) = host.activation.as_ref().and_then(answer) {
            perf.push(format!(
                "'count_{}'={};;;0",
                perf_label(&host.target.to_string()),
                response.count
            ));
        }
    }
    for expiry in &report.expiry {
        perf.push(format!(
            "'expiry_days_{}'={};;;0",
            perf_label(&expiry.product),
            expiry.seconds_left / 86_400
        ));
    }
    perf
}

/// Prometheus text exposition (for node_exporter's textfile collector).
pub(super) fn render_prometheus(out: &mut String, report: &CheckReport) {
    let mut metrics = Exposition { out };
    metrics.gauge(
        "vlmgr_check_status",
        "Worst severity found: 0 ok, 1 warning, 2 critical, 3 unknown.",
        vec![(String::new(), report.status.nagios_code().to_string())],
    );
    metrics.gauge(
        "vlmgr_check_failed",
        "1 when the check itself could not run (the reason label says why), else 0.",
        vec![match &report.failure {
            Some(failure) => (
                format!("reason=\"{}\"", label(&one_line(&failure.message))),
                "1".to_string(),
            ),
            None => (String::new(), "0".to_string()),
        }],
    );
    if report.failure.is_some() {
        return;
    }
    srv_metrics(&mut metrics, report);
    address_metrics(&mut metrics, report);
    answer_metrics(&mut metrics, report);
    expiry_metrics(&mut metrics, report);
}

/// `vlmgr_kms_srv_lookup_ok` for every domain, and `vlmgr_kms_srv_records` for those whose
/// lookup was answered: when the name servers fail, the count is not known, and a 0
/// would read as "the records are gone".
fn srv_metrics(metrics: &mut Exposition<'_>, report: &CheckReport) {
    let domain = |d: &DomainHealth| format!("domain=\"{}\"", label(&d.domain));
    metrics.gauge(
        "vlmgr_kms_srv_lookup_ok",
        "1 when the name servers answered the domain's SRV queries (records or not); 0 when \
         they failed, did not answer or answered malformed.",
        report
            .domains
            .iter()
            .map(|d| (domain(d), u8::from(d.lookup_ok()).to_string()))
            .collect(),
    );
    metrics.gauge(
        "vlmgr_kms_srv_records",
        "Usable _vlmcs._tcp SRV records found for the domain (absent when the lookup failed).",
        report
            .domains
            .iter()
            .filter(|d| d.lookup_ok())
            .map(|d| (domain(d), d.records.to_string()))
            .collect(),
    );
}

/// Writes metric families: `# HELP`, `# TYPE`, then one line per sample.
struct Exposition<'a> {
    out: &'a mut String,
}

impl Exposition<'_> {
    /// A gauge family; each sample is (labels without braces, value).
    fn gauge(&mut self, name: &str, help: &str, samples: Vec<(String, String)>) {
        let _ = writeln!(self.out, "# HELP {name} {help}");
        let _ = writeln!(self.out, "# TYPE {name} gauge");
        for (labels, value) in samples {
            if labels.is_empty() {
                let _ = writeln!(self.out, "{name} {value}");
            } else {
                let _ = writeln!(self.out, "{name}{{{labels}}} {value}");
            }
        }
    }
}

/// The labels of a host address: its domain (or `(skms)`), host name and address.
fn host_labels(host: &HostHealth, address: &str) -> String {
    format!(
        "domain=\"{}\",host=\"{}\",address=\"{}\"",
        label(source_domain(&host.source)),
        label(&host.target.host.to_string()),
        label(address)
    )
}

/// `vlmgr_kms_up`, one sample per checked address and one per host without an address
/// (`address=""`), each 0 with a `reason`; `vlmgr_kms_bind_seconds` per bound address.
fn address_metrics(metrics: &mut Exposition<'_>, report: &CheckReport) {
    let samples = |value: &dyn Fn(&AddressCheck) -> Option<String>| {
        report
            .hosts
            .iter()
            .flat_map(|host| {
                host.addresses.iter().filter_map(move |check| {
                    let address = check.candidate.address().to_string();
                    value(check).map(|v| (host_labels(host, &address), v))
                })
            })
            .collect::<Vec<_>>()
    };
    let mut up: Vec<(String, String)> = Vec::new();
    for host in &report.hosts {
        for check in &host.addresses {
            // An address this run could not check (this machine's open-file limit, or
            // the deadline came first) says nothing of the host: no sample, rather than
            // a 0 that would page someone for the monitor's own limits.
            if matches!(
                check.outcome,
                CheckOutcome::LocalLimit { .. } | CheckOutcome::Unfinished { .. }
            ) {
                continue;
            }
            let mut labels = host_labels(host, &check.candidate.address().to_string());
            if let Some(reason) = down_reason(&check.outcome) {
                let _ = write!(labels, ",reason=\"{reason}\"");
            }
            up.push((labels, u8::from(check.outcome.is_bound()).to_string()));
        }
        if host.addresses.is_empty() && host.fully_checked() {
            // A host that does not resolve keeps a series: down, and why (none when
            // this machine could not look it up: that says nothing of the host).
            let reason = host
                .resolve_error
                .as_ref()
                .map_or("no_address", |e| e.outcome);
            let labels = format!("{},reason=\"{reason}\"", host_labels(host, ""));
            up.push((labels, "0".to_owned()));
        }
    }
    metrics.gauge(
        "vlmgr_kms_up",
        "1 when the KMS host address completed the RPC bind, else 0 with a reason (for a \
         host that does not resolve, address=\"\" and the lookup's outcome); none for an \
         address this run could not check.",
        up,
    );
    metrics.gauge(
        "vlmgr_kms_bind_seconds",
        "Time to connect and complete the RPC bind.",
        samples(&|c| c.outcome.is_bound().then(|| seconds(c))),
    );
}

/// `--activate`: the client count, threshold and intervals each host answered.
fn answer_metrics(metrics: &mut Exposition<'_>, report: &CheckReport) {
    let probes: Vec<(&HostHealth, &ActivationProbe)> = report
        .hosts
        .iter()
        .filter_map(|host| host.activation.as_ref().map(|probe| (host, probe)))
        .collect();
    if probes.is_empty() {
        return;
    }
    let samples = |value: &dyn Fn(&ActivationProbe) -> Option<String>| {
        probes
            .iter()
            .filter_map(|(host, probe)| {
                value(probe).map(|v| (host_labels(host, &probe.address.to_string()), v))
            })
            .collect::<Vec<_>>()
    };
    let minutes_as_seconds = |minutes: u32| (u64::from(minutes) * 60).to_string();
    metrics.gauge(
        "vlmgr_kms_client_count",
        "The host's current client count, as answered to this client's activation request.",
        samples(&|p| answer(p).map(|r| r.count.to_string())),
    );
    metrics.gauge(
        "vlmgr_kms_client_threshold",
        "The product's N_Policy: the count a host needs before it activates clients.",
        samples(&|p| Some(p.threshold.to_string())),
    );
    metrics.gauge(
        "vlmgr_kms_activation_interval_seconds",
        "The host's activation (retry) interval.",
        samples(&|p| answer(p).map(|r| minutes_as_seconds(r.activation_interval_minutes))),
    );
    metrics.gauge(
        "vlmgr_kms_renewal_interval_seconds",
        "The host's renewal interval.",
        samples(&|p| answer(p).map(|r| minutes_as_seconds(r.renewal_interval_minutes))),
    );
}

/// `--expiry`: seconds left per installed product.
fn expiry_metrics(metrics: &mut Exposition<'_>, report: &CheckReport) {
    if report.expiry.is_empty() {
        return;
    }
    metrics.gauge(
        "vlmgr_license_expiry_seconds",
        "Seconds until the product's activation (or grace period) ends; 0 when not activated.",
        report
            .expiry
            .iter()
            .map(|e| {
                let labels = format!(
                    "product=\"{}\",activation_id=\"{}\",status=\"{}\"",
                    label(&e.product),
                    e.activation_id,
                    LicenseStatusView::from(e.status).slmgr_text()
                );
                (labels, e.seconds_left.to_string())
            })
            .collect(),
    );
}

/// Why an address is down, as `vlmgr_kms_up`'s `reason` label says it (the JSON
/// check outcome's `status`); none when it bound.
fn down_reason(outcome: &CheckOutcome) -> Option<&'static str> {
    match outcome {
        CheckOutcome::Bound { .. } => None,
        CheckOutcome::NoUsableContext => Some("no_usable_context"),
        CheckOutcome::BindRejected { .. } => Some("bind_rejected"),
        CheckOutcome::ConnectFailed { .. } => Some("connect_failed"),
        CheckOutcome::TimedOut { .. } => Some("timed_out"),
        CheckOutcome::ProtocolError { .. } => Some("protocol_error"),
        CheckOutcome::LocalLimit { .. } => Some("local_limit"),
        CheckOutcome::Unfinished { .. } => Some("unfinished"),
    }
}

/// A Prometheus label value: backslash, quote and newline escaped.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// A Nagios perfdata label: no quotes, '=' or spaces.
fn perf_label(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Nagios reads the first line: keep messages on one, without the '|' separator.
fn one_line(text: &str) -> String {
    sanitize(text).replace('|', "/")
}
