//! The system backend (Windows' own licensing service) through vlmgr's command layer, on
//! every OS: each slmgr command parsed as the command line parses it, run by
//! `commands::system::run_with` against the in-memory model of the licensing service
//! (`spp::model`: its machines, keys, IDs and versions are synthetic), then its slmgr
//! text, its JSON document (validated against docs/schema, read strictly) and its exit
//! code. The WMI side runs under Wine (tests/windows_spp.rs and the end of this file);
//! nothing here has run on a real Windows machine (docs/windows.md, "Verified how").

mod support;

use std::ffi::OsString;

use serde_json::{Value, json};
use support::contract::Contract;
use uuid::Uuid;
use vlmgr::cli::{self, Parsed};
use vlmgr::commands::{Action, system};
use vlmgr::output::{self, json as documents, time};
use vlmgr::protocol::HResult;
use vlmgr::spp::model::{
    Answer, Model, SYNTHETIC_ADDON_ID, SYNTHETIC_CMID, SYNTHETIC_KMS_HOST_ID,
    SYNTHETIC_KMS_HOST_KEY, SYNTHETIC_MAK_ID, SYNTHETIC_MAK_KEY, SYNTHETIC_VERSION, catalog_entry,
};
use vlmgr::spp::{LicenseStatus, Method};

/// The time every run is made at (2027-01-15T08:00:00Z).
const NOW: u64 = 1_800_000_000;

fn enterprise() -> Uuid {
    catalog_entry("win11-enterprise").activation_id
}

/// What a command line asks for, as the command line parses it (`cpky` as the system
/// backend's command line has it: this OS's refuses it unless it is Windows).
fn action(args: &[&str]) -> Action {
    if args == ["cpky"] {
        return Action::ClearProductKeyFromRegistry;
    }
    let argv = std::iter::once("vlmgr")
        .chain(args.iter().copied())
        .map(OsString::from)
        .collect();
    match cli::parse(argv) {
        Parsed::Run(invocation) => invocation.action,
        other => panic!("{args:?} does not parse: {other:?}"),
    }
}

/// A run: its exit code, slmgr's text, and the JSON document (validated).
#[derive(Debug)]
struct Ran {
    exit: u8,
    text: String,
    json: Value,
}

/// Runs `args` on `model`; the document must match the schema of the command.
fn run(contract: &Contract, model: &mut Model, args: &[&str]) -> Ran {
    let completed = system::run_with(model, NOW, action(args))
        .unwrap_or_else(|failure| panic!("{args:?} failed: {failure}"));
    let schema = args[0].trim_start_matches(['/', '-']).to_ascii_lowercase();
    Ran {
        exit: completed.exit.code(),
        text: output::render_text(&completed.report, false),
        json: contract.valid_text(&schema, &documents::report_document(&completed.report)),
    }
}

/// Runs `args` on `model`, which must fail: the error document (validated).
fn fail(contract: &Contract, model: &mut Model, args: &[&str]) -> Value {
    let failure = match system::run_with(model, NOW, action(args)) {
        Ok(done) => panic!("{args:?} succeeded: {:?}", done.report),
        Err(failure) => failure,
    };
    let document = contract.valid_text("error", &documents::error_document(&failure.view()));
    assert_eq!(
        document["error"]["exit_code"],
        failure.view().exit_code.code(),
        "{document}"
    );
    document["error"].clone()
}

/// A KMS client activated by `kms1.corp.example` (found by Windows' DNS discovery).
fn licensed_client(contract: &Contract) -> Model {
    let mut model = Model::synthetic_kms_client();
    model.answers.push_back(activated_by_dns());
    assert_eq!(run(contract, &mut model, &["ato"]).exit, 0);
    model.journal.clear();
    model
}

fn activated_by_dns() -> Answer {
    Answer::Activated {
        host: Some(("kms1.corp.example".into(), 1688)),
        ip: "10.5.213.229".into(),
        activation_interval: 120,
        renewal_interval: 10_080,
    }
}

