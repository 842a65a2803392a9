//! Connection-oriented DCE/RPC 5.0, only as much as KMS needs.
//!
//! Encoders for what a client sends (bind, alter_context, request) and a
//! decoder for what a host sends. Decoding the client's PDUs (bind,
//! alter_context, request) is host-side work: it lives in
//! `protocol::host_side`, built only for the tests, the test host and the fuzz
//! targets (`cfg(any(test, feature = "test-host"))`).

use uuid::{Uuid, uuid};

use super::hresult::HResult;
use super::wire::{Reader, Truncated, Writer};

/// Length of the common PDU header.
pub const PDU_HEADER_LEN: usize = 16;
/// Largest PDU accepted. Every KMS PDU is at most about 350 bytes (an NDR64
/// response with a 128-byte ePID); anything longer is refused before reading.
pub const MAX_PDU_LEN: usize = 1024;

/// The KMS RPC interface (version 1.0).
pub const KMS_INTERFACE: Uuid = uuid!("51c82175-844e-4750-b0d8-ec255555bc06");
/// NDR32 transfer syntax (version 2).
pub(crate) const NDR32_SYNTAX: Uuid = uuid!("8a885d04-1ceb-11c9-9fe8-08002b104860");
/// NDR64 transfer syntax (version 1).
pub const NDR64_SYNTAX: Uuid = uuid!("71710533-beba-4937-8319-b5dbef9ccc36");
/// Bind-time feature negotiation pseudo syntax; bytes 8-9 carry the feature
/// bits (0x03: security context multiplexing + keep connection on orphan).
pub const BTFN_SYNTAX: Uuid = uuid!("6cb71c2c-9812-4540-0300-000000000000");

/// max_xmit_frag / max_recv_frag a Windows client offers.
pub const WINDOWS_MAX_FRAG: u16 = 5840;
/// Opnum of the KMS activation call.
pub(crate) const KMS_OPNUM: u16 = 0;
/// Referent id Windows (and vlmcsd) put in a response's unique pointer.
pub const RESPONSE_REFERENT: u32 = 0x0002_0000;

/// pfc_flags: first fragment.
pub const PFC_FIRST_FRAG: u8 = 0x01;
/// pfc_flags: last fragment.
pub const PFC_LAST_FRAG: u8 = 0x02;
/// pfc_flags: did not execute (faults).
pub const PFC_DID_NOT_EXECUTE: u8 = 0x20;
/// pfc_flags: concurrent multiplexing (bind and alter_context).
pub const PFC_CONC_MPX: u8 = 0x10;

/// Context ids of [`encode_bind_windows`], in order: NDR32, NDR64 (then BTFN as 2).
pub const WINDOWS_BIND_CONTEXTS: [(u16, TransferSyntax); 2] =
    [(0, TransferSyntax::Ndr32), (1, TransferSyntax::Ndr64)];
/// Context ids of [`encode_bind_ndr32_only`].
pub const NDR32_ONLY_BIND_CONTEXTS: [(u16, TransferSyntax); 1] = [(0, TransferSyntax::Ndr32)];

const DATA_REPRESENTATION: [u8; 4] = [0x10, 0, 0, 0];
const CONTEXT_RESULT_LEN: usize = 24;

#[cfg(any(test, feature = "test-host"))]
pub use super::host_side::{Bind, ClientPdu, decode_client_pdu};

/// PDU types (the `ptype` header byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum PacketType {
    /// request (0)
    Request = 0,
    /// response (2)
    Response = 2,
    /// fault (3)
    Fault = 3,
    /// bind (11)
    Bind = 11,
    /// bind_ack (12)
    BindAck = 12,
    /// bind_nak (13)
    BindNak = 13,
    /// alter_context (14)
    AlterContext = 14,
    /// alter_context_resp (15)
    AlterContextResp = 15,
}

