//! Windows: the system backend's WMI implementation (`vlmgr::spp::wmi`), run by
//! `.ci/platforms` under Wine, as far as Wine's WMI goes. Wine 8 has a stub
//! `SoftwareLicensingProduct` (the columns `LicenseStatus` and `LicenseIsAddon`, one row)
//! and no `SoftwareLicensingService`, so these tests cover the connection, queries and
//! the decoding of their values, the licensing service absent (a clean error, no method
//! call sent: under Wine one would kill this process), and the error mapping; never a
//! real licensing call. On a real Windows machine the same tests check the service's
//! presence instead; they have not run on one (docs/windows.md, "Verified how").
//!
//! The registry test writes `KeyManagementServiceVersion`: ignored by default, and it
//! refuses to run anywhere but the throwaway Wine prefix of `.ci/platforms`.
#![cfg(windows)]

mod support;

use std::time::Duration;

use support::wine::{is_wine, refuse_outside_a_throwaway_wine_prefix, reg};
use uuid::Uuid;
use vlmgr::exit_codes::Exit;
use vlmgr::protocol::HResult;
use vlmgr::spp::commands::{self, Selection};
use vlmgr::spp::values::RowReader;
use vlmgr::spp::wmi::WmiSpp;
use vlmgr::spp::{
    Columns, Filter, LicenseStatus, Method, MethodCall, PRODUCT_CLASS, SPP_REGISTRY_KEY,
    SPP_REGISTRY_KEY_32, Spp, SppError, Target,
};

/// Generous: Wine starts its WMI service on the first connection.
const TIMEOUT: Duration = Duration::from_secs(120);

/// `ato --wait` runs the calls on a blocking thread of an async runtime.
const _: fn() = || {
    fn movable<T: Send>() {}
    movable::<WmiSpp>();
};

fn connect() -> WmiSpp {
    WmiSpp::connect(TIMEOUT).unwrap_or_else(|e| panic!("WMI connection: {e} ({e:?})"))
}

/// The licensing service is missing: WMI's "not found" or "invalid class".
fn assert_service_missing(error: &SppError) {
    println!("the licensing service absent: {error:?}");
    let hresult = error.hresult();
    assert!(
        [
            Some(HResult::WBEM_NOT_FOUND),
            Some(HResult::WBEM_INVALID_CLASS)
        ]
        .contains(&hresult),
        "{error} ({error:?})"
    );
    assert_eq!(error.exit_code(), Exit::LocalState, "{error}");
    assert!(
        error.to_string().contains("SoftwareLicensingService"),
        "{error}"
    );
    assert!(error.hint().contains("sppsvc"), "{}", error.hint());
}

#[test]
fn the_product_class_is_queried_and_its_values_decoded() {
    let mut spp = connect();
    let rows = spp
        .rows(PRODUCT_CLASS, &["LicenseStatus", "LicenseIsAddon"], None)
        .unwrap_or_else(|e| panic!("{e} ({e:?})"));
    assert!(!rows.is_empty(), "Wine's stub has a row, Windows has many");
    for row in &rows {
        let reader = RowReader::new(PRODUCT_CLASS, row);
        let status = reader
            .number("LicenseStatus")
            .map(LicenseStatus::from_code)
            .unwrap_or_else(|e| panic!("{e}: {row:?}"));
        assert!(
            !matches!(status, LicenseStatus::Unknown(_)),
            "a documented status: {row:?}"
        );
        reader
            .flag("LicenseIsAddon")
            .unwrap_or_else(|e| panic!("{e}: {row:?}"));
    }
    println!("SoftwareLicensingProduct rows: {rows:?}");
}

#[test]
fn the_licensing_service_absent_is_a_clean_error_and_no_method_is_sent() {
    let mut spp = connect();
    if !is_wine() {
        // A real Windows machine has the service (not run there yet: docs/windows.md).
        let service = spp.service().unwrap_or_else(|e| panic!("{e}"));
        assert!(!service.version.is_empty());
        return;
    }
    assert_service_missing(&spp.service().unwrap_err());
    // A method call probes first and is refused with the probe's error: under Wine,
    // ExecMethod on an object of the missing class would end this process here.
    for call in [
        MethodCall::new(Target::Service, Method::RefreshLicenseStatus),
        MethodCall::new(Target::Product(Uuid::from_u128(1)), Method::Activate),
    ] {
        assert_service_missing(&spp.call(&call).unwrap_err());
    }
    assert!(
        !spp.probed().expect("the session is alive"),
        "no probe succeeded"
    );
    // Every command stops there, with the same error and exit code 5.
    assert_service_missing(&commands::activate(&mut spp, Selection::Default).unwrap_err());
    assert_service_missing(&commands::set_host_caching(&mut spp, false).unwrap_err());
    assert_service_missing(&commands::display(&mut spp, true, Selection::All).unwrap_err());
    // And the session still answers queries afterwards.
    assert!(
        !spp.rows(PRODUCT_CLASS, &["LicenseStatus"], None)
            .expect("rows")
            .is_empty()
    );
}

