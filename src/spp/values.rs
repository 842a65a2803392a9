//! What the licensing service's objects hold, typed, and how a WMI row decodes into them.
//!
//! The WMI implementation reads each column it asked for into a [`Value`]; the decoders
//! here turn a [`Row`] into a [`Service`] or a [`Product`], with an error that names the
//! column when Windows answers something unexpected. They are pure, so every OS tests them.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::SppError;
use crate::address::{DEFAULT_KMS_PORT, Host, HostPort};
use crate::protocol::HResult;

/// A property value as vlmgr reads it from WMI.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// NULL or empty.
    Null,
    Text(String),
    Unsigned(u64),
    Signed(i64),
    Bool(bool),
    /// Any other kind (an array, an object), by its description.
    Other(String),
}

/// One object's columns, by the names vlmgr asked for.
pub(crate) type Row = BTreeMap<&'static str, Value>;

/// The service columns slmgr reads.
pub(crate) const SERVICE_COLUMNS: &[&str] = &[
    "Version",
    "ClientMachineID",
    "KeyManagementServiceHostCaching",
    "KeyManagementServiceMachine",
    "KeyManagementServicePort",
    "KeyManagementServiceLookupDomain",
    "RemainingWindowsReArmCount",
];

/// The product columns that choosing a product and acting on it need.
pub(crate) const PRODUCT_BRIEF_COLUMNS: &[&str] = &[
    "ID",
    "Name",
    "Description",
    "ApplicationID",
    "PartialProductKey",
    "LicenseIsAddon",
    "LicenseStatus",
    "LicenseStatusReason",
    "GracePeriodRemaining",
    "VLActivationTypeEnabled",
    "VLActivationInterval",
    "VLRenewalInterval",
    "KeyManagementServiceMachine",
    "KeyManagementServicePort",
    "KeyManagementServiceLookupDomain",
    "DiscoveredKeyManagementServiceMachineName",
    "DiscoveredKeyManagementServiceMachinePort",
    "DiscoveredKeyManagementServiceMachineIpAddress",
];

/// The further product columns `dli` / `dlv` show.
pub(crate) const PRODUCT_DETAIL_COLUMNS: &[&str] = &[
    "ProductKeyID",
    "ProductKeyChannel",
    "OfflineInstallationId",
    "EvaluationEndDate",
    "TrustedTime",
    "KeyManagementServiceProductKeyID",
    "VLActivationType",
    "TokenActivationILVID",
    "RemainingAppReArmCount",
    "RemainingSkuReArmCount",
];

/// `LicenseStatus`: 0 to 6 as Microsoft documents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LicenseStatus {
    /// 0.
    Unlicensed,
    /// 1.
    Licensed,
    /// 2: out-of-box grace, slmgr's "Initial grace period".
    InitialGrace,
    /// 3: out-of-tolerance grace, slmgr's "Additional grace period (KMS license expired
    /// or hardware out of tolerance)".
    AdditionalGrace,
    /// 4.
    NonGenuineGrace,
    /// 5.
    Notification,
    /// 6.
    ExtendedGrace,
    /// Any other number (slmgr: "License Status: Unknown").
    Unknown(u32),
}

impl LicenseStatus {
    pub fn from_code(code: u32) -> LicenseStatus {
        match code {
            0 => Self::Unlicensed,
            1 => Self::Licensed,
            2 => Self::InitialGrace,
            3 => Self::AdditionalGrace,
            4 => Self::NonGenuineGrace,
            5 => Self::Notification,
            6 => Self::ExtendedGrace,
            other => Self::Unknown(other),
        }
    }

    pub(crate) fn code(self) -> u32 {
        match self {
            Self::Unlicensed => 0,
            Self::Licensed => 1,
            Self::InitialGrace => 2,
            Self::AdditionalGrace => 3,
            Self::NonGenuineGrace => 4,
            Self::Notification => 5,
            Self::ExtendedGrace => 6,
            Self::Unknown(code) => code,
        }
    }