#[test]
fn dlv_prints_slmgr_s_layout_filled_from_the_licensing_service() {
    let contract = Contract::load();
    let mut model = licensed_client(&contract);
    let ran = run(&contract, &mut model, &["/dlv"]);
    assert_eq!(ran.exit, 0);
    let expected = format!(
        "Software licensing service version: {SYNTHETIC_VERSION}

Name: Windows 10/11 Enterprise
Description: Windows(R) Operating System, VOLUME_KMSCLIENT channel
Activation ID: 73111121-5638-40f6-bc11-f1d7b0d64300
Application ID: 55c92734-d682-4d71-983e-d6ec3f16059f
Extended PID: 73111121563840f6bc11f1d7b0d64300 (synthetic)
Product Key Channel: Volume:GVLK
Partial Product Key: 2YT43
License Status: Licensed
Volume activation expiration: 259200 minute(s) (180 day(s))
Remaining Windows rearm count: 1001
Remaining SKU rearm count: 1001
Configured Activation Type: All

Most recent activation information:
Key Management Service client information
    Client Machine ID (CMID): {SYNTHETIC_CMID}
    KMS machine name from DNS: kms1.corp.example:1688
    KMS machine IP address: 10.5.213.229
    KMS machine extended PID: 06401-00206-000-000000-03-1033-26100.0000-0012026 (synthetic)
    Activation interval: 120 minutes
    Renewal interval: 10080 minutes
    KMS host caching is enabled
"
    );
    assert_eq!(ran.text, expected);
    // `dli`: without the detailed lines.
    let dli = run(&contract, &mut model, &["dli"]).text;
    for detailed in [
        "Software licensing",
        "Activation ID:",
        "Extended PID:",
        "rearm",
    ] {
        assert!(!dli.contains(detailed), "{detailed}: {dli}");
    }
    assert!(dli.contains("    KMS machine name from DNS: kms1.corp.example:1688\n"));
    // Queries only.
    assert!(model.calls().is_empty());

    let json = &ran.json;
    assert_eq!(json["backend"], "system");
    assert_eq!(json["detailed"], true);
    assert_eq!(json["service"]["version"], SYNTHETIC_VERSION);
    assert_eq!(
        json["service"]["client_machine_id"],
        SYNTHETIC_CMID.to_string()
    );
    assert_eq!(json["service"]["kms_host"], Value::Null);
    let product = &json["products"][0];
    assert_eq!(product["activation_id"], enterprise().to_string());
    assert_eq!(product["license_status"], "licensed");
    assert_eq!(product["minutes_left"], 259_200);
    assert_eq!(product["status_ends_at"], time::iso8601(NOW + 180 * 86_400));
    assert_eq!(product["product_key_channel"], "Volume:GVLK");
    assert_eq!(product["n_policy"], Value::Null);
    assert_eq!(product["system"]["license_status_code"], 1);
    assert_eq!(product["system"]["license_status_reason"], "0x00000000");
    assert_eq!(product["system"]["activation_type"], "all");
    let kms = &product["kms_client"];
    assert_eq!(kms["state"], "kms");
    assert_eq!(kms["cmid"], SYNTHETIC_CMID.to_string());
    assert_eq!(kms["registered_kms_host"], Value::Null);
    assert_eq!(
        kms["discovered_host"],
        json!({"name": "kms1.corp.example", "port": 1688, "source": {"kind": "windows"},
               "ip": "10.5.213.229"})
    );
    assert_eq!(
        kms["kms_extended_pid"],
        "06401-00206-000-000000-03-1033-26100.0000-0012026 (synthetic)"
    );
    assert_eq!(kms["activation_interval_minutes"], 120);
    assert_eq!(kms["last_attempt"], Value::Null);
}

