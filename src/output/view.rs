//! Small JSON views shared by several documents: how vlmgr's internal vocabulary (state,
//! address, client, protocol types) is spelled in the public `--json` contract. Internal
//! types carry no serde for the CLI; a rename there cannot change what scripts parse.

use serde::Serialize;
use uuid::Uuid;

use crate::address::HostSource;
use crate::protocol::Hex;
use crate::protocol::kms::KmsResponse;
use crate::state::{AttemptOutcome, LicenseStatus};

/// A product: name and Activation ID.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductRef {
    pub name: String,
    pub activation_id: Uuid,
}

/// Where a host came from: `{"kind": "configured"}`, `{"kind": "command_line"}`,
/// `{"kind": "cached"}` or `{"kind": "dns", "domain": "corp.example"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HostSourceView {
    Configured,
    CommandLine,
    Cached,
    Dns { domain: String },
}

impl From<&HostSource> for HostSourceView {
    fn from(source: &HostSource) -> Self {
        match source {
            HostSource::Configured => Self::Configured,
            HostSource::CommandLine => Self::CommandLine,
            HostSource::Cached => Self::Cached,
            HostSource::Dns { domain } => Self::Dns {
                domain: domain.clone(),
            },
        }
    }
}

/// How an activation attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeView {
    Activated,
    CountTooLow,
    HostError,
    Unreachable,
    InvalidResponse,
}

impl From<AttemptOutcome> for OutcomeView {
    fn from(outcome: AttemptOutcome) -> Self {
        match outcome {
            AttemptOutcome::Activated => Self::Activated,
            AttemptOutcome::CountTooLow => Self::CountTooLow,
            AttemptOutcome::HostError => Self::HostError,
            AttemptOutcome::Unreachable => Self::Unreachable,
            AttemptOutcome::InvalidResponse => Self::InvalidResponse,
        }
    }
}

/// A product's license status: `licensed`, `initial_grace` or `notification`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LicenseStatusView {
    Licensed,
    InitialGrace,
    Notification,
}

impl LicenseStatusView {
    /// slmgr's `License Status:` text.
    pub fn slmgr_text(self) -> &'static str {
        match self {
            Self::Licensed => "Licensed",
            Self::InitialGrace => "Initial grace period",
            Self::Notification => "Notification",
        }
    }
}

impl From<LicenseStatus> for LicenseStatusView {
    fn from(status: LicenseStatus) -> Self {
        match status {
            LicenseStatus::Licensed => Self::Licensed,
            LicenseStatus::InitialGrace => Self::InitialGrace,
            LicenseStatus::Notification => Self::Notification,
        }
    }
}

/// What a host answered to an activation request (`ato`, `renew`, `check --activate`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResponseView {
    pub epid: String,
    /// The host's hardware ID, 16 upper-case hex digits (protocol 6 only).
    pub hwid: Option<String>,
    pub count: u32,
    pub activation_interval_minutes: u32,
    pub renewal_interval_minutes: u32,
}

impl From<&KmsResponse> for ResponseView {
    fn from(response: &KmsResponse) -> Self {
        ResponseView {
            epid: response.epid.clone(),
            hwid: response.hwid.map(|hwid| format!("{:X}", Hex(&hwid))),
            count: response.count,
            activation_interval_minutes: response.activation_interval_minutes,
            renewal_interval_minutes: response.renewal_interval_minutes,
        }
    }
}