    /// A grace period whose end `GracePeriodRemaining` counts down to (2, 3, 4 and 6).
    pub(crate) fn is_grace(self) -> bool {
        matches!(
            self,
            Self::InitialGrace
                | Self::AdditionalGrace
                | Self::NonGenuineGrace
                | Self::ExtendedGrace
        )
    }
}

/// `VLActivationTypeEnabled` (the type allowed) and `VLActivationType` (the type last used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ActivationType {
    /// 0: any (slmgr's "Configured Activation Type: All").
    #[default]
    All,
    /// 1: Active Directory-based activation.
    ActiveDirectory,
    /// 2: KMS.
    Kms,
    /// 3: token-based activation only.
    Token,
    /// Any other number.
    Other(u32),
}

impl ActivationType {
    pub(crate) fn from_code(code: u32) -> ActivationType {
        match code {
            0 => Self::All,
            1 => Self::ActiveDirectory,
            2 => Self::Kms,
            3 => Self::Token,
            other => Self::Other(other),
        }
    }

    /// The number back: the tests' round trip of [`ActivationType::from_code`].
    #[cfg(test)]
    pub(crate) fn code(self) -> u32 {
        match self {
            Self::All => 0,
            Self::ActiveDirectory => 1,
            Self::Kms => 2,
            Self::Token => 3,
            Self::Other(code) => code,
        }
    }
}

/// The KMS host and lookup domain set on the service (global) or on one product.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KmsSettings {
    /// `KeyManagementServiceMachine`: the name set with `skms`, an IPv6 literal in brackets.
    pub machine: Option<String>,
    /// `KeyManagementServicePort`: 0 when none was set (the default, 1688).
    pub(crate) port: u16,
    /// `KeyManagementServiceLookupDomain`.
    pub(crate) lookup_domain: Option<String>,
}

impl KmsSettings {
    /// The host and port set with `skms` (port 0 read as 1688, as slmgr shows it).
    pub(crate) fn registered_host(&self) -> Option<HostPort> {
        self.machine
            .as_deref()
            .map(|name| HostPort::new(spp_host(name), effective_port(self.port)))
    }
}

/// The host Windows discovered, as `DiscoveredKeyManagementServiceMachine*` hold it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DiscoveredHost {
    pub(crate) name: Option<String>,
    /// 0 when none.
    pub(crate) port: u16,
    /// `DiscoveredKeyManagementServiceMachineIpAddress`, as Windows spells it (it may carry
    /// an IPv6 zone, which `IpAddr` does not read).
    pub(crate) ip: Option<String>,
}

impl DiscoveredHost {
    /// Name and port, when both are known (slmgr: else "DNS auto-discovery: KMS name not
    /// available").
    pub(crate) fn host(&self) -> Option<HostPort> {
        match (&self.name, self.port) {
            (Some(name), port) if port != 0 => Some(HostPort::new(spp_host(name), port)),
            _ => None,
        }
    }
}

/// The licensing service's properties slmgr reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// `Version`, the instance's key (`Software licensing service version:`).
    pub version: String,
    /// `ClientMachineID`: the OS's CMID.
    pub(crate) client_machine_id: Option<Uuid>,
    /// `KeyManagementServiceHostCaching`.
    pub(crate) host_caching: bool,
    /// The global `skms` / `skms-domain` settings.
    pub(crate) kms: KmsSettings,
    /// `RemainingWindowsReArmCount`.
    pub(crate) remaining_windows_rearm_count: Option<u32>,
}

/// One license (`SoftwareLicensingProduct`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// `ID`: the Activation ID.
    pub(crate) id: Uuid,
    pub name: String,
    pub(crate) description: String,
    /// `ApplicationID`: Windows, Office 2013+, or another application.
    pub application_id: Uuid,
    /// The last five characters of the installed key; `None`: no key installed.
    pub(crate) partial_product_key: Option<String>,
    pub(crate) license_is_addon: bool,
    pub license_status: LicenseStatus,
    /// `LicenseStatusReason`: why the status is what it is (e.g. 0xC004F038).
    pub license_status_reason: HResult,
    /// `GracePeriodRemaining`: minutes left of the activation or grace period (0 while
    /// licensed: permanent).
    pub grace_minutes: u32,
    /// `VLActivationTypeEnabled`.
    pub activation_type_enabled: ActivationType,
    /// `VLActivationInterval`: minutes between tries while not activated (the host's).
    pub(crate) activation_interval_minutes: u32,
    /// `VLRenewalInterval`: minutes between renewals once activated (the host's).
    pub(crate) renewal_interval_minutes: u32,
    /// The product's own `skms` / `skms-domain` settings.
    pub kms: KmsSettings,
    pub(crate) discovered: DiscoveredHost,
    /// Read for `Columns::Full` only.
    pub(crate) details: Option<ProductDetails>,
}

