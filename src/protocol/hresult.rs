//! HRESULT codes a KMS client meets, with slmgr's text and what to do.
//!
//! Texts follow Microsoft's "Resolve Windows activation error codes" page
//! (MicrosoftDocs/windowsserverdocs, `activation-error-codes.md`) and, for the
//! codes that page does not list (0x8007000D, 0xC004D104, 0x8007251E), the system
//! message table text that slmgr prints for them.

use std::fmt;

use serde::{Serialize, Serializer};

/// A Windows HRESULT as carried on the wire or reported by slmgr: the one type every
/// layer uses. It prints as slmgr does (`0xC004F042`) and serializes as that string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct HResult(pub u32);

impl HResult {
    /// 0x00000000: success.
    pub const S_OK: HResult = HResult(0);
    /// 0x8007000D: the host cannot handle this protocol version or request.
    pub const INVALID_DATA: HResult = HResult(0x8007_000D);
    /// 0xC004F042: the host does not activate this product.
    pub const KMS_CANNOT_BE_USED: HResult = HResult(0xC004_F042);
    /// 0xC004F06C: request time too far from the host's clock.
    pub(crate) const INVALID_TIMESTAMP: HResult = HResult(0xC004_F06C);
    /// 0xC004F041: the KMS host is not activated itself.
    pub(crate) const KMS_NOT_ACTIVATED: HResult = HResult(0xC004_F041);
    /// 0xC004D104: the host's security processor reported invalid data.
    pub(crate) const SECURITY_PROCESSOR_INVALID_DATA: HResult = HResult(0xC004_D104);
    /// 0xC004F038: count below N_Policy (client-side outcome).
    pub(crate) const COUNT_INSUFFICIENT: HResult = HResult(0xC004_F038);
    /// 0xC004F074: no KMS host could be contacted (client-side outcome).
    pub(crate) const NO_KMS_CONTACTED: HResult = HResult(0xC004_F074);
    /// 0x8007232B: DNS name does not exist.
    pub(crate) const DNS_NAME_DOES_NOT_EXIST: HResult = HResult(0x8007_232B);
    /// 0x8007251D: no SRV records found for the DNS query.
    pub(crate) const DNS_NO_RECORDS: HResult = HResult(0x8007_251D);
    /// 0x8007232A: DNS server failure.
    pub(crate) const DNS_SERVER_FAILURE: HResult = HResult(0x8007_232A);
    /// 0x8007251E: a DNS answer that cannot be used (DNS_ERROR_BAD_PACKET, 9502).
    pub(crate) const DNS_BAD_PACKET: HResult = HResult(0x8007_251E);
    /// 0x80070004: too many open files (this machine's limit, not a server's doing).
    pub(crate) const TOO_MANY_OPEN_FILES: HResult = HResult(0x8007_0004);
    /// 0x800706BA: the RPC server is unavailable.
    pub(crate) const RPC_SERVER_UNAVAILABLE: HResult = HResult(0x8007_06BA);
    /// 0x8007007B: no DNS domain to search (and a name that is not a valid DNS name).
    pub(crate) const NO_DNS_DOMAIN: HResult = HResult(0x8007_007B);
    /// 0x80070005: access denied (a resolver configuration that cannot be read).
    pub(crate) const ACCESS_DENIED: HResult = HResult(0x8007_0005);
    /// 0x80004005: an unspecified local failure.
    pub(crate) const FAIL: HResult = HResult(0x8000_4005);
    /// 0xC004F050: slmgr's "the product key is invalid".
    pub(crate) const INVALID_PRODUCT_KEY: HResult = HResult(0xC004_F050);
    /// 0xC004F069: slmgr's "product key not found" (SL_E_PKEY_NOT_INSTALLED).
    pub(crate) const PRODUCT_KEY_NOT_INSTALLED: HResult = HResult(0xC004_F069);

    // Windows' licensing service and WMI (the system backend, docs/windows.md).

