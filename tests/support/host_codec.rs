//! Host-side KMS codec, for tests only: vlmgr contains no KMS host.
//!
//! Decodes what a client sends (KMS request messages; the RPC side is
//! `vlmgr::protocol::rpc::decode_client_pdu`, feature `test-host`) and builds what a host answers:
//! V4/V5/V6 responses, response PDUs with a message or an error HRESULT,
//! bind_ack / alter_context_resp / bind_nak and fault PDUs. Built only on the
//! public primitives of `vlmgr::protocol`, so a test host made from it checks
//! the client against an independent composition of the same crypto; the
//! known-answer tests check this module against bytes recorded from vlmcsd.
#![allow(dead_code)]

use vlmgr::protocol::FileTime;
use vlmgr::protocol::HResult;
use vlmgr::protocol::crypto::{
    BLOCK_LEN, pkcs7_pad_len, pkcs7_padded, sha256, v4_mac, v6_hmac_key, v6_hmac_tag, v6_time_slot,
};
use vlmgr::protocol::kms::{
    ProtocolVersion, REQUEST_BASE_LEN, RequestBase, V4_REQUEST_LEN, V5_V6_REQUEST_LEN,
};
use vlmgr::protocol::rpc::{
    AckResult, BTFN_SYNTAX, Bind, ContextResult, PFC_CONC_MPX, PFC_DID_NOT_EXECUTE, PFC_FIRST_FRAG,
    PFC_LAST_FRAG, RESPONSE_REFERENT, ResponseBody, SyntaxId, TransferSyntax, WINDOWS_MAX_FRAG,
};

/// Why a request could not be served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostCodecError {
    /// Message shorter than its version's layout or otherwise the wrong size.
    WrongLength { expected: usize, actual: usize },
    /// A major version other than 4, 5, 6 (a host answers 0x8007000D).
    UnsupportedVersion { major: u16, minor: u16 },
    /// V4 request MAC does not match.
    BadMac,
    /// V5/V6 request padding invalid after decryption.
    BadPadding,
    /// The decrypted base is not a valid request base.
    BadBase(String),
}

/// A request as a host sees it.
#[derive(Debug, Clone)]
pub(crate) struct DecodedRequest {
    /// Version from the message header.
    pub version: ProtocolVersion,
    /// The decrypted base, field by field.
    pub base: RequestBase,
    /// The decrypted base as sent (including any bytes after the name's NUL).
    pub base_bytes: [u8; REQUEST_BASE_LEN],
    /// V5/V6: the IV sent in clear.
    pub request_iv: [u8; 16],
    /// V5/V6: D_K(request IV), what the host sees in the IV slot.
    pub decrypted_iv: [u8; 16],
}

fn u16_at(bytes: &[u8], offset: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        bytes.get(offset..offset + 2)?.try_into().ok()?,
    ))
}

/// Decodes and verifies a KMS request message.
pub(crate) fn decode_kms_request(message: &[u8]) -> Result<DecodedRequest, HostCodecError> {
    let too_short = HostCodecError::WrongLength {
        expected: V4_REQUEST_LEN,
        actual: message.len(),
    };
    let minor = u16_at(message, 0).ok_or(too_short.clone())?;
    let major = u16_at(message, 2).ok_or(too_short)?;
    let version = ProtocolVersion::try_from(major)
        .ok()
        .filter(|_| minor == 0)
        .ok_or(HostCodecError::UnsupportedVersion { major, minor })?;
    let mut base_bytes = [0u8; REQUEST_BASE_LEN];
    let mut request_iv = [0u8; 16];
    let mut decrypted_iv = [0u8; 16];
    match version {
        ProtocolVersion::V4 => {
            if message.len() != V4_REQUEST_LEN {
                return Err(HostCodecError::WrongLength {
                    expected: V4_REQUEST_LEN,
                    actual: message.len(),
                });
            }
            let (base, mac) = message.split_at(REQUEST_BASE_LEN);
            if v4_mac(base).as_slice() != mac {
                return Err(HostCodecError::BadMac);
            }
            base_bytes.copy_from_slice(base);
        }
        ProtocolVersion::V5 | ProtocolVersion::V6 => {
            if message.len() != V5_V6_REQUEST_LEN {
                return Err(HostCodecError::WrongLength {
                    expected: V5_V6_REQUEST_LEN,
                    actual: message.len(),
                });
            }
            request_iv.copy_from_slice(&message[4..20]);
            // As vlmcsd does: decrypt IV|body with a zero IV; block 0 becomes D_K(IV).
            let mut plain = message[4..].to_vec();
            version
                .cipher()
                .cbc_decrypt(&[0u8; BLOCK_LEN], &mut plain)
                .map_err(|_| HostCodecError::BadPadding)?;
            let pad = pkcs7_pad_len(&plain).ok_or(HostCodecError::BadPadding)?;
            if pad != 4 {
                return Err(HostCodecError::BadPadding);
            }
            decrypted_iv.copy_from_slice(&plain[..16]);
            base_bytes.copy_from_slice(&plain[16..16 + REQUEST_BASE_LEN]);
        }
    }
    let base =
        RequestBase::from_bytes(&base_bytes).map_err(|e| HostCodecError::BadBase(e.to_string()))?;
    Ok(DecodedRequest {
        version,
        base,
        base_bytes,
        request_iv,
        decrypted_iv,
    })
}

