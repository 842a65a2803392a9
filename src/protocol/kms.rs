//! KMS request and response messages, versions 4, 5 and 6.
//!
//! The client side: build a request from a [`RequestBase`] and verify the
//! host's answer with the [`PendingRequest`] kept from building it. Every
//! check that can fail has its own [`KmsError`] variant. Parsing a request
//! base is host-side work and lives in `protocol::host_side` (feature `test-host`).

use uuid::Uuid;

use super::crypto::{
    self, BLOCK_LEN, Block, KeySchedule, pkcs7_pad_len, pkcs7_padded, sha256, v4_mac, v6_hmac_key,
    v6_hmac_tag, v6_time_slot,
};
use super::filetime::FileTime;
use super::wire::{Reader, Truncated, Writer};

/// Length of the request base every version carries.
pub const REQUEST_BASE_LEN: usize = 236;
/// Workstation name field: 64 UTF-16 units (63 + NUL).
pub(crate) const WORKSTATION_NAME_FIELD_LEN: usize = 128;
/// Longest workstation name, in UTF-16 code units.
pub(crate) const MAX_WORKSTATION_NAME_UNITS: usize = 63;
/// Longest ePID, in bytes including its UTF-16 NUL.
pub(crate) const MAX_EPID_BYTES: usize = 128;
/// Response base without the ePID: version, PIDSize, CMID, time, count, 2 intervals.
pub(crate) const RESPONSE_BASE_FIXED_LEN: usize = 44;
/// V4 request: base + MAC.
pub const V4_REQUEST_LEN: usize = REQUEST_BASE_LEN + BLOCK_LEN;
/// V5/V6 request: version + IV + encrypted base with 4 bytes of padding.
pub const V5_V6_REQUEST_LEN: usize = 4 + BLOCK_LEN + REQUEST_BASE_LEN + 4;

/// RandomXoredIVs + SHA-256 hash after the V5 response base.
const V5_TRAILER_LEN: usize = 16 + 32;
/// V5 trailer + HwId + XoredIVs + HMAC.
const V6_TRAILER_LEN: usize = V5_TRAILER_LEN + 8 + 16 + 16;
/// Offset of CMID and ClientTime in the request base.
const REQUEST_CMID_OFFSET: usize = 0x40;
const REQUEST_TIME_OFFSET: usize = 0x54;

/// A KMS protocol version (the major number; the minor is always 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProtocolVersion {
    /// 4.0: plain text with a CBC-MAC (Vista / Server 2008).
    V4,
    /// 5.0: AES-128-CBC and a hash (Windows 7 / Server 2008 R2).
    V5,
    /// 6.0: tweaked AES-128-CBC, hash and HMAC (Windows 8 and later).
    V6,
}

impl ProtocolVersion {
    /// The major version number on the wire.
    pub fn major(self) -> u16 {
        match self {
            ProtocolVersion::V4 => 4,
            ProtocolVersion::V5 => 5,
            ProtocolVersion::V6 => 6,
        }
    }

    /// The 4 wire bytes: minor 0 then major, both u16 LE.
    pub fn wire_bytes(self) -> [u8; 4] {
        let [lo, hi] = self.major().to_le_bytes();
        [0, 0, lo, hi]
    }

    /// The block cipher of this version.
    pub fn cipher(self) -> &'static KeySchedule {
        match self {
            ProtocolVersion::V4 => KeySchedule::v4(),
            ProtocolVersion::V5 => KeySchedule::v5(),
            ProtocolVersion::V6 => KeySchedule::v6(),
        }
    }
}

impl TryFrom<u16> for ProtocolVersion {
    type Error = KmsError;

    /// From a major version number.
    fn try_from(major: u16) -> Result<Self, KmsError> {
        match major {
            4 => Ok(ProtocolVersion::V4),
            5 => Ok(ProtocolVersion::V5),
            6 => Ok(ProtocolVersion::V6),
            _ => Err(KmsError::UnsupportedVersion { major, minor: 0 }),
        }
    }
}

