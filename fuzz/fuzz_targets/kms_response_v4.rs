#![no_main]
//! V4 responses against the recorded det-v4 request.

use libfuzzer_sys::fuzz_target;
use vlmgr::protocol::kms::{self, ProtocolVersion};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let pending = common::det_pending(ProtocolVersion::V4);
    let _ = kms::decode_response(&pending, data);
});
