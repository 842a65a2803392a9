//! slmgr's text layouts.

use std::fmt::Write;

use std::net::IpAddr;

use super::local::{PRODUCT_KEY_CHANNEL, UNKNOWN_DESCRIPTION};
use super::report::{ExpirationReport, License, LicensesReport, ProductsReport, Report};
use super::style::{Style, paint, sanitize};
use super::time::text_datetime;
use super::view::LicenseStatusView;
use crate::address::HostSource;
use crate::protocol::HResult;
use crate::state::{ActivationRecord, AttemptOutcome, LicenseStatus};

/// Renders a report as the text printed on stdout; `quiet` (`-q`) leaves out the `Note:`
/// lines.
pub(super) fn render(report: &Report, color: bool, quiet: bool) -> String {
    let mut out = String::new();
    match report {
        Report::Message(message) => {
            let _ = writeln!(out, "{}", sanitize(&message.message));
        }
        Report::Licenses(licenses) => render_licenses(&mut out, licenses, color),
        Report::Expiration(expiration) => render_expiration(&mut out, expiration),
        Report::Products(products) => render_products(&mut out, products),
        Report::Discovery(view) => super::discovery::render(&mut out, view, color, quiet),
        Report::Check(check) => super::monitoring::render_text(&mut out, check, color, quiet),
        Report::Activation(run) => {
            for activation in run.products() {
                super::activation::render_activation(&mut out, activation, color);
            }
        }
        Report::System(system) => super::system::render(&mut out, system, color),
    }
    out
}

fn render_licenses(out: &mut String, report: &LicensesReport, color: bool) {
    // `dli all` / `dlv all` with nothing installed: as `dli` alone says it, without the
    // error (an empty list is an answer).
    if report.products.is_empty() {
        let _ = writeln!(
            out,
            "No product is installed; `vlmgr ipk <GVLK or product>` installs one."
        );
    }
    for (index, license) in report.products.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        render_license(out, license, report, color);
    }
}

fn render_license(out: &mut String, license: &License, report: &LicensesReport, color: bool) {
    let p = &license.product;
    let entry = license.entry;
    let _ = writeln!(out, "Name: {}", sanitize(&license.name));
    let description = entry.map_or_else(|| UNKNOWN_DESCRIPTION.to_string(), |e| e.description());
    let _ = writeln!(out, "Description: {}", sanitize(&description));
    if report.detailed {
        let _ = writeln!(out, "Activation ID: {}", p.activation_id);
        if let Some(entry) = entry {
            let _ = writeln!(out, "Application ID: {}", entry.application_id);
        }
        let _ = writeln!(out, "Product Key Channel: {PRODUCT_KEY_CHANNEL}");
    }
    if let Some(entry) = entry {
        let _ = writeln!(out, "Partial Product Key: {}", entry.partial_key());
    }
    let status = p.status(report.now);
    let status_style = match status {
        LicenseStatus::Licensed => Style::Good,
        LicenseStatus::InitialGrace => Style::Warn,
        LicenseStatus::Notification => Style::Bad,
    };
    let _ = writeln!(
        out,
        "License Status: {}",
        paint(
            LicenseStatusView::from(status).slmgr_text(),
            status_style,
            color
        )
    );
    let minutes_left = p.minutes_left(report.now);
    let days = minutes_left / 1_440;
    match status {
        LicenseStatus::Licensed => {
            let _ = writeln!(
                out,
                "Volume activation expiration: {minutes_left} minute(s) ({days} day(s))"
            );
        }
        LicenseStatus::InitialGrace => {
            let _ = writeln!(
                out,
                "Time remaining: {minutes_left} minute(s) ({days} day(s))"
            );
        }
        LicenseStatus::Notification => {
            if let Some(reason) = p.notification_reason(report.now) {
                let _ = writeln!(out, "Notification Reason: {reason}.");
            }
        }
    }
    if report.detailed {
        let _ = writeln!(out, "Configured Activation Type: KMS");
    }
    out.push('\n');
    render_kms_client(out, license);
}

