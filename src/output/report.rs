//! What commands hand to the output layer: plain data, rendered as slmgr text or JSON.

use serde::Serialize;
use uuid::Uuid;

use crate::state::{AttemptOutcome, HostSource, LicenseStatus};

pub use super::activation::ActivationReport;

/// A command's result.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Report {
    Message(MessageReport),
    Licenses(LicensesReport),
    Expiration(ExpirationReport),
    Products(ProductsReport),
    Activation(Box<ActivationReport>),
}

/// Setters and installers: one slmgr sentence, maybe warnings.
#[derive(Debug, Clone, Serialize)]
pub struct MessageReport {
    pub command: &'static str,
    pub message: String,
    pub warnings: Vec<String>,
    /// The settings in force afterwards, for scripts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsView>,
    /// The product acted on, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    pub kms_host: Option<String>,
    pub lookup_domain: Option<String>,
    pub host_caching: bool,
    /// "global" or the Activation ID the settings belong to.
    pub scope: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductRef {
    pub name: String,
    pub activation_id: Uuid,
}

/// `dli` / `dlv`.
#[derive(Debug, Clone, Serialize)]
pub struct LicensesReport {
    pub detailed: bool,
    pub products: Vec<LicenseView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LicenseView {
    pub name: String,
    pub description: String,
    pub activation_id: Uuid,
    pub application_id: Option<Uuid>,
    pub kms_counted_id: Option<Uuid>,
    pub product_key_channel: &'static str,
    pub partial_product_key: Option<String>,
    pub license_status: LicenseStatus,
    /// Minutes left in the current status (activation window or grace).
    pub minutes_left: u32,
    /// When the current status ends (ISO 8601 UTC), if it does.
    pub status_ends_at: Option<String>,
    /// The HRESULT of the last failure while in notification, as `0x...`.
    pub notification_reason: Option<String>,
    pub n_policy: Option<u32>,
    pub protocol: Option<u16>,
    pub kms_client: KmsClientView,
}

#[derive(Debug, Clone, Serialize)]
pub struct KmsClientView {
    pub cmid: Uuid,
    /// The `skms` host in force and whether it is the product's own or the global one.
    pub registered_kms_host: Option<String>,
    pub registered_kms_host_scope: Option<&'static str>,
    pub lookup_domain: Option<String>,
    pub host_caching: bool,
    pub cached_host: Option<String>,
    pub activation_interval_minutes: u32,
    pub renewal_interval_minutes: u32,
    /// When `renew` will next contact a host (ISO 8601 UTC); null: now.
    pub next_due: Option<String>,
    pub last_attempt: Option<AttemptView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttemptView {
    pub at: String,
    pub outcome: AttemptOutcome,
    pub hresult: String,
    pub protocol: u16,
    pub host: Option<String>,
    pub host_source: Option<HostSource>,
    pub ip: Option<String>,
    pub epid: Option<String>,
    pub hwid: Option<String>,
    pub count: Option<u32>,
}

/// `xpr`.
#[derive(Debug, Clone, Serialize)]
pub struct ExpirationReport {
    pub products: Vec<ExpirationView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExpirationView {
    pub name: String,
    pub activation_id: Uuid,
    pub license_status: LicenseStatus,
    /// ISO 8601 UTC end of the activation or grace period; null in notification.
    pub ends_at: Option<String>,
    #[serde(skip)]
    pub ends_at_unix: Option<u64>,
}

/// `products`.
#[derive(Debug, Clone, Serialize)]
pub struct ProductsReport {
    pub products: Vec<ProductView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub family: &'static str,
    pub gvlk: &'static str,
    pub application_id: Uuid,
    pub activation_id: Uuid,
    pub kms_counted_id: Uuid,
    pub n_policy: u32,
    pub protocol: u16,
    pub installed: bool,
}