impl std::fmt::Display for ProtocolVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.0", self.major())
    }
}

/// Why an ePID was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EpidError {
    /// PIDSize above 128 bytes.
    #[error("PIDSize {0} exceeds 128 bytes")]
    TooLong(u32),
    /// PIDSize is odd (UTF-16 needs whole code units).
    #[error("PIDSize {0} is odd")]
    OddLength(u32),
    /// PIDSize 0: not even the terminating NUL.
    #[error("PIDSize is 0")]
    Empty,
    /// The last code unit is not NUL.
    #[error("the last code unit is not NUL")]
    MissingTerminator,
    /// A NUL appears before the last code unit.
    #[error("a NUL appears before the end")]
    EmbeddedNul,
    /// Not valid UTF-16 (unpaired surrogate).
    #[error("not valid UTF-16")]
    InvalidUtf16,
}

/// Everything that can be wrong when building a request or checking a response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KmsError {
    /// Workstation name longer than 63 UTF-16 code units.
    #[error("workstation name is {units} UTF-16 code units long; KMS allows at most 63")]
    WorkstationNameTooLong {
        /// Its length in UTF-16 code units.
        units: usize,
    },
    /// Workstation name containing NUL, which would cut it short on the wire.
    #[error("workstation name contains a NUL character")]
    WorkstationNameContainsNul,
    /// A version number vlmgr does not speak.
    #[error("unsupported KMS protocol version {major}.{minor}")]
    UnsupportedVersion {
        /// Major number found.
        major: u16,
        /// Minor number found.
        minor: u16,
    },
    /// The response claims another version than the request.
    #[error("response version {major}.{minor} does not match the request's {expected}")]
    VersionMismatch {
        /// What the request was.
        expected: ProtocolVersion,
        /// Major number in the response.
        major: u16,
        /// Minor number in the response.
        minor: u16,
    },
    /// The message is shorter than any valid response.
    #[error(
        "KMS response truncated: {needed} bytes needed at offset {offset}, message is {available}"
    )]
    Truncated {
        /// Where the read started.
        offset: usize,
        /// Bytes needed.
        needed: usize,
        /// Message length.
        available: usize,
    },
    /// The message length does not match the layout its ePID size implies.
    #[error("KMS {version} response is {actual} bytes, its layout requires {expected}")]
    WrongLength {
        /// Version being decoded.
        version: ProtocolVersion,
        /// Length the layout requires.
        expected: usize,
        /// Length received.
        actual: usize,
    },
    /// V5/V6 ciphertext that is not a whole number of blocks.
    #[error("encrypted part of {len} bytes is not a whole number of 16-byte blocks")]
    NotBlockAligned {
        /// Its length.
        len: usize,
    },
    /// PKCS#7 padding invalid after decryption.
    #[error("bad padding after decryption (wrong key or corrupted response)")]
    BadPadding,
    /// The host ePID is malformed.
    #[error("malformed host ePID: {0}")]
    MalformedEpid(EpidError),
    /// The response does not echo the request's CMID.
    #[error("response CMID {found} does not echo the request's {expected}")]
    CmidMismatch {
        /// CMID sent.
        expected: Uuid,
        /// CMID echoed.
        found: Uuid,
    },
    /// The response does not echo the request's ClientTime.
    #[error("response time 0x{found:016x} does not echo the request's 0x{expected:016x}")]
    TimeMismatch {
        /// FILETIME sent.
        expected: u64,
        /// FILETIME echoed.
        found: u64,
    },
    /// V4: CBC-MAC over the response base does not match.
    #[error("V4 response MAC does not match")]
    MacMismatch,
    /// V5/V6: SHA-256 of the recovered random value does not match the hash field.
    #[error("response hash does not match SHA-256 of the recovered random value")]
    HashMismatch,
    /// V5: the response's IV differs from the request's.
    #[error("V5 response IV differs from the request IV")]
    ResponseIvMismatch,
    /// V6: XoredIVs differs from the decrypted request IV.
    #[error("V6 XoredIVs field does not equal the decrypted request IV")]
    XoredIvsMismatch,
    /// V6: HMAC matches for none of the time slots -1, 0, +1.
    #[error("V6 response HMAC does not match for any tolerated time slot")]
    HmacMismatch,
    /// A request base that is not 236 bytes.
    #[error("request base is {0} bytes, must be 236")]
    RequestBaseLength(usize),
}