fn render_kms_client(out: &mut String, license: &License) {
    let p = &license.product;
    let _ = writeln!(out, "Most recent activation information:");
    let _ = writeln!(out, "Key Management Service client information");
    let _ = writeln!(out, "    Client Machine ID (CMID): {}", license.cmid);
    let registered = license.kms_host.as_ref().map(|(configured, _)| configured);
    if let Some(configured) = registered {
        let _ = writeln!(
            out,
            "    Registered KMS machine name: {}",
            sanitize(&configured.address.to_string())
        );
        if !configured.addresses.is_empty() {
            let _ = writeln!(
                out,
                "    Registered KMS machine addresses kept: {}",
                listed(&configured.addresses)
            );
        }
    }
    if let Some(domain) = &license.lookup_domain {
        let _ = writeln!(
            out,
            "    Registered KMS SRV record lookup domain: {}",
            sanitize(domain)
        );
    }
    match &p.last_result {
        Some(record) if record.host.is_some() && record.outcome != AttemptOutcome::Unreachable => {
            render_attempt(out, record)
        }
        Some(record) => {
            match &record.host {
                // Tried, but it never answered: not "the KMS machine".
                Some(host) => {
                    let _ = writeln!(
                        out,
                        "    KMS host tried, no answer: {}",
                        sanitize(&host.target.to_string())
                    );
                }
                None if registered.is_none() => {
                    let _ = writeln!(out, "    DNS auto-discovery: KMS name not available");
                }
                None => {}
            }
            let _ = writeln!(
                out,
                "    Last activation attempt: {} failed with {}",
                text_datetime(record.at),
                record.hresult
            );
        }
        None => {
            if registered.is_none() {
                let _ = writeln!(out, "    DNS auto-discovery: KMS name not available");
            }
        }
    }
    if let Some(cached) = &p.cached_host {
        let _ = writeln!(
            out,
            "    Cached KMS host: {}",
            sanitize(&cached.target.to_string())
        );
        if !cached.addresses.is_empty() {
            let _ = writeln!(
                out,
                "    Cached KMS host addresses: {}",
                listed(&cached.addresses)
            );
        }
    }
    let _ = writeln!(
        out,
        "    Activation interval: {} minutes",
        p.activation_interval_minutes
    );
    let _ = writeln!(
        out,
        "    Renewal interval: {} minutes",
        p.renewal_interval_minutes
    );
    let _ = writeln!(
        out,
        "    KMS host caching is {}",
        if license.host_caching {
            "enabled"
        } else {
            "disabled"
        }
    );
    if p.last_result.is_none() {
        out.push('\n');
        let _ = writeln!(
            out,
            "Please use vlmgr ato to activate and update KMS client information in order to update values."
        );
    }
}

/// Addresses, comma-separated.
fn listed(addresses: &[IpAddr]) -> String {
    addresses
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn render_attempt(out: &mut String, record: &ActivationRecord) {
    if let Some(host) = &record.host {
        let label = match &host.source {
            HostSource::Dns { .. } => "KMS machine name from DNS",
            HostSource::Cached => "KMS machine name from cache",
            HostSource::CommandLine => "KMS machine name from --kms",
            HostSource::Configured => "KMS machine name used",
        };
        let _ = writeln!(out, "    {label}: {}", sanitize(&host.target.to_string()));
        let _ = writeln!(out, "    KMS machine IP address: {}", host.ip);
    }
    if let Some(response) = &record.response {
        let _ = writeln!(
            out,
            "    KMS machine extended PID: {}",
            sanitize(&response.epid)
        );
        if let Some(hwid) = &response.hwid {
            let _ = writeln!(out, "    KMS machine hardware ID: {}", sanitize(hwid));
        }
        let _ = writeln!(out, "    KMS host current count: {}", response.count);
    }
    let _ = writeln!(
        out,
        "    Last activation attempt: {} ({}, KMS protocol {})",
        text_datetime(record.at),
        if record.hresult == HResult::S_OK {
            "success".to_string()
        } else {
            record.hresult.to_string()
        },
        record.protocol
    );
}

fn render_expiration(out: &mut String, report: &ExpirationReport) {
    for expiration in &report.products {
        let name = &expiration.product.name;
        let _ = writeln!(out, "{}:", sanitize(name));
        let line = match (expiration.status, expiration.ends_at) {
            (LicenseStatus::Licensed, Some(end)) => {
                format!("Volume activation will expire {}", text_datetime(end))
            }
            (LicenseStatus::InitialGrace, Some(end)) => {
                format!("Initial grace period ends {}", text_datetime(end))
            }
            _ => format!("{} is in Notification mode", sanitize(name)),
        };
        let _ = writeln!(out, "    {line}");
    }
}

fn render_products(out: &mut String, report: &ProductsReport) {
    let name_width = report
        .products
        .iter()
        .map(|listed| listed.product.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let alias_width = report
        .products
        .iter()
        .map(|listed| listed.product.aliases.first().map_or(0, |a| a.len()))
        .max()
        .unwrap_or(5)
        .max(5);
    let _ = writeln!(
        out,
        "{:name_width$}  {:alias_width$}  {:29}  {:36}  KMS  N",
        "NAME", "ALIAS", "GVLK", "ACTIVATION ID"
    );
    for listed in &report.products {
        let p = listed.product;
        let _ = writeln!(
            out,
            "{:name_width$}  {:alias_width$}  {:29}  {:36}  v{}  {:>2}{}",
            p.name,
            p.aliases.first().copied().unwrap_or(""),
            p.gvlk,
            p.activation_id,
            p.protocol,
            p.n_policy,
            if listed.installed {
                "  (installed)"
            } else {
                ""
            }
        );
    }
}