/// The columns only `dli` / `dlv` read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ProductDetails {
    /// `ProductKeyID`: slmgr's "Extended PID".
    pub(crate) extended_pid: Option<String>,
    /// `ProductKeyChannel`, e.g. `Volume:GVLK`.
    pub(crate) product_key_channel: Option<String>,
    /// `OfflineInstallationId`.
    pub(crate) installation_id: Option<String>,
    /// `EvaluationEndDate`, Unix seconds; `None` when not set.
    pub(crate) evaluation_end: Option<u64>,
    /// `TrustedTime`, Unix seconds; `None` when not set.
    pub(crate) trusted_time: Option<u64>,
    /// `KeyManagementServiceProductKeyID`: the ePID of the host that activated it.
    pub(crate) kms_extended_pid: Option<String>,
    /// `VLActivationType`: how it was last activated (1 is AD, slmgr's test).
    pub(crate) activated_by: ActivationType,
    /// Activated by token (`TokenActivationILVID` other than 0xFFFFFFFF, slmgr's test).
    pub(crate) token_activated: bool,
    pub(crate) remaining_app_rearm_count: Option<u32>,
    pub(crate) remaining_sku_rearm_count: Option<u32>,
}

impl Product {
    pub(crate) fn has_key(&self) -> bool {
        self.partial_product_key.is_some()
    }

    pub(crate) fn is_windows(&self) -> bool {
        self.application_id == super::WINDOWS_APPLICATION_ID
    }

    /// slmgr's "current" product: Windows, a key installed, not an add-on.
    pub(crate) fn is_primary_windows(&self) -> bool {
        self.is_windows() && self.has_key() && !self.license_is_addon
    }

    /// A KMS client license (slmgr: the description says `VOLUME_KMSCLIENT`).
    pub(crate) fn is_kms_client(&self) -> bool {
        self.description.contains("VOLUME_KMSCLIENT")
    }

    /// A KMS host license (slmgr: `VOLUME_KMS` but not a client).
    pub(crate) fn is_kms_host(&self) -> bool {
        !self.is_kms_client() && self.description.contains("VOLUME_KMS")
    }

    /// A MAK license (slmgr: the description says `MAK`).
    pub(crate) fn is_mak(&self) -> bool {
        self.description.contains("MAK")
    }

    /// A time-based license (slmgr: `TIMEBASED_`).
    pub(crate) fn is_timebased(&self) -> bool {
        self.description.contains("TIMEBASED_")
    }

    /// An Automatic VM Activation license (slmgr: `VIRTUAL_MACHINE_ACTIVATION`).
    pub(crate) fn is_avma(&self) -> bool {
        self.description.contains("VIRTUAL_MACHINE_ACTIVATION")
    }
}

/// Whole days in `minutes`, rounded up as slmgr rounds them ("(180 day(s))").
pub(crate) fn days_from_minutes(minutes: u32) -> u32 {
    minutes.div_ceil(1_440)
}

/// The port a setting means: 0 is the default, 1688.
pub(crate) fn effective_port(port: u16) -> u16 {
    if port == 0 { DEFAULT_KMS_PORT } else { port }
}

/// A host name as Windows keeps it: an IPv6 literal in brackets (`[2001:db8::1]`) is an
/// address, anything else is taken as given.
pub(crate) fn spp_host(name: &str) -> Host {
    let inner = name
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(name);
    Host::from_dns(inner)
}

