//! Shared by the KMS response targets: the `det-*` request of the recorded
//! vectors, so seeds taken from the recorded responses verify completely and
//! mutations start from deep inside the decoder.

use vlmgr::protocol::crypto::{BLOCK_LEN, pkcs7_padded};
use vlmgr::protocol::kms::{self, PendingRequest, ProtocolVersion};

/// The recorded det-v6 request base (236 bytes; the version bytes are replaced).
const DET_BASE_HEX: &str = "000006000000000002000000c0a800003427c95582d6714d983ed6ec3f16059f9273e62da7b72a46b1ca108dd189f5884f13e258118e174d9cb291069c151148111111112222334384445555555555551900000000a0883a1bb4da010000000000000000000000000000000074006500730074002d0068006f00730074002e006500780061006d0070006c0065002e0063006f006d000000000000000000000000000000000000000000000000000000cceeffffff7f00003152fbf7ff7f0000c552fbf7ff7f000032e5faf7ff7f000000000000000000000000000000000000000000000000000053efffff";
/// The recorded det-v5/det-v6 request IV.
const DET_IV: [u8; 16] = [
    0xf3, 0x90, 0x31, 0xad, 0x0b, 0xa3, 0xe3, 0xc7, 0x66, 0xec, 0x28, 0x17, 0xc5, 0x23, 0xa0, 0x90,
];

fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => 0,
    }
}

/// The pending request of the recorded `det-*` exchange for `version`.
pub fn det_pending(version: ProtocolVersion) -> PendingRequest {
    let mut base = [0u8; kms::REQUEST_BASE_LEN];
    for (byte, pair) in base.iter_mut().zip(DET_BASE_HEX.as_bytes().chunks_exact(2)) {
        *byte = nibble(pair[0]) << 4 | nibble(pair[1]);
    }
    base[2] = version.major() as u8;
    kms::encode_request_base_bytes(version, &base, DET_IV).1
}

/// Treats `data` as V5/V6 plaintext (plain IV onward): pads and encrypts it
/// as a host would, so the fuzzer explores the checks after decryption.
#[allow(dead_code)] // used by the V5/V6 targets only
pub fn seal(version: ProtocolVersion, data: &[u8]) -> Vec<u8> {
    let mut blocks = pkcs7_padded(data);
    version
        .cipher()
        .cbc_encrypt_blocks(&[0u8; BLOCK_LEN], &mut blocks);
    let mut message = version.wire_bytes().to_vec();
    message.extend_from_slice(blocks.as_flattened());
    message
}