impl From<Truncated> for KmsError {
    fn from(t: Truncated) -> Self {
        KmsError::Truncated {
            offset: t.offset,
            needed: t.needed,
            available: t.available,
        }
    }
}

/// A workstation name: at most 63 UTF-16 code units, no NUL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WorkstationName(String);

impl WorkstationName {
    /// Checks the length (in UTF-16 code units, as the wire counts) and
    /// refuses NUL characters.
    pub fn new(name: &str) -> Result<Self, KmsError> {
        let units = name.encode_utf16().count();
        if units > MAX_WORKSTATION_NAME_UNITS {
            return Err(KmsError::WorkstationNameTooLong { units });
        }
        if name.contains('\0') {
            return Err(KmsError::WorkstationNameContainsNul);
        }
        Ok(WorkstationName(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 128-byte field: UTF-16LE, NUL-terminated, zero-filled.
    pub fn to_field(&self) -> [u8; WORKSTATION_NAME_FIELD_LEN] {
        let mut field = [0u8; WORKSTATION_NAME_FIELD_LEN];
        for (slot, unit) in field.chunks_exact_mut(2).zip(self.0.encode_utf16()) {
            slot.copy_from_slice(&unit.to_le_bytes());
        }
        field
    }

    /// Reads the field up to its first NUL (bytes after it are ignored:
    /// some clients leave garbage there). Invalid UTF-16 is replaced. Host side only.
    #[cfg(any(test, feature = "test-host"))]
    pub(crate) fn from_field(field: &[u8]) -> WorkstationName {
        let units: Vec<u16> = field
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .take_while(|&unit| unit != 0)
            .take(MAX_WORKSTATION_NAME_UNITS)
            .collect();
        WorkstationName(String::from_utf16_lossy(&units))
    }
}

impl std::fmt::Display for WorkstationName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The 236-byte request base, field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBase {
    /// Protocol version (minor 0).
    pub version: ProtocolVersion,
    /// Whether the client runs in a virtual machine.
    pub vm_info: bool,
    /// License status: 0 unlicensed, 1 licensed, 2 OOB grace, 3 OOT grace,
    /// 4 non-genuine grace, 5 notification, 6 extended grace.
    pub license_status: u32,
    /// Minutes left in that status.
    pub binding_expiration_minutes: u32,
    /// Application ID (Windows, Office 2010, Office 2013+).
    pub application_id: Uuid,
    /// Activation ID (SKU).
    pub activation_id: Uuid,
    /// KMS counted ID.
    pub kms_counted_id: Uuid,
    /// Client machine ID.
    pub cmid: Uuid,
    /// Required client count (N_Policy).
    pub n_policy: u32,
    /// Client time.
    pub client_time: FileTime,
    /// Previous CMID (nil unless set).
    pub previous_cmid: Uuid,
    /// Workstation name.
    pub workstation_name: WorkstationName,
}

impl RequestBase {
    /// The 236 wire bytes.
    pub fn to_bytes(&self) -> [u8; REQUEST_BASE_LEN] {
        let mut out = Vec::with_capacity(REQUEST_BASE_LEN);
        out.extend_from_slice(&self.version.wire_bytes());
        out.put_u32(u32::from(self.vm_info));
        out.put_u32(self.license_status);
        out.put_u32(self.binding_expiration_minutes);
        out.put_guid(&self.application_id);
        out.put_guid(&self.activation_id);
        out.put_guid(&self.kms_counted_id);
        out.put_guid(&self.cmid);
        out.put_u32(self.n_policy);
        out.put_u64(self.client_time.0);
        out.put_guid(&self.previous_cmid);
        out.extend_from_slice(&self.workstation_name.to_field());
        let mut base = [0u8; REQUEST_BASE_LEN];
        base.copy_from_slice(&out);
        base
    }
}

/// What a request leaves behind to verify its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRequest {
    version: ProtocolVersion,
    cmid: Uuid,
    client_time: FileTime,
    request_iv: Block,
    decrypted_iv: Block,
}

impl PendingRequest {
    /// The version requested.
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }
    /// The ClientTime the response must echo.
    pub fn client_time(&self) -> FileTime {
        self.client_time
    }
    /// V5/V6: the request IV decrypted under the version's key, which the
    /// host sees in the IV slot and builds its answer from (zeros for V4).
    pub fn decrypted_iv(&self) -> Block {
        self.decrypted_iv
    }
}

/// A verified KMS response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KmsResponse {
    /// Version (equal to the request's).
    pub version: ProtocolVersion,
    /// Host ePID.
    pub epid: String,
    /// CMID echo (equal to the request's).
    pub cmid: Uuid,
    /// ClientTime echo (equal to the request's).
    pub client_time: FileTime,
    /// Current count of the host.
    pub count: u32,
    /// Retry interval while not activated, minutes.
    pub activation_interval_minutes: u32,
    /// Renewal interval once activated, minutes.
    pub renewal_interval_minutes: u32,
    /// V6 only: the host's hardware id, wire order.
    pub hwid: Option<[u8; 8]>,
}

