//! Host-side decoding: what only a KMS host reads (the client's bind, alter_context and
//! request PDUs, and the request base). vlmgr is a client, so this is built only for the
//! tests, the test host (`tests/support/`) and the fuzz targets:
//! `cfg(any(test, feature = "test-host"))`.

use super::filetime::FileTime;
use super::kms::{
    KmsError, ProtocolVersion, REQUEST_BASE_LEN, RequestBase, WORKSTATION_NAME_FIELD_LEN,
    WorkstationName,
};
use super::rpc::{
    PDU_HEADER_LEN, PacketType, RpcError, SyntaxId, TransferSyntax, decode_syntax_id, read_size,
    stub_syntax, whole_pdu_header,
};
use super::wire::Reader;

const CONTEXT_ITEM_LEN: usize = 44;

/// One presentation context offered in a bind or alter_context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextItem {
    /// The context id.
    pub(crate) context_id: u16,
    /// The interface (abstract syntax).
    pub abstract_syntax: SyntaxId,
    /// The transfer syntaxes offered for it (at least one).
    pub transfer_syntaxes: Vec<SyntaxId>,
}

/// A decoded bind or alter_context PDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bind {
    /// call_id.
    pub call_id: u32,
    /// pfc_flags.
    pub flags: u8,
    /// max_xmit_frag.
    pub(crate) max_xmit_frag: u16,
    /// max_recv_frag.
    pub(crate) max_recv_frag: u16,
    /// assoc_group_id.
    pub(crate) assoc_group: u32,
    /// The offered contexts, in order.
    pub contexts: Vec<ContextItem>,
}

/// A decoded request PDU (what the test host receives).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// call_id.
    pub call_id: u32,
    /// Context id.
    pub context_id: u16,
    /// Opnum (0 for KMS).
    pub(crate) opnum: u16,
    /// The stub layout found.
    pub syntax: TransferSyntax,
    /// The KMS request message.
    pub kms_message: Vec<u8>,
}

/// A PDU a client sends, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientPdu {
    /// bind (11).
    Bind(Bind),
    /// alter_context (14), same layout as bind.
    AlterContext(Bind),
    /// request (0).
    Request(Request),
}

/// Decodes one whole PDU a client sends (exactly `frag_length` bytes); a PDU type only a
/// host sends is [`RpcError::NotFromClient`].
pub fn decode_client_pdu(pdu: &[u8]) -> Result<ClientPdu, RpcError> {
    let header = whole_pdu_header(pdu)?;
    let mut r = Reader::at(pdu, PDU_HEADER_LEN);
    let call_id = header.call_id;
    let decoded = match header.packet_type {
        PacketType::Bind => ClientPdu::Bind(decode_bind(&mut r, call_id, header.flags)?),
        PacketType::AlterContext => {
            ClientPdu::AlterContext(decode_bind(&mut r, call_id, header.flags)?)
        }
        PacketType::Request => ClientPdu::Request(decode_request(&mut r, call_id)?),
        other => return Err(RpcError::NotFromClient(other.name())),
    };
    match r.remaining() {
        0 => Ok(decoded),
        extra => Err(RpcError::TrailingBytes { extra }),
    }
}

fn decode_bind(r: &mut Reader<'_>, call_id: u32, flags: u8) -> Result<Bind, RpcError> {
    let max_xmit_frag = r.u16()?;
    let max_recv_frag = r.u16()?;
    let assoc_group = r.u32()?;
    let count = usize::from(r.u8()?);
    r.take(3)?;
    let mut contexts = Vec::with_capacity(count.min(r.remaining() / CONTEXT_ITEM_LEN));
    for _ in 0..count {
        let context_id = r.u16()?;
        let syntax_count = usize::from(r.u8()?);
        r.take(1)?;
        let abstract_syntax = decode_syntax_id(r)?;
        if syntax_count == 0 {
            return Err(RpcError::NoTransferSyntax { context_id });
        }
        let mut transfer_syntaxes = Vec::with_capacity(syntax_count.min(r.remaining() / 20));
        for _ in 0..syntax_count {
            transfer_syntaxes.push(decode_syntax_id(r)?);
        }
        contexts.push(ContextItem {
            context_id,
            abstract_syntax,
            transfer_syntaxes,
        });
    }
    Ok(Bind {
        call_id,
        flags,
        max_xmit_frag,
        max_recv_frag,
        assoc_group,
        contexts,
    })
}

fn decode_request(r: &mut Reader<'_>, call_id: u32) -> Result<Request, RpcError> {
    let _alloc_hint = r.u32()?;
    let context_id = r.u16()?;
    let opnum = r.u16()?;
    let syntax = stub_syntax(r.peek_rest());
    let size = read_size(r, syntax)?;
    let max_count = read_size(r, syntax)?;
    if max_count != size {
        return Err(RpcError::StubSizeMismatch { size, max_count });
    }
    let data = r.rest();
    if u64::try_from(data.len()).ok() != Some(size) {
        return Err(RpcError::StubLengthMismatch {
            declared: size,
            actual: data.len(),
        });
    }
    Ok(Request {
        call_id,
        context_id,
        opnum,
        syntax,
        kms_message: data.to_vec(),
    })
}

impl RequestBase {
    /// Parses 236 bytes (used by the test host and by tests).
    pub fn from_bytes(bytes: &[u8]) -> Result<RequestBase, KmsError> {
        if bytes.len() != REQUEST_BASE_LEN {
            return Err(KmsError::RequestBaseLength(bytes.len()));
        }
        let mut r = Reader::new(bytes);
        let minor = r.u16()?;
        let major = r.u16()?;
        let version = ProtocolVersion::try_from(major)
            .ok()
            .filter(|_| minor == 0)
            .ok_or(KmsError::UnsupportedVersion { major, minor })?;
        Ok(RequestBase {
            version,
            vm_info: r.u32()? != 0,
            license_status: r.u32()?,
            binding_expiration_minutes: r.u32()?,
            application_id: r.guid()?,
            activation_id: r.guid()?,
            kms_counted_id: r.guid()?,
            cmid: r.guid()?,
            n_policy: r.u32()?,
            client_time: FileTime(r.u64()?),
            previous_cmid: r.guid()?,
            workstation_name: WorkstationName::from_field(r.take(WORKSTATION_NAME_FIELD_LEN)?),
        })
    }
}
