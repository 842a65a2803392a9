//! Why an operation on Windows' licensing service failed: its HRESULT (when there is
//! one), one line on what to do, and vlmgr's exit code (README table, `exit_codes`).

use std::time::Duration;

use uuid::Uuid;

use super::Method;
use crate::exit_codes::Exit;
use crate::protocol::HResult;
use crate::protocol::hresult::describe;

/// A failure of the system backend.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SppError {
    /// WMI or the licensing service answered with a failure HRESULT.
    #[error("{} ({operation})", hresult_text(*hresult))]
    Failed {
        /// What was asked: a query, or `Class.Method`.
        operation: String,
        /// The method, when it was a method call.
        method: Option<Method>,
        hresult: HResult,
    },
    /// The call did not return within `--timeout`; its thread was left behind.
    #[error("{operation} did not return within {timeout:?}")]
    Timeout {
        operation: String,
        timeout: Duration,
        /// It was `Activate` (Windows may still be trying KMS hosts).
        activating: bool,
    },
    /// An earlier call timed out or the WMI thread ended: this run makes no more calls.
    #[error("{operation} was not sent: the WMI session ended earlier ({reason})")]
    SessionEnded { operation: String, reason: String },
    /// The thread that holds the WMI connection could not be started.
    #[error("cannot start the thread for WMI: {0}")]
    Thread(String),
    /// Windows answered a value vlmgr cannot read.
    #[error("{class}.{column} {problem}")]
    Decode {
        class: &'static str,
        column: &'static str,
        problem: String,
    },
    /// The method's in-signature does not fit the call slmgr makes.
    #[error(
        "{call}: the provider's in-signature lists the parameters {parameters:?}, which do not fit the call (documented: {})",
        expected.unwrap_or("none")
    )]
    Signature {
        call: String,
        parameters: Vec<String>,
        expected: Option<&'static str>,
    },
    /// No Windows product (ApplicationId 55c92734-…, not an add-on) has a key installed.
    #[error("product key not found: no Windows product key is installed.")]
    NoWindowsProductKey,
    /// `all` found no product with a key at all.
    #[error("product key not found: no product key is installed.")]
    NoProductKey,
    /// No license of this machine has this Activation ID.
    #[error("Activation ID ({id}) not found.")]
    UnknownActivationId { id: Uuid },
    /// The license exists but has no key installed.
    #[error("product key not found: {name} ({id}) has no product key installed.")]
    ProductKeyNotInstalled { id: Uuid, name: String },
    /// `skms`, `ckms`, `skms-domain` or `ckms-domain` named a license that is not a KMS
    /// client.
    #[error(
        "{name} ({id}) is not a KMS client license ({description:?}): its KMS host and lookup domain are not used."
    )]
    NotKmsClient {
        id: Uuid,
        name: String,
        description: String,
    },
    /// The license is configured for token-based activation only
    /// (`VLActivationTypeEnabled` 3): `ato` refuses it, as slmgr does.
    #[error(
        "{name} ({id}) is configured for token-based activation only: vlmgr does not do token-based activation."
    )]
    TokenOnly { id: Uuid, name: String },
    /// This OS has no Windows licensing service.
    #[error("Windows' licensing service (the system backend) exists only on Windows.")]
    Unavailable,
    /// Reading or writing `KeyManagementServiceVersion` failed.
    #[error("{operation} {path}\\KeyManagementServiceVersion: {}", hresult_text(*hresult))]
    Registry {
        operation: &'static str,
        path: &'static str,
        hresult: HResult,
    },
}

impl SppError {
    /// A failure HRESULT from `operation` (`method` when it was a method call): from WMI
    /// (Windows) or the model.
    #[cfg_attr(not(any(windows, feature = "spp-model")), allow(dead_code))]
    pub(crate) fn failed(
        operation: impl Into<String>,
        method: Option<Method>,
        hresult: HResult,
    ) -> Self {
        SppError::Failed {
            operation: operation.into(),
            method,
            hresult,
        }
    }

