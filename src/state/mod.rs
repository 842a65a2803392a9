//! The client's persistent state: one schema-versioned JSON file per installation.
//!
//! What is stored is what cannot be derived: the CMID, settings, installed products, the
//! license window and the last result. The license status a request reports (grace,
//! licensed, notification) is derived from those times, so it can never disagree with them.

pub(crate) mod retry;
mod store;

use std::net::IpAddr;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::address::{Host, HostPort, HostSource, KmsAddress};
use crate::config::MIN_REQUEST_INTERVAL;
use crate::protocol::kms::KmsResponse;
use crate::protocol::{HResult, Hex};

pub(crate) use retry::Contact;
pub(crate) use store::StateStore;
pub use store::{StateError, parse_bytes};

/// The schema this build reads and writes. A file with a higher number is refused untouched.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// A KMS activation is valid this long (a sliding window renewed by each success).
pub(crate) const ACTIVATION_VALIDITY_SECS: u64 = 180 * 86_400;
/// The out-of-box grace period after installing a product key.
pub(crate) const INITIAL_GRACE_SECS: u64 = 30 * 86_400;
/// How many addresses of a cached or `skms` host the state keeps (the one that answered
/// first, then the others its name resolved to); docs/state.md.
pub(crate) const MAX_KNOWN_ADDRESSES: usize = 8;

/// The client's intervals until a host tells it others (slmgr's defaults).
pub(crate) const DEFAULT_ACTIVATION_INTERVAL_MINUTES: u32 = 120;
pub(crate) const DEFAULT_RENEWAL_INTERVAL_MINUTES: u32 = 10_080;

/// The whole state file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub(crate) schema_version: u32,
    /// Client machine ID: created once, so this installation counts as one client on a host.
    pub(crate) cmid: Uuid,
    /// When the CMID was created (Unix seconds).
    pub(crate) created_at: u64,
    #[serde(default)]
    pub(crate) settings: Settings,
    /// Installed products, in installation order.
    #[serde(default)]
    pub products: Vec<InstalledProduct>,
}

/// Global settings (slmgr's without an Activation ID). The file spells them flat:
/// `kms_host`, `kms_host_addresses`, `lookup_domain`, `host_caching` (docs/state.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Settings {
    /// `skms` and `skms-domain` without an Activation ID.
    #[serde(flatten)]
    pub(crate) hosts: HostSettings,
    /// `skhc` / `ckhc`.
    #[serde(default = "default_true")]
    pub(crate) host_caching: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            hosts: HostSettings::default(),
            host_caching: true,
        }
    }
}

fn default_true() -> bool {
    true
}

/// Where a scope's activation looks for a host: `skms` and `skms-domain`, globally
/// ([`Settings::hosts`]) or for one product ([`InstalledProduct::settings`], which wins).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "HostSettingsFile", into = "HostSettingsFile")]
pub(crate) struct HostSettings {
    /// `skms`, with the addresses its name last answered on.
    pub(crate) kms_host: Option<ConfiguredHost>,
    /// `skms-domain`.
    pub(crate) lookup_domain: Option<String>,
}

/// An `skms` setting and the addresses its name last answered on: the addresses belong
/// to the setting, so a new setting (or none) has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfiguredHost {
    pub(crate) address: KmsAddress,
    /// The address that answered first, then the others the name resolved to (at most
    /// [`MAX_KNOWN_ADDRESSES`]); empty until the name answered, and for an IP literal.
    pub(crate) addresses: Vec<IpAddr>,
}

impl ConfiguredHost {
    /// A new setting: no address kept yet.
    pub(crate) fn new(address: KmsAddress) -> ConfiguredHost {
        ConfiguredHost {
            address,
            addresses: Vec::new(),
        }
    }
}

/// [`HostSettings`] as the file spells them: the setting and its addresses side by side,
/// as files written before the addresses were kept have them (absent when empty).
#[derive(Serialize, Deserialize)]
struct HostSettingsFile {
    #[serde(default)]
    kms_host: Option<KmsAddress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    kms_host_addresses: Vec<IpAddr>,
    #[serde(default, deserialize_with = "domain::deserialize_opt")]
    lookup_domain: Option<String>,
}