/// Reads the service's row.
pub(crate) fn decode_service(row: &Row) -> Result<Service, SppError> {
    let column = RowReader::new(super::SERVICE_CLASS, row);
    Ok(Service {
        version: column.text("Version")?.unwrap_or_default(),
        client_machine_id: column.guid("ClientMachineID")?,
        host_caching: column.flag("KeyManagementServiceHostCaching")?,
        kms: column.kms_settings()?,
        remaining_windows_rearm_count: column.count("RemainingWindowsReArmCount")?,
    })
}

/// Reads a product's row; `details` says whether it holds [`PRODUCT_DETAIL_COLUMNS`].
pub(crate) fn decode_product(row: &Row, details: bool) -> Result<Product, SppError> {
    let column = RowReader::new(super::PRODUCT_CLASS, row);
    let id = column
        .guid("ID")?
        .ok_or_else(|| column.problem("ID", "is empty"))?;
    let application_id = column
        .guid("ApplicationID")?
        .ok_or_else(|| column.problem("ApplicationID", "is empty"))?;
    Ok(Product {
        id,
        name: column.text("Name")?.unwrap_or_default(),
        description: column.text("Description")?.unwrap_or_default(),
        application_id,
        partial_product_key: column.text("PartialProductKey")?,
        license_is_addon: column.flag("LicenseIsAddon")?,
        license_status: LicenseStatus::from_code(column.number("LicenseStatus")?),
        license_status_reason: HResult(column.number("LicenseStatusReason")?),
        grace_minutes: column.number("GracePeriodRemaining")?,
        activation_type_enabled: ActivationType::from_code(
            column.number("VLActivationTypeEnabled")?,
        ),
        activation_interval_minutes: column.number("VLActivationInterval")?,
        renewal_interval_minutes: column.number("VLRenewalInterval")?,
        kms: column.kms_settings()?,
        discovered: DiscoveredHost {
            name: column.text("DiscoveredKeyManagementServiceMachineName")?,
            port: column.port("DiscoveredKeyManagementServiceMachinePort")?,
            ip: column.text("DiscoveredKeyManagementServiceMachineIpAddress")?,
        },
        details: if details {
            Some(decode_details(&column)?)
        } else {
            None
        },
    })
}

fn decode_details(column: &RowReader<'_>) -> Result<ProductDetails, SppError> {
    Ok(ProductDetails {
        extended_pid: column.text("ProductKeyID")?,
        product_key_channel: column.text("ProductKeyChannel")?,
        installation_id: column.text("OfflineInstallationId")?,
        evaluation_end: column.datetime("EvaluationEndDate")?,
        trusted_time: column.datetime("TrustedTime")?,
        kms_extended_pid: column.text("KeyManagementServiceProductKeyID")?,
        activated_by: ActivationType::from_code(column.number("VLActivationType")?),
        token_activated: column
            .count("TokenActivationILVID")?
            .is_some_and(|ilvid| ilvid != u32::MAX),
        remaining_app_rearm_count: column.count("RemainingAppReArmCount")?,
        remaining_sku_rearm_count: column.count("RemainingSkuReArmCount")?,
    })
}

/// Typed access to one row's columns, each error naming the column.
pub struct RowReader<'r> {
    class: &'static str,
    row: &'r Row,
}

impl<'r> RowReader<'r> {
    pub fn new(class: &'static str, row: &'r Row) -> Self {
        RowReader { class, row }
    }

    fn problem(&self, column: &'static str, problem: impl Into<String>) -> SppError {
        SppError::Decode {
            class: self.class,
            column,
            problem: problem.into(),
        }
    }