    /// The HRESULT slmgr would print, if there is one.
    pub fn hresult(&self) -> Option<HResult> {
        match self {
            SppError::Failed { hresult, .. } | SppError::Registry { hresult, .. } => Some(*hresult),
            SppError::NoWindowsProductKey
            | SppError::NoProductKey
            | SppError::ProductKeyNotInstalled { .. } => Some(HResult::PRODUCT_KEY_NOT_AVAILABLE),
            _ => None,
        }
    }

    /// vlmgr's exit code for it.
    pub fn exit_code(&self) -> Exit {
        match self {
            SppError::Failed {
                method, hresult, ..
            } => exit_code_for(*hresult, *method == Some(Method::Activate)),
            SppError::Timeout {
                activating: true, ..
            } => Exit::NoHost,
            SppError::UnknownActivationId { .. }
            | SppError::NotKmsClient { .. }
            | SppError::Unavailable => Exit::Usage,
            _ => Exit::LocalState,
        }
    }

    /// One line on what to do next.
    pub fn hint(&self) -> String {
        match self {
            SppError::Failed { hresult, .. } | SppError::Registry { hresult, .. } => {
                hresult_hint(*hresult)
            }
            SppError::Timeout { .. } | SppError::SessionEnded { .. } => {
                "Windows' licensing service did not answer in time: give it longer with --timeout (e.g. --timeout 2m), or check the Software Protection service (sppsvc)."
                    .into()
            }
            SppError::Thread(_) => "Check the process limits (threads).".into(),
            SppError::TokenOnly { .. } => {
                "Use slmgr.vbs /fta to start token-based activation, or slmgr.vbs /act-type to change the activation type."
                    .into()
            }
            SppError::Unavailable => {
                "Use vlmgr's own client: --standalone, or VLMGR_STANDALONE=1.".into()
            }
            SppError::Decode { .. } | SppError::Signature { .. } => {
                "Windows answered in a form vlmgr does not know: please report it with the output of `vlmgr -v dlv all`; --standalone uses vlmgr's own client meanwhile."
                    .into()
            }
            SppError::NoWindowsProductKey
            | SppError::NoProductKey
            | SppError::ProductKeyNotInstalled { .. } => {
                hresult_hint(HResult::PRODUCT_KEY_NOT_AVAILABLE)
            }
            SppError::UnknownActivationId { .. } => {
                "`vlmgr dli all` lists the Activation IDs of this machine's licenses.".into()
            }
            SppError::NotKmsClient { .. } => {
                "Name a KMS client license (its description says VOLUME_KMSCLIENT; `vlmgr dli all` lists them), or no Activation ID for the global setting."
                    .into()
            }
        }
    }
}

/// The exit code a failure HRESULT means; `activating`: it was `Activate`'s, so a code
/// that is not a local problem means "the host answered but did not activate" (exit 1).
pub(crate) fn exit_code_for(hresult: HResult, activating: bool) -> Exit {
    match hresult {
        HResult::COUNT_INSUFFICIENT => Exit::NotActivated,
        HResult::NO_KMS_CONTACTED
        | HResult::DNS_NAME_DOES_NOT_EXIST
        | HResult::DNS_NO_RECORDS
        | HResult::DNS_SERVER_FAILURE
        | HResult::RPC_SERVER_UNAVAILABLE
        | HResult::NO_DNS_DOMAIN => Exit::NoHost,
        HResult::INVALID_PRODUCT_KEY | HResult::INVALID_ARGUMENT => Exit::Usage,
        code if is_local_problem(code) => Exit::LocalState,
        _ if activating => Exit::NotActivated,
        _ => Exit::LocalState,
    }
}

/// Whether `hresult` is a problem of this machine (rights, WMI, the service itself)
/// rather than an answer about activation: `ato` reports such a failure as an error, not
/// as the product's outcome.
pub(crate) fn is_local_problem(hresult: HResult) -> bool {
    const WMI_FACILITY: u32 = 0x8004_1000;
    matches!(
        hresult,
        HResult::SPP_ACCESS_DENIED
            | HResult::ACCESS_DENIED
            | HResult::SERVICE_DISABLED
            | HResult::SPP_SERVICE_STOPPING
            | HResult::PRODUCT_KEY_NOT_AVAILABLE
            | HResult::FAIL
    ) || hresult.0 & 0xFFFF_F000 == WMI_FACILITY
}