impl From<HostSettingsFile> for HostSettings {
    /// Addresses without a setting belong to no host (only a hand-edited file has them)
    /// and are dropped.
    fn from(file: HostSettingsFile) -> Self {
        HostSettings {
            kms_host: file.kms_host.map(|address| ConfiguredHost {
                address,
                addresses: file.kms_host_addresses,
            }),
            lookup_domain: file.lookup_domain,
        }
    }
}

impl From<HostSettings> for HostSettingsFile {
    fn from(settings: HostSettings) -> Self {
        let (kms_host, kms_host_addresses) = match settings.kms_host {
            Some(configured) => (Some(configured.address), configured.addresses),
            None => (None, Vec::new()),
        };
        HostSettingsFile {
            kms_host,
            kms_host_addresses,
            lookup_domain: settings.lookup_domain,
        }
    }
}

/// An installed product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstalledProduct {
    pub(crate) activation_id: Uuid,
    /// When `ipk` installed it (Unix seconds); starts the initial grace period.
    pub(crate) installed_at: u64,
    /// `skms` and `skms-domain` given with its Activation ID.
    #[serde(default)]
    pub(crate) settings: HostSettings,
    /// The last host that answered, tried first while caching is on.
    #[serde(default)]
    pub(crate) cached_host: Option<CachedHost>,
    /// End of the current activation (Unix seconds), if ever activated.
    #[serde(default)]
    pub(crate) licensed_until: Option<u64>,
    /// The host's activation interval (retry while not activated), minutes.
    pub(crate) activation_interval_minutes: u32,
    /// The host's renewal interval, minutes.
    pub(crate) renewal_interval_minutes: u32,
    /// What the last attempt observed.
    #[serde(default)]
    pub(crate) last_result: Option<ActivationRecord>,
    /// When a setting in force for it last changed (a setter, `ipk` again) and no attempt
    /// has used the change yet: the next `renew` is then due at once, a minute after the
    /// last attempt at the earliest ([`InstalledProduct::next_due`]). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) settings_changed_at: Option<u64>,
}

/// The host that last answered, and the addresses it answered on: tried at once at the
/// next renewal, while its name is resolved again, so a DNS outage does not stop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CachedHost {
    /// `host` and `port`, as files before the addresses were kept spell them.
    #[serde(flatten)]
    pub(crate) target: HostPort,
    /// The address that answered first, then the others its name resolved to; empty for
    /// an IP literal (and in older files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) addresses: Vec<IpAddr>,
    /// The domain whose SRV records named it: a host cached from a domain no longer
    /// searched is not used (`locator::cached_host_searched`). Absent in older files.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "domain::deserialize_opt"
    )]
    pub(crate) domain: Option<String>,
}

