//! Property tests of the parsers of untrusted text that are vlmgr's own (the protocol's
//! are in protocol_proptest.rs): the state file, addresses, durations, the command line.

use std::ffi::OsString;
use std::path::Path;

use proptest::prelude::*;
use vlmgr::address::KmsAddress;
use vlmgr::cli::duration::parse_duration;
use vlmgr::cli::{Parsed, parse};
use vlmgr::state::{StateError, parse_bytes};

const VALID_STATE: &str = r#"{
  "schema_version": 1,
  "cmid": "11111111-2222-4333-8444-555555555555",
  "created_at": 1700000000,
  "settings": {"kms_host": {"host": "kms.corp.example", "port": 1688}, "lookup_domain": "corp.example", "host_caching": true},
  "products": [{
    "activation_id": "2de67392-b7a7-462a-b1ca-108dd189f588", "installed_at": 1700000000,
    "settings": {"kms_host": null, "lookup_domain": null}, "cached_host": {"host": "10.0.0.5", "port": 1688},
    "licensed_until": 1715552000, "activation_interval_minutes": 120, "renewal_interval_minutes": 10080,
    "last_result": {"at": 1700000000, "outcome": "activated", "hresult": 0, "protocol": 6,
      "host": {"name": "kms1.corp.example", "port": 1688, "ip": "10.0.0.5", "source": {"kind": "dns", "domain": "corp.example"}},
      "response": {"epid": "03612-00206-556-123727-03-1033-17763.0000-2972018", "hwid": "3A1C049600B60076", "count": 50,
        "activation_interval_minutes": 120, "renewal_interval_minutes": 10080}}
  }]
}"#;

/// One unit of an OS string as the OS passes arguments: a byte on Unix, a UTF-16 code
/// unit (unpaired surrogates included) on Windows.
#[cfg(unix)]
type OsUnit = u8;
#[cfg(windows)]
type OsUnit = u16;

/// Any sequence of units as an argument, valid Unicode or not.
fn os_string(units: Vec<OsUnit>) -> OsString {
    #[cfg(unix)]
    return std::os::unix::ffi::OsStringExt::from_vec(units);
    #[cfg(windows)]
    return std::os::windows::ffi::OsStringExt::from_wide(&units);
}

#[test]
fn the_reference_state_parses() {
    let state = parse_bytes(VALID_STATE.as_bytes(), Path::new("x")).expect("valid");
    assert_eq!(state.products.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn state_parser_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_bytes(&bytes, Path::new("x"));
    }

    /// Single-byte changes and truncations of a valid file: either still a valid state that
    /// round-trips, or a clear Corrupt/FutureVersion error naming the path.
    #[test]
    fn mutated_state_files_fail_cleanly(position in 0usize..VALID_STATE.len(), byte in any::<u8>(), truncate in any::<bool>()) {
        let mut bytes = VALID_STATE.as_bytes().to_vec();
        if truncate {
            bytes.truncate(position);
        } else {
            bytes[position] = byte;
        }
        match parse_bytes(&bytes, Path::new("/state/state.json")) {
            Ok(state) => {
                let written = serde_json::to_vec(&state).expect("serializes");
                prop_assert_eq!(parse_bytes(&written, Path::new("x")).expect("reads back"), state);
            }
            Err(error @ (StateError::Corrupt { .. } | StateError::FutureVersion { .. })) => {
                prop_assert!(error.to_string().contains("/state/state.json"));
            }
            Err(other) => prop_assert!(false, "unexpected error kind: {other}"),
        }
    }

    #[test]
    fn addresses_round_trip_or_fail(text in "\\PC{0,40}|[a-z0-9.:\\[\\]-]{0,40}") {
        if let Ok(address) = KmsAddress::parse(&text) {
            let printed = address.to_string();
            prop_assert_eq!(KmsAddress::parse(&printed), Ok(address));
        }
    }

    #[test]
    fn durations_never_panic(text in "\\PC{0,30}|[0-9]{0,25}[a-z]{0,3}[0-9]{0,5}[a-z]{0,2}") {
        let _ = parse_duration(&text);
    }

    #[test]
    fn any_argv_parses_or_exits_cleanly(args in proptest::collection::vec(proptest::collection::vec(any::<OsUnit>(), 0..24), 0..6)) {
        let mut argv = vec![OsString::from("vlmgr")];
        argv.extend(args.into_iter().map(os_string));
        match parse(argv) {
            Parsed::Run(_) | Parsed::Exit { .. } | Parsed::Monitor { .. } => {}
        }
    }

    #[test]
    fn slmgr_words_parse_or_exit_cleanly(
        prefix in proptest::sample::select(vec!["/", "-", ""]),
        word in proptest::sample::select(vec!["ato", "ATO", "skms", "dlv", "ipk", "xpr", "skms-domain", "ckhc", "foo", "?", ""]),
        arg in "\\PC{0,20}",
    ) {
        let argv = vec![OsString::from("vlmgr"), OsString::from(format!("{prefix}{word}")), OsString::from(arg)];
        match parse(argv) {
            Parsed::Run(_) | Parsed::Exit { .. } | Parsed::Monitor { .. } => {}
        }
    }
}