    fn value(&self, column: &'static str) -> &'r Value {
        self.row.get(column).unwrap_or(&Value::Null)
    }

    /// A string; empty reads as none, as slmgr's `<> ""` tests treat it.
    pub(crate) fn text(&self, column: &'static str) -> Result<Option<String>, SppError> {
        match self.value(column) {
            Value::Null => Ok(None),
            Value::Text(text) if text.is_empty() => Ok(None),
            Value::Text(text) => Ok(Some(text.clone())),
            other => Err(self.problem(column, format!("is {other:?}, not a string"))),
        }
    }

    /// A uint32 that may be NULL.
    pub(crate) fn count(&self, column: &'static str) -> Result<Option<u32>, SppError> {
        let number = match self.value(column) {
            Value::Null => return Ok(None),
            Value::Unsigned(n) => u32::try_from(*n).ok(),
            // uint32 reaches some clients as a signed 32-bit VARIANT.
            Value::Signed(n) => i32::try_from(*n).ok().map(|n| n as u32),
            Value::Text(text) => text.trim().parse().ok(),
            _ => None,
        };
        number.map(Some).ok_or_else(|| {
            self.problem(column, format!("is {:?}, not a uint32", self.value(column)))
        })
    }

    /// A uint32; NULL reads as 0, as slmgr's arithmetic treats it.
    pub fn number(&self, column: &'static str) -> Result<u32, SppError> {
        Ok(self.count(column)?.unwrap_or(0))
    }

    pub(crate) fn port(&self, column: &'static str) -> Result<u16, SppError> {
        let number = self.number(column)?;
        u16::try_from(number)
            .map_err(|_| self.problem(column, format!("{number} is not a TCP port")))
    }

    /// A boolean; NULL reads as false.
    pub fn flag(&self, column: &'static str) -> Result<bool, SppError> {
        match self.value(column) {
            Value::Null => Ok(false),
            Value::Bool(flag) => Ok(*flag),
            other => Err(self.problem(column, format!("is {other:?}, not a boolean"))),
        }
    }

    pub(crate) fn guid(&self, column: &'static str) -> Result<Option<Uuid>, SppError> {
        match self.text(column)? {
            None => Ok(None),
            Some(text) => Uuid::parse_str(text.trim().trim_matches(['{', '}']))
                .map(Some)
                .map_err(|_| self.problem(column, format!("{text:?} is not a GUID"))),
        }
    }

    pub(crate) fn datetime(&self, column: &'static str) -> Result<Option<u64>, SppError> {
        match self.text(column)? {
            None => Ok(None),
            Some(text) => {
                parse_cim_datetime(&text).map_err(|problem| self.problem(column, problem))
            }
        }
    }

    fn kms_settings(&self) -> Result<KmsSettings, SppError> {
        Ok(KmsSettings {
            machine: self.text("KeyManagementServiceMachine")?,
            port: self.port("KeyManagementServicePort")?,
            lookup_domain: self.text("KeyManagementServiceLookupDomain")?,
        })
    }
}

/// A CIM DATETIME (`yyyymmddHHMMSS.mmmmmm+UUU`, UUU the offset from UTC in minutes) as
/// Unix seconds; `None` for a time before 1970, which is how Windows says "not set" (slmgr
/// tests the FILETIME for 0, i.e. 1601-01-01).
pub(crate) fn parse_cim_datetime(text: &str) -> Result<Option<u64>, String> {
    let bad = || format!("{text:?} is not a CIM datetime (yyyymmddHHMMSS.mmmmmm+UUU)");
    let bytes = text.as_bytes();
    if bytes.len() != 25 || bytes[14] != b'.' || !matches!(bytes[21], b'+' | b'-') {
        return Err(bad());
    }
    let field = |from: usize, to: usize| -> Result<i64, String> {
        let part = text.get(from..to).ok_or_else(bad)?;
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        part.parse::<i64>().map_err(|_| bad())
    };
    let (year, month, day) = (field(0, 4)?, field(4, 6)?, field(6, 8)?);
    let (hour, minute, second) = (field(8, 10)?, field(10, 12)?, field(12, 14)?);
    field(15, 21)?;
    let offset = field(22, 25)? * if bytes[21] == b'-' { -1 } else { 1 };
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(bad());
    }
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    Ok(u64::try_from(local - offset * 60).ok())
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's days-from-civil algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::time::civil_from_unix;
    use proptest::prelude::*;

