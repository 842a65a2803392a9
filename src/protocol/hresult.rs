//! HRESULT codes a KMS client meets, with slmgr's text and what to do.
//!
//! Texts follow Microsoft's "Resolve Windows activation error codes" page
//! (MicrosoftDocs/windowsserverdocs, `activation-error-codes.md`) and, for the
//! two codes that page does not list (0x8007000D, 0xC004D104), the system
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
    pub const INVALID_TIMESTAMP: HResult = HResult(0xC004_F06C);
    /// 0xC004F041: the KMS host is not activated itself.
    pub const KMS_NOT_ACTIVATED: HResult = HResult(0xC004_F041);
    /// 0xC004D104: the host's security processor reported invalid data.
    pub const SECURITY_PROCESSOR_INVALID_DATA: HResult = HResult(0xC004_D104);
    /// 0xC004F038: count below N_Policy (client-side outcome).
    pub const COUNT_INSUFFICIENT: HResult = HResult(0xC004_F038);
    /// 0xC004F074: no KMS host could be contacted (client-side outcome).
    pub const NO_KMS_CONTACTED: HResult = HResult(0xC004_F074);
    /// 0x8007232B: DNS name does not exist.
    pub const DNS_NAME_DOES_NOT_EXIST: HResult = HResult(0x8007_232B);
    /// 0x8007251D: no SRV records found for the DNS query.
    pub const DNS_NO_RECORDS: HResult = HResult(0x8007_251D);
    /// 0x8007232A: DNS server failure.
    pub const DNS_SERVER_FAILURE: HResult = HResult(0x8007_232A);
    /// 0x800706BA: the RPC server is unavailable.
    pub const RPC_SERVER_UNAVAILABLE: HResult = HResult(0x8007_06BA);
    /// 0x8007007B: no DNS domain to search (and a name that is not a valid DNS name).
    pub const NO_DNS_DOMAIN: HResult = HResult(0x8007_007B);
    /// 0x80070005: access denied (a resolver configuration that cannot be read).
    pub const ACCESS_DENIED: HResult = HResult(0x8007_0005);
    /// 0x80004005: an unspecified local failure.
    pub const FAIL: HResult = HResult(0x8000_4005);
    /// 0xC004F050: slmgr's "the product key is invalid".
    pub const INVALID_PRODUCT_KEY: HResult = HResult(0xC004_F050);
    /// 0xC004F069: slmgr's "product key not found" (SL_E_PKEY_NOT_INSTALLED).
    pub const PRODUCT_KEY_NOT_INSTALLED: HResult = HResult(0xC004_F069);

    /// True for failure codes (severity bit set).
    pub fn is_failure(self) -> bool {
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
    pub code: HResult,
    /// A short symbolic name.
    pub name: &'static str,
    /// The text slmgr prints after `Error: 0x........`.
    pub text: &'static str,
    /// One line on what to do next.
    pub hint: &'static str,
}

/// Every code the reference names: host answers first, then client outcomes.
pub const HRESULT_TABLE: &[HResultInfo] = &[
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
        hint: "Check the host name and port (skms, discover --check) and that TCP 1688 is reachable.",
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
        code: HResult::RPC_SERVER_UNAVAILABLE,
        name: "RPC_S_SERVER_UNAVAILABLE",
        text: "The RPC server is unavailable.",
        hint: "The host did not answer on TCP 1688: check the firewall and that the SRV records point at a live host.",
    },
    HResultInfo {
        code: HResult::NO_DNS_DOMAIN,
        name: "ERROR_INVALID_NAME",
        text: "DNS name does not exist.",
        hint: "No DNS domain to search: set one with skms-domain or the host with skms.",
    },
];

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
            0x8007_06BA,
            0x8007_007B,
        ] {
            let info = describe(HResult(code)).unwrap_or_else(|| panic!("{code:#x} missing"));
            assert!(!info.text.is_empty() && !info.hint.is_empty());
        }
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
