#![no_main]
//! Every PDU type through decode_pdu (what a host sends) and decode_client_pdu
//! (what a client sends, feature `test-host`); response messages go on to the
//! KMS decoder of every version.

use libfuzzer_sys::fuzz_target;
use vlmgr::protocol::kms::{self, ProtocolVersion};
use vlmgr::protocol::rpc::{Pdu, ResponseBody, decode_client_pdu, decode_pdu, pdu_frame_len};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let framed = pdu_frame_len(data);
    if decode_client_pdu(data).is_ok() {
        assert_eq!(framed, Ok(Some(data.len())));
    }
    if let Ok(pdu) = decode_pdu(data) {
        // Anything that decodes was framed as exactly this long.
        assert_eq!(framed, Ok(Some(data.len())));
        if let Pdu::Response(response) = pdu {
            if let ResponseBody::Message(message) = response.body {
                for version in [
                    ProtocolVersion::V4,
                    ProtocolVersion::V5,
                    ProtocolVersion::V6,
                ] {
                    let _ = kms::decode_response(&common::det_pending(version), &message);
                }
            }
        }
    }
});