impl PacketType {
    /// The type's name, for messages (`bind_ack`, `response`...).
    pub(crate) fn name(self) -> &'static str {
        match self {
            PacketType::Request => "request",
            PacketType::Response => "response",
            PacketType::Fault => "fault",
            PacketType::Bind => "bind",
            PacketType::BindAck => "bind_ack",
            PacketType::BindNak => "bind_nak",
            PacketType::AlterContext => "alter_context",
            PacketType::AlterContextResp => "alter_context_resp",
        }
    }

    fn from_byte(byte: u8) -> Option<PacketType> {
        Some(match byte {
            0 => PacketType::Request,
            2 => PacketType::Response,
            3 => PacketType::Fault,
            11 => PacketType::Bind,
            12 => PacketType::BindAck,
            13 => PacketType::BindNak,
            14 => PacketType::AlterContext,
            15 => PacketType::AlterContextResp,
            _ => return None,
        })
    }
}

/// Everything that can be wrong with a PDU.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RpcError {
    /// Not DCE/RPC connection-oriented version 5.0.
    #[error("not a DCE/RPC 5.0 PDU (version {major}.{minor})")]
    BadVersion {
        /// rpc_vers byte.
        major: u8,
        /// rpc_vers_minor byte.
        minor: u8,
    },
    /// Only little-endian, ASCII, IEEE data representation is supported.
    #[error("unsupported data representation {0:02x?} (only little-endian is supported)")]
    UnsupportedDataRepresentation([u8; 4]),
    /// The PDU is a fragment of a larger one; KMS never fragments.
    #[error("fragmented PDU (flags 0x{flags:02x}): first and last fragment flags must both be set")]
    Fragmented {
        /// The pfc_flags byte.
        flags: u8,
    },
    /// frag_length smaller than the header itself.
    #[error("frag_length {frag_length} is shorter than the 16-byte header")]
    FragLengthTooShort {
        /// The frag_length field.
        frag_length: usize,
    },
    /// frag_length above [`MAX_PDU_LEN`].
    #[error("frag_length {frag_length} exceeds the limit of {max} bytes for a KMS PDU")]
    FragLengthTooLong {
        /// The frag_length field.
        frag_length: usize,
        /// The limit.
        max: usize,
    },
    /// Authentication verifiers are not used by KMS.
    #[error("PDU carries a {auth_length}-byte authentication verifier, which KMS never uses")]
    AuthNotSupported {
        /// The auth_length field.
        auth_length: u16,
    },
    /// The buffer holds a different number of bytes than frag_length says.
    #[error("PDU is {actual} bytes but its frag_length says {frag_length}")]
    LengthMismatch {
        /// The frag_length field.
        frag_length: usize,
        /// The bytes given.
        actual: usize,
    },
    /// Unknown or unsupported ptype.
    #[error("unknown PDU type {0}")]
    UnknownPacketType(u8),
    /// A field runs past the end of the PDU.
    #[error("PDU truncated: {needed} bytes needed at offset {offset}, PDU is {available} bytes")]
    Truncated {
        /// Where the read started.
        offset: usize,
        /// How many bytes it needed.
        needed: usize,
        /// PDU length.
        available: usize,
    },
    /// Bytes left over after the last field.
    #[error("{extra} unexpected bytes after the end of the PDU body")]
    TrailingBytes {
        /// How many.
        extra: usize,
    },
    /// A response whose cancel count is not 0.
    #[error("response cancel count is {0}, must be 0")]
    NonZeroCancelCount(u8),
    /// A response stub whose conformant max count differs from its size.
    #[error("response stub size {size} differs from its array max count {max_count}")]
    StubSizeMismatch {
        /// Declared size.
        size: u64,
        /// Conformant array max count.
        max_count: u64,
    },
    /// A request stub whose declared size differs from the data present.
    #[error("stub declares {declared} bytes of data but carries {actual}")]
    StubLengthMismatch {
        /// Declared size.
        declared: u64,
        /// Bytes present.
        actual: usize,
    },
    /// Alignment padding in a response stub is not zero.
    #[error("response stub padding is not zero")]
    NonZeroPadding,
    /// A response with a null data pointer but no error HRESULT.
    #[error("response carries neither a KMS message nor an error HRESULT")]
    EmptyResponse,
    /// A null-pointer response stub that still declares data.
    #[error("error response stub declares {size} bytes of data")]
    ErrorStubWithData {
        /// Declared size.
        size: u64,
    },
    /// A host-side decoder was given a PDU type that only a host sends.
    #[error("a {0} is not a PDU a client sends")]
    NotFromClient(&'static str),
    /// A bind or alter_context with a context item offering no syntax.
    #[error("context item {context_id} offers no transfer syntax")]
    NoTransferSyntax {
        /// The item's context id.
        context_id: u16,
    },
}

