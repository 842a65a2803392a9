//! slmgr's text layouts.

use std::fmt::Write;

use super::report::{
    AttemptView, ExpirationReport, LicenseView, LicensesReport, ProductsReport, Report,
};
use super::style::{Style, paint, sanitize};
use super::time::slmgr_datetime;
use super::view::{HostSourceView, LicenseStatusView, OutcomeView};
use crate::protocol::HResult;

/// Renders a report as the text printed on stdout.
pub fn render(report: &Report, color: bool) -> String {
    let mut out = String::new();
    match report {
        Report::Message(message) => {
            let _ = writeln!(out, "{}", sanitize(&message.message));
        }
        Report::Licenses(licenses) => render_licenses(&mut out, licenses, color),
        Report::Expiration(expiration) => render_expiration(&mut out, expiration),
        Report::Products(products) => render_products(&mut out, products),
        Report::Discovery(view) => super::discovery::render(&mut out, view, color),
        Report::Check(check) => super::check::render_text(&mut out, check, color),
        Report::Activation(activation) => {
            super::activation::render_activation(&mut out, activation, color);
        }
    }
    out
}

fn render_licenses(out: &mut String, report: &LicensesReport, color: bool) {
    for (index, product) in report.products.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        render_license(out, product, report.detailed, color);
    }
}

fn render_license(out: &mut String, p: &LicenseView, detailed: bool, color: bool) {
    let _ = writeln!(out, "Name: {}", sanitize(&p.name));
    let _ = writeln!(out, "Description: {}", sanitize(&p.description));
    if detailed {
        let _ = writeln!(out, "Activation ID: {}", p.activation_id);
        if let Some(app) = p.application_id {
            let _ = writeln!(out, "Application ID: {app}");
        }
        let _ = writeln!(out, "Product Key Channel: {}", p.product_key_channel);
    }
    if let Some(partial) = &p.partial_product_key {
        let _ = writeln!(out, "Partial Product Key: {}", sanitize(partial));
    }
    let status_style = match p.license_status {
        LicenseStatusView::Licensed => Style::Good,
        LicenseStatusView::InitialGrace => Style::Warn,
        LicenseStatusView::Notification => Style::Bad,
    };
    let _ = writeln!(
        out,
        "License Status: {}",
        paint(p.license_status.slmgr_text(), status_style, color)
    );
    let days = p.minutes_left / 1_440;
    match p.license_status {
        LicenseStatusView::Licensed => {
            let _ = writeln!(
                out,
                "Volume activation expiration: {} minute(s) ({days} day(s))",
                p.minutes_left
            );
        }
        LicenseStatusView::InitialGrace => {
            let _ = writeln!(
                out,
                "Time remaining: {} minute(s) ({days} day(s))",
                p.minutes_left
            );
        }
        LicenseStatusView::Notification => {
            if let Some(reason) = &p.notification_reason {
                let _ = writeln!(out, "Notification Reason: {reason}.");
            }
        }
    }
    if detailed {
        let _ = writeln!(out, "Configured Activation Type: KMS");
    }
    out.push('\n');
    render_kms_client(out, p);
}