    /// A synthetic product row as Windows would answer it (made up, not captured).
    pub(crate) fn synthetic_row() -> Row {
        let mut row = Row::new();
        let text = |s: &str| Value::Text(s.to_string());
        row.insert("ID", text("73111121-5638-40f6-bc11-f1d7b0d64300"));
        row.insert("Name", text("Windows(R), Enterprise edition"));
        row.insert(
            "Description",
            text("Windows(R) Operating System, VOLUME_KMSCLIENT channel"),
        );
        row.insert(
            "ApplicationID",
            text("55c92734-d682-4d71-983e-d6ec3f16059f"),
        );
        row.insert("PartialProductKey", text("2YT43"));
        row.insert("LicenseIsAddon", Value::Bool(false));
        row.insert("LicenseStatus", Value::Unsigned(1));
        row.insert("LicenseStatusReason", Value::Signed(-1_073_418_184)); // 0xC004F038
        row.insert("GracePeriodRemaining", Value::Unsigned(259_200));
        row.insert("VLActivationTypeEnabled", Value::Unsigned(0));
        row.insert("VLActivationInterval", Value::Unsigned(120));
        row.insert("VLRenewalInterval", Value::Unsigned(10_080));
        row.insert("KeyManagementServiceMachine", Value::Null);
        row.insert("KeyManagementServicePort", Value::Unsigned(0));
        row.insert("KeyManagementServiceLookupDomain", text(""));
        row.insert(
            "DiscoveredKeyManagementServiceMachineName",
            text("kms1.corp.example"),
        );
        row.insert(
            "DiscoveredKeyManagementServiceMachinePort",
            Value::Unsigned(1688),
        );
        row.insert(
            "DiscoveredKeyManagementServiceMachineIpAddress",
            text("fe80::1%12"),
        );
        row
    }

    #[test]
    fn a_product_row_decodes_as_slmgr_reads_it() {
        let product = decode_product(&synthetic_row(), false).expect("decodes");
        assert_eq!(
            product.id.to_string(),
            "73111121-5638-40f6-bc11-f1d7b0d64300"
        );
        assert!(product.is_primary_windows() && product.is_kms_client());
        assert!(!product.is_kms_host() && !product.is_mak());
        assert_eq!(product.license_status, LicenseStatus::Licensed);
        assert_eq!(product.license_status_reason, HResult(0xC004_F038));
        assert_eq!(product.kms.lookup_domain, None, "empty reads as none");
        assert_eq!(product.kms.registered_host(), None);
        assert_eq!(
            product.discovered.host().map(|h| h.to_string()).as_deref(),
            Some("kms1.corp.example:1688")
        );
        assert_eq!(product.discovered.ip.as_deref(), Some("fe80::1%12"));
        assert_eq!(product.details, None);
    }

    #[test]
    fn unexpected_values_name_their_column() {
        let mut row = synthetic_row();
        row.insert("LicenseStatus", Value::Text("licensed".into()));
        let error = decode_product(&row, false).unwrap_err();
        assert!(error.to_string().contains("LicenseStatus"), "{error}");
        let mut row = synthetic_row();
        row.insert("ID", Value::Text("not-a-guid".into()));
        assert!(
            decode_product(&row, false)
                .unwrap_err()
                .to_string()
                .contains("ID")
        );
        let mut row = synthetic_row();
        row.insert("KeyManagementServicePort", Value::Unsigned(70_000));
        let error = decode_product(&row, false).unwrap_err();
        assert!(error.to_string().contains("70000"), "{error}");
        let mut row = synthetic_row();
        row.insert("LicenseIsAddon", Value::Other("Array".into()));
        assert!(decode_product(&row, false).is_err());
    }

    #[test]
    fn details_decode_with_the_not_set_dates_of_windows() {
        let mut row = synthetic_row();
        row.insert(
            "ProductKeyID",
            Value::Text("03612-03380-000-000000-03-1033-19041.0000-1052024".into()),
        );
        row.insert("ProductKeyChannel", Value::Text("Volume:GVLK".into()));
        row.insert(
            "EvaluationEndDate",
            Value::Text("16010101000000.000000-000".into()),
        );
        row.insert(
            "TrustedTime",
            Value::Text("20260521140304.000000+120".into()),
        );
        row.insert("VLActivationType", Value::Unsigned(2));
        row.insert("TokenActivationILVID", Value::Unsigned(u64::from(u32::MAX)));
        row.insert("RemainingSkuReArmCount", Value::Unsigned(1001));
        let product = decode_product(&row, true).expect("decodes");
        let details = product.details.expect("details");
        assert_eq!(details.evaluation_end, None);
        // 14:03:04 at UTC+2 is 12:03:04 UTC.
        assert_eq!(details.trusted_time, Some(1_779_364_984));
        assert_eq!(details.activated_by, ActivationType::Kms);
        assert!(!details.token_activated);
        assert_eq!(details.remaining_sku_rearm_count, Some(1001));
        assert_eq!(details.remaining_app_rearm_count, None);
    }