#[test]
fn dlv_all_shows_every_license_and_a_registered_host_takes_the_ip() {
    let contract = Contract::load();
    let mut model = licensed_client(&contract);
    let id = enterprise().to_string();
    // The product's own host and domain (slmgr's warning ends the block).
    run(
        &contract,
        &mut model,
        &["skms", "kms.corp.example:1700", &id],
    );
    run(&contract, &mut model, &["skms-domain", "corp.example", &id]);
    model.answers.push_back(Answer::Activated {
        host: None,
        ip: "fe80::5%12".into(),
        activation_interval: 120,
        renewal_interval: 10_080,
    });
    run(&contract, &mut model, &["ato", &id]);
    let ran = run(&contract, &mut model, &["dlv", "all"]);
    assert!(
        ran.text.contains(
            "    Registered KMS machine name: kms.corp.example:1700
    Registered KMS SRV record lookup domain: corp.example
    KMS machine IP address: fe80::5%12
"
        ),
        "{}",
        ran.text
    );
    assert!(ran.text.contains(
        "    Warning: /skms setting overrides the /skms-domain setting. kms.corp.example:1700 \
         will be used for activation.\n"
    ));
    // Licenses without a key are listed, not in use.
    assert!(ran.text.contains(
        "Name: Windows(R), Synthetic KMS host\n\
         Description: Windows(R) Operating System, VOLUME_KMS_SYNTHETIC channel\n\
         Activation ID: 5e7e71c0-0000-4000-8000-00000000a003\n"
    ));
    assert!(ran.text.contains("This license is not in use.\n"));

    let products = ran.json["products"].as_array().expect("products");
    assert_eq!(products.len(), model.products.len());
    let by_id = |id: Uuid| {
        products
            .iter()
            .find(|p| p["activation_id"] == id.to_string())
            .unwrap_or_else(|| panic!("{id} listed"))
    };
    let kms = &by_id(enterprise())["kms_client"];
    // The IP goes with the host Windows used (the zone names this machine's interface).
    assert_eq!(
        kms["registered_kms_host"],
        json!({"name": "kms.corp.example", "port": 1700, "source": {"kind": "configured"},
               "ip": "fe80::5"})
    );
    assert_eq!(kms["lookup_domain"], "corp.example");
    assert_eq!(kms["registered_kms_host_scope"], Value::Null);
    // The name Windows found earlier stays, without the IP it no longer belongs to.
    assert_eq!(kms["discovered_host"]["name"], "kms1.corp.example");
    assert!(kms["discovered_host"].get("ip").is_none(), "{kms}");
    let host = by_id(SYNTHETIC_KMS_HOST_ID);
    assert_eq!(host["partial_product_key"], Value::Null);
    assert_eq!(host["kms_client"], Value::Null, "not a KMS client");
    assert_eq!(host["license_status"], "unlicensed");
    assert_eq!(host["status_ends_at"], Value::Null);
    assert_eq!(
        by_id(SYNTHETIC_ADDON_ID)["system"]["license_is_addon"],
        true
    );
}

#[test]
fn statuses_and_blocks_read_as_slmgr_words_them() {
    let contract = Contract::load();
    let mut model = Model::synthetic_kms_client();
    let ran = run(&contract, &mut model, &["dli"]);
    assert!(
        ran.text.contains(
            "License Status: Initial grace period
Time remaining: 43200 minute(s) (30 day(s))
Configured Activation Type: All

Please use vlmgr ato to activate and update KMS client information in order to update values.
"
        ),
        "{}",
        ran.text
    );
    let product = &ran.json["products"][0];
    assert_eq!(product["license_status"], "initial_grace");
    assert_eq!(product["kms_client"]["state"], "not_activated");
    assert_eq!(product["kms_client"]["discovered_host"], Value::Null);

    let windows = model.product_mut(enterprise());
    windows.license_status = LicenseStatus::Notification;
    windows.license_status_reason = HResult(0xC004_F009);
    windows.grace_minutes = 0;
    let ran = run(&contract, &mut model, &["dli"]);
    assert!(ran.text.contains(
        "License Status: Notification\nNotification Reason: 0xC004F009 (grace time expired).\n"
    ));
    assert_eq!(ran.json["products"][0]["notification_reason"], "0xC004F009");
    assert_eq!(ran.json["products"][0]["status_ends_at"], Value::Null);

    let windows = model.product_mut(enterprise());
    windows.license_status = LicenseStatus::AdditionalGrace;
    windows.grace_minutes = 1_441;
    let ran = run(&contract, &mut model, &["dli"]);
    assert!(ran.text.contains(
        "License Status: Additional grace period (KMS license expired or hardware out of \
         tolerance)\nTime remaining: 1441 minute(s) (2 day(s))\n"
    ));
    assert_eq!(
        ran.json["products"][0]["license_status"],
        "additional_grace"
    );
}

#[test]
fn xpr_says_when_each_windows_license_ends() {
    let contract = Contract::load();
    let mut model = licensed_client(&contract);
    let ran = run(&contract, &mut model, &["xpr"]);
    assert_eq!(
        ran.text,
        format!(
            "Windows 10/11 Enterprise:\n    Volume activation will expire {}\n",
            time::text_datetime(NOW + 180 * 86_400)
        )
    );
    assert_eq!(ran.json["backend"], "system");
    assert_eq!(
        ran.json["products"][0]["ends_at"],
        time::iso8601(NOW + 180 * 86_400)
    );
    model.product_mut(enterprise()).grace_minutes = 0;
    let ran = run(&contract, &mut model, &["xpr", "win11-enterprise"]);
    assert!(
        ran.text
            .ends_with("    The machine is permanently activated.\n")
    );
    assert_eq!(ran.json["products"][0]["license_status"], "licensed");
    assert_eq!(ran.json["products"][0]["ends_at"], Value::Null);
}

