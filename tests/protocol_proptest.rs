//! Property tests: no decoder panics on arbitrary or mutated input, and
//! arbitrary requests round-trip through the test host codec.

mod support;

use proptest::prelude::*;
use support::host_codec::{self, HostAnswer};
use uuid::Uuid;
use vlmgr::protocol::FileTime;
use vlmgr::protocol::kms::{self, ProtocolVersion, RequestBase, WorkstationName};
use vlmgr::protocol::rpc::{self, ResponseBody, TransferSyntax};

fn version() -> impl Strategy<Value = ProtocolVersion> {
    prop_oneof![
        Just(ProtocolVersion::V4),
        Just(ProtocolVersion::V5),
        Just(ProtocolVersion::V6)
    ]
}

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<u128>().prop_map(Uuid::from_u128)
}

fn request_base() -> impl Strategy<Value = RequestBase> {
    (
        version(),
        any::<bool>(),
        any::<(u32, u32, u32)>(),
        (uuid(), uuid(), uuid(), uuid(), uuid()),
        any::<u64>(),
        "\\PC{0,63}",
    )
        .prop_map(
            |(version, vm_info, (license_status, minutes, n_policy), ids, time, name)| {
                let name: String = name
                    .chars()
                    .filter(|&c| c != '\0')
                    .scan(0, |units, c| {
                        *units += c.len_utf16();
                        (*units <= 63).then_some(c)
                    })
                    .collect();
                RequestBase {
                    version,
                    vm_info,
                    license_status,
                    binding_expiration_minutes: minutes,
                    application_id: ids.0,
                    activation_id: ids.1,
                    kms_counted_id: ids.2,
                    cmid: ids.3,
                    n_policy,
                    client_time: FileTime(time),
                    previous_cmid: ids.4,
                    workstation_name: WorkstationName::new(&name).expect("trimmed to 63 units"),
                }
            },
        )
}

/// A valid PDU of every kind, to mutate.
fn seed_pdus() -> Vec<Vec<u8>> {
    let base = RequestBase {
        version: ProtocolVersion::V6,
        vm_info: false,
        license_status: 1,
        binding_expiration_minutes: 0,
        application_id: Uuid::from_u128(1),
        activation_id: Uuid::from_u128(2),
        kms_counted_id: Uuid::from_u128(3),
        cmid: Uuid::from_u128(4),
        n_policy: 25,
        client_time: FileTime(0x01da_b41b_3a88_a000),
        previous_cmid: Uuid::nil(),
        workstation_name: WorkstationName::new("host").unwrap(),
    };
    let (message, _) = kms::encode_request(&base, [1; 16]);
    let host_view = host_codec::decode_kms_request(&message).unwrap();
    let answer = HostAnswer::recorded_det([2; 16], [3; 16]);
    let reply = host_codec::encode_kms_response(&host_view, &answer);
    let Ok(rpc::ClientPdu::Bind(bind)) = rpc::decode_client_pdu(&rpc::encode_bind_windows(2))
    else {
        unreachable!()
    };
    let results = host_codec::bind_results(&bind, true);
    vec![
        rpc::encode_bind_windows(2),
        rpc::encode_alter_context_ndr32(2),
        rpc::encode_request(2, 0, TransferSyntax::Ndr32, &message),
        rpc::encode_request(3, 1, TransferSyntax::Ndr64, &message),
        host_codec::encode_bind_ack(2, 7, b"1688\0", &results),
        host_codec::encode_alter_context_resp(2, 7, &results[..1]),
        host_codec::encode_bind_nak(2, 1),
        host_codec::encode_fault(2, 0x1c01_0003),
        host_codec::encode_response_pdu(
            2,
            0,
            TransferSyntax::Ndr32,
            &ResponseBody::Message(reply.clone()),
        ),
        host_codec::encode_response_pdu(3, 1, TransferSyntax::Ndr64, &ResponseBody::Message(reply)),
        host_codec::encode_response_pdu(
            2,
            0,
            TransferSyntax::Ndr64,
            &ResponseBody::HostError(vlmgr::protocol::HResult(0x8007_000D)),
        ),
    ]
}

/// Applies up to 8 random byte edits and an optional truncation.
fn mutate(seed: &[u8], edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut out = seed.to_vec();
    for &(at, value) in edits {
        if !out.is_empty() {
            let at = at % out.len();
            out[at] = value;
        }
    }
    if let Some(cut) = cut {
        out.truncate(cut % (out.len() + 1));
    }
    out
}

