//! `check` in the formats monitoring systems read: one line per finding, the Nagios
//! plugin line with perfdata, and Prometheus text exposition.

use std::fmt::Write;

use super::report::{CheckReport, Severity};
use super::style::{Style, paint, sanitize};

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Ok => Style::Good,
        Severity::Warning => Style::Warn,
        Severity::Critical | Severity::Unknown => Style::Bad,
    }
}

const NO_REQUEST_NOTE: &str = "no activation request was sent (a request counts this client \
on the host; --activate sends one)";

/// Human text: a status line, then one line per finding and per working host.
pub fn render_text(out: &mut String, report: &CheckReport, color: bool) {
    let _ = writeln!(
        out,
        "KMS check: {} ({} finding(s))",
        paint(report.status.label(), severity_style(report.status), color),
        report.findings.len()
    );
    for finding in &report.findings {
        let _ = writeln!(
            out,
            "{:<8}  {}",
            paint(
                finding.severity.label(),
                severity_style(finding.severity),
                color
            ),
            sanitize(&finding.message)
        );
    }
    for host in report.hosts.iter().filter(|h| h.works) {
        for check in host.addresses.iter().filter(|c| c.outcome.is_bound()) {
            let _ = writeln!(
                out,
                "{:<8}  {}:{} ({}) binds at {} in {} ms",
                paint("OK", Style::Good, color),
                sanitize(&host.host),
                host.port,
                sanitize(&host.domain),
                check.address,
                check.total_ms
            );
        }
    }
    for expiry in report.expiry.iter() {
        if !report
            .findings
            .iter()
            .any(|f| f.kind == "expiry" && f.subject == expiry.product)
        {
            let _ = writeln!(
                out,
                "{:<8}  {} is activated for {} more day(s)",
                paint("OK", Style::Good, color),
                sanitize(&expiry.product),
                expiry.seconds_left / 86_400
            );
        }
    }
    if !report.activation_requests_sent {
        let _ = writeln!(out, "Note: {NO_REQUEST_NOTE}");
    }
}

/// The Nagios plugin convention: `SERVICE STATUS - text | perfdata`.
pub fn render_nagios(out: &mut String, report: &CheckReport) {
    let bound = report.hosts.iter().filter(|h| h.works).count();
    let summary = match report.findings.iter().max_by_key(|f| f.severity) {
        Some(worst) => format!(
            "{}{}",
            one_line(&worst.message),
            if report.findings.len() > 1 {
                format!(" (+{} more)", report.findings.len() - 1)
            } else {
                String::new()
            }
        ),
        None => format!("{bound} KMS host(s) bind"),
    };
    let mut perf = vec![
        format!("hosts={};;;0", report.hosts.len()),
        format!("hosts_bound={bound};;;0"),
    ];
    for host in &report.hosts {
        for check in host.addresses.iter().filter(|c| c.outcome.is_bound()) {
            perf.push(format!(
                "'bind_{}_{}'={:.3}s;;;0",
                perf_label(&host.host),
                perf_label(&check.address.to_string()),
                check.total_ms as f64 / 1000.0
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
    let _ = writeln!(
        out,
        "KMS {} - {summary} | {}",
        report.status.label(),
        perf.join(" ")
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

/// Prometheus text exposition (for node_exporter's textfile collector).
pub fn render_prometheus(out: &mut String, report: &CheckReport) {
    let mut metric = |name: &str, help: &str, kind: &str, samples: Vec<(String, String)>| {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} {kind}");
        for (labels, value) in samples {
            if labels.is_empty() {
                let _ = writeln!(out, "{name} {value}");
            } else {
                let _ = writeln!(out, "{name}{{{labels}}} {value}");
            }
        }
    };
    metric(
        "vlmgr_check_status",
        "Worst severity found: 0 ok, 1 warning, 2 critical, 3 unknown.",
        "gauge",
        vec![(String::new(), report.status.nagios_code().to_string())],
    );
    metric(
        "vlmgr_kms_srv_records",
        "Usable _vlmcs._tcp SRV records found for the domain.",
        "gauge",
        report
            .domains
            .iter()
            .map(|d| {
                (
                    format!("domain=\"{}\"", label(&d.domain)),
                    d.records.to_string(),
                )
            })
            .collect(),
    );
    let address_samples = |value: &dyn Fn(&crate::locator::AddressCheck) -> Option<String>| {
        report
            .hosts
            .iter()
            .flat_map(|host| {
                host.addresses.iter().filter_map(move |check| {
                    value(check).map(|v| {
                        (
                            format!(
                                "domain=\"{}\",host=\"{}\",address=\"{}\"",
                                label(&host.domain),
                                label(&host.host),
                                label(&check.address.to_string())
                            ),
                            v,
                        )
                    })
                })
            })
            .collect::<Vec<_>>()
    };
    metric(
        "vlmgr_kms_up",
        "1 when the KMS host address completed the RPC bind, else 0.",
        "gauge",
        address_samples(&|c| Some(u8::from(c.outcome.is_bound()).to_string())),
    );
    metric(
        "vlmgr_kms_bind_seconds",
        "Time to connect and complete the RPC bind.",
        "gauge",
        address_samples(&|c| {
            c.outcome
                .is_bound()
                .then(|| format!("{:.3}", c.total_ms as f64 / 1000.0))
        }),
    );
    if !report.expiry.is_empty() {
        metric(
            "vlmgr_license_expiry_seconds",
            "Seconds until the product's activation (or grace period) ends; 0 when not activated.",
            "gauge",
            report
                .expiry
                .iter()
                .map(|e| {
                    (
                        format!(
                            "product=\"{}\",activation_id=\"{}\",status=\"{}\"",
                            label(&e.product),
                            e.activation_id,
                            e.status.slmgr_text()
                        ),
                        e.seconds_left.to_string(),
                    )
                })
                .collect(),
        );
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