/// Builds the request message for `base` (V5/V6 encrypt with `iv`; V4 ignores it).
pub fn encode_request(base: &RequestBase, iv: [u8; 16]) -> (Vec<u8>, PendingRequest) {
    encode_request_base_bytes(base.version, &base.to_bytes(), iv)
}

/// Builds the request message from raw base bytes, e.g. a recorded
/// plaintext whose name field holds bytes a clean encoder would zero.
/// `version` selects the framing and cipher; the base's own version field
/// is sent as given.
pub fn encode_request_base_bytes(
    version: ProtocolVersion,
    base: &[u8; REQUEST_BASE_LEN],
    iv: [u8; 16],
) -> (Vec<u8>, PendingRequest) {
    let mut cmid = [0u8; 16];
    cmid.copy_from_slice(&base[REQUEST_CMID_OFFSET..REQUEST_CMID_OFFSET + 16]);
    let mut time = [0u8; 8];
    time.copy_from_slice(&base[REQUEST_TIME_OFFSET..REQUEST_TIME_OFFSET + 8]);
    let mut pending = PendingRequest {
        version,
        cmid: Uuid::from_bytes_le(cmid),
        client_time: FileTime::from_le_bytes(time),
        request_iv: [0; 16],
        decrypted_iv: [0; 16],
    };
    let message = match version {
        ProtocolVersion::V4 => {
            let mut message = Vec::with_capacity(V4_REQUEST_LEN);
            message.extend_from_slice(base);
            message.extend_from_slice(&v4_mac(base));
            message
        }
        ProtocolVersion::V5 | ProtocolVersion::V6 => {
            let cipher = version.cipher();
            // 236 bytes padded to 15 whole blocks: encrypting them cannot fail.
            let mut body = pkcs7_padded(base);
            cipher.cbc_encrypt_blocks(&iv, &mut body);
            let mut decrypted_iv = iv;
            cipher.decrypt_block(&mut decrypted_iv);
            pending.request_iv = iv;
            pending.decrypted_iv = decrypted_iv;
            let mut message = Vec::with_capacity(V5_V6_REQUEST_LEN);
            message.extend_from_slice(&version.wire_bytes());
            message.extend_from_slice(&iv);
            message.extend_from_slice(body.as_flattened());
            message
        }
    };
    (message, pending)
}

/// The response base fields, parsed but not yet checked against the request.
struct ResponseBase {
    major: u16,
    minor: u16,
    epid: String,
    cmid: Uuid,
    client_time: FileTime,
    count: u32,
    activation_interval_minutes: u32,
    renewal_interval_minutes: u32,
}