/// What a host puts in its answer.
#[derive(Debug, Clone)]
pub(crate) struct HostAnswer {
    /// Host ePID (without NUL).
    pub epid: String,
    /// Current count.
    pub count: u32,
    /// VLActivationInterval, minutes.
    pub activation_interval_minutes: u32,
    /// VLRenewalInterval, minutes.
    pub renewal_interval_minutes: u32,
    /// V6 HwId.
    pub hwid: [u8; 8],
    /// The host's 16 random bytes (hashed into the answer).
    pub random: [u8; 16],
    /// V6: the random plain IV of the response.
    pub response_iv: [u8; 16],
    /// V6: time slot offset of the HMAC key (0 for a conforming host; the
    /// client tolerates -1 and +1).
    pub hmac_slot_offset: i64,
}

impl HostAnswer {
    /// The answer vlmcsd gave in the recorded `det-*` sets.
    pub(crate) fn recorded_det(random: [u8; 16], response_iv: [u8; 16]) -> HostAnswer {
        HostAnswer {
            epid: "03612-00206-556-123727-03-1033-17763.0000-2972018".to_owned(),
            count: 50,
            activation_interval_minutes: 120,
            renewal_interval_minutes: 10080,
            hwid: [0x3A, 0x1C, 0x04, 0x96, 0x00, 0xB6, 0x00, 0x76],
            random,
            response_iv,
            hmac_slot_offset: 0,
        }
    }
}

/// The response base (44 + P bytes) echoing `request`.
pub(crate) fn encode_response_base(request: &DecodedRequest, answer: &HostAnswer) -> Vec<u8> {
    let epid: Vec<u8> = answer
        .epid
        .encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut out = Vec::new();
    out.extend_from_slice(&request.base_bytes[0..4]); // version echo
    out.extend_from_slice(&(epid.len() as u32).to_le_bytes());
    out.extend_from_slice(&epid);
    out.extend_from_slice(&request.base.cmid.to_bytes_le());
    out.extend_from_slice(&request.base.client_time.to_le_bytes());
    out.extend_from_slice(&answer.count.to_le_bytes());
    out.extend_from_slice(&answer.activation_interval_minutes.to_le_bytes());
    out.extend_from_slice(&answer.renewal_interval_minutes.to_le_bytes());
    out
}

/// The KMS response message a host sends for `request`.
pub(crate) fn encode_kms_response(request: &DecodedRequest, answer: &HostAnswer) -> Vec<u8> {
    let base = encode_response_base(request, answer);
    match request.version {
        ProtocolVersion::V4 => {
            let mut message = base.clone();
            message.extend_from_slice(&v4_mac(&base));
            message
        }
        ProtocolVersion::V5 | ProtocolVersion::V6 => {
            let v6 = request.version == ProtocolVersion::V6;
            let mut plain = Vec::new();
            // V5 repeats D_K(request IV) so the encrypted IV equals the request IV.
            plain.extend_from_slice(if v6 {
                &answer.response_iv
            } else {
                &request.decrypted_iv
            });
            plain.extend_from_slice(&base);
            let xored: Vec<u8> = answer
                .random
                .iter()
                .zip(&request.decrypted_iv)
                .map(|(r, d)| r ^ d)
                .collect();
            plain.extend_from_slice(&xored);
            plain.extend_from_slice(&sha256(&answer.random));
            if v6 {
                plain.extend_from_slice(&answer.hwid);
                plain.extend_from_slice(&request.decrypted_iv);
                let key = v6_hmac_key(v6_time_slot(
                    request.base.client_time,
                    answer.hmac_slot_offset,
                ));
                let tag = v6_hmac_tag(&key, &plain);
                plain.extend_from_slice(&tag);
            }
            let mut blocks = pkcs7_padded(&plain);
            request
                .version
                .cipher()
                .cbc_encrypt_blocks(&[0u8; BLOCK_LEN], &mut blocks);
            let mut message = request.base_bytes[0..4].to_vec();
            message.extend_from_slice(blocks.as_flattened());
            message
        }
    }
}

