//! The KMS protocol as a sans-io library: DCE/RPC framing, the KMS V4/V5/V6
//! messages, their cryptography, FILETIME and HRESULTs.
//!
//! Nothing here opens sockets, reads the clock or draws random numbers:
//! callers pass the time, the IVs and the client identity. See
//! `docs/protocol.md` for how each type maps to the wire.

pub mod crypto;
pub(crate) mod filetime;
#[cfg(any(test, feature = "test-host"))]
pub(crate) mod host_side;
pub(crate) mod hresult;
pub mod kms;
pub mod rpc;
mod wire;

use std::fmt;

pub use filetime::FileTime;
pub use hresult::{HResult, describe};
pub(crate) use kms::KmsError;
pub(crate) use rpc::RpcError;

/// Bytes in hexadecimal, two digits each: `{:x}` lower case (PDU traces), `{:X}` upper
/// case (a host's HwId, as slmgr prints it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hex<'a>(pub(crate) &'a [u8]);

impl fmt::LowerHex for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl fmt::UpperHex for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02X}"))
    }
}

#[cfg(test)]
mod tests {
    use super::Hex;

    #[test]
    fn hex_in_both_cases() {
        let bytes = [0x3A, 0x1C, 0x04, 0x00, 0xff];
        assert_eq!(format!("{:x}", Hex(&bytes)), "3a1c0400ff");
        assert_eq!(format!("{:X}", Hex(&bytes)), "3A1C0400FF");
        assert_eq!(format!("{:X}", Hex(&[])), "");
    }
}
