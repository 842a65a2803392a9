//! The client's persistent state: one schema-versioned JSON file per installation.
//!
//! What is stored is what cannot be derived: the CMID, settings, installed products, the
//! license window and the last result. The license status a request reports (grace,
//! licensed, notification) is derived from those times, so it can never disagree with them.

mod durable;
mod store;

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::address::{Host, HostPort, HostSource, KmsAddress};
use crate::protocol::kms::KmsResponse;
use crate::protocol::{HResult, Hex};

pub use store::{MAX_STATE_FILE_BYTES, STATE_FILE_NAME, StateError, StateStore, parse_bytes};

/// The schema this build reads and writes. A file with a higher number is refused untouched.
pub const SCHEMA_VERSION: u32 = 1;

/// A KMS activation is valid this long (a sliding window renewed by each success).
pub const ACTIVATION_VALIDITY_SECS: u64 = 180 * 86_400;
/// The out-of-box grace period after installing a product key.
pub const INITIAL_GRACE_SECS: u64 = 30 * 86_400;
/// How many addresses of a cached or `skms` host the state keeps (the one that answered
/// first, then the others its name resolved to); docs/state.md.
pub const MAX_KNOWN_ADDRESSES: usize = 8;

/// The client's intervals until a host tells it others (slmgr's defaults).
pub const DEFAULT_ACTIVATION_INTERVAL_MINUTES: u32 = 120;
pub const DEFAULT_RENEWAL_INTERVAL_MINUTES: u32 = 10_080;

/// The whole state file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub schema_version: u32,
    /// Client machine ID: created once, so this installation counts as one client on a host.
    pub cmid: Uuid,
    /// When the CMID was created (Unix seconds).
    pub created_at: u64,
    #[serde(default)]
    pub settings: Settings,
    /// Installed products, in installation order.
    #[serde(default)]
    pub products: Vec<InstalledProduct>,
}

/// Global settings (slmgr's without an Activation ID).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `skms` without an Activation ID.
    #[serde(default)]
    pub kms_host: Option<KmsAddress>,
    /// The addresses a `kms_host` name last answered on (cleared when `kms_host` changes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kms_host_addresses: Vec<IpAddr>,
    /// `skms-domain` without an Activation ID.
    #[serde(default, deserialize_with = "domain::deserialize_opt")]
    pub lookup_domain: Option<String>,
    /// `skhc` / `ckhc`.
    #[serde(default = "default_true")]
    pub host_caching: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            kms_host: None,
            kms_host_addresses: Vec::new(),
            lookup_domain: None,
            host_caching: true,
        }
    }
}

fn default_true() -> bool {
    true
}

/// Per-product settings (slmgr's with an Activation ID); they win over the global ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSettings {
    #[serde(default)]
    pub kms_host: Option<KmsAddress>,
    /// The addresses a `kms_host` name last answered on (cleared when `kms_host` changes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kms_host_addresses: Vec<IpAddr>,
    #[serde(default, deserialize_with = "domain::deserialize_opt")]
    pub lookup_domain: Option<String>,
}

/// An installed product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstalledProduct {
    pub activation_id: Uuid,
    /// When `ipk` installed it (Unix seconds); starts the initial grace period.
    pub installed_at: u64,
    #[serde(default)]
    pub settings: ProductSettings,
    /// The last host that answered, tried first while caching is on.
    #[serde(default)]
    pub cached_host: Option<CachedHost>,
    /// End of the current activation (Unix seconds), if ever activated.
    #[serde(default)]
    pub licensed_until: Option<u64>,
    /// The host's activation interval (retry while not activated), minutes.
    pub activation_interval_minutes: u32,
    /// The host's renewal interval, minutes.
    pub renewal_interval_minutes: u32,
    /// What the last attempt observed.
    #[serde(default)]
    pub last_result: Option<ActivationRecord>,
}

