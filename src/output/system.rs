//! slmgr's text layouts filled from Windows' licensing service (the system backend,
//! docs/windows.md, "What it prints"): `dli` / `dlv`, `xpr`, the setters' and key
//! commands' sentences, `ato` / `renew`. The documents are made in [`super::local`] and
//! [`super::activation`], as the standalone backend's.

use std::fmt::Write;

use super::activation::render_system_activation;
use super::report::{SystemLicenses, SystemReport};
use super::style::{Style, paint, sanitize};
use super::time::text_datetime;
use super::view::LicenseStatusView;
use crate::protocol::HResult;
use crate::spp::commands::{
    ExpirationEnd, ExpirationReport, KmsClientBlock, KmsClientInfo, LicenseInfo,
};
use crate::spp::values::days_from_minutes;
use crate::spp::{ActivationType, LicenseStatus, Product};

/// Renders a system backend report as the text printed on stdout.
pub(super) fn render(out: &mut String, report: &SystemReport, color: bool) {
    match report {
        SystemReport::Licenses(licenses) => render_licenses(out, licenses, color),
        SystemReport::Expiration(expiration) => render_expiration(out, expiration),
        SystemReport::Message(message) => {
            let _ = writeln!(out, "{}", sanitize(&message.message));
        }
        SystemReport::Activation(activation) => render_system_activation(out, activation, color),
    }
}

/// `dli` / `dlv`: the service's version (`dlv`), then each license.
fn render_licenses(out: &mut String, report: &SystemLicenses, color: bool) {
    let licenses = &report.licenses;
    if licenses.detailed {
        let _ = writeln!(
            out,
            "Software licensing service version: {}",
            sanitize(&licenses.service.version)
        );
        out.push('\n');
    }
    for (index, info) in licenses.products.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        render_license(out, info, report, color);
    }
}

fn render_license(out: &mut String, info: &LicenseInfo, report: &SystemLicenses, color: bool) {
    let detailed = report.licenses.detailed;
    let product = &info.product;
    let details = product.details.clone().unwrap_or_default();
    let _ = writeln!(out, "Name: {}", sanitize(&product.name));
    let _ = writeln!(out, "Description: {}", sanitize(&product.description));
    if detailed {
        let _ = writeln!(out, "Activation ID: {}", product.id);
        let _ = writeln!(out, "Application ID: {}", product.application_id);
        line(out, "Extended PID", details.extended_pid.as_deref());
        line(
            out,
            "Product Key Channel",
            details.product_key_channel.as_deref(),
        );
        line(out, "Installation ID", details.installation_id.as_deref());
    }
    let Some(partial) = &product.partial_product_key else {
        let _ = writeln!(out, "This license is not in use.");
        return;
    };
    let _ = writeln!(out, "Partial Product Key: {}", sanitize(partial));
    render_status(out, product, color);
    if detailed {
        if let Some(end) = details.evaluation_end {
            let _ = writeln!(out, "Evaluation End Date: {}", text_datetime(end));
        }
        let service = &report.licenses.service;
        count_line(
            out,
            "Remaining Windows rearm count",
            service.remaining_windows_rearm_count,
        );
        count_line(
            out,
            "Remaining SKU rearm count",
            details.remaining_sku_rearm_count,
        );
        count_line(
            out,
            "Remaining App rearm count",
            details.remaining_app_rearm_count,
        );
        if let Some(trusted) = details.trusted_time {
            let _ = writeln!(out, "Trusted time: {}", text_datetime(trusted));
        }
    }
    if let Some(block) = &info.kms_client {
        let _ = writeln!(
            out,
            "Configured Activation Type: {}",
            activation_type(product.activation_type_enabled)
        );
        out.push('\n');
        render_kms_client(out, block);
    }
}

/// `License Status:` and the line on how long it lasts.
fn render_status(out: &mut String, product: &Product, color: bool) {
    let status = product.license_status;
    let style = match status {
        LicenseStatus::Licensed => Style::Good,
        LicenseStatus::Unlicensed | LicenseStatus::Notification | LicenseStatus::Unknown(_) => {
            Style::Bad
        }
        _ => Style::Warn,
    };
    let text = LicenseStatusView::from(status).slmgr_text();
    let _ = writeln!(out, "License Status: {}", paint(text, style, color));
    let minutes = product.grace_minutes;
    let remaining = format!(
        "{minutes} minute(s) ({} day(s))",
        days_from_minutes(minutes)
    );
    match status {
        LicenseStatus::Licensed if minutes > 0 => {
            let kind = if product.is_timebased() {
                "Timebased activation"
            } else if product.is_avma() {
                "Automatic VM activation"
            } else {
                "Volume activation"
            };
            let _ = writeln!(out, "{kind} expiration: {remaining}");
        }
        LicenseStatus::Notification => {
            let reason = product.license_status_reason;
            let _ = writeln!(
                out,
                "Notification Reason: {reason}{}.",
                notification_remark(reason)
            );
        }
        status if status.is_grace() => {
            let _ = writeln!(out, "Time remaining: {remaining}");
        }
        _ => {}
    }
}

/// slmgr's remark after a notification reason it knows.
fn notification_remark(reason: HResult) -> &'static str {
    match reason.0 {
        0xC004_F200 => " (non-genuine)",
        0xC004_F009 => " (grace time expired)",
        _ => "",
    }
}

