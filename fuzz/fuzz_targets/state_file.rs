#![no_main]
//! The state file parser: arbitrary bytes never panic, and whatever parses survives a
//! write/read round trip unchanged.

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use vlmgr::state::parse_bytes;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz/state.json");
    if let Ok(state) = parse_bytes(data, path) {
        let written = serde_json::to_vec_pretty(&state).expect("a parsed state serializes");
        let again = parse_bytes(&written, path).expect("what vlmgr writes, it reads");
        assert_eq!(again, state);
    }
});