/// The host that last answered, and the addresses it answered on: tried at once at the
/// next renewal, while its name is resolved again, so a DNS outage does not stop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedHost {
    /// `host` and `port`, as files before the addresses were kept spell them.
    #[serde(flatten)]
    pub target: HostPort,
    /// The address that answered first, then the others its name resolved to; empty for
    /// an IP literal (and in older files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<IpAddr>,
}

/// The addresses to keep for a host that answered on `answered`: that one first, then
/// the others its name resolved to in this run, or, when DNS did not answer, the ones
/// kept before (so an address is dropped once DNS no longer gives it); at most
/// [`MAX_KNOWN_ADDRESSES`].
pub fn known_addresses(
    answered: IpAddr,
    resolved: Option<&[IpAddr]>,
    before: &[IpAddr],
) -> Vec<IpAddr> {
    let mut kept = vec![answered];
    for &ip in resolved.unwrap_or(before) {
        if kept.len() < MAX_KNOWN_ADDRESSES && !kept.contains(&ip) {
            kept.push(ip);
        }
    }
    kept
}

/// The license states vlmgr models, with slmgr's names and the request's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenseStatus {
    /// Activated and within the 180-day window.
    Licensed,
    /// Installed, never activated, within 30 days.
    InitialGrace,
    /// Grace or activation ran out.
    Notification,
}

impl LicenseStatus {
    /// The LicenseStatus code a KMS request carries.
    pub fn request_code(self) -> u32 {
        match self {
            LicenseStatus::Licensed => 1,
            LicenseStatus::InitialGrace => 2,
            LicenseStatus::Notification => 5,
        }
    }
}

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptOutcome {
    Activated,
    /// The host answered with a count below N_Policy (0xC004F038).
    CountTooLow,
    /// The host answered with an error HRESULT.
    HostError,
    /// No host could be found or contacted.
    Unreachable,
    /// An answer failed validation.
    InvalidResponse,
}

/// The host that answered an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservedHost {
    /// Name as found (configured name, SRV target or IP literal) and port.
    pub name: Host,
    pub port: u16,
    /// The address that answered.
    pub ip: IpAddr,
    pub source: HostSource,
}

/// What a host said in a valid response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservedResponse {
    pub epid: String,
    /// V6 hosts only, as 16 hex digits.
    #[serde(default)]
    pub hwid: Option<String>,
    pub count: u32,
    pub activation_interval_minutes: u32,
    pub renewal_interval_minutes: u32,
}

impl From<&KmsResponse> for ObservedResponse {
    fn from(response: &KmsResponse) -> Self {
        ObservedResponse {
            epid: response.epid.clone(),
            hwid: response.hwid.map(|hwid| format!("{:X}", Hex(&hwid))),
            count: response.count,
            activation_interval_minutes: response.activation_interval_minutes,
            renewal_interval_minutes: response.renewal_interval_minutes,
        }
    }
}

/// One activation attempt, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationRecord {
    /// When (Unix seconds).
    pub at: u64,
    pub outcome: AttemptOutcome,
    /// 0 on success, else the HRESULT reported (a number in the file).
    #[serde(with = "hresult_number")]
    pub hresult: HResult,
    /// KMS protocol major version sent.
    pub protocol: u16,
    #[serde(default)]
    pub host: Option<ObservedHost>,
    #[serde(default)]
    pub response: Option<ObservedResponse>,
}

impl State {
    /// A new state with a fresh CMID.
    pub fn new(now: u64) -> State {
        State {
            schema_version: SCHEMA_VERSION,
            cmid: Uuid::new_v4(),
            created_at: now,
            settings: Settings::default(),
            products: Vec::new(),
        }
    }

    pub fn product(&self, activation_id: &Uuid) -> Option<&InstalledProduct> {
        self.products
            .iter()
            .find(|p| &p.activation_id == activation_id)
    }

    pub fn product_mut(&mut self, activation_id: &Uuid) -> Option<&mut InstalledProduct> {
        self.products
            .iter_mut()
            .find(|p| &p.activation_id == activation_id)
    }

