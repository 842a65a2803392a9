#![no_main]
//! The framing helper on any prefix: never panics, and any length it
//! returns is within the header size and MAX_PDU_LEN.

use libfuzzer_sys::fuzz_target;
use vlmgr::protocol::rpc::{MAX_PDU_LEN, PDU_HEADER_LEN, pdu_frame_len};

fuzz_target!(|data: &[u8]| {
    if let Ok(Some(len)) = pdu_frame_len(data) {
        assert!((PDU_HEADER_LEN..=MAX_PDU_LEN).contains(&len));
    }
});