impl From<Truncated> for RpcError {
    fn from(t: Truncated) -> Self {
        RpcError::Truncated {
            offset: t.offset,
            needed: t.needed,
            available: t.available,
        }
    }
}

/// A transfer syntax KMS can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransferSyntax {
    /// NDR 2.0 (32-bit sizes).
    Ndr32,
    /// NDR64 (64-bit sizes).
    Ndr64,
}

impl TransferSyntax {
    /// Its usual name, `NDR32` or `NDR64`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            TransferSyntax::Ndr32 => "NDR32",
            TransferSyntax::Ndr64 => "NDR64",
        }
    }

    /// The syntax UUID.
    pub fn uuid(self) -> Uuid {
        match self {
            TransferSyntax::Ndr32 => NDR32_SYNTAX,
            TransferSyntax::Ndr64 => NDR64_SYNTAX,
        }
    }

    /// The syntax version put on the wire.
    pub fn version(self) -> u32 {
        match self {
            TransferSyntax::Ndr32 => 2,
            TransferSyntax::Ndr64 => 1,
        }
    }
}

/// An interface or transfer syntax identifier: UUID plus version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxId {
    /// The UUID.
    pub uuid: Uuid,
    /// The version (for an interface: major in the low 16 bits, minor high).
    pub version: u32,
}

/// The host's verdict on one offered context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckResult {
    /// 0: accepted.
    Acceptance,
    /// 1: user rejection.
    UserRejection,
    /// 2: provider rejection.
    ProviderRejection,
    /// 3: negotiate ack (the answer to a bind-time feature negotiation item).
    NegotiateAck,
    /// Any other value.
    Other(u16),
}

impl AckResult {
    /// The wire value.
    pub fn to_u16(self) -> u16 {
        match self {
            AckResult::Acceptance => 0,
            AckResult::UserRejection => 1,
            AckResult::ProviderRejection => 2,
            AckResult::NegotiateAck => 3,
            AckResult::Other(v) => v,
        }
    }

    /// From the wire value.
    pub(crate) fn from_u16(value: u16) -> AckResult {
        match value {
            0 => AckResult::Acceptance,
            1 => AckResult::UserRejection,
            2 => AckResult::ProviderRejection,
            3 => AckResult::NegotiateAck,
            v => AckResult::Other(v),
        }
    }
}

/// One per-context result of a bind_ack or alter_context_resp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContextResult {
    /// Accepted, rejected, or negotiate ack.
    pub result: AckResult,
    /// Rejection reason (for a negotiate ack: the accepted feature bits).
    pub reason: u16,
    /// The transfer syntax the host chose (zero when rejected).
    pub transfer_syntax: SyntaxId,
}

/// A decoded bind_ack or alter_context_resp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindAck {
    /// call_id (should echo the bind's).
    pub(crate) call_id: u32,
    /// max_xmit_frag.
    pub(crate) max_xmit_frag: u16,
    /// max_recv_frag.
    pub(crate) max_recv_frag: u16,
    /// assoc_group_id.
    pub(crate) assoc_group: u32,
    /// Secondary address (e.g. `b"1688\0"`; empty in alter_context_resp).
    pub secondary_address: Vec<u8>,
    /// One result per offered context, in the order they were offered.
    pub results: Vec<ContextResult>,
}

impl BindAck {
    /// The call id.
    pub fn call_id(&self) -> u32 {
        self.call_id
    }