#[test]
fn setters_print_slmgr_s_sentences_and_what_windows_holds_afterwards() {
    let contract = Contract::load();
    let mut model = Model::synthetic_kms_client();
    let ran = run(&contract, &mut model, &["-skms", "kms.corp.example:1700"]);
    assert_eq!(
        ran.text,
        "Key Management Service machine name set to kms.corp.example:1700 successfully.\n"
    );
    assert_eq!(
        ran.json,
        json!({
            "schema_version": 2, "backend": "system", "command": "skms",
            "message": "Key Management Service machine name set to kms.corp.example:1700 successfully.",
            "warnings": [],
            "settings": {
                "kms_host": {"name": "kms.corp.example", "port": 1700, "source": {"kind": "configured"}},
                "lookup_domain": null, "host_caching": true, "scope": "global"
            }
        })
    );
    let ran = run(&contract, &mut model, &["skms-domain", "corp.example"]);
    assert_eq!(
        ran.json["warnings"],
        json!([
            "/skms setting overrides the /skms-domain setting. kms.corp.example:1700 will be used for activation."
        ])
    );
    let ran = run(&contract, &mut model, &["ckms"]);
    assert_eq!(ran.json["settings"]["kms_host"], Value::Null);
    assert_eq!(
        ran.json["warnings"][0],
        "/skms-domain setting is in effect. corp.example will be used for DNS SRV record lookup."
    );
    let ran = run(&contract, &mut model, &["ckms-domain"]);
    assert_eq!(ran.json["settings"]["lookup_domain"], Value::Null);
    let ran = run(&contract, &mut model, &["/ckhc"]);
    assert_eq!(ran.text, "KMS host caching is disabled\n");
    assert_eq!(ran.json["settings"]["host_caching"], false);
    let ran = run(&contract, &mut model, &["skhc"]);
    assert_eq!(ran.json["settings"]["host_caching"], true);

    // A license's own settings, named by its catalog alias.
    let ran = run(
        &contract,
        &mut model,
        &["skms", "[2001:db8::5]", "office2021-proplus"],
    );
    let office = catalog_entry("office2021-proplus").activation_id;
    assert_eq!(ran.json["settings"]["scope"], office.to_string());
    assert_eq!(ran.json["product"]["activation_id"], office.to_string());
    assert_eq!(
        ran.json["settings"]["kms_host"],
        json!({"name": "2001:db8::5", "port": 1688, "source": {"kind": "configured"}})
    );
    assert_eq!(
        model.product(office).kms.machine.as_deref(),
        Some("[2001:db8::5]")
    );

    // A license that is not a KMS client: refused, exit 2, nothing called.
    model.journal.clear();
    let error = fail(
        &contract,
        &mut model,
        &["skms", "kms", &SYNTHETIC_MAK_ID.to_string()],
    );
    assert_eq!(error["exit_code"], 2);
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("not a KMS client")),
        "{error}"
    );
    assert!(model.calls().is_empty());
}