    #[test]
    fn the_service_row_decodes() {
        let mut row = Row::new();
        row.insert("Version", Value::Text("10.0.19041.1".into()));
        row.insert(
            "ClientMachineID",
            Value::Text("{F9D4E20A-CB8F-4050-9C0C-56420455ADA1}".into()),
        );
        row.insert("KeyManagementServiceHostCaching", Value::Bool(true));
        row.insert(
            "KeyManagementServiceMachine",
            Value::Text("[2001:db8::5]".into()),
        );
        row.insert("KeyManagementServicePort", Value::Unsigned(1700));
        let service = decode_service(&row).expect("decodes");
        assert_eq!(service.version, "10.0.19041.1");
        assert_eq!(
            service
                .client_machine_id
                .map(|id| id.to_string())
                .as_deref(),
            Some("f9d4e20a-cb8f-4050-9c0c-56420455ada1")
        );
        assert!(service.host_caching);
        assert_eq!(
            service
                .kms
                .registered_host()
                .map(|h| h.to_string())
                .as_deref(),
            Some("[2001:db8::5]:1700")
        );
        assert_eq!(service.remaining_windows_rearm_count, None);
    }

    #[test]
    fn status_and_type_codes_round_trip() {
        for code in 0..10 {
            assert_eq!(LicenseStatus::from_code(code).code(), code);
            assert_eq!(ActivationType::from_code(code).code(), code);
        }
        assert_eq!(LicenseStatus::from_code(7), LicenseStatus::Unknown(7));
        assert!(LicenseStatus::ExtendedGrace.is_grace() && !LicenseStatus::Notification.is_grace());
    }

    #[test]
    fn days_round_up_as_slmgr_rounds_them() {
        assert_eq!(days_from_minutes(259_200), 180);
        assert_eq!(days_from_minutes(1), 1);
        assert_eq!(days_from_minutes(1_441), 2);
        assert_eq!(days_from_minutes(0), 0);
        assert_eq!(effective_port(0), 1688);
        assert_eq!(effective_port(1700), 1700);
    }

    #[test]
    fn malformed_datetimes_are_refused() {
        for text in [
            "",
            "20260521140304",
            "20261321140304.000000+000",
            "20260230140304.000000+000",
            "2026052114030x.000000+000",
            "20260521140304.000000*000",
            "20260521140304.000000+0000",
            "2026-05-21 14:03:04.0000+0",
        ] {
            assert!(parse_cim_datetime(text).is_err(), "{text:?}");
        }
        assert_eq!(parse_cim_datetime("19700101000000.000000+000"), Ok(Some(0)));
        assert_eq!(parse_cim_datetime("19700101000000.000000+060"), Ok(None));
    }

    proptest! {
        /// Any time after 1970 written as WMI writes it, at any offset, reads back.
        #[test]
        fn datetimes_round_trip(secs in 0u64..10_000_000_000, offset in -720i64..=840) {
            let local = secs as i64 + offset * 60;
            prop_assume!(local >= 0);
            let (y, mo, d, h, mi, s) = civil_from_unix(local as u64);
            let sign = if offset < 0 { '-' } else { '+' };
            let text = format!(
                "{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}.000000{sign}{:03}",
                offset.abs()
            );
            prop_assert_eq!(parse_cim_datetime(&text), Ok(Some(secs)));
        }

        /// Whatever the bytes, the parser answers without panicking.
        #[test]
        fn any_text_is_answered(text in ".{0,40}") {
            let _ = parse_cim_datetime(&text);
        }
    }
}