/// slmgr's words for `VLActivationTypeEnabled`.
fn activation_type(kind: ActivationType) -> String {
    match kind {
        ActivationType::All => "All".into(),
        ActivationType::ActiveDirectory => "AD".into(),
        ActivationType::Kms => "KMS".into(),
        ActivationType::Token => "Token".into(),
        ActivationType::Other(code) => format!("Unknown ({code})"),
    }
}

/// What follows the status of a KMS client license, in slmgr's order.
fn render_kms_client(out: &mut String, block: &KmsClientBlock) {
    match block {
        KmsClientBlock::NotActivated => {
            let _ = writeln!(
                out,
                "Please use vlmgr ato to activate and update KMS client information in order \
                 to update values."
            );
        }
        KmsClientBlock::ActiveDirectory => {
            let _ = writeln!(out, "Most recent activation information:");
            let _ = writeln!(
                out,
                "Activated by Active Directory-based activation (slmgr.vbs /dlv shows its details)"
            );
        }
        KmsClientBlock::Token => {
            let _ = writeln!(out, "Most recent activation information:");
            let _ = writeln!(
                out,
                "Activated by token-based activation (slmgr.vbs /dlv shows its details)"
            );
        }
        KmsClientBlock::Kms(info) => render_kms_information(out, info),
    }
}

/// slmgr's "Key Management Service client information".
fn render_kms_information(out: &mut String, info: &KmsClientInfo) {
    let _ = writeln!(out, "Most recent activation information:");
    let _ = writeln!(out, "Key Management Service client information");
    if let Some(cmid) = info.cmid {
        let _ = writeln!(out, "    Client Machine ID (CMID): {cmid}");
    }
    match (&info.registered_host, &info.discovered_host) {
        (Some(host), _) => {
            let _ = writeln!(
                out,
                "    Registered KMS machine name: {}",
                sanitize(&host.to_string())
            );
        }
        (None, Some(host)) => {
            let _ = writeln!(
                out,
                "    KMS machine name from DNS: {}",
                sanitize(&host.to_string())
            );
        }
        (None, None) => {
            let _ = writeln!(out, "    DNS auto-discovery: KMS name not available");
        }
    }
    if let Some(domain) = &info.lookup_domain {
        let _ = writeln!(
            out,
            "    Registered KMS SRV record lookup domain: {}",
            sanitize(domain)
        );
    }
    let ip = info.discovered_ip.as_deref().map_or_else(
        || "not available".to_string(),
        |ip| sanitize(ip).into_owned(),
    );
    let _ = writeln!(out, "    KMS machine IP address: {ip}");
    if let Some(epid) = &info.kms_extended_pid {
        let _ = writeln!(out, "    KMS machine extended PID: {}", sanitize(epid));
    }
    let _ = writeln!(
        out,
        "    Activation interval: {} minutes",
        info.activation_interval_minutes
    );
    let _ = writeln!(
        out,
        "    Renewal interval: {} minutes",
        info.renewal_interval_minutes
    );
    let _ = writeln!(
        out,
        "    KMS host caching is {}",
        if info.host_caching {
            "enabled"
        } else {
            "disabled"
        }
    );
    if info.host_overrides_domain()
        && let Some(host) = &info.registered_host
    {
        let _ = writeln!(
            out,
            "    Warning: /skms setting overrides the /skms-domain setting. {} will be used \
             for activation.",
            sanitize(&host.to_string())
        );
    }
}

/// `LABEL: value`, when there is a value.
fn line(out: &mut String, label: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = writeln!(out, "{label}: {}", sanitize(value));
    }
}

fn count_line(out: &mut String, label: &str, count: Option<u32>) {
    if let Some(count) = count {
        let _ = writeln!(out, "{label}: {count}");
    }
}

/// `xpr`: each product's name, then slmgr's sentence.
fn render_expiration(out: &mut String, report: &ExpirationReport) {
    for expiration in &report.products {
        let _ = writeln!(out, "{}:", sanitize(&expiration.product.name));
        let sentence = match expiration.end {
            ExpirationEnd::Unlicensed => "Unlicensed".to_string(),
            ExpirationEnd::Permanent => "The machine is permanently activated.".to_string(),
            ExpirationEnd::Volume { at } => {
                format!("Volume activation will expire {}", text_datetime(at))
            }
            ExpirationEnd::Timebased { at } => {
                format!("Timebased activation will expire {}", text_datetime(at))
            }
            ExpirationEnd::AutomaticVm { at } => {
                format!("Automatic VM activation will expire {}", text_datetime(at))
            }
            ExpirationEnd::InitialGrace { at } => {
                format!("Initial grace period ends {}", text_datetime(at))
            }
            ExpirationEnd::AdditionalGrace { at } => {
                format!("Additional grace period ends {}", text_datetime(at))
            }
            ExpirationEnd::NonGenuineGrace { at } => {
                format!("Non-genuine grace period ends {}", text_datetime(at))
            }
            ExpirationEnd::Notification => "Windows is in Notification mode".to_string(),
            ExpirationEnd::ExtendedGrace { at } => {
                format!("Extended grace period ends {}", text_datetime(at))
            }
            // slmgr prints nothing for a status it has no sentence for.
            ExpirationEnd::Unknown => continue,
        };
        let _ = writeln!(out, "    {sentence}");
    }
}
