//! What the benchmarks share: the request they encode.

use uuid::Uuid;
use vlmgr::protocol::FileTime;
use vlmgr::protocol::kms::{KmsError, ProtocolVersion, RequestBase, WorkstationName};

/// A Windows 10/11 Pro request of `version` with fixed identities and time, so every run
/// encodes the same bytes.
pub(crate) fn request_base(version: ProtocolVersion) -> Result<RequestBase, KmsError> {
    Ok(RequestBase {
        version,
        vm_info: false,
        license_status: 2,
        binding_expiration_minutes: 43200,
        application_id: Uuid::from_u128(0x55c9_2734_d682_4d71_983e_d6ec_3f16_059f),
        activation_id: Uuid::from_u128(2),
        kms_counted_id: Uuid::from_u128(3),
        cmid: Uuid::from_u128(4),
        n_policy: 25,
        client_time: FileTime(0x01da_b41b_3a88_a000),
        previous_cmid: Uuid::nil(),
        workstation_name: WorkstationName::new("bench-host.example.com")?,
    })
}