    /// 0xC004F025: the licensing service refused a change from a process that is not
    /// elevated.
    pub(crate) const SPP_ACCESS_DENIED: HResult = HResult(0xC004_F025);
    /// 0xC004F014: the product has no key installed (slmgr's HR_SL_E_PKEY_NOT_INSTALLED).
    pub(crate) const PRODUCT_KEY_NOT_AVAILABLE: HResult = HResult(0xC004_F014);
    /// 0xC004F075: the licensing service is stopping.
    pub(crate) const SPP_SERVICE_STOPPING: HResult = HResult(0xC004_F075);
    /// 0x80070002: no such file, registry key or value (ERROR_FILE_NOT_FOUND).
    pub const FILE_NOT_FOUND: HResult = HResult(0x8007_0002);
    /// 0x80070057: a parameter is incorrect (E_INVALIDARG).
    pub(crate) const INVALID_ARGUMENT: HResult = HResult(0x8007_0057);
    /// 0x80070422: a service is disabled (ERROR_SERVICE_DISABLED).
    pub(crate) const SERVICE_DISABLED: HResult = HResult(0x8007_0422);
    /// 0x80041001: WMI's generic failure (WBEM_E_FAILED).
    pub(crate) const WBEM_FAILED: HResult = HResult(0x8004_1001);
    /// 0x80041002: WMI has no such object or class (WBEM_E_NOT_FOUND).
    pub const WBEM_NOT_FOUND: HResult = HResult(0x8004_1002);
    /// 0x80041003: WMI refused the caller (WBEM_E_ACCESS_DENIED).
    pub(crate) const WBEM_ACCESS_DENIED: HResult = HResult(0x8004_1003);
    /// 0x80041004: a WMI provider failed (WBEM_E_PROVIDER_FAILURE).
    pub(crate) const WBEM_PROVIDER_FAILURE: HResult = HResult(0x8004_1004);
    /// 0x80041008: a parameter of a WMI call is wrong (WBEM_E_INVALID_PARAMETER).
    pub(crate) const WBEM_INVALID_PARAMETER: HResult = HResult(0x8004_1008);
    /// 0x8004100E: no such WMI namespace (WBEM_E_INVALID_NAMESPACE).
    pub(crate) const WBEM_INVALID_NAMESPACE: HResult = HResult(0x8004_100E);
    /// 0x80041010: no such WMI class (WBEM_E_INVALID_CLASS).
    pub const WBEM_INVALID_CLASS: HResult = HResult(0x8004_1010);
    /// 0x80041013: a WMI provider could not be loaded (WBEM_E_PROVIDER_LOAD_FAILURE).
    pub(crate) const WBEM_PROVIDER_LOAD_FAILURE: HResult = HResult(0x8004_1013);
    /// 0x80041014: a WMI provider failed to start (WBEM_E_INITIALIZATION_FAILURE).
    pub(crate) const WBEM_INITIALIZATION_FAILURE: HResult = HResult(0x8004_1014);
    /// 0x80041017: WMI refused a query, e.g. one naming a column the class lacks
    /// (WBEM_E_INVALID_QUERY).
    pub const WBEM_INVALID_QUERY: HResult = HResult(0x8004_1017);
    /// 0x8004102E: the class has no such method (WBEM_E_INVALID_METHOD).
    pub(crate) const WBEM_INVALID_METHOD: HResult = HResult(0x8004_102E);

    /// True for failure codes (severity bit set).
    pub(crate) fn is_failure(self) -> bool {
        self.0 & 0x8000_0000 != 0
    }
}

impl fmt::Display for HResult {
    /// slmgr's spelling: `0xC004F074`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.0)
    }
}

impl Serialize for HResult {
    /// The JSON form is the text form: `"0xC004F042"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for HResult {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HResult".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^0x[0-9A-F]{8}$",
            "description": "A Windows HRESULT as slmgr prints it, e.g. 0xC004F042.",
        })
    }
}

/// What vlmgr knows about one HRESULT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HResultInfo {
    /// The code.
    pub(crate) code: HResult,
    /// A short symbolic name.
    pub(crate) name: &'static str,
    /// The text slmgr prints after `Error: 0x........`.
    pub(crate) text: &'static str,
    /// One line on what to do next.
    pub(crate) hint: &'static str,
}