    /// Whether the context offered with id `context_id` was accepted.
    /// Our binds number contexts by position (0, 1, 2), so the id is the
    /// index of the result.
    pub fn accepted(&self, context_id: u16) -> bool {
        self.results
            .get(usize::from(context_id))
            .is_some_and(|r| r.result == AckResult::Acceptance)
    }

    /// The context to send requests on, given the `(context_id, syntax)`
    /// pairs the bind offered (e.g. [`WINDOWS_BIND_CONTEXTS`]): NDR32 when
    /// accepted, else NDR64, else `None`. A context counts only when the host
    /// accepted it with the syntax that was offered for it.
    pub fn select_context(
        &self,
        offered: &[(u16, TransferSyntax)],
    ) -> Option<(u16, TransferSyntax)> {
        [TransferSyntax::Ndr32, TransferSyntax::Ndr64]
            .into_iter()
            .find_map(|wanted| {
                offered.iter().copied().find(|&(context_id, syntax)| {
                    syntax == wanted
                        && self.results.get(usize::from(context_id)).is_some_and(|r| {
                            r.result == AckResult::Acceptance
                                && r.transfer_syntax.uuid == syntax.uuid()
                        })
                })
            })
    }
}

/// A decoded bind_nak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BindNak {
    /// call_id.
    pub call_id: u32,
    /// provider_reject_reason.
    pub reason: u16,
}

/// The result of the KMS call carried by a response PDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseBody {
    /// Success: the KMS response message.
    Message(Vec<u8>),
    /// The host answered with an error HRESULT instead of a message.
    HostError(HResult),
}

/// A decoded response PDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// call_id (should echo the request's).
    pub call_id: u32,
    /// Context id (should echo the request's).
    pub context_id: u16,
    /// The stub layout found (NDR32 or NDR64 sizes).
    pub syntax: TransferSyntax,
    /// Message or host error.
    pub body: ResponseBody,
}

/// A decoded fault PDU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// call_id.
    pub call_id: u32,
    /// NCA status (e.g. 0x1c010003 nca_unk_if).
    pub status: u32,
}

/// A PDU a host sends, decoded. A PDU that only a client sends is recognised by its
/// type and left undecoded: a client never has a use for one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pdu {
    /// bind_ack (12).
    BindAck(BindAck),
    /// alter_context_resp (15), same layout as bind_ack.
    AlterContextResp(BindAck),
    /// bind_nak (13).
    BindNak(BindNak),
    /// response (2).
    Response(Response),
    /// fault (3).
    Fault(Fault),
    /// bind (11), alter_context (14) or request (0): what only a client sends.
    FromClient(PacketType),
}

impl Pdu {
    /// The PDU type's name, for messages (`bind_ack`, `response`...).
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Pdu::BindAck(_) => "bind_ack",
            Pdu::AlterContextResp(_) => "alter_context_resp",
            Pdu::BindNak(_) => "bind_nak",
            Pdu::Response(_) => "response",
            Pdu::Fault(_) => "fault",
            Pdu::FromClient(packet_type) => packet_type.name(),
        }
    }
}

/// Checked header fields.
pub(super) struct Header {
    pub(super) packet_type: PacketType,
    /// Read by the host-side decoder only (a bind's flags).
    #[cfg_attr(not(any(test, feature = "test-host")), allow(dead_code))]
    pub(super) flags: u8,
    pub(super) frag_length: usize,
    pub(super) call_id: u32,
}