/// slmgr's text for a code, or what kind of code it is.
pub(crate) fn hresult_text(hresult: HResult) -> &'static str {
    match describe(hresult) {
        Some(info) => info.text,
        None if hresult.0 & 0xFFFF_0000 == 0x8004_0000 => "WMI reported an error.",
        None if hresult.0 & 0xFFFF_0000 == 0xC004_0000 => {
            "Windows' licensing service reported an error."
        }
        None => "Windows reported an error.",
    }
}

/// What to do about a code: its hint, or slmgr's advice for a code it has no text for.
pub(crate) fn hresult_hint(hresult: HResult) -> String {
    match describe(hresult) {
        Some(info) => info.hint.to_string(),
        // slmgr's advice for codes it has no text for (L_MsgErrorText_6).
        None => format!("Run `slui.exe 0x2a {hresult}` to display Windows' text for this code."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_readme_table() {
        let activating = |code| exit_code_for(HResult(code), true);
        let other = |code| exit_code_for(HResult(code), false);
        assert_eq!(activating(0xC004_F038), Exit::NotActivated);
        assert_eq!(activating(0xC004_F074), Exit::NoHost);
        assert_eq!(activating(0x8007_232B), Exit::NoHost);
        assert_eq!(activating(0xC004_F042), Exit::NotActivated);
        assert_eq!(activating(0xC004_C003), Exit::NotActivated, "an answer");
        assert_eq!(activating(0xC004_F025), Exit::LocalState, "not elevated");
        assert_eq!(activating(0x8004_1010), Exit::LocalState, "WMI");
        assert_eq!(other(0xC004_F050), Exit::Usage, "invalid key");
        assert_eq!(other(0xC004_F025), Exit::LocalState);
        assert_eq!(other(0x8004_1002), Exit::LocalState);
        assert_eq!(other(0xC004_C003), Exit::LocalState);
    }

    #[test]
    fn errors_carry_slmgr_text_hresult_and_hint() {
        let denied = SppError::failed(
            "SoftwareLicensingService.SetKeyManagementServiceMachine",
            Some(Method::SetKeyManagementServiceMachine),
            HResult::SPP_ACCESS_DENIED,
        );
        assert_eq!(denied.hresult(), Some(HResult(0xC004_F025)));
        assert_eq!(denied.exit_code(), Exit::LocalState);
        assert!(denied.to_string().starts_with("Access denied"), "{denied}");
        assert!(
            denied
                .to_string()
                .contains("SetKeyManagementServiceMachine")
        );
        assert!(
            denied.hint().contains("Run as administrator"),
            "{}",
            denied.hint()
        );

        let missing = SppError::failed("SoftwareLicensingService", None, HResult::WBEM_NOT_FOUND);
        assert_eq!(missing.exit_code(), Exit::LocalState);
        assert!(missing.hint().contains("sppsvc"), "{}", missing.hint());

        let unknown = SppError::failed("x", Some(Method::Activate), HResult(0xC004_C020));
        assert!(
            unknown.hint().contains("slui.exe 0x2a 0xC004C020"),
            "{}",
            unknown.hint()
        );
        assert_eq!(unknown.exit_code(), Exit::NotActivated);

        let timeout = SppError::Timeout {
            operation: "SoftwareLicensingProduct.Activate".into(),
            timeout: Duration::from_secs(30),
            activating: true,
        };
        assert_eq!(timeout.exit_code(), Exit::NoHost);
        assert_eq!(timeout.hresult(), None);
        assert!(timeout.hint().contains("--timeout"));

        let id = Uuid::nil();
        assert_eq!(
            SppError::UnknownActivationId { id }.exit_code(),
            Exit::Usage
        );
        assert_eq!(
            SppError::NoWindowsProductKey.hresult(),
            Some(HResult(0xC004_F014))
        );
    }
}