/// Every code the reference names: host answers first, then client outcomes.
pub(crate) const HRESULT_TABLE: &[HResultInfo] = &[
    HResultInfo {
        code: HResult::INVALID_DATA,
        name: "ERROR_INVALID_DATA",
        text: "The data is invalid.",
        hint: "The host rejected the request format: try another protocol version (--protocol 4|5|6) or check the host supports this product.",
    },
    HResultInfo {
        code: HResult::KMS_CANNOT_BE_USED,
        name: "SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH",
        text: "The Software Protection Service determined that the specified Key Management Service (KMS) cannot be used.",
        hint: "This host does not activate this product: point the client at a host that has the matching KMS host key (skms), or fix the DNS SRV records.",
    },
    HResultInfo {
        code: HResult::INVALID_TIMESTAMP,
        name: "SL_E_VL_INVALID_TIMESTAMP",
        text: "The Software Protection Service reported that the computer could not be activated. The Key Management Service (KMS) determined that the request timestamp is invalid.",
        hint: "Client and host clocks differ by more than 4 hours: synchronise both with NTP (time is compared in UTC).",
    },
    HResultInfo {
        code: HResult::KMS_NOT_ACTIVATED,
        name: "SL_E_VL_KEY_MANAGEMENT_SERVICE_NOT_ACTIVATED",
        text: "The Software Protection Service determined that the Key Management Server (KMS) is not activated. KMS needs to be activated.",
        hint: "Activate the KMS host itself (online or by phone), then retry.",
    },
    HResultInfo {
        code: HResult::SECURITY_PROCESSOR_INVALID_DATA,
        name: "SL_E_INVALID_DATA_SECURITY_PROCESSOR",
        text: "The security processor reported that invalid data was used.",
        hint: "The host refused the request data: check the product IDs in the request and the host's logs.",
    },
    HResultInfo {
        code: HResult::COUNT_INSUFFICIENT,
        name: "SL_E_VL_NOT_ENOUGH_COUNT",
        text: "The Software Protection Service reported that the computer could not be activated. The count reported by your Key Management Service (KMS) is insufficient. Please contact your system administrator.",
        hint: "The host has not reached its activation threshold yet (25 Windows clients, 5 servers or Office): retry later or use ato --wait.",
    },
    HResultInfo {
        code: HResult::NO_KMS_CONTACTED,
        name: "SL_E_VL_NO_KMS_CONTACTED",
        text: "The Software Protection Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted. Please see the Application Event Log for additional information.",
        hint: "Check the KMS host's name and port (skms, discover --check) and that the port (TCP 1688 unless set otherwise) is reachable.",
    },
    HResultInfo {
        code: HResult::DNS_NAME_DOES_NOT_EXIST,
        name: "DNS_ERROR_RCODE_NAME_ERROR",
        text: "DNS name does not exist.",
        hint: "No _vlmcs._tcp record in the searched domains: publish the SRV record or set the host with skms.",
    },
    HResultInfo {
        code: HResult::DNS_NO_RECORDS,
        name: "DNS_INFO_NO_RECORDS",
        text: "No records found for DNS query.",
        hint: "The domain exists but has no _vlmcs._tcp SRV record: publish one or set the host with skms.",
    },
    HResultInfo {
        code: HResult::DNS_SERVER_FAILURE,
        name: "DNS_ERROR_RCODE_SERVER_FAILURE",
        text: "DNS server failure.",
        hint: "The name server failed to answer: check the resolver configuration or pass --dns-server.",
    },
    HResultInfo {
        code: HResult::DNS_BAD_PACKET,
        name: "DNS_ERROR_BAD_PACKET",
        text: "Bad DNS packet.",
        hint: "The name server's answers are not valid DNS answers to the query: check the server (or what sits between it and this machine), or pass --dns-server.",
    },
    HResultInfo {
        code: HResult::TOO_MANY_OPEN_FILES,
        name: "ERROR_TOO_MANY_OPEN_FILES",
        text: "The system cannot open the file.",
        hint: "This machine could not open a socket: raise the open-file limit (ulimit -n), or run fewer checks at once.",
    },
    HResultInfo {
        code: HResult::RPC_SERVER_UNAVAILABLE,
        name: "RPC_S_SERVER_UNAVAILABLE",
        text: "The RPC server is unavailable.",
        hint: "The host did not answer on its KMS port (TCP 1688 unless set otherwise): check the firewall and that the SRV records or the skms setting point at a live host.",
    },
    HResultInfo {
        code: HResult::NO_DNS_DOMAIN,
        name: "ERROR_INVALID_NAME",
        text: "DNS name does not exist.",
        hint: "No DNS domain to search: set one with skms-domain or the host with skms.",
    },
    // Windows' licensing service and WMI: slmgr's texts where it has one, else the
    // text of Microsoft's "WMI Error Constants" page.
    HResultInfo {
        code: HResult::SPP_ACCESS_DENIED,
        name: "SL_E_ACCESSDENIED",
        text: "Access denied: the requested action requires elevated privileges.",
        hint: ELEVATE_HINT,
    },
    HResultInfo {
        code: HResult::PRODUCT_KEY_NOT_AVAILABLE,
        name: "SL_E_PKEY_NOT_INSTALLED",
        text: "The Software Licensing Service reported that the product key is not available.",
        hint: "Install a key first (vlmgr ipk <KEY>); `vlmgr dli all` lists every product and whether it has one.",
    },
    HResultInfo {
        code: HResult::SPP_SERVICE_STOPPING,
        name: "SL_E_SERVICE_STOPPING",
        text: "The Software Licensing Service reported that the operation cannot be completed because the service is stopping.",
        hint: "Run the command again in a moment, when the Software Protection service (sppsvc) has started again.",
    },
    HResultInfo {
        code: HResult::ACCESS_DENIED,
        name: "E_ACCESSDENIED",
        text: "Access is denied.",
        hint: ELEVATE_HINT,
    },
    HResultInfo {
        code: HResult::FILE_NOT_FOUND,
        name: "ERROR_FILE_NOT_FOUND",
        text: "The system cannot find the file specified.",
        hint: "A key or value Windows' licensing service keeps is missing: check that the Software Protection service (sppsvc) is installed; --standalone uses vlmgr's own client instead.",
    },
    HResultInfo {
        code: HResult::INVALID_ARGUMENT,
        name: "E_INVALIDARG",
        text: "The parameter is incorrect.",
        hint: "Windows refused a value vlmgr passed on: check the host name, port, domain or key given.",
    },
    HResultInfo {
        code: HResult::SERVICE_DISABLED,
        name: "ERROR_SERVICE_DISABLED",
        text: "The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.",
        hint: "Set the Software Protection service (sppsvc) and Windows Management Instrumentation (winmgmt) to start, then run the command again.",
    },
    HResultInfo {
        code: HResult::WBEM_FAILED,
        name: "WBEM_E_FAILED",
        text: "Call failed.",
        hint: WMI_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_NOT_FOUND,
        name: "WBEM_E_NOT_FOUND",
        text: "Object cannot be found.",
        hint: WMI_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_ACCESS_DENIED,
        name: "WBEM_E_ACCESS_DENIED",
        text: "Current user does not have permission to perform the action.",
        hint: ELEVATE_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_PROVIDER_FAILURE,
        name: "WBEM_E_PROVIDER_FAILURE",
        text: "Provider has failed at some time other than during initialization.",
        hint: WMI_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_INVALID_PARAMETER,
        name: "WBEM_E_INVALID_PARAMETER",
        text: "One of the parameters to the call is not correct.",
        hint: WMI_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_INVALID_NAMESPACE,
        name: "WBEM_E_INVALID_NAMESPACE",
        text: "Namespace specified cannot be found.",
        hint: WMI_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_INVALID_CLASS,
        name: "WBEM_E_INVALID_CLASS",
        text: "Specified class is not valid.",
        hint: WMI_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_PROVIDER_LOAD_FAILURE,
        name: "WBEM_E_PROVIDER_LOAD_FAILURE",
        text: "COM cannot locate a provider referenced in the schema.",
        hint: WMI_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_INITIALIZATION_FAILURE,
        name: "WBEM_E_INITIALIZATION_FAILURE",
        text: "Component, such as a provider, failed to initialize for internal reasons.",
        hint: WMI_HINT,
    },
    HResultInfo {
        code: HResult::WBEM_INVALID_QUERY,
        name: "WBEM_E_INVALID_QUERY",
        text: "Query was not syntactically valid.",
        hint: "This Windows' licensing provider lacks a property slmgr reads (Windows 8 or later is needed); --standalone uses vlmgr's own client instead.",
    },
    HResultInfo {
        code: HResult::WBEM_INVALID_METHOD,
        name: "WBEM_E_INVALID_METHOD",
        text: "Requested method is not available.",
        hint: "This Windows' licensing provider lacks a method slmgr calls (Windows 8 or later is needed); --standalone uses vlmgr's own client instead.",
    },
];