    /// The KMS host in force for a product: its own, else the global one.
    pub fn kms_host_for<'a>(&'a self, product: &'a InstalledProduct) -> Option<&'a KmsAddress> {
        product
            .settings
            .kms_host
            .as_ref()
            .or(self.settings.kms_host.as_ref())
    }

    /// The kept addresses of the KMS host in force for a product (see
    /// [`State::kms_host_for`]).
    pub fn kms_host_addresses_for<'a>(&'a self, product: &'a InstalledProduct) -> &'a [IpAddr] {
        if product.settings.kms_host.is_some() {
            &product.settings.kms_host_addresses
        } else {
            &self.settings.kms_host_addresses
        }
    }

    /// Where a product's `skms` addresses are kept: its own setting's when it has one,
    /// else the global one's; `None` when `target` is no longer the setting in force.
    pub fn kms_host_addresses_mut(
        &mut self,
        activation_id: &Uuid,
        target: &HostPort,
    ) -> Option<&mut Vec<IpAddr>> {
        let global = &mut self.settings;
        let product = self
            .products
            .iter_mut()
            .find(|p| &p.activation_id == activation_id)?;
        let (setting, addresses) = match &product.settings.kms_host {
            Some(_) => (
                &product.settings.kms_host,
                &mut product.settings.kms_host_addresses,
            ),
            None => (&global.kms_host, &mut global.kms_host_addresses),
        };
        let in_force = setting.as_ref().and_then(KmsAddress::host_port);
        (in_force.as_ref() == Some(target)).then_some(addresses)
    }

    /// The SRV lookup domain in force for a product.
    pub fn lookup_domain_for<'a>(&'a self, product: &'a InstalledProduct) -> Option<&'a str> {
        product
            .settings
            .lookup_domain
            .as_deref()
            .or(self.settings.lookup_domain.as_deref())
    }

    /// Checks what serde cannot: one entry per product, a known schema.
    fn validate(&self) -> Result<(), String> {
        if self.schema_version == 0 {
            return Err("schema_version 0 is not a vlmgr schema".into());
        }
        for (index, product) in self.products.iter().enumerate() {
            if self.products[..index]
                .iter()
                .any(|p| p.activation_id == product.activation_id)
            {
                return Err(format!("product {} is listed twice", product.activation_id));
            }
        }
        Ok(())
    }
}

impl InstalledProduct {
    /// A freshly installed product (initial grace, default intervals).
    pub fn new(activation_id: Uuid, now: u64) -> InstalledProduct {
        InstalledProduct {
            activation_id,
            installed_at: now,
            settings: ProductSettings::default(),
            cached_host: None,
            licensed_until: None,
            activation_interval_minutes: DEFAULT_ACTIVATION_INTERVAL_MINUTES,
            renewal_interval_minutes: DEFAULT_RENEWAL_INTERVAL_MINUTES,
            last_result: None,
        }
    }

    /// The license status at `now`.
    pub fn status(&self, now: u64) -> LicenseStatus {
        match self.licensed_until {
            Some(until) if until > now => LicenseStatus::Licensed,
            Some(_) => LicenseStatus::Notification,
            None if now < self.grace_ends_at() => LicenseStatus::InitialGrace,
            None => LicenseStatus::Notification,
        }
    }

    /// End of the initial grace period.
    pub fn grace_ends_at(&self) -> u64 {
        self.installed_at.saturating_add(INITIAL_GRACE_SECS)
    }

    /// Whole minutes left in the current status (0: none), as a request reports them.
    pub fn minutes_left(&self, now: u64) -> u32 {
        let end = match self.status(now) {
            LicenseStatus::Licensed => self.licensed_until.unwrap_or(now),
            LicenseStatus::InitialGrace => self.grace_ends_at(),
            LicenseStatus::Notification => now,
        };
        u32::try_from(end.saturating_sub(now) / 60).unwrap_or(u32::MAX)
    }