pub(super) fn parse_header(bytes: &[u8]) -> Result<Header, RpcError> {
    let mut r = Reader::new(bytes);
    let major = r.u8()?;
    let minor = r.u8()?;
    let ptype = r.u8()?;
    let flags = r.u8()?;
    let drep: [u8; 4] = r.array()?;
    let frag_length = usize::from(r.u16()?);
    let auth_length = r.u16()?;
    let call_id = r.u32()?;
    if major != 5 || minor != 0 {
        return Err(RpcError::BadVersion { major, minor });
    }
    // Only the integer/character/float format byte matters; byte 1+ are reserved.
    if drep[0] != DATA_REPRESENTATION[0] {
        return Err(RpcError::UnsupportedDataRepresentation(drep));
    }
    if frag_length < PDU_HEADER_LEN {
        return Err(RpcError::FragLengthTooShort { frag_length });
    }
    if frag_length > MAX_PDU_LEN {
        return Err(RpcError::FragLengthTooLong {
            frag_length,
            max: MAX_PDU_LEN,
        });
    }
    if flags & (PFC_FIRST_FRAG | PFC_LAST_FRAG) != PFC_FIRST_FRAG | PFC_LAST_FRAG {
        return Err(RpcError::Fragmented { flags });
    }
    if auth_length != 0 {
        return Err(RpcError::AuthNotSupported { auth_length });
    }
    let packet_type = PacketType::from_byte(ptype).ok_or(RpcError::UnknownPacketType(ptype))?;
    Ok(Header {
        packet_type,
        flags,
        frag_length,
        call_id,
    })
}

/// How long the PDU starting at `prefix` is: `Ok(None)` while fewer than
/// [`PDU_HEADER_LEN`] bytes are available, `Ok(Some(n))` once the header is
/// complete (the whole PDU is `n` bytes), or an error for a header that is
/// not a usable KMS PDU (wrong version, fragmented, too short, longer than
/// [`MAX_PDU_LEN`], authenticated, unknown type).
pub fn pdu_frame_len(prefix: &[u8]) -> Result<Option<usize>, RpcError> {
    match prefix.get(..PDU_HEADER_LEN) {
        None => Ok(None),
        Some(header) => parse_header(header).map(|h| Some(h.frag_length)),
    }
}

/// The checked header of one whole PDU (exactly `frag_length` bytes).
pub(super) fn whole_pdu_header(pdu: &[u8]) -> Result<Header, RpcError> {
    let header = parse_header(pdu)?;
    if pdu.len() != header.frag_length {
        return Err(RpcError::LengthMismatch {
            frag_length: header.frag_length,
            actual: pdu.len(),
        });
    }
    Ok(header)
}

/// Decodes one whole PDU a host sends (exactly `frag_length` bytes).
pub fn decode_pdu(pdu: &[u8]) -> Result<Pdu, RpcError> {
    let header = whole_pdu_header(pdu)?;
    let mut r = Reader::at(pdu, PDU_HEADER_LEN);
    let call_id = header.call_id;
    let pdu = match header.packet_type {
        PacketType::BindAck => Pdu::BindAck(decode_bind_ack(&mut r, call_id)?),
        PacketType::AlterContextResp => Pdu::AlterContextResp(decode_bind_ack(&mut r, call_id)?),
        PacketType::BindNak => {
            let reason = r.u16()?;
            // The supported-versions list that may follow is of no use to KMS.
            r.rest();
            Pdu::BindNak(BindNak { call_id, reason })
        }
        PacketType::Response => Pdu::Response(decode_response(&mut r, call_id)?),
        PacketType::Fault => {
            let _alloc_hint = r.u32()?;
            let _context_id = r.u16()?;
            // Cancel count and reserved byte: vlmcsd leaves them uninitialised.
            let _cancel_and_reserved = r.u16()?;
            let status = r.u32()?;
            r.rest();
            Pdu::Fault(Fault { call_id, status })
        }
        PacketType::Bind | PacketType::AlterContext | PacketType::Request => {
            r.rest();
            Pdu::FromClient(header.packet_type)
        }
    };
    match r.remaining() {
        0 => Ok(pdu),
        extra => Err(RpcError::TrailingBytes { extra }),
    }
}

pub(super) fn decode_syntax_id(r: &mut Reader<'_>) -> Result<SyntaxId, RpcError> {
    Ok(SyntaxId {
        uuid: r.guid()?,
        version: r.u32()?,
    })
}

