#![no_main]
//! V5 responses against the recorded det-v5 request. The first input byte
//! picks the mode: even = the rest is a wire message; odd = the rest is
//! plaintext that is padded and encrypted first, so mutations reach the
//! checks behind the padding (ePID, echoes, hash).

use libfuzzer_sys::fuzz_target;
use vlmgr::protocol::kms::{self, ProtocolVersion};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let version = ProtocolVersion::V5;
    let pending = common::det_pending(version);
    match data.split_first() {
        Some((mode, rest)) if mode % 2 == 1 => {
            let _ = kms::decode_response(&pending, &common::seal(version, rest));
        }
        Some((_, rest)) => {
            let _ = kms::decode_response(&pending, rest);
        }
        None => {}
    }
});