    /// When the next activation attempt is due: renewal interval after a success,
    /// activation interval after anything else; now when never tried.
    pub fn next_due(&self) -> Option<u64> {
        let last = self.last_result.as_ref()?;
        let minutes = match last.outcome {
            AttemptOutcome::Activated => self.renewal_interval_minutes,
            _ => self.activation_interval_minutes,
        };
        Some(last.at.saturating_add(u64::from(minutes) * 60))
    }
}

/// The state file keeps an HRESULT as a number (the CLI's JSON shows it as `0x...`).
mod hresult_number {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::protocol::HResult;

    pub fn serialize<S: Serializer>(code: &HResult, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(code.0)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<HResult, D::Error> {
        u32::deserialize(d).map(HResult)
    }
}

mod domain {
    use serde::{Deserialize, Deserializer};

    /// A lookup domain read back from the file must still be a valid domain name.
    pub fn deserialize_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let value = Option::<String>::deserialize(d)?;
        if let Some(name) = &value {
            crate::address::validate_host_name(name).map_err(serde::de::Error::custom)?;
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_clock() {
        let mut product = InstalledProduct::new(Uuid::nil(), 1_000);
        assert_eq!(product.status(1_000), LicenseStatus::InitialGrace);
        assert_eq!(product.minutes_left(1_000), 43_200);
        assert_eq!(
            product.status(1_000 + INITIAL_GRACE_SECS),
            LicenseStatus::Notification
        );
        product.licensed_until = Some(5_000 + ACTIVATION_VALIDITY_SECS);
        assert_eq!(product.status(5_000), LicenseStatus::Licensed);
        assert_eq!(product.minutes_left(5_000), 259_200);
        assert_eq!(
            product.status(5_000 + ACTIVATION_VALIDITY_SECS),
            LicenseStatus::Notification
        );
    }

    #[test]
    fn known_addresses_put_the_answer_first_and_follow_dns() {
        let ip = |last: u8| IpAddr::from([10, 0, 0, last]);
        let before = [ip(1), ip(2)];
        // DNS answered: what it gave now, stale ones dropped.
        assert_eq!(
            known_addresses(ip(3), Some(&[ip(4), ip(3)]), &before),
            vec![ip(3), ip(4)]
        );
        // DNS silent: the kept ones, the answering one first.
        assert_eq!(known_addresses(ip(2), None, &before), vec![ip(2), ip(1)]);
        let many: Vec<IpAddr> = (1..=20).map(ip).collect();
        assert_eq!(
            known_addresses(ip(20), Some(&many), &[]).len(),
            MAX_KNOWN_ADDRESSES
        );
    }

    #[test]
    fn a_cached_host_of_an_older_file_still_loads() {
        let old: CachedHost =
            serde_json::from_str(r#"{"host": "kms.corp.test", "port": 1688}"#).unwrap();
        assert!(old.addresses.is_empty());
        let new = CachedHost {
            addresses: vec![IpAddr::from([10, 0, 0, 5])],
            ..old
        };
        let text = serde_json::to_string(&new).unwrap();
        assert_eq!(
            text,
            r#"{"host":"kms.corp.test","port":1688,"addresses":["10.0.0.5"]}"#
        );
        assert_eq!(serde_json::from_str::<CachedHost>(&text).unwrap(), new);
    }

    #[test]
    fn next_due_uses_the_interval_of_the_outcome() {
        let mut product = InstalledProduct::new(Uuid::nil(), 0);
        assert_eq!(product.next_due(), None);
        let record = |outcome| ActivationRecord {
            at: 100,
            outcome,
            hresult: HResult::S_OK,
            protocol: 6,
            host: None,
            response: None,
        };
        product.last_result = Some(record(AttemptOutcome::Activated));
        assert_eq!(product.next_due(), Some(100 + 10_080 * 60));
        product.last_result = Some(record(AttemptOutcome::CountTooLow));
        assert_eq!(product.next_due(), Some(100 + 120 * 60));
    }
}