fn decode_bind_ack(r: &mut Reader<'_>, call_id: u32) -> Result<BindAck, RpcError> {
    let max_xmit_frag = r.u16()?;
    let max_recv_frag = r.u16()?;
    let assoc_group = r.u32()?;
    let address_len = usize::from(r.u16()?);
    let secondary_address = r.take(address_len)?.to_vec();
    // The result list is 4-byte aligned relative to the PDU start.
    let misalignment = r.position() % 4;
    if misalignment != 0 {
        r.take(4 - misalignment)?;
    }
    let count = usize::from(r.u8()?);
    r.take(3)?;
    let mut results = Vec::with_capacity(count.min(r.remaining() / CONTEXT_RESULT_LEN));
    for _ in 0..count {
        let result = AckResult::from_u16(r.u16()?);
        let reason = r.u16()?;
        let transfer_syntax = decode_syntax_id(r)?;
        results.push(ContextResult {
            result,
            reason,
            transfer_syntax,
        });
    }
    Ok(BindAck {
        call_id,
        max_xmit_frag,
        max_recv_frag,
        assoc_group,
        secondary_address,
        results,
    })
}

/// Reads an NDR size field of the syntax's width.
pub(super) fn read_size(r: &mut Reader<'_>, syntax: TransferSyntax) -> Result<u64, RpcError> {
    Ok(match syntax {
        TransferSyntax::Ndr32 => u64::from(r.u32()?),
        TransferSyntax::Ndr64 => r.u64()?,
    })
}

/// Guesses the stub layout from its first 8 bytes: in NDR32 the second u32
/// is the (non-zero) referent or max count; in NDR64 it is the high half of
/// a 64-bit size, which is zero for any message that fits in a PDU.
pub(super) fn stub_syntax(stub: &[u8]) -> TransferSyntax {
    match stub.get(4..8) {
        Some([0, 0, 0, 0]) => {
            let low_is_zero = stub.get(0..4) == Some(&[0, 0, 0, 0]);
            // Both zero: an error stub, told apart by its length (12 vs 20 bytes).
            if low_is_zero && stub.len() <= 12 {
                TransferSyntax::Ndr32
            } else {
                TransferSyntax::Ndr64
            }
        }
        _ => TransferSyntax::Ndr32,
    }
}

fn decode_response(r: &mut Reader<'_>, call_id: u32) -> Result<Response, RpcError> {
    let _alloc_hint = r.u32()?;
    let context_id = r.u16()?;
    let cancel_count = r.u8()?;
    let _reserved = r.u8()?;
    if cancel_count != 0 {
        return Err(RpcError::NonZeroCancelCount(cancel_count));
    }
    let syntax = stub_syntax(r.peek_rest());
    let size = read_size(r, syntax)?;
    let referent = read_size(r, syntax)?;
    if referent == 0 {
        if size != 0 {
            return Err(RpcError::ErrorStubWithData { size });
        }
        let status = HResult(r.u32()?);
        if status == HResult::S_OK {
            return Err(RpcError::EmptyResponse);
        }
        return Ok(Response {
            call_id,
            context_id,
            syntax,
            body: ResponseBody::HostError(status),
        });
    }
    let max_count = read_size(r, syntax)?;
    if max_count != size {
        return Err(RpcError::StubSizeMismatch { size, max_count });
    }
    let data_len = usize::try_from(size).unwrap_or(usize::MAX);
    let message = r.take(data_len)?;
    // Pad to 4 bytes (stub headers are 12 or 24 bytes, so stub start and PDU
    // start agree on alignment), then the HRESULT. vlmcsd writes the HRESULT
    // first and pads after it; for a success (HRESULT 0) the bytes are equal.
    let pad = (4 - data_len % 4) % 4;
    if r.take(pad)?.iter().any(|&b| b != 0) {
        return Err(RpcError::NonZeroPadding);
    }
    let status = HResult(r.u32()?);
    let body = if status == HResult::S_OK {
        ResponseBody::Message(message.to_vec())
    } else {
        ResponseBody::HostError(status)
    };
    Ok(Response {
        call_id,
        context_id,
        syntax,
        body,
    })
}