/// Reads the PIDSize at `offset` and checks it before anything depends on it.
fn read_pid_size(message: &[u8], offset: usize) -> Result<usize, KmsError> {
    let size = Reader::at(message, offset).u32()?;
    if size > MAX_EPID_BYTES as u32 {
        return Err(KmsError::MalformedEpid(EpidError::TooLong(size)));
    }
    if size % 2 != 0 {
        return Err(KmsError::MalformedEpid(EpidError::OddLength(size)));
    }
    if size == 0 {
        return Err(KmsError::MalformedEpid(EpidError::Empty));
    }
    // At most 128, so the conversion is exact.
    Ok(size as usize)
}

fn decode_epid(bytes: &[u8]) -> Result<String, KmsError> {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    let Some((&last, text)) = units.split_last() else {
        return Err(KmsError::MalformedEpid(EpidError::Empty));
    };
    if last != 0 {
        return Err(KmsError::MalformedEpid(EpidError::MissingTerminator));
    }
    if text.contains(&0) {
        return Err(KmsError::MalformedEpid(EpidError::EmbeddedNul));
    }
    String::from_utf16(text).map_err(|_| KmsError::MalformedEpid(EpidError::InvalidUtf16))
}

/// Parses a response base of exactly `44 + P` bytes whose P was checked.
fn parse_response_base(bytes: &[u8], pid_size: usize) -> Result<ResponseBase, KmsError> {
    let mut r = Reader::new(bytes);
    let minor = r.u16()?;
    let major = r.u16()?;
    let _pid_size = r.u32()?;
    let epid = decode_epid(r.take(pid_size)?)?;
    Ok(ResponseBase {
        major,
        minor,
        epid,
        cmid: r.guid()?,
        client_time: FileTime(r.u64()?),
        count: r.u32()?,
        activation_interval_minutes: r.u32()?,
        renewal_interval_minutes: r.u32()?,
    })
}

fn check_version(expected: ProtocolVersion, major: u16, minor: u16) -> Result<(), KmsError> {
    if major == expected.major() && minor == 0 {
        Ok(())
    } else {
        Err(KmsError::VersionMismatch {
            expected,
            major,
            minor,
        })
    }
}

fn check_echoes(pending: &PendingRequest, base: &ResponseBase) -> Result<(), KmsError> {
    check_version(pending.version, base.major, base.minor)?;
    if base.cmid != pending.cmid {
        return Err(KmsError::CmidMismatch {
            expected: pending.cmid,
            found: base.cmid,
        });
    }
    if base.client_time != pending.client_time {
        return Err(KmsError::TimeMismatch {
            expected: pending.client_time.0,
            found: base.client_time.0,
        });
    }
    Ok(())
}

fn into_response(
    base: ResponseBase,
    version: ProtocolVersion,
    hwid: Option<[u8; 8]>,
) -> KmsResponse {
    KmsResponse {
        version,
        epid: base.epid,
        cmid: base.cmid,
        client_time: base.client_time,
        count: base.count,
        activation_interval_minutes: base.activation_interval_minutes,
        renewal_interval_minutes: base.renewal_interval_minutes,
        hwid,
    }
}

/// Verifies and decodes the host's KMS response to the request `pending` came from.
pub fn decode_response(pending: &PendingRequest, message: &[u8]) -> Result<KmsResponse, KmsError> {
    match pending.version {
        ProtocolVersion::V4 => decode_v4(pending, message),
        ProtocolVersion::V5 | ProtocolVersion::V6 => decode_v5_v6(pending, message),
    }
}

fn decode_v4(pending: &PendingRequest, message: &[u8]) -> Result<KmsResponse, KmsError> {
    let version = ProtocolVersion::V4;
    let pid_size = read_pid_size(message, 4)?;
    let base_len = RESPONSE_BASE_FIXED_LEN + pid_size;
    let expected = base_len + BLOCK_LEN;
    if message.len() != expected {
        return Err(KmsError::WrongLength {
            version,
            expected,
            actual: message.len(),
        });
    }
    let (base_bytes, mac) = message.split_at(base_len);
    if v4_mac(base_bytes).as_slice() != mac {
        return Err(KmsError::MacMismatch);
    }
    let base = parse_response_base(base_bytes, pid_size)?;
    check_echoes(pending, &base)?;
    Ok(into_response(base, version, None))
}