#[test]
fn a_column_wine_lacks_maps_to_its_wmi_error() {
    let mut spp = connect();
    let result = spp.products(Filter::All, Columns::Brief);
    if !is_wine() {
        result.unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    // Windows refuses a query naming a column the class lacks (0x80041017); Wine 8
    // answers it and fails reading the column (0x80041002, as observed).
    let error = result.unwrap_err();
    assert!(
        [
            Some(HResult::WBEM_INVALID_QUERY),
            Some(HResult::WBEM_NOT_FOUND)
        ]
        .contains(&error.hresult()),
        "{error:?}"
    );
    assert_eq!(error.exit_code(), Exit::LocalState);
    assert!(
        error.to_string().contains("SoftwareLicensingProduct.ID"),
        "{error}"
    );
    assert!(error.hint().contains("sppsvc"), "{}", error.hint());
}

/// Every registry value and key the test writes, removed when it ends (pass or fail).
struct Cleanup(Vec<String>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        for key in &self.0 {
            let _ = reg(&[
                "delete",
                &format!(r"HKLM\{key}"),
                "/v",
                "KeyManagementServiceVersion",
                "/f",
            ]);
        }
        // The 32-bit key exists only because this test made it.
        let _ = reg(&["delete", &format!(r"HKLM\{SPP_REGISTRY_KEY_32}"), "/f"]);
    }
}

fn query(key: &str) -> Option<String> {
    let out = std::process::Command::new("reg")
        .args([
            "query",
            &format!(r"HKLM\{key}"),
            "/v",
            "KeyManagementServiceVersion",
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
#[ignore = "writes the registry: run by .ci/platforms in a throwaway Wine prefix"]
fn the_kms_version_value_is_set_and_deleted_as_slmgr_does() {
    refuse_outside_a_throwaway_wine_prefix();
    let _cleanup = Cleanup(vec![SPP_REGISTRY_KEY.into(), SPP_REGISTRY_KEY_32.into()]);
    // Windows has the licensing service's key; Wine does not: make it as Windows has it.
    let key = format!(r"HKLM\{SPP_REGISTRY_KEY}");
    assert!(reg(&["add", &key, "/f"]), "reg add {key}");
    let _ = reg(&["delete", &format!(r"HKLM\{SPP_REGISTRY_KEY_32}"), "/f"]);
    let mut spp = connect();

    spp.set_kms_version_value(Some("10.0.26100.1-test"))
        .unwrap_or_else(|e| panic!("{e}"));
    let shown = query(SPP_REGISTRY_KEY).expect("the value is there");
    assert!(
        shown.contains("REG_SZ") && shown.contains("10.0.26100.1-test"),
        "{shown}"
    );
    assert_eq!(
        spp.kms_version_value().expect("reads"),
        Some("10.0.26100.1-test".into())
    );
    // The 32-bit key is written only when it exists; slmgr never creates it.
    assert!(!reg(&["query", &format!(r"HKLM\{SPP_REGISTRY_KEY_32}")]));
    assert!(reg(&["add", &format!(r"HKLM\{SPP_REGISTRY_KEY_32}"), "/f"]));
    spp.set_kms_version_value(Some("10.0.26100.2-test"))
        .expect("writes both");
    assert!(query(SPP_REGISTRY_KEY_32).is_some_and(|v| v.contains("10.0.26100.2-test")));

    spp.set_kms_version_value(None).expect("deletes");
    assert_eq!(query(SPP_REGISTRY_KEY), None);
    assert_eq!(query(SPP_REGISTRY_KEY_32), None);
    assert_eq!(spp.kms_version_value().expect("reads"), None);
    // Deleting what is absent is fine, as for slmgr.
    spp.set_kms_version_value(None).expect("absent is fine");

    // Without the licensing service's key, setting is refused (slmgr never creates it).
    assert!(reg(&["delete", &key, "/f"]));
    let error = spp.set_kms_version_value(Some("x")).unwrap_err();
    assert_eq!(error.hresult(), Some(HResult::FILE_NOT_FOUND), "{error:?}");
    assert_eq!(error.exit_code(), Exit::LocalState);
}