/// Writes a 16-byte header; frag_length is patched by [`finish_pdu`].
fn start_pdu(packet_type: PacketType, flags: u8, call_id: u32) -> Vec<u8> {
    let mut pdu = Vec::with_capacity(MAX_PDU_LEN / 2);
    pdu.extend_from_slice(&[5, 0, packet_type as u8, flags]);
    pdu.extend_from_slice(&DATA_REPRESENTATION);
    pdu.put_u16(0); // frag_length, patched below
    pdu.put_u16(0); // auth_length
    pdu.put_u32(call_id);
    pdu
}

/// Sets frag_length to the PDU's length. Lengths above u16::MAX (never
/// produced by this module's encoders) saturate, and decoding refuses them.
fn finish_pdu(mut pdu: Vec<u8>) -> Vec<u8> {
    let len = u16::try_from(pdu.len()).unwrap_or(u16::MAX).to_le_bytes();
    if let Some(field) = pdu.get_mut(8..10) {
        field.copy_from_slice(&len);
    }
    pdu
}

fn put_context_item(pdu: &mut Vec<u8>, context_id: u16, transfer: &Uuid, transfer_version: u32) {
    pdu.put_u16(context_id);
    pdu.extend_from_slice(&[1, 0]); // one transfer syntax, reserved
    pdu.put_guid(&KMS_INTERFACE);
    pdu.put_u16(1); // interface version 1.0
    pdu.put_u16(0);
    pdu.put_guid(transfer);
    pdu.put_u32(transfer_version);
}

fn encode_bind_like(packet_type: PacketType, call_id: u32, items: &[(u16, Uuid, u32)]) -> Vec<u8> {
    let mut pdu = start_pdu(
        packet_type,
        PFC_FIRST_FRAG | PFC_LAST_FRAG | PFC_CONC_MPX,
        call_id,
    );
    pdu.put_u16(WINDOWS_MAX_FRAG);
    pdu.put_u16(WINDOWS_MAX_FRAG);
    pdu.put_u32(0); // assoc_group: new association
    // At most three items, so the count fits in a byte.
    pdu.extend_from_slice(&[u8::try_from(items.len()).unwrap_or(u8::MAX), 0, 0, 0]);
    for (context_id, transfer, version) in items {
        put_context_item(&mut pdu, *context_id, transfer, *version);
    }
    finish_pdu(pdu)
}

/// The 160-byte bind a Windows client sends: context 0 NDR32, context 1
/// NDR64, context 2 bind-time feature negotiation; flags 0x13.
pub fn encode_bind_windows(call_id: u32) -> Vec<u8> {
    encode_bind_like(
        PacketType::Bind,
        call_id,
        &[
            (0, NDR32_SYNTAX, TransferSyntax::Ndr32.version()),
            (1, NDR64_SYNTAX, TransferSyntax::Ndr64.version()),
            (2, BTFN_SYNTAX, 1),
        ],
    )
}

/// A 72-byte bind offering only context 0 with NDR32.
pub fn encode_bind_ndr32_only(call_id: u32) -> Vec<u8> {
    encode_bind_like(
        PacketType::Bind,
        call_id,
        &[(0, NDR32_SYNTAX, TransferSyntax::Ndr32.version())],
    )
}

/// The alter_context a Windows client sends after its NDR32 context was
/// rejected: one item, context 0, NDR32.
pub fn encode_alter_context_ndr32(call_id: u32) -> Vec<u8> {
    encode_bind_like(
        PacketType::AlterContext,
        call_id,
        &[(0, NDR32_SYNTAX, TransferSyntax::Ndr32.version())],
    )
}