/// The V6 HMAC key a host uses at `time` (exposed for skew tests).
pub(crate) fn hmac_key_at(time: FileTime) -> [u8; 16] {
    v6_hmac_key(v6_time_slot(time, 0))
}

fn header(ptype: u8, flags: u8, call_id: u32) -> Vec<u8> {
    let mut pdu = vec![5, 0, ptype, flags, 0x10, 0, 0, 0, 0, 0, 0, 0];
    pdu.extend_from_slice(&call_id.to_le_bytes());
    pdu
}

fn finish(mut pdu: Vec<u8>) -> Vec<u8> {
    let len = (pdu.len() as u16).to_le_bytes();
    pdu[8..10].copy_from_slice(&len);
    pdu
}

/// The results vlmcsd gives a bind: NDR64 accepted and NDR32 rejected when
/// both are offered and `prefer_ndr64` is set (vlmcsd's random start-up
/// choice), NDR32 accepted otherwise; BTFN answered with a negotiate ack;
/// other interfaces or syntaxes rejected.
pub(crate) fn bind_results(bind: &Bind, prefer_ndr64: bool) -> Vec<ContextResult> {
    let offers_ndr64 = bind.contexts.iter().any(|c| {
        c.transfer_syntaxes
            .iter()
            .any(|s| s.uuid == TransferSyntax::Ndr64.uuid())
    });
    bind.contexts
        .iter()
        .map(|item| {
            let syntax = item.transfer_syntaxes.first().map(|s| s.uuid);
            let right_interface = item.abstract_syntax.uuid == vlmgr::protocol::rpc::KMS_INTERFACE;
            let zero = SyntaxId {
                uuid: uuid::Uuid::nil(),
                version: 0,
            };
            let accept = |syntax: TransferSyntax| ContextResult {
                result: AckResult::Acceptance,
                reason: 0,
                transfer_syntax: SyntaxId {
                    uuid: syntax.uuid(),
                    version: syntax.version(),
                },
            };
            let reject = |reason| ContextResult {
                result: AckResult::ProviderRejection,
                reason,
                transfer_syntax: zero,
            };
            match syntax {
                Some(s) if s == BTFN_SYNTAX => ContextResult {
                    result: AckResult::NegotiateAck,
                    reason: 3,
                    transfer_syntax: zero,
                },
                _ if !right_interface => reject(1),
                Some(s) if s == TransferSyntax::Ndr32.uuid() => {
                    if prefer_ndr64 && offers_ndr64 {
                        reject(2)
                    } else {
                        accept(TransferSyntax::Ndr32)
                    }
                }
                Some(s) if s == TransferSyntax::Ndr64.uuid() && prefer_ndr64 => {
                    accept(TransferSyntax::Ndr64)
                }
                _ => reject(2),
            }
        })
        .collect()
}

fn bind_ack_like(
    ptype: u8,
    flags: u8,
    call_id: u32,
    assoc_group: u32,
    secondary_address: &[u8],
    results: &[ContextResult],
) -> Vec<u8> {
    let mut pdu = header(ptype, flags, call_id);
    pdu.extend_from_slice(&WINDOWS_MAX_FRAG.to_le_bytes());
    pdu.extend_from_slice(&WINDOWS_MAX_FRAG.to_le_bytes());
    pdu.extend_from_slice(&assoc_group.to_le_bytes());
    pdu.extend_from_slice(&(secondary_address.len() as u16).to_le_bytes());
    pdu.extend_from_slice(secondary_address);
    while !pdu.len().is_multiple_of(4) {
        pdu.push(0);
    }
    pdu.extend_from_slice(&[results.len() as u8, 0, 0, 0]);
    for result in results {
        pdu.extend_from_slice(&result.result.to_u16().to_le_bytes());
        pdu.extend_from_slice(&result.reason.to_le_bytes());
        pdu.extend_from_slice(&result.transfer_syntax.uuid.to_bytes_le());
        pdu.extend_from_slice(&result.transfer_syntax.version.to_le_bytes());
    }
    finish(pdu)
}