/// What to do about a change refused for want of elevation.
const ELEVATE_HINT: &str = "Changing Windows' licensing needs an elevated prompt: open Terminal or Command Prompt with \"Run as administrator\" and run vlmgr there (or: Start-Process vlmgr -Verb RunAs -ArgumentList ...); --standalone uses vlmgr's own client, which needs no elevation.";

/// What to do when WMI or the licensing provider is missing or broken.
const WMI_HINT: &str = "WMI or Windows' licensing provider is missing or broken: check that the Software Protection service (sppsvc) can start and that `winmgmt /verifyrepository` finds the repository consistent; --standalone uses vlmgr's own client instead.";

/// The table entry for `code`, or `None` when vlmgr has no text for it
/// (such a code still displays as `0x........`).
pub fn describe(code: HResult) -> Option<&'static HResultInfo> {
    HRESULT_TABLE.iter().find(|info| info.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_code_is_described() {
        for code in [
            0x8007_000D,
            0xC004_F042,
            0xC004_F06C,
            0xC004_F041,
            0xC004_D104,
            0xC004_F038,
            0xC004_F074,
            0x8007_232B,
            0x8007_251D,
            0x8007_232A,
            0x8007_251E,
            0x8007_06BA,
            0x8007_007B,
        ] {
            let info = describe(HResult(code)).unwrap_or_else(|| panic!("{code:#x} missing"));
            assert!(!info.text.is_empty() && !info.hint.is_empty());
        }
    }

    #[test]
    fn every_licensing_service_and_wmi_code_is_described() {
        for code in [
            HResult::ACCESS_DENIED,
            HResult::FILE_NOT_FOUND,
            HResult::SPP_ACCESS_DENIED,
            HResult::PRODUCT_KEY_NOT_AVAILABLE,
            HResult::SPP_SERVICE_STOPPING,
            HResult::INVALID_ARGUMENT,
            HResult::SERVICE_DISABLED,
            HResult::WBEM_FAILED,
            HResult::WBEM_NOT_FOUND,
            HResult::WBEM_ACCESS_DENIED,
            HResult::WBEM_PROVIDER_FAILURE,
            HResult::WBEM_INVALID_PARAMETER,
            HResult::WBEM_INVALID_NAMESPACE,
            HResult::WBEM_INVALID_CLASS,
            HResult::WBEM_PROVIDER_LOAD_FAILURE,
            HResult::WBEM_INITIALIZATION_FAILURE,
            HResult::WBEM_INVALID_QUERY,
            HResult::WBEM_INVALID_METHOD,
        ] {
            let info = describe(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(!info.text.is_empty() && !info.hint.is_empty(), "{code}");
        }
        let denied = describe(HResult(0xC004_F025)).expect("0xC004F025");
        assert!(denied.text.contains("elevated"), "{}", denied.text);
        assert!(
            denied.hint.contains("Run as administrator"),
            "{}",
            denied.hint
        );
    }

    #[test]
    fn table_has_no_duplicates_and_unknown_codes_display() {
        for (i, a) in HRESULT_TABLE.iter().enumerate() {
            for b in HRESULT_TABLE.iter().skip(i + 1) {
                assert_ne!(a.code, b.code);
            }
        }
        assert_eq!(describe(HResult(0x1234_5678)), None);
        assert_eq!(HResult(0x1234_5678).to_string(), "0x12345678");
        assert_eq!(HResult(0xC004_F074).to_string(), "0xC004F074");
        assert!(HResult(0xC004_F074).is_failure());
        assert!(!HResult::S_OK.is_failure());
    }

    #[test]
    fn json_form_is_the_text_form() {
        let json = serde_json::to_string(&HResult(0xC004_F042)).unwrap();
        assert_eq!(json, "\"0xC004F042\"");
        assert_eq!(
            serde_json::to_string(&HResult::S_OK).unwrap(),
            "\"0x00000000\""
        );
    }
}