/// The addresses to keep for a host that answered on `answered`: that one first, then
/// the others its name resolved to in this run, or, when DNS did not answer, the ones
/// kept before (so an address is dropped once DNS no longer gives it); at most
/// [`MAX_KNOWN_ADDRESSES`].
pub(crate) fn known_addresses(
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
pub(crate) enum LicenseStatus {
    /// Activated and within the 180-day window.
    Licensed,
    /// Installed, never activated, within 30 days.
    InitialGrace,
    /// Grace or activation ran out.
    Notification,
}

impl LicenseStatus {
    /// The LicenseStatus code a KMS request carries.
    pub(crate) fn request_code(self) -> u32 {
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
pub(crate) enum AttemptOutcome {
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

/// The host that answered an attempt (or the most specific failure's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ObservedHostFile", into = "ObservedHostFile")]
pub(crate) struct ObservedHost {
    /// The host as found (configured name, SRV target or IP literal) and its port.
    pub(crate) target: HostPort,
    /// The address that answered.
    pub(crate) ip: IpAddr,
    pub(crate) source: HostSource,
}

/// [`ObservedHost`] as the file spells it: `name`, `port`, `ip`, `source`.
#[derive(Serialize, Deserialize)]
struct ObservedHostFile {
    name: Host,
    port: u16,
    ip: IpAddr,
    source: HostSource,
}

impl From<ObservedHostFile> for ObservedHost {
    fn from(file: ObservedHostFile) -> Self {
        ObservedHost {
            target: HostPort::new(file.name, file.port),
            ip: file.ip,
            source: file.source,
        }
    }
}

impl From<ObservedHost> for ObservedHostFile {
    fn from(host: ObservedHost) -> Self {
        ObservedHostFile {
            name: host.target.host,
            port: host.target.port,
            ip: host.ip,
            source: host.source,
        }
    }
}

/// What a host said in a valid response: the one conversion of a [`KmsResponse`] into
/// what is kept and shown (the JSON's `response` view is made from this).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ObservedResponse {
    pub(crate) epid: String,
    /// V6 hosts only, as 16 hex digits.
    #[serde(default)]
    pub(crate) hwid: Option<String>,
    pub(crate) count: u32,
    pub(crate) activation_interval_minutes: u32,
    pub(crate) renewal_interval_minutes: u32,
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
pub(crate) struct ActivationRecord {
    /// When (Unix seconds).
    pub(crate) at: u64,
    pub(crate) outcome: AttemptOutcome,
    /// 0 on success, else the HRESULT reported (a number in the file).
    #[serde(with = "hresult_number")]
    pub(crate) hresult: HResult,
    /// KMS protocol major version sent.
    pub(crate) protocol: u16,
    #[serde(default)]
    pub(crate) host: Option<ObservedHost>,
    #[serde(default)]
    pub(crate) response: Option<ObservedResponse>,
    /// How far the attempt got (absent in files written before it was kept: the outcome
    /// then decides, as it did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reach: Option<Contact>,
    /// How many attempts in a row, this one included, got as far as `reach` (0 when
    /// `reach` is absent).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub(crate) in_a_row: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl State {
    /// A new state with a fresh CMID.
    pub(crate) fn new(now: u64) -> State {
        State {
            schema_version: SCHEMA_VERSION,
            cmid: Uuid::new_v4(),
            created_at: now,
            settings: Settings::default(),
            products: Vec::new(),
        }
    }

    pub(crate) fn product(&self, activation_id: &Uuid) -> Option<&InstalledProduct> {
        self.products
            .iter()
            .find(|p| &p.activation_id == activation_id)
    }

    pub(crate) fn product_mut(&mut self, activation_id: &Uuid) -> Option<&mut InstalledProduct> {
        self.products
            .iter_mut()
            .find(|p| &p.activation_id == activation_id)
    }

    /// The host settings a setter changes: a product's own (`scope`), else the global ones.
    pub(crate) fn host_settings_mut(&mut self, scope: Option<&Uuid>) -> &mut HostSettings {
        let global = &mut self.settings.hosts;
        match scope {
            Some(id) => self
                .products
                .iter_mut()
                .find(|p| &p.activation_id == id)
                .map_or(global, |product| &mut product.settings),
            None => global,
        }
    }

    /// The `skms` setting in force for a product: its own, else the global one.
    pub(crate) fn kms_host_for<'a>(
        &'a self,
        product: &'a InstalledProduct,
    ) -> Option<&'a ConfiguredHost> {
        product
            .settings
            .kms_host
            .as_ref()
            .or(self.settings.hosts.kms_host.as_ref())
    }

    /// The `skms` setting in force for a product, to keep the addresses `target` answered
    /// on; `None` when `target` is no longer the setting in force.
    pub(crate) fn kms_host_mut(
        &mut self,
        activation_id: &Uuid,
        target: &HostPort,
    ) -> Option<&mut ConfiguredHost> {
        let global = &mut self.settings.hosts.kms_host;
        let product = self
            .products
            .iter_mut()
            .find(|p| &p.activation_id == activation_id)?;
        let in_force = match &mut product.settings.kms_host {
            Some(own) => own,
            None => global.as_mut()?,
        };
        (in_force.address.host_port().as_ref() == Some(target)).then_some(in_force)
    }

    /// The SRV lookup domain in force for a product.
    pub(crate) fn lookup_domain_for<'a>(
        &'a self,
        product: &'a InstalledProduct,
    ) -> Option<&'a str> {
        product
            .settings
            .lookup_domain
            .as_deref()
            .or(self.settings.hosts.lookup_domain.as_deref())
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
    pub(crate) fn new(activation_id: Uuid, now: u64) -> InstalledProduct {
        InstalledProduct {
            activation_id,
            installed_at: now,
            settings: HostSettings::default(),
            cached_host: None,
            licensed_until: None,
            activation_interval_minutes: DEFAULT_ACTIVATION_INTERVAL_MINUTES,
            renewal_interval_minutes: DEFAULT_RENEWAL_INTERVAL_MINUTES,
            last_result: None,
            settings_changed_at: None,
        }
    }

    /// The license status at `now`.
    pub(crate) fn status(&self, now: u64) -> LicenseStatus {
        match self.licensed_until {
            Some(until) if until > now => LicenseStatus::Licensed,
            Some(_) => LicenseStatus::Notification,
            None if now < self.grace_ends_at() => LicenseStatus::InitialGrace,
            None => LicenseStatus::Notification,
        }
    }

    /// End of the initial grace period.
    pub(crate) fn grace_ends_at(&self) -> u64 {
        self.installed_at.saturating_add(INITIAL_GRACE_SECS)
    }

    /// When the current status ends (Unix seconds): the activation's end, the grace
    /// period's; none in notification.
    pub(crate) fn status_ends_at(&self, now: u64) -> Option<u64> {
        match self.status(now) {
            LicenseStatus::Licensed => self.licensed_until,
            LicenseStatus::InitialGrace => Some(self.grace_ends_at()),
            LicenseStatus::Notification => None,
        }
    }

    /// Why the product is in notification: the last failed attempt's HRESULT (none in
    /// another status, or when no attempt failed).
    pub(crate) fn notification_reason(&self, now: u64) -> Option<HResult> {
        match self.status(now) {
            LicenseStatus::Notification => self
                .last_result
                .as_ref()
                .filter(|r| r.hresult != HResult::S_OK)
                .map(|r| r.hresult),
            LicenseStatus::Licensed | LicenseStatus::InitialGrace => None,
        }
    }

    /// Whole minutes left in the current status (0: none), as a request reports them.
    pub(crate) fn minutes_left(&self, now: u64) -> u32 {
        let end = match self.status(now) {
            LicenseStatus::Licensed => self.licensed_until.unwrap_or(now),
            LicenseStatus::InitialGrace => self.grace_ends_at(),
            LicenseStatus::Notification => now,
        };
        u32::try_from(end.saturating_sub(now) / 60).unwrap_or(u32::MAX)
    }

    /// When the next activation attempt is due (Unix seconds; `None`: never tried, due
    /// now): after the renewal interval when the last attempt activated; after a host's
    /// answer without activation, its activation interval; after an attempt without a
    /// valid answer, the backoff of docs/activation.md for how far it got ([`retry`]).
    /// A settings change not yet used makes it due at once: right after an attempt that
    /// reached no host (nothing was sent), else a minute after the last attempt at most,
    /// so that no host is sent requests faster than once a minute.
    pub(crate) fn next_due(&self) -> Option<u64> {
        let last = self.last_result.as_ref()?;
        let wait = match (self.settings_changed_at, last.reach) {
            (Some(_), Some(Contact::NoHostReached)) => Duration::ZERO,
            (Some(_), _) => self.wait_after(last).min(MIN_REQUEST_INTERVAL),
            (None, _) => self.wait_after(last),
        };
        Some(last.at.saturating_add(wait.as_secs()))
    }

    /// How long after `last` the next attempt waits, settings unchanged.
    fn wait_after(&self, last: &ActivationRecord) -> Duration {
        let minutes = |m: u32| Duration::from_secs(u64::from(m) * 60);
        match (last.outcome, last.reach) {
            (AttemptOutcome::Activated, _) => minutes(self.renewal_interval_minutes),
            (_, Some(Contact::NoHostReached)) => retry::no_host_reached_wait(last.in_a_row),
            (_, Some(Contact::NoValidAnswer)) => retry::no_valid_answer_wait(
                last.in_a_row,
                minutes(self.activation_interval_minutes),
            ),
            (_, Some(Contact::Answered) | None) => minutes(self.activation_interval_minutes),
        }
    }

    /// Records that a setting in force for it changed at `now` (docs/activation.md,
    /// "`renew`"). Each change gets a mark of its own, a second after the one before at
    /// least, so that an attempt under way, which read the earlier mark, cannot take a
    /// change made since as the one it used.
    pub(crate) fn settings_changed(&mut self, now: u64) {
        let after_pending = self.settings_changed_at.map_or(0, |t| t.saturating_add(1));
        self.settings_changed_at = Some(now.max(after_pending));
    }
}

/// The state file keeps an HRESULT as a number (the CLI's JSON shows it as `0x...`).
mod hresult_number {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::protocol::HResult;

    pub(super) fn serialize<S: Serializer>(code: &HResult, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(code.0)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<HResult, D::Error> {
        u32::deserialize(d).map(HResult)
    }
}

mod domain {
    use serde::{Deserialize, Deserializer};

    /// A lookup domain read back from the file must still be a valid domain name.
    pub(super) fn deserialize_opt<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<String>, D::Error> {
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
            domain: Some("corp.test".into()),
            ..old
        };
        let text = serde_json::to_string(&new).unwrap();
        assert_eq!(
            text,
            r#"{"host":"kms.corp.test","port":1688,"addresses":["10.0.0.5"],"domain":"corp.test"}"#
        );
        assert_eq!(serde_json::from_str::<CachedHost>(&text).unwrap(), new);
    }

    fn record(
        outcome: AttemptOutcome,
        contact: Option<Contact>,
        in_a_row: u32,
    ) -> ActivationRecord {
        ActivationRecord {
            at: 100,
            outcome,
            hresult: HResult::S_OK,
            protocol: 6,
            host: None,
            response: None,
            reach: contact,
            in_a_row,
        }
    }

    #[test]
    fn next_due_uses_the_interval_of_the_outcome() {
        let mut product = InstalledProduct::new(Uuid::nil(), 0);
        assert_eq!(product.next_due(), None);
        product.last_result = Some(record(AttemptOutcome::Activated, None, 0));
        assert_eq!(product.next_due(), Some(100 + 10_080 * 60));
        product.last_result = Some(record(AttemptOutcome::CountTooLow, None, 0));
        assert_eq!(product.next_due(), Some(100 + 120 * 60));
        product.last_result = Some(record(
            AttemptOutcome::HostError,
            Some(Contact::Answered),
            4,
        ));
        assert_eq!(product.next_due(), Some(100 + 120 * 60));
    }

    /// An attempt that reached no host, or no valid answer, backs off as `--wait` does
    /// (docs/activation.md), not by the activation interval.
    #[test]
    fn next_due_after_no_answer_follows_the_backoff() {
        let mut product = InstalledProduct::new(Uuid::nil(), 0);
        let unreachable = AttemptOutcome::Unreachable;
        for (in_a_row, wait) in [(1, 1), (2, 2), (3, 4), (7, 60), (30, 60)] {
            product.last_result = Some(record(unreachable, Some(Contact::NoHostReached), in_a_row));
            assert_eq!(product.next_due(), Some(100 + wait), "{in_a_row}");
        }
        for (in_a_row, wait) in [(1, 60), (2, 120), (3, 240), (8, 120 * 60)] {
            product.last_result = Some(record(unreachable, Some(Contact::NoValidAnswer), in_a_row));
            assert_eq!(product.next_due(), Some(100 + wait), "{in_a_row}");
        }
    }

    /// A settings change makes the next attempt due at once, but a minute at least after
    /// one that may have sent a request.
    #[test]
    fn a_settings_change_makes_renewal_due_a_minute_after_a_request_at_most() {
        let mut product = InstalledProduct::new(Uuid::nil(), 0);
        product.settings_changed(150);
        assert_eq!(product.next_due(), None, "never tried: due now");
        for (outcome, contact) in [
            (AttemptOutcome::Activated, Some(Contact::Answered)),
            (AttemptOutcome::CountTooLow, None),
            (
                AttemptOutcome::InvalidResponse,
                Some(Contact::NoValidAnswer),
            ),
        ] {
            product.last_result = Some(record(outcome, contact, 1));
            assert_eq!(product.next_due(), Some(160), "{outcome:?}");
        }
        product.last_result = Some(record(
            AttemptOutcome::Unreachable,
            Some(Contact::NoHostReached),
            3,
        ));
        assert_eq!(product.next_due(), Some(100), "nothing was sent: at once");
    }

    /// A file with every host field: what it spells, read and written back unchanged.
    const FULL_FILE: &str = r#"{
      "schema_version": 1,
      "cmid": "a425d803-4b29-44f2-bf50-9e100913626e",
      "created_at": 1795466251,
      "settings": {
        "kms_host": {"host": "kms.corp.example", "port": 1700},
        "kms_host_addresses": ["10.0.0.5", "10.0.0.6"],
        "lookup_domain": "corp.example",
        "host_caching": false
      },
      "products": [{
        "activation_id": "2de67392-b7a7-462a-b1ca-108dd189f588",
        "installed_at": 1795466251,
        "settings": {"kms_host": {"host": null, "port": 1800}, "lookup_domain": "lab.example"},
        "cached_host": {"host": "kms2.corp.example", "port": 1688, "addresses": ["10.0.0.7"]},
        "licensed_until": null,
        "activation_interval_minutes": 120,
        "renewal_interval_minutes": 10080,
        "last_result": {
          "at": 1795466300, "outcome": "activated", "hresult": 0, "protocol": 6,
          "host": {"name": "kms2.corp.example", "port": 1688, "ip": "10.0.0.7",
                   "source": {"kind": "dns", "domain": "corp.example"}},
          "response": {"epid": "03612-00206-556-123727-03-1033-17763.0000-2972018",
                       "hwid": "3A1C049600B60076", "count": 30,
                       "activation_interval_minutes": 120, "renewal_interval_minutes": 10080}
        }
      }]
    }"#;

    fn parse(text: &str) -> Result<State, StateError> {
        parse_bytes(text.as_bytes(), std::path::Path::new("state.json"))
    }

    #[test]
    fn the_file_spells_the_host_settings_as_before() {
        let state = parse(FULL_FILE).expect("parses");
        let global = state.settings.hosts.kms_host.as_ref().expect("global skms");
        assert_eq!(global.address.to_string(), "kms.corp.example:1700");
        assert_eq!(global.addresses.len(), 2);
        let product = &state.products[0];
        let own = product.settings.kms_host.as_ref().expect("own skms");
        assert_eq!(own.address.to_string(), ":1800");
        assert!(own.addresses.is_empty());
        assert_eq!(state.lookup_domain_for(product), Some("lab.example"));
        let observed = product.last_result.as_ref().and_then(|r| r.host.as_ref());
        assert_eq!(
            observed.map(|h| h.target.to_string()).as_deref(),
            Some("kms2.corp.example:1688")
        );
        let written = serde_json::to_value(&state).expect("serializes");
        let read: serde_json::Value = serde_json::from_str(FULL_FILE).expect("JSON");
        assert_eq!(written, read);
    }

    #[test]
    fn a_new_kms_host_setting_keeps_no_addresses_and_empty_ones_are_not_written() {
        let mut state = parse(FULL_FILE).expect("parses");
        let id = state.products[0].activation_id;
        state.host_settings_mut(None).kms_host = Some(ConfiguredHost::new(
            KmsAddress::parse("kms9.corp.example").expect("address"),
        ));
        state.host_settings_mut(Some(&id)).kms_host = None;
        let written = serde_json::to_value(&state).expect("serializes");
        assert_eq!(
            written["settings"],
            serde_json::json!({
                "kms_host": {"host": "kms9.corp.example", "port": 1688},
                "lookup_domain": "corp.example",
                "host_caching": false
            })
        );
        assert_eq!(
            written["products"][0]["settings"],
            serde_json::json!({"kms_host": null, "lookup_domain": "lab.example"})
        );
    }

    #[test]
    fn addresses_without_a_setting_are_dropped() {
        let text = FULL_FILE.replace(
            r#""kms_host": {"host": "kms.corp.example", "port": 1700},"#,
            r#""kms_host": null,"#,
        );
        let state = parse(&text).expect("parses");
        assert_eq!(state.settings.hosts.kms_host, None);
        let written = serde_json::to_value(&state).expect("serializes");
        assert!(written["settings"].get("kms_host_addresses").is_none());
    }

    #[test]
    fn the_setting_in_force_keeps_the_addresses_of_its_own_host_only() {
        let mut state = parse(FULL_FILE).expect("parses");
        let id = state.products[0].activation_id;
        let global = HostPort::new(Host::parse("kms.corp.example").expect("host"), 1700);
        // The product's own setting (a port alone) is in force, not the global host.
        assert!(state.kms_host_mut(&id, &global).is_none());
        state.host_settings_mut(Some(&id)).kms_host = None;
        let kept = state.kms_host_mut(&id, &global).expect("global in force");
        assert_eq!(kept.addresses.len(), 2);
        let other = HostPort::new(Host::parse("kms.corp.example").expect("host"), 1688);
        assert!(state.kms_host_mut(&id, &other).is_none());
    }

    /// The flattened and converted shapes still refuse a repeated key, like the rest.
    #[test]
    fn a_repeated_host_key_is_refused() {
        let repeated = [
            (
                r#""kms_host": {"host""#,
                r#""kms_host": null, "kms_host": {"host""#,
            ),
            (
                r#""kms_host_addresses": ["#,
                r#""kms_host_addresses": [], "kms_host_addresses": ["#,
            ),
            (
                r#""lookup_domain": "corp.example","#,
                r#""lookup_domain": "corp.example", "lookup_domain": "x.example","#,
            ),
            (
                r#""host_caching": false"#,
                r#""host_caching": true, "host_caching": false"#,
            ),
            (
                r#""lookup_domain": "lab.example"}"#,
                r#""lookup_domain": "lab.example", "lookup_domain": null}"#,
            ),
            (
                r#""addresses": ["10.0.0.7"]"#,
                r#""addresses": [], "addresses": ["10.0.0.7"]"#,
            ),
            (
                r#""cached_host": {"host": "kms2.corp.example","#,
                r#""cached_host": {"host": "x.example", "host": "kms2.corp.example","#,
            ),
            (
                r#""ip": "10.0.0.7","#,
                r#""ip": "10.0.0.8", "ip": "10.0.0.7","#,
            ),
            (
                r#""name": "kms2.corp.example","#,
                r#""name": "x.example", "name": "kms2.corp.example","#,
            ),
        ];
        for (once, twice) in repeated {
            assert!(FULL_FILE.contains(once), "{once}");
            let text = FULL_FILE.replacen(once, twice, 1);
            match parse(&text) {
                Err(StateError::Corrupt { detail, .. }) => {
                    assert!(detail.contains("duplicate field"), "{twice}: {detail}")
                }
                other => panic!("{twice}: {other:?}"),
            }
        }
    }
}