fn all_pendings() -> Vec<kms::PendingRequest> {
    [
        ProtocolVersion::V4,
        ProtocolVersion::V5,
        ProtocolVersion::V6,
    ]
    .into_iter()
    .map(|version| {
        let base = RequestBase {
            version,
            vm_info: false,
            license_status: 0,
            binding_expiration_minutes: 0,
            application_id: Uuid::nil(),
            activation_id: Uuid::nil(),
            kms_counted_id: Uuid::nil(),
            cmid: Uuid::nil(),
            n_policy: 0,
            client_time: FileTime(0),
            previous_cmid: Uuid::nil(),
            workstation_name: WorkstationName::new("").unwrap(),
        };
        kms::encode_request(&base, [0; 16]).1
    })
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_any_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..1200)) {
        let _ = rpc::pdu_frame_len(&bytes);
        let _ = rpc::decode_pdu(&bytes);
        let _ = rpc::decode_client_pdu(&bytes);
        for pending in all_pendings() {
            let _ = kms::decode_response(&pending, &bytes);
        }
        let _ = RequestBase::from_bytes(&bytes);
        let _ = host_codec::decode_kms_request(&bytes);
    }

    #[test]
    fn pdu_headers_with_any_length_never_panic(
        ptype in 0u8..20, flags in any::<u8>(), frag in any::<u16>(), body in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        let mut pdu = vec![5, 0, ptype, flags, 0x10, 0, 0, 0];
        pdu.extend_from_slice(&frag.to_le_bytes());
        pdu.extend_from_slice(&[0, 0, 2, 0, 0, 0]);
        pdu.extend_from_slice(&body);
        let framed = rpc::pdu_frame_len(&pdu);
        if let Ok(Some(n)) = framed {
            prop_assert!((rpc::PDU_HEADER_LEN..=rpc::MAX_PDU_LEN).contains(&n));
            if let Some(exact) = pdu.get(..n) {
                let _ = rpc::decode_pdu(exact);
                let _ = rpc::decode_client_pdu(exact);
            }
        }
        let _ = rpc::decode_pdu(&pdu);
        let _ = rpc::decode_client_pdu(&pdu);
    }

    #[test]
    fn mutated_valid_pdus_never_panic(
        which in 0usize..11,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let seeds = seed_pdus();
        let pdu = mutate(&seeds[which % seeds.len()], &edits, cut);
        let _ = rpc::pdu_frame_len(&pdu);
        if let Ok(rpc::Pdu::Response(rpc::Response { body: ResponseBody::Message(m), .. })) = rpc::decode_pdu(&pdu) {
            for pending in all_pendings() {
                let _ = kms::decode_response(&pending, &m);
            }
        }
    }

    #[test]
    fn requests_round_trip_and_mutated_answers_never_panic(
        base in request_base(),
        iv in any::<[u8; 16]>(),
        epid in "[0-9A-Za-z.\\-]{0,63}",
        count in any::<u32>(),
        intervals in any::<(u32, u32)>(),
        random in any::<[u8; 16]>(),
        response_iv in any::<[u8; 16]>(),
        hwid in any::<[u8; 8]>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let (message, pending) = kms::encode_request(&base, iv);
        let host_view = host_codec::decode_kms_request(&message).unwrap();
        prop_assert_eq!(&host_view.base, &base);
        let answer = HostAnswer {
            epid: epid.clone(),
            count,
            activation_interval_minutes: intervals.0,
            renewal_interval_minutes: intervals.1,
            hwid,
            random,
            response_iv,
            hmac_slot_offset: 0,
        };
        let reply = host_codec::encode_kms_response(&host_view, &answer);
        let response = kms::decode_response(&pending, &reply).unwrap();
        prop_assert_eq!(response.epid, epid);
        prop_assert_eq!(response.count, count);
        prop_assert_eq!(response.cmid, base.cmid);
        prop_assert_eq!(response.client_time, base.client_time);
        prop_assert_eq!((response.activation_interval_minutes, response.renewal_interval_minutes), intervals);
        prop_assert_eq!(response.hwid, (base.version == ProtocolVersion::V6).then_some(hwid));
        let _ = kms::decode_response(&pending, &mutate(&reply, &edits, cut));
    }

    #[test]
    fn filetime_unix_seconds_round_trip(seconds in -11_644_473_600i64..1_000_000_000_000) {
        let time = FileTime::from_unix_seconds(seconds).unwrap();
        prop_assert_eq!(time.to_unix_seconds(), seconds);
    }
}
