//! The process exit codes of DESIGN.md section 1, in one place.
//!
//! Monitoring and scripts read these, so they never change meaning.

/// What a run of vlmgr ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(into = "u8")]
pub enum ExitCode {
    /// Success (for `ato`/`renew`: activated, or nothing due).
    Success = 0,
    /// The host answered but did not activate: count below threshold or a host HRESULT.
    NotActivated = 1,
    /// Usage error: bad arguments.
    Usage = 2,
    /// No KMS host could be found or contacted.
    NoHost = 3,
    /// A response failed validation (integrity, echo, malformed).
    InvalidResponse = 4,
    /// Local state or configuration problem.
    LocalState = 5,
}

impl ExitCode {
    /// The numeric code handed to the operating system.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Every code with its one-line meaning, for `--help` and the README.
    pub const TABLE: [(ExitCode, &'static str); 6] = [
        (
            ExitCode::Success,
            "success (ato/renew: activated, or nothing due)",
        ),
        (
            ExitCode::NotActivated,
            "the host answered but did not activate (count below threshold, host error)",
        ),
        (ExitCode::Usage, "usage error"),
        (ExitCode::NoHost, "no KMS host could be found or contacted"),
        (
            ExitCode::InvalidResponse,
            "a response failed validation (integrity, echo, malformed)",
        ),
        (ExitCode::LocalState, "local state or configuration problem"),
    ];
}

impl From<ExitCode> for u8 {
    fn from(code: ExitCode) -> u8 {
        code.code()
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}
