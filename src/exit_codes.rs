//! The process exit codes (the README's table), in one place.
//!
//! Monitoring and scripts read these, so they never change meaning. The JSON documents
//! carry the code as a number.

/// What a run of vlmgr ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(into = "u8")]
pub enum Exit {
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

impl Exit {
    /// The numeric code handed to the operating system.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Every code with its one-line meaning, for `--help` and the README.
    pub const TABLE: [(Exit, &'static str); 6] = [
        (
            Exit::Success,
            "success (ato/renew: activated, or nothing due)",
        ),
        (
            Exit::NotActivated,
            "the host answered but did not activate (count below threshold, host error)",
        ),
        (Exit::Usage, "usage error"),
        (Exit::NoHost, "no KMS host could be found or contacted"),
        (
            Exit::InvalidResponse,
            "a response failed validation (integrity, echo, malformed)",
        ),
        (Exit::LocalState, "local state or configuration problem"),
    ];
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Exit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        // The name the schemas in docs/schema/ give it: the JSON field is `exit_code`.
        "ExitCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<u8> = Self::TABLE.iter().map(|(code, _)| code.code()).collect();
        let meanings: Vec<String> = Self::TABLE
            .iter()
            .map(|(code, meaning)| format!("{}: {meaning}", code.code()))
            .collect();
        schemars::json_schema!({
            "type": "integer",
            "enum": codes,
            "description": format!("The process exit code. {}.", meanings.join("; ")),
        })
    }
}

impl From<Exit> for u8 {
    fn from(code: Exit) -> u8 {
        code.code()
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(code: Exit) -> Self {
        std::process::ExitCode::from(code.code())
    }
}