fn render_kms_client(out: &mut String, p: &LicenseView) {
    let kms = &p.kms_client;
    let _ = writeln!(out, "Most recent activation information:");
    let _ = writeln!(out, "Key Management Service client information");
    let _ = writeln!(out, "    Client Machine ID (CMID): {}", kms.cmid);
    let attempt = kms.last_attempt.as_ref();
    if let Some(host) = &kms.registered_kms_host {
        let _ = writeln!(out, "    Registered KMS machine name: {}", sanitize(host));
    }
    if !kms.registered_kms_host_addresses.is_empty() {
        let _ = writeln!(
            out,
            "    Registered KMS machine addresses kept: {}",
            sanitize(&kms.registered_kms_host_addresses.join(", "))
        );
    }
    if let Some(domain) = &kms.lookup_domain {
        let _ = writeln!(
            out,
            "    Registered KMS SRV record lookup domain: {}",
            sanitize(domain)
        );
    }
    match attempt {
        Some(a) if a.host.is_some() && a.outcome != OutcomeView::Unreachable => {
            render_attempt(out, a)
        }
        Some(a) => {
            match &a.host {
                // Tried, but it never answered: not "the KMS machine".
                Some(host) => {
                    let _ = writeln!(out, "    KMS host tried, no answer: {}", sanitize(host));
                }
                None if kms.registered_kms_host.is_none() => {
                    let _ = writeln!(out, "    DNS auto-discovery: KMS name not available");
                }
                None => {}
            }
            let _ = writeln!(
                out,
                "    Last activation attempt: {} failed with {}",
                iso_to_text(&a.at),
                a.hresult
            );
        }
        None => {
            if kms.registered_kms_host.is_none() {
                let _ = writeln!(out, "    DNS auto-discovery: KMS name not available");
            }
        }
    }
    if let Some(cached) = &kms.cached_host {
        let _ = writeln!(out, "    Cached KMS host: {}", sanitize(cached));
    }
    if !kms.cached_host_addresses.is_empty() {
        let _ = writeln!(
            out,
            "    Cached KMS host addresses: {}",
            sanitize(&kms.cached_host_addresses.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "    Activation interval: {} minutes",
        kms.activation_interval_minutes
    );
    let _ = writeln!(
        out,
        "    Renewal interval: {} minutes",
        kms.renewal_interval_minutes
    );
    let _ = writeln!(
        out,
        "    KMS host caching is {}",
        if kms.host_caching {
            "enabled"
        } else {
            "disabled"
        }
    );
    if attempt.is_none() {
        out.push('\n');
        let _ = writeln!(
            out,
            "Please use vlmgr ato to activate and update KMS client information in order to update values."
        );
    }
}

fn render_attempt(out: &mut String, a: &AttemptView) {
    if let Some(host) = &a.host {
        let label = match &a.host_source {
            Some(HostSourceView::Dns { .. }) => "KMS machine name from DNS",
            Some(HostSourceView::Cached) => "KMS machine name from cache",
            Some(HostSourceView::CommandLine) => "KMS machine name from --kms",
            Some(HostSourceView::Configured) | None => "KMS machine name used",
        };
        let _ = writeln!(out, "    {label}: {}", sanitize(host));
    }
    if let Some(ip) = &a.ip {
        let _ = writeln!(out, "    KMS machine IP address: {ip}");
    }
    if let Some(epid) = &a.epid {
        let _ = writeln!(out, "    KMS machine extended PID: {}", sanitize(epid));
    }
    if let Some(hwid) = &a.hwid {
        let _ = writeln!(out, "    KMS machine hardware ID: {}", sanitize(hwid));
    }
    if let Some(count) = a.count {
        let _ = writeln!(out, "    KMS host current count: {count}");
    }
    let _ = writeln!(
        out,
        "    Last activation attempt: {} ({}, KMS protocol {})",
        iso_to_text(&a.at),
        if a.hresult == HResult::S_OK {
            "success".to_string()
        } else {
            a.hresult.to_string()
        },
        a.protocol
    );
}

/// `2026-11-23T20:31:07Z` as `2026-11-23 20:31:07 UTC`.
fn iso_to_text(iso: &str) -> String {
    iso.replacen('T', " ", 1).replace('Z', " UTC")
}

fn render_expiration(out: &mut String, report: &ExpirationReport) {
    for product in &report.products {
        let _ = writeln!(out, "{}:", sanitize(&product.name));
        let line = match (product.license_status, product.ends_at_unix) {
            (LicenseStatusView::Licensed, Some(end)) => {
                format!("Volume activation will expire {}", slmgr_datetime(end))
            }
            (LicenseStatusView::InitialGrace, Some(end)) => {
                format!("Initial grace period ends {}", slmgr_datetime(end))
            }
            _ => format!("{} is in Notification mode", sanitize(&product.name)),
        };
        let _ = writeln!(out, "    {line}");
    }
}

fn render_products(out: &mut String, report: &ProductsReport) {
    let name_width = report
        .products
        .iter()
        .map(|p| p.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let alias_width = report
        .products
        .iter()
        .map(|p| p.aliases.first().map_or(0, |a| a.len()))
        .max()
        .unwrap_or(5)
        .max(5);
    let _ = writeln!(
        out,
        "{:name_width$}  {:alias_width$}  {:29}  {:36}  KMS  N",
        "NAME", "ALIAS", "GVLK", "ACTIVATION ID"
    );
    for p in &report.products {
        let _ = writeln!(
            out,
            "{:name_width$}  {:alias_width$}  {:29}  {:36}  v{}  {:>2}{}",
            p.name,
            p.aliases.first().copied().unwrap_or(""),
            p.gvlk,
            p.activation_id,
            p.protocol,
            p.n_policy,
            if p.installed { "  (installed)" } else { "" }
        );
    }
}