/// A request PDU carrying `kms_message` (opnum 0) on `context_id` with the
/// stub layout of `syntax`. Every message [`super::kms`] produces fits; a
/// message so long that the PDU would exceed 65535 bytes gets a saturated
/// frag_length that any decoder refuses.
pub fn encode_request(
    call_id: u32,
    context_id: u16,
    syntax: TransferSyntax,
    kms_message: &[u8],
) -> Vec<u8> {
    let mut pdu = start_pdu(PacketType::Request, PFC_FIRST_FRAG | PFC_LAST_FRAG, call_id);
    let len = kms_message.len();
    match syntax {
        TransferSyntax::Ndr32 => {
            let len32 = u32::try_from(len).unwrap_or(u32::MAX);
            pdu.put_u32(len32.saturating_add(8)); // alloc_hint
            pdu.put_u16(context_id);
            pdu.put_u16(KMS_OPNUM);
            pdu.put_u32(len32); // requestSize
            pdu.put_u32(len32); // conformant array max count
        }
        TransferSyntax::Ndr64 => {
            let len32 = u32::try_from(len).unwrap_or(u32::MAX);
            pdu.put_u32(len32.saturating_add(16)); // alloc_hint
            pdu.put_u16(context_id);
            pdu.put_u16(KMS_OPNUM);
            pdu.put_u64(len as u64);
            pdu.put_u64(len as u64);
        }
    }
    pdu.extend_from_slice(kms_message);
    finish_pdu(pdu)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_sizes_and_flags() {
        let windows = encode_bind_windows(2);
        assert_eq!(windows.len(), 160);
        assert_eq!(windows[3], 0x13);
        assert_eq!(encode_bind_ndr32_only(2).len(), 72);
        assert_eq!(encode_alter_context_ndr32(2).len(), 72);
    }

    #[test]
    fn frame_len_needs_header_and_refuses_bad_lengths() {
        let bind = encode_bind_windows(2);
        assert_eq!(pdu_frame_len(&bind[..15]), Ok(None));
        assert_eq!(pdu_frame_len(&bind[..16]), Ok(Some(160)));
        let mut long = bind.clone();
        long[8..10].copy_from_slice(&2000u16.to_le_bytes());
        assert!(matches!(
            pdu_frame_len(&long),
            Err(RpcError::FragLengthTooLong { .. })
        ));
        let mut short = bind.clone();
        short[8..10].copy_from_slice(&15u16.to_le_bytes());
        assert!(matches!(
            pdu_frame_len(&short),
            Err(RpcError::FragLengthTooShort { .. })
        ));
        let mut fragment = bind;
        fragment[3] = 0x11;
        assert!(matches!(
            pdu_frame_len(&fragment),
            Err(RpcError::Fragmented { flags: 0x11 })
        ));
    }

    #[test]
    fn a_client_pdu_is_recognised_by_its_type_only() {
        let bind = encode_bind_windows(2);
        assert_eq!(decode_pdu(&bind), Ok(Pdu::FromClient(PacketType::Bind)));
        assert_eq!(decode_pdu(&bind).map(|pdu| pdu.name()), Ok("bind"));
        let request = encode_request(2, 0, TransferSyntax::Ndr32, &[1, 2, 3]);
        assert_eq!(
            decode_pdu(&request),
            Ok(Pdu::FromClient(PacketType::Request))
        );
        // The host side decodes it, and refuses what only a host sends.
        assert!(matches!(decode_client_pdu(&bind), Ok(ClientPdu::Bind(_))));
        let fault = [
            5, 0, 3, 3, 0x10, 0, 0, 0, 32, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 1,
            0x1c, 0, 0, 0, 0,
        ];
        assert!(matches!(decode_pdu(&fault), Ok(Pdu::Fault(_))));
        assert_eq!(
            decode_client_pdu(&fault),
            Err(RpcError::NotFromClient("fault"))
        );
    }

    #[test]
    fn request_round_trips_in_both_syntaxes() {
        let message: Vec<u8> = (0..=255u8).chain(0..4).collect();
        for (syntax, ctx) in [(TransferSyntax::Ndr32, 0), (TransferSyntax::Ndr64, 1)] {
            let pdu = encode_request(3, ctx, syntax, &message);
            let Ok(ClientPdu::Request(request)) = decode_client_pdu(&pdu) else {
                panic!("request did not decode")
            };
            assert_eq!(request.syntax, syntax);
            assert_eq!(request.context_id, ctx);
            assert_eq!(request.call_id, 3);
            assert_eq!(request.kms_message, message);
        }
    }
}