/// A bind_ack (flags 0x13 as vlmcsd sends, secondary address e.g. `b"1688\0"`).
pub(crate) fn encode_bind_ack(
    call_id: u32,
    assoc_group: u32,
    secondary_address: &[u8],
    results: &[ContextResult],
) -> Vec<u8> {
    bind_ack_like(
        12,
        PFC_FIRST_FRAG | PFC_LAST_FRAG | PFC_CONC_MPX,
        call_id,
        assoc_group,
        secondary_address,
        results,
    )
}

/// An alter_context_resp (flags 0x03, empty secondary address).
pub(crate) fn encode_alter_context_resp(
    call_id: u32,
    assoc_group: u32,
    results: &[ContextResult],
) -> Vec<u8> {
    bind_ack_like(
        15,
        PFC_FIRST_FRAG | PFC_LAST_FRAG,
        call_id,
        assoc_group,
        &[],
        results,
    )
}

/// A bind_nak with `reason` and no protocol version list.
pub(crate) fn encode_bind_nak(call_id: u32, reason: u16) -> Vec<u8> {
    let mut pdu = header(13, PFC_FIRST_FRAG | PFC_LAST_FRAG, call_id);
    pdu.extend_from_slice(&reason.to_le_bytes());
    pdu.push(0); // zero supported versions
    pdu.push(0);
    finish(pdu)
}

/// A fault PDU with `status` (e.g. 0x1c010003 nca_unk_if), flags 0x23 as vlmcsd.
pub(crate) fn encode_fault(call_id: u32, status: u32) -> Vec<u8> {
    let mut pdu = header(
        3,
        PFC_FIRST_FRAG | PFC_LAST_FRAG | PFC_DID_NOT_EXECUTE,
        call_id,
    );
    pdu.extend_from_slice(&32u32.to_le_bytes()); // alloc_hint
    pdu.extend_from_slice(&[0, 0, 0, 0]); // context id, cancel count, reserved
    pdu.extend_from_slice(&status.to_le_bytes());
    pdu.extend_from_slice(&[0, 0, 0, 0]);
    finish(pdu)
}

/// A response PDU carrying a message or an error HRESULT, in the stub layout
/// of `syntax`, padded as Windows does (data, zeros to 4 bytes, HRESULT).
pub(crate) fn encode_response_pdu(
    call_id: u32,
    context_id: u16,
    syntax: TransferSyntax,
    body: &ResponseBody,
) -> Vec<u8> {
    let mut stub = Vec::new();
    let put_size = |stub: &mut Vec<u8>, v: u64| match syntax {
        TransferSyntax::Ndr32 => stub.extend_from_slice(&(v as u32).to_le_bytes()),
        TransferSyntax::Ndr64 => stub.extend_from_slice(&v.to_le_bytes()),
    };
    match body {
        ResponseBody::Message(message) => {
            put_size(&mut stub, message.len() as u64);
            put_size(&mut stub, u64::from(RESPONSE_REFERENT));
            put_size(&mut stub, message.len() as u64);
            stub.extend_from_slice(message);
            while !stub.len().is_multiple_of(4) {
                stub.push(0);
            }
            stub.extend_from_slice(&HResult::S_OK.0.to_le_bytes());
        }
        ResponseBody::HostError(code) => {
            put_size(&mut stub, 0);
            put_size(&mut stub, 0);
            stub.extend_from_slice(&code.0.to_le_bytes());
        }
    }
    let mut pdu = header(2, PFC_FIRST_FRAG | PFC_LAST_FRAG, call_id);
    pdu.extend_from_slice(&(stub.len() as u32).to_le_bytes()); // alloc_hint
    pdu.extend_from_slice(&context_id.to_le_bytes());
    pdu.extend_from_slice(&[0, 0]); // cancel count, reserved
    pdu.extend_from_slice(&stub);
    finish(pdu)
}