#[test]
fn keys_are_installed_and_removed_with_slmgr_s_registry_rule() {
    let contract = Contract::load();
    let mut model = Model::synthetic_kms_client().with_catalog_license("win10-pro");
    // A catalog name installs its GVLK.
    let ran = run(&contract, &mut model, &["/ipk", "win10-pro"]);
    assert_eq!(
        ran.text,
        "Installed product key W269N-WFGWX-YVC9B-4J6C9-T83GX successfully.\n"
    );
    assert_eq!(ran.json["backend"], "system");
    assert_eq!(
        ran.json["product"]["activation_id"],
        catalog_entry("win10-pro").activation_id.to_string()
    );
    assert_eq!(ran.json["kms_version"], Value::Null, "deleted");
    // Any key goes to Windows as typed (normalized): here a KMS host key.
    let ran = run(
        &contract,
        &mut model,
        &["ipk", &SYNTHETIC_KMS_HOST_KEY.to_lowercase()],
    );
    assert_eq!(ran.json["kms_version"], SYNTHETIC_VERSION);
    assert_eq!(model.kms_version.as_deref(), Some(SYNTHETIC_VERSION));
    let ran = run(&contract, &mut model, &["upk"]);
    assert_eq!(ran.text, "Uninstalled product key successfully.\n");
    assert_eq!(ran.json["kms_version"], Value::Null);
    assert_eq!(
        ran.json["product"]["activation_id"],
        SYNTHETIC_KMS_HOST_ID.to_string()
    );

    // A key Windows refuses: its HRESULT, exit 2.
    let error = fail(
        &contract,
        &mut model,
        &["ipk", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"],
    );
    assert_eq!(error["hresult"], "0xC004F050");
    assert_eq!(error["exit_code"], 2);
    // Text that is neither a key nor a catalog product: refused before any call.
    model.journal.clear();
    let error = fail(&contract, &mut model, &["ipk", "no-such-edition"]);
    assert_eq!(error["exit_code"], 2);
    assert!(model.journal.is_empty());
    // No key to remove: 0xC004F014, exit 5.
    let error = fail(&contract, &mut model, &["upk", "office2021-proplus"]);
    assert_eq!(error["hresult"], "0xC004F014");
    assert_eq!(error["exit_code"], 5);

    let ran = run(&contract, &mut model, &["cpky"]);
    assert_eq!(
        ran.text,
        "Product key from registry cleared successfully.\n"
    );
    assert_eq!(ran.json["command"], "cpky");
    assert_eq!(
        model.calls().last().map(|(_, method)| *method),
        Some(Method::ClearProductKeyFromRegistry)
    );
}

#[test]
fn ato_activates_windows_and_reports_what_windows_recorded() {
    let contract = Contract::load();
    let mut model = Model::synthetic_kms_client();
    model.answers.push_back(activated_by_dns());
    let ran = run(&contract, &mut model, &["/ato"]);
    assert_eq!(ran.exit, 0);
    assert_eq!(
        ran.text,
        "Activating Windows 10/11 Enterprise (73111121-5638-40f6-bc11-f1d7b0d64300) ...\n\
         Product activated successfully.\n"
    );
    let json = &ran.json;
    assert_eq!(json["backend"], "system");
    assert_eq!(json["contacted"], true);
    assert_eq!(json["activated"], true);
    assert_eq!(json["outcome"], "activated");
    assert_eq!(json["hresult"], "0x00000000");
    assert_eq!(json["protocol"], Value::Null);
    assert_eq!(json["response"], Value::Null);
    assert_eq!(
        json["host"],
        json!({"name": "kms1.corp.example", "port": 1688, "source": {"kind": "windows"},
               "ip": "10.5.213.229"})
    );
    assert_eq!(json["licensed_until"], time::iso8601(NOW + 180 * 86_400));
    assert_eq!(json["system"]["license_status"], "licensed");
    assert_eq!(json["system"]["renewal_interval_minutes"], 10_080);
    assert_eq!(json["exit_code"], 0);
}

#[test]
fn ato_failures_keep_vlmgr_s_exit_codes_with_the_hresult() {
    let contract = Contract::load();
    let mut model = Model::synthetic_kms_client();
    model.answers.push_back(Answer::CountTooLow {
        host: Some(("kms1.corp.example".into(), 1688)),
        ip: "10.5.213.229".into(),
        activation_interval: 45,
        renewal_interval: 10_080,
    });
    let ran = run(&contract, &mut model, &["ato"]);
    assert_eq!(ran.exit, 1);
    assert_eq!(ran.json["outcome"], "count_too_low");
    assert_eq!(ran.json["hresult"], "0xC004F038");
    assert_eq!(ran.json["activated"], false);
    assert_eq!(ran.json["system"]["activation_interval_minutes"], 45);
    assert!(
        ran.text.contains("\nError: 0xC004F038 "),
        "slmgr's error line: {}",
        ran.text
    );

    // No host: exit 3.
    let ran = run(&contract, &mut model, &["ato"]);
    assert_eq!(ran.exit, 3);
    assert_eq!(ran.json["outcome"], "unreachable");
    assert_eq!(ran.json["hresult"], "0xC004F074");
    // A host's refusal: exit 1.
    model
        .answers
        .push_back(Answer::Fails(HResult::KMS_CANNOT_BE_USED));
    let ran = run(&contract, &mut model, &["ato"]);
    assert_eq!((ran.exit, &ran.json["outcome"]), (1, &json!("host_error")));

    // Token-based activation only: refused as slmgr refuses it, nothing called.
    let mut model = Model::synthetic_kms_client();
    let windows = model.product_mut(enterprise());
    windows.activation_type_enabled = vlmgr::spp::ActivationType::Token;
    let error = fail(&contract, &mut model, &["ato"]);
    assert_eq!(error["exit_code"], 5, "token-only: refused");
    assert!(model.calls().is_empty());
}

#[test]
fn the_machine_s_own_problems_are_error_documents() {
    let contract = Contract::load();
    let mut model = Model::synthetic_kms_client();
    model.elevated = false;
    for args in [
        &["ato"][..],
        &["skms", "kms"],
        &["ipk", "win11-enterprise"],
        &["ckhc"],
    ] {
        let error = fail(&contract, &mut model, args);
        assert_eq!(error["hresult"], "0xC004F025", "{args:?}");
        assert_eq!(error["exit_code"], 5, "{args:?}");
        assert!(
            error["hint"]
                .as_str()
                .is_some_and(|h| h.contains("Run as administrator")),
            "{error}"
        );
    }

    let mut model = Model::synthetic_kms_client();
    model.service_missing = Some(HResult::WBEM_NOT_FOUND);
    for args in [&["dlv"][..], &["ato"], &["xpr"], &["cpky"], &["skhc"]] {
        let error = fail(&contract, &mut model, args);
        assert_eq!(error["hresult"], "0x80041002", "{args:?}");
        assert_eq!(error["exit_code"], 5, "{args:?}");
    }
    // The model panics on a call without the service: none was made.
    assert!(model.calls().is_empty());

    let mut model = Model::synthetic_kms_client();
    model.stalls = Some(Method::Activate);
    let error = fail(&contract, &mut model, &["ato"]);
    assert_eq!(error["hresult"], Value::Null);
    assert_eq!(error["exit_code"], 3, "Windows may still be trying hosts");

    let unknown = Uuid::from_u128(0x5e7e_0000_0000_4000_8000_0000_0000_0bad).to_string();
    let error = fail(&contract, &mut model, &["dli", &unknown]);
    assert_eq!(error["exit_code"], 2);
}

#[test]
fn renew_leaves_licensed_products_to_windows() {
    let contract = Contract::load();
    let mut model = licensed_client(&contract);
    let ran = run(&contract, &mut model, &["renew"]);
    assert_eq!(ran.exit, 0);
    assert_eq!(
        ran.text,
        "Windows 10/11 Enterprise is activated (180 day(s) left) and Windows renews it by \
         itself (nothing was called).\n"
    );
    assert_eq!(ran.json["contacted"], false);
    assert_eq!(ran.json["activated"], true);
    assert_eq!(ran.json["outcome"], Value::Null);
    assert_eq!(ran.json["hresult"], Value::Null);
    assert!(model.calls().is_empty());

    // In grace: renew activates.
    model.product_mut(enterprise()).license_status = LicenseStatus::InitialGrace;
    model.answers.push_back(activated_by_dns());
    let ran = run(&contract, &mut model, &["renew"]);
    assert_eq!(ran.json["contacted"], true);
    assert_eq!(ran.json["outcome"], "activated");
    assert_eq!(
        model.calls().first().map(|(_, method)| *method),
        Some(Method::Activate)
    );
}

#[test]
fn a_licensed_mak_is_not_activated_again() {
    let contract = Contract::load();
    let mut model = Model::synthetic_kms_client();
    run(&contract, &mut model, &["ipk", SYNTHETIC_MAK_KEY]);
    model.product_mut(SYNTHETIC_MAK_ID).license_status = LicenseStatus::Licensed;
    model.journal.clear();
    let ran = run(&contract, &mut model, &["ato"]);
    assert_eq!(ran.exit, 0);
    assert!(ran.text.contains("is activated with a MAK"), "{}", ran.text);
    assert_eq!(ran.json["contacted"], false);
    assert!(model.calls().is_empty());
}

/// The real binary: which backend a command line picks on this OS.
mod binary {
    use std::path::Path;
    use std::process::Output;

    use std::process::Command;

    #[cfg(windows)]
    use super::support::dns::{DnsServer, Zone};
    use super::support::kms_host::KmsHost;

    const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";

    /// `vlmgr ARGS` with `state` and the backend variable as given (unset: `None`).
    fn vlmgr(state: &Path, standalone_env: Option<&str>, args: &[&str]) -> Output {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("vlmgr"));
        command
            .env("VLMGR_STATE_DIR", state)
            .env_remove("VLMGR_DNS_SERVER")
            .env_remove("VLMGR_STANDALONE");
        if let Some(value) = standalone_env {
            command.env("VLMGR_STANDALONE", value);
        }
        command.args(args);
        super::support::wine::output_without_waiting_for_inherited_pipes(&mut command)
            .expect("vlmgr runs")
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    /// `--standalone ato` and `VLMGR_STANDALONE=1 ato` activate against the test host on
    /// every OS (on Windows, with vlmgr's own client instead of Windows' licensing).
    #[test]
    fn standalone_activates_against_the_test_host() {
        let host = KmsHost::start(30).expect("test host");
        let dir = tempfile::tempdir().expect("dir");
        let state = dir.path();
        let out = vlmgr(state, None, &["--standalone", "ipk", PRO_GVLK]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let out = vlmgr(
            state,
            None,
            &[
                "--standalone",
                "--json",
                "ato",
                "--kms",
                &host.address_arg(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(doc["backend"], "standalone");
        assert_eq!(doc["activated"], true);
        let out = vlmgr(state, Some("yes"), &["/dli", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(doc["backend"], "standalone");
        assert_eq!(doc["products"][0]["license_status"], "licensed");
    }

    /// Off Windows `--standalone` changes nothing, and asking for the system backend is
    /// a usage error that says why.
    #[cfg(not(windows))]
    #[test]
    fn off_windows_the_system_backend_is_a_usage_error() {
        let dir = tempfile::tempdir().expect("dir");
        let state = dir.path();
        let plain = vlmgr(state, None, &["ipk", PRO_GVLK]);
        assert_eq!(plain.status.code(), Some(0));
        let with_flag = vlmgr(state, None, &["--standalone", "dlv"]);
        let without = vlmgr(state, None, &["dlv"]);
        assert_eq!(with_flag.status.code(), Some(0));
        assert_eq!(
            with_flag.stdout, without.stdout,
            "--standalone changes nothing"
        );
        for value in ["0", "no", "false"] {
            let out = vlmgr(state, Some(value), &["dlv"]);
            assert_eq!(out.status.code(), Some(2), "{value}");
            let stderr = text(&out.stderr);
            assert!(
                stderr.contains(&format!(
                    "VLMGR_STANDALONE={value} asks for the system backend"
                )),
                "{stderr}"
            );
            assert!(stderr.contains("only Windows has"), "{stderr}");
            assert!(out.stdout.is_empty());
        }
        let out = vlmgr(state, Some("0"), &["--json", "ato"]);
        assert_eq!(out.status.code(), Some(2));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(doc["error"]["exit_code"], 2);
        let out = vlmgr(state, None, &["/cpky"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("keeps no key there"));
        let out = vlmgr(state, Some("sometimes"), &["dli"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("is not understood"));
    }

    /// Windows without its licensing service (Wine 8 has none): every slmgr command of
    /// the default backend stops with WMI's error, exit 5, and a hint; none crashes
    /// (a method call on the missing class would kill the process under Wine). On a real
    /// Windows machine the service is there: not run there yet (docs/windows.md).
    #[cfg(windows)]
    #[test]
    fn the_licensing_service_absent_is_a_clean_error_for_every_slmgr_command() {
        if !super::support::wine::is_wine() {
            return;
        }
        let dir = tempfile::tempdir().expect("dir");
        let state = dir.path();
        let commands: [&[&str]; 14] = [
            &["ipk", PRO_GVLK],
            &["upk"],
            &["ato"],
            &["renew"],
            &["dli"],
            &["dlv", "all"],
            &["xpr"],
            &["skms", "kms.corp.example"],
            &["ckms"],
            &["skms-domain", "corp.example"],
            &["ckms-domain"],
            &["skhc"],
            &["ckhc"],
            &["cpky"],
        ];
        for args in commands {
            let mut all = vec!["--timeout", "2m"];
            all.extend_from_slice(args);
            let out = vlmgr(state, None, &all);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(5), "{args:?}: {stderr}");
            assert!(
                stderr.contains("0x80041002") || stderr.contains("0x80041010"),
                "{args:?}: {stderr}"
            );
            assert!(
                stderr.contains("SoftwareLicensingService"),
                "{args:?}: {stderr}"
            );
            assert!(stderr.contains("sppsvc"), "{args:?}: {stderr}");
            all.push("--json");
            let out = vlmgr(state, None, &all);
            let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            assert_eq!(doc["error"]["exit_code"], 5, "{args:?}: {doc}");
            println!("{args:?}: {}", doc["error"]["hresult"]);
        }
        // vlmgr's own state was never written.
        assert!(!state.join("state.json").exists());
        // The standalone client's options are refused on the system backend.
        let out = vlmgr(state, None, &["ato", "--kms", "127.0.0.1"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("--standalone"));
        // So are check's questions about vlmgr's own client; a monitor gets UNKNOWN.
        let out = vlmgr(state, None, &["check", "--expiry", "--format", "nagios"]);
        assert_eq!(out.status.code(), Some(3));
        assert!(text(&out.stdout).starts_with("KMS UNKNOWN - check --expiry reads"));
        let out = vlmgr(state, None, &["check", "--activate", "corp.test"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("`vlmgr check`"),
            "{}",
            text(&out.stderr)
        );
        // discover still runs; Windows' own view is a note.
        let dns = DnsServer::start(&[Zone::new("corp.test")]).expect("dns");
        let server = dns.addr().to_string();
        let out = vlmgr(
            state,
            None,
            &[
                "--timeout",
                "2m",
                "--dns-server",
                &server,
                "--json",
                "discover",
                "corp.test",
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(3),
            "no records: {}",
            text(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(doc["system"], serde_json::Value::Null, "{doc}");
        assert!(
            doc["notes"]
                .as_array()
                .is_some_and(|notes| notes.iter().any(|n| {
                    n.as_str().is_some_and(|n| {
                        n.starts_with("Windows' own KMS settings could not be read")
                    })
                })),
            "{doc}"
        );
    }
}

/// `dist/windows/verify.ps1` reads the fields of `vlmgr --json dlv all` by path: every
/// path it reads is one the system backend's document has (it would silently compare
/// nothing otherwise).
#[test]
fn verify_ps1_reads_fields_the_dlv_document_has() {
    let script = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist/windows/verify.ps1"),
    )
    .expect("verify.ps1");
    let (document_paths, product_paths) = verify_ps1_paths(&script);
    assert!(product_paths.len() > 20, "{product_paths:?}");

    let contract = Contract::load();
    // One license found by Windows' DNS discovery, one with its own registered host.
    let mut model = licensed_client(&contract);
    let office = catalog_entry("office2021-proplus")
        .activation_id
        .to_string();
    run(&contract, &mut model, &["ipk", "office2021-proplus"]);
    run(
        &contract,
        &mut model,
        &["skms", "kms.corp.example", &office],
    );
    run(
        &contract,
        &mut model,
        &["skms-domain", "corp.example", &office],
    );
    model.answers.push_back(activated_by_dns());
    run(&contract, &mut model, &["ato", &office]);
    let doc = run(&contract, &mut model, &["dlv", "all"]).json;
    let products = doc["products"].as_array().expect("products");

    let has = |value: &Value, path: &str| {
        let mut at = value;
        for name in path.split('.') {
            match at.get(name) {
                Some(next) => at = next,
                None => return false,
            }
        }
        true
    };
    for path in &document_paths {
        let error = json!({"error": {"message": "m"}});
        assert!(
            has(&doc, path) || has(&error, path),
            "verify.ps1 reads {path}, which the dlv document lacks: {doc:#}"
        );
    }
    for path in &product_paths {
        assert!(
            products.iter().any(|product| has(product, path)),
            "verify.ps1 reads products[].{path}, which no product of the document has: {doc:#}"
        );
    }
}

/// The paths verify.ps1 reads: of the document (`Get-Field $doc`), and of a product
/// (`Get-Field $p`, and the values of its label-to-field tables).
fn verify_ps1_paths(script: &str) -> (Vec<String>, Vec<String>) {
    let quoted_after = |marker: &str| -> Vec<String> {
        script
            .match_indices(marker)
            .filter_map(|(at, _)| {
                let rest = &script[at + marker.len()..];
                rest.split('\'').next().map(str::to_string)
            })
            .collect()
    };
    let document = quoted_after("Get-Field $doc '");
    let mut product = quoted_after("Get-Field $p '");
    for table in [
        "$textFields = [ordered]@{",
        "$hostFields = [ordered]@{",
        "$countFields = @{",
    ] {
        let start = script
            .find(table)
            .unwrap_or_else(|| panic!("{table} in verify.ps1"));
        let body = &script[start + table.len()..];
        let body = &body[..body.find('}').expect("the table ends")];
        for line in body.lines() {
            if let Some((_, field)) = line.split_once(" = '") {
                product.push(field.trim_end_matches('\'').to_string());
            }
        }
    }
    (document, product)
}