fn xor16(a: &Block, b: &[u8]) -> Block {
    let mut out = *a;
    for (o, x) in out.iter_mut().zip(b) {
        *o ^= x;
    }
    out
}

fn decode_v5_v6(pending: &PendingRequest, message: &[u8]) -> Result<KmsResponse, KmsError> {
    let version = pending.version;
    let mut r = Reader::new(message);
    let minor = r.u16()?;
    let major = r.u16()?;
    check_version(version, major, minor)?;
    let encrypted = r.rest();
    if !encrypted.len().is_multiple_of(BLOCK_LEN) {
        return Err(KmsError::NotBlockAligned {
            len: encrypted.len(),
        });
    }
    // Shortest well-formed answer: IV block plus base, trailer and padding.
    if encrypted.len() < 2 * BLOCK_LEN {
        return Err(KmsError::Truncated {
            offset: 4,
            needed: 2 * BLOCK_LEN,
            available: message.len(),
        });
    }
    if version == ProtocolVersion::V5 && encrypted.get(..BLOCK_LEN) != Some(&pending.request_iv[..])
    {
        return Err(KmsError::ResponseIvMismatch);
    }
    // The host encrypted IV|base|... as CBC with a zero IV; decrypting the
    // same way yields the plain IV in the first block.
    let mut plain = encrypted.to_vec();
    version
        .cipher()
        .cbc_decrypt(&[0u8; BLOCK_LEN], &mut plain)
        .map_err(|_| KmsError::NotBlockAligned { len: plain.len() })?;
    let pad = pkcs7_pad_len(&plain).ok_or(KmsError::BadPadding)?;
    let content = plain.get(..plain.len() - pad).ok_or(KmsError::BadPadding)?;

    let pid_size = read_pid_size(content, BLOCK_LEN + 4)?;
    let trailer_len = if version == ProtocolVersion::V6 {
        V6_TRAILER_LEN
    } else {
        V5_TRAILER_LEN
    };
    let base_len = RESPONSE_BASE_FIXED_LEN + pid_size;
    let content_len = BLOCK_LEN + base_len + trailer_len;
    if content.len() != content_len {
        let padded = content_len + (BLOCK_LEN - content_len % BLOCK_LEN);
        return Err(KmsError::WrongLength {
            version,
            expected: 4 + padded,
            actual: message.len(),
        });
    }
    let mut r = Reader::at(content, BLOCK_LEN);
    let base = parse_response_base(r.take(base_len)?, pid_size)?;
    check_echoes(pending, &base)?;

    let random_xored_ivs: Block = r.array()?;
    let hash: [u8; 32] = r.array()?;
    let random = xor16(&random_xored_ivs, &pending.decrypted_iv);
    if sha256(&random) != hash {
        return Err(KmsError::HashMismatch);
    }
    if version == ProtocolVersion::V5 {
        return Ok(into_response(base, version, None));
    }

    let hwid: [u8; 8] = r.array()?;
    let xored_ivs: Block = r.array()?;
    if xored_ivs != pending.decrypted_iv {
        return Err(KmsError::XoredIvsMismatch);
    }
    let authenticated_len = r.position();
    let tag: Block = r.array()?;
    let authenticated = content
        .get(..authenticated_len)
        .ok_or(KmsError::HmacMismatch)?;
    let matches = [0i64, -1, 1].into_iter().any(|offset| {
        let key = v6_hmac_key(v6_time_slot(base.client_time, offset));
        crypto::constant_time_eq(&v6_hmac_tag(&key, authenticated), &tag)
    });
    if !matches {
        return Err(KmsError::HmacMismatch);
    }
    Ok(into_response(base, version, Some(hwid)))
}
