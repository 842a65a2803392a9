//! Round trips through the test host codec, and one test per failed check:
//! each corrupted answer must fail with its own error variant.

mod support;

use support::host_codec::{self, DecodedRequest, HostAnswer};
use uuid::{Uuid, uuid};
use vlmgr::protocol::crypto::{
    BLOCK_LEN, pkcs7_pad, v4_mac, v6_hmac_key, v6_hmac_tag, v6_time_slot,
};
use vlmgr::protocol::kms::{
    self, EpidError, KmsError, PendingRequest, ProtocolVersion, RequestBase, WorkstationName,
};
use vlmgr::protocol::rpc::{self, ClientPdu, Pdu, ResponseBody, RpcError, TransferSyntax};
use vlmgr::protocol::{FileTime, HResult};

const ALL: [ProtocolVersion; 3] = [
    ProtocolVersion::V4,
    ProtocolVersion::V5,
    ProtocolVersion::V6,
];

fn base(version: ProtocolVersion) -> RequestBase {
    RequestBase {
        version,
        vm_info: true,
        license_status: 5,
        binding_expiration_minutes: 1234,
        application_id: uuid!("0ff1ce15-a989-479d-af46-f275c6370663"),
        activation_id: uuid!("2de67392-b7a7-462a-b1ca-108dd189f588"),
        kms_counted_id: uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"),
        cmid: uuid!("6f1a3b2c-0000-4abc-8def-0123456789ab"),
        n_policy: 5,
        client_time: FileTime::from_unix_seconds(1_800_000_000).unwrap(),
        previous_cmid: Uuid::nil(),
        workstation_name: WorkstationName::new("büro-pc.corp.example").unwrap(),
    }
}

fn answer() -> HostAnswer {
    HostAnswer {
        epid: "06401-00206-271-392041-03-1033-17763.0000-0542024".to_owned(),
        count: 7,
        activation_interval_minutes: 60,
        renewal_interval_minutes: 1440,
        hwid: *b"\x01\x02\x03\x04\x05\x06\x07\x08",
        random: [0x5A; 16],
        response_iv: [0xC3; 16],
        hmac_slot_offset: 0,
    }
}

fn exchange(version: ProtocolVersion) -> (PendingRequest, DecodedRequest) {
    let (message, pending) = kms::encode_request(&base(version), [0x42; 16]);
    let host_view = host_codec::decode_kms_request(&message).unwrap();
    (pending, host_view)
}

#[test]
fn request_base_round_trips_through_the_host() {
    for version in ALL {
        let (message, pending) = kms::encode_request(&base(version), [0x42; 16]);
        let expected_len = if version == ProtocolVersion::V4 {
            252
        } else {
            260
        };
        assert_eq!(message.len(), expected_len);
        let host_view = host_codec::decode_kms_request(&message).unwrap();
        assert_eq!(host_view.base, base(version));
        assert_eq!(pending.decrypted_iv(), host_view.decrypted_iv);
        let response = kms::decode_response(
            &pending,
            &host_codec::encode_kms_response(&host_view, &answer()),
        )
        .unwrap();
        assert_eq!(response.version, version);
        assert_eq!(response.epid, answer().epid);
        assert_eq!(response.count, 7);
        assert_eq!(response.activation_interval_minutes, 60);
        assert_eq!(response.renewal_interval_minutes, 1440);
        assert_eq!(response.cmid, base(version).cmid);
        assert_eq!(response.client_time, base(version).client_time);
        assert_eq!(
            response.hwid,
            (version == ProtocolVersion::V6).then_some(answer().hwid)
        );
    }
}

#[test]
fn full_pdu_round_trip_in_both_syntaxes() {
    for version in ALL {
        for (context_id, syntax) in [(0, TransferSyntax::Ndr32), (1, TransferSyntax::Ndr64)] {
            let (message, pending) = kms::encode_request(&base(version), [7; 16]);
            let pdu = rpc::encode_request(5, context_id, syntax, &message);
            assert_eq!(rpc::pdu_frame_len(&pdu), Ok(Some(pdu.len())));
            let Ok(ClientPdu::Request(request)) = rpc::decode_client_pdu(&pdu) else {
                panic!()
            };
            let host_view = host_codec::decode_kms_request(&request.kms_message).unwrap();
            let reply = host_codec::encode_kms_response(&host_view, &answer());
            let reply_pdu = host_codec::encode_response_pdu(
                5,
                context_id,
                syntax,
                &ResponseBody::Message(reply),
            );
            let Ok(Pdu::Response(response)) = rpc::decode_pdu(&reply_pdu) else {
                panic!()
            };
            assert_eq!(
                (response.call_id, response.context_id, response.syntax),
                (5, context_id, syntax)
            );
            let ResponseBody::Message(kms_message) = response.body else {
                panic!()
            };
            assert_eq!(
                kms::decode_response(&pending, &kms_message).unwrap().count,
                7
            );
            // And the error stub in this syntax.
            let error_pdu = host_codec::encode_response_pdu(
                5,
                context_id,
                syntax,
                &ResponseBody::HostError(HResult(0xC004_F041)),
            );
            let Ok(Pdu::Response(error)) = rpc::decode_pdu(&error_pdu) else {
                panic!()
            };
            assert_eq!(error.body, ResponseBody::HostError(HResult(0xC004_F041)));
            assert_eq!(error.syntax, syntax);
        }
    }
}

#[test]
fn epid_lengths_from_one_unit_to_the_limit_round_trip() {
    // 63 units + NUL = 128 bytes is the largest ePID; odd lengths exercise
    // V4 response sizes that are not multiples of 4 (RPC padding).
    for version in ALL {
        for units in [0usize, 1, 2, 31, 49, 62, 63] {
            let (pending, host_view) = exchange(version);
            let mut a = answer();
            a.epid = "7".repeat(units);
            let message = host_codec::encode_kms_response(&host_view, &a);
            let pdu = host_codec::encode_response_pdu(
                2,
                0,
                TransferSyntax::Ndr32,
                &ResponseBody::Message(message),
            );
            let Ok(Pdu::Response(rpc::Response {
                body: ResponseBody::Message(m),
                ..
            })) = rpc::decode_pdu(&pdu)
            else {
                panic!()
            };
            let response = kms::decode_response(&pending, &m).unwrap();
            assert_eq!(response.epid, a.epid);
        }
        let (pending, host_view) = exchange(version);
        let mut a = answer();
        a.epid = "7".repeat(64);
        assert_eq!(
            kms::decode_response(&pending, &host_codec::encode_kms_response(&host_view, &a)),
            Err(KmsError::MalformedEpid(EpidError::TooLong(130)))
        );
    }
}

#[test]
fn workstation_name_limits() {
    assert!(WorkstationName::new(&"a".repeat(63)).is_ok());
    assert_eq!(
        WorkstationName::new(&"a".repeat(64)),
        Err(KmsError::WorkstationNameTooLong { units: 64 })
    );
    // Counted in UTF-16 units: 32 astral characters are 64 units.
    assert_eq!(
        WorkstationName::new(&"😀".repeat(32)),
        Err(KmsError::WorkstationNameTooLong { units: 64 })
    );
    assert!(WorkstationName::new(&"é".repeat(63)).is_ok());
    assert_eq!(
        WorkstationName::new("a\0b"),
        Err(KmsError::WorkstationNameContainsNul)
    );
    let field = WorkstationName::new(&"z".repeat(63)).unwrap().to_field();
    assert_eq!(&field[126..], &[0, 0], "always NUL-terminated");
}

#[test]
fn each_failed_check_has_its_own_error() {
    for version in ALL {
        let (pending, host_view) = exchange(version);

        let mut other_cmid = host_view.clone();
        other_cmid.base.cmid = Uuid::from_u128(1);
        assert!(matches!(
            kms::decode_response(
                &pending,
                &host_codec::encode_kms_response(&other_cmid, &answer())
            ),
            Err(KmsError::CmidMismatch { .. })
        ));

        let mut other_time = host_view.clone();
        other_time.base.client_time = FileTime(pending.client_time().0 + 1);
        assert!(matches!(
            kms::decode_response(
                &pending,
                &host_codec::encode_kms_response(&other_time, &answer())
            ),
            Err(KmsError::TimeMismatch { .. })
        ));

        // A response claiming another version, with intact integrity.
        let mut other_version = host_view.clone();
        other_version.base_bytes[2] = if version == ProtocolVersion::V6 { 5 } else { 6 };
        assert!(matches!(
            kms::decode_response(
                &pending,
                &host_codec::encode_kms_response(&other_version, &answer())
            ),
            Err(KmsError::VersionMismatch { .. })
        ));
        // Inner version alone differing (outer header kept).
        let mut inner_only = host_codec::encode_kms_response(&other_version, &answer());
        inner_only[2] = version.major() as u8;
        assert!(kms::decode_response(&pending, &inner_only).is_err());

        let good = host_codec::encode_kms_response(&host_view, &answer());
        let mut longer = good.clone();
        longer.extend_from_slice(&[0; 16]);
        assert!(matches!(
            kms::decode_response(&pending, &longer),
            Err(KmsError::WrongLength { .. } | KmsError::BadPadding | KmsError::MacMismatch)
        ));
    }
}

#[test]
fn v4_mac_mismatch() {
    let (pending, host_view) = exchange(ProtocolVersion::V4);
    let mut message = host_codec::encode_kms_response(&host_view, &answer());
    let last = message.len() - 1;
    message[last] ^= 1;
    assert_eq!(
        kms::decode_response(&pending, &message),
        Err(KmsError::MacMismatch)
    );
}

#[test]
fn v5_v6_hash_iv_and_padding_errors() {
    for version in [ProtocolVersion::V5, ProtocolVersion::V6] {
        let (pending, host_view) = exchange(version);

        // Host hashing a different random than it XORed in.
        let mut wrong_iv_view = host_view.clone();
        wrong_iv_view.decrypted_iv[0] ^= 1;
        let result = kms::decode_response(
            &pending,
            &host_codec::encode_kms_response(&wrong_iv_view, &answer()),
        );
        let expected = if version == ProtocolVersion::V5 {
            // V5's encrypted IV block then no longer equals the request IV.
            KmsError::ResponseIvMismatch
        } else {
            KmsError::HashMismatch
        };
        assert_eq!(result, Err(expected));

        // Wrong key (a V5 answer to a V6 request with V6 framing): padding fails
        // or, rarely, something later; never accepted.
        let mut v5_view = host_view.clone();
        v5_view.version = if version == ProtocolVersion::V6 {
            ProtocolVersion::V5
        } else {
            ProtocolVersion::V6
        };
        let mut crossed = host_codec::encode_kms_response(&v5_view, &answer());
        crossed[2] = version.major() as u8;
        assert!(kms::decode_response(&pending, &crossed).is_err());

        // Not a whole number of blocks.
        let good = host_codec::encode_kms_response(&host_view, &answer());
        assert!(matches!(
            kms::decode_response(&pending, &good[..good.len() - 1]),
            Err(KmsError::NotBlockAligned { .. })
        ));
    }
}

/// A V6 answer with the slot offset of its HMAC key, then decrypted,
/// changed by `edit` (on the content without padding; the HMAC is recomputed
/// afterwards unless `reseal` is false), padded with `pad_byte` as last byte
/// if given, and re-encrypted.
fn v6_answer_with(
    host_view: &DecodedRequest,
    slot_offset: i64,
    edit: impl Fn(&mut Vec<u8>),
    pad_byte: Option<u8>,
) -> Vec<u8> {
    let mut a = answer();
    a.hmac_slot_offset = slot_offset;
    let message = host_codec::encode_kms_response(host_view, &a);
    let cipher = ProtocolVersion::V6.cipher();
    let mut plain = message[4..].to_vec();
    cipher.cbc_decrypt(&[0; BLOCK_LEN], &mut plain).unwrap();
    let n = usize::from(*plain.last().unwrap());
    plain.truncate(plain.len() - n);
    edit(&mut plain);
    let before_tag = plain.len() - 16;
    let key = v6_hmac_key(v6_time_slot(host_view.base.client_time, slot_offset));
    let tag = v6_hmac_tag(&key, &plain[..before_tag]);
    plain[before_tag..].copy_from_slice(&tag);
    pkcs7_pad(&mut plain);
    if let Some(pad) = pad_byte {
        let last = plain.len() - 1;
        plain[last] = pad;
    }
    cipher.cbc_encrypt(&[0; BLOCK_LEN], &mut plain).unwrap();
    let mut out = message[..4].to_vec();
    out.extend_from_slice(&plain);
    out
}

#[test]
fn v6_xored_ivs_hmac_tolerance_and_padding() {
    let (pending, host_view) = exchange(ProtocolVersion::V6);
    let keep = |_: &mut Vec<u8>| {};
    for offset in [-1, 0, 1] {
        assert!(
            kms::decode_response(&pending, &v6_answer_with(&host_view, offset, keep, None)).is_ok(),
            "slot {offset}"
        );
    }
    for offset in [-2, 2, 1000] {
        assert_eq!(
            kms::decode_response(&pending, &v6_answer_with(&host_view, offset, keep, None)),
            Err(KmsError::HmacMismatch),
            "slot {offset}"
        );
    }
    // XoredIVs (the 16 bytes before the HMAC) wrong, HMAC recomputed over it.
    let flip_xored = |plain: &mut Vec<u8>| {
        let at = plain.len() - 32;
        plain[at] ^= 0x80;
    };
    assert_eq!(
        kms::decode_response(&pending, &v6_answer_with(&host_view, 0, flip_xored, None)),
        Err(KmsError::XoredIvsMismatch)
    );
    // The hash field wrong, HMAC recomputed: only the hash check notices.
    let flip_hash = |plain: &mut Vec<u8>| {
        let at = plain.len() - 40 - 1;
        plain[at] ^= 1;
    };
    assert_eq!(
        kms::decode_response(&pending, &v6_answer_with(&host_view, 0, flip_hash, None)),
        Err(KmsError::HashMismatch)
    );
    for bad_pad in [0u8, 17, 0xFF] {
        assert_eq!(
            kms::decode_response(
                &pending,
                &v6_answer_with(&host_view, 0, keep, Some(bad_pad))
            ),
            Err(KmsError::BadPadding)
        );
    }
}
#[test]
fn malformed_epids_are_rejected_with_their_reason() {
    let (pending, host_view) = exchange(ProtocolVersion::V4);
    let good = host_codec::encode_kms_response(&host_view, &answer());
    let pid_size = u32::from_le_bytes(good[4..8].try_into().unwrap()) as usize;
    let remac = |mut base: Vec<u8>| {
        let mac = v4_mac(&base);
        base.extend_from_slice(&mac);
        base
    };
    let base = good[..good.len() - 16].to_vec();

    let mut no_nul = base.clone();
    no_nul[8 + pid_size - 2] = b'x';
    assert_eq!(
        kms::decode_response(&pending, &remac(no_nul)),
        Err(KmsError::MalformedEpid(EpidError::MissingTerminator))
    );

    let mut inner_nul = base.clone();
    inner_nul[8] = 0;
    assert_eq!(
        kms::decode_response(&pending, &remac(inner_nul)),
        Err(KmsError::MalformedEpid(EpidError::EmbeddedNul))
    );

    let mut surrogate = base.clone();
    surrogate[8..10].copy_from_slice(&0xD800u16.to_le_bytes());
    assert_eq!(
        kms::decode_response(&pending, &remac(surrogate)),
        Err(KmsError::MalformedEpid(EpidError::InvalidUtf16))
    );

    for (size, reason) in [
        (0u32, EpidError::Empty),
        (99, EpidError::OddLength(99)),
        (130, EpidError::TooLong(130)),
        (u32::MAX, EpidError::TooLong(u32::MAX)),
    ] {
        let mut bad = base.clone();
        bad[4..8].copy_from_slice(&size.to_le_bytes());
        assert_eq!(
            kms::decode_response(&pending, &remac(bad)),
            Err(KmsError::MalformedEpid(reason))
        );
    }
    // A PIDSize that disagrees with the message length.
    let mut shorter = base.clone();
    shorter[4..8].copy_from_slice(&((pid_size - 2) as u32).to_le_bytes());
    assert!(matches!(
        kms::decode_response(&pending, &remac(shorter)),
        Err(KmsError::WrongLength { .. })
    ));
}

#[test]
fn rpc_response_stub_errors() {
    let message = vec![0xAB; 10];
    let good = host_codec::encode_response_pdu(
        2,
        0,
        TransferSyntax::Ndr32,
        &ResponseBody::Message(message),
    );
    // 10 bytes of data: 2 bytes of padding before the HRESULT.
    let mut bad_pad = good.clone();
    bad_pad[16 + 8 + 12 + 10] = 1;
    assert_eq!(rpc::decode_pdu(&bad_pad), Err(RpcError::NonZeroPadding));
    let mut cancel = good.clone();
    cancel[22] = 1;
    assert_eq!(
        rpc::decode_pdu(&cancel),
        Err(RpcError::NonZeroCancelCount(1))
    );
    let mut max_count = good.clone();
    max_count[32] = 11;
    assert!(matches!(
        rpc::decode_pdu(&max_count),
        Err(RpcError::StubSizeMismatch { .. })
    ));
    let mut frag = good.clone();
    frag[8] += 1;
    assert!(matches!(
        rpc::decode_pdu(&frag),
        Err(RpcError::LengthMismatch { .. })
    ));
    let mut version = good.clone();
    version[0] = 4;
    assert!(matches!(
        rpc::decode_pdu(&version),
        Err(RpcError::BadVersion { major: 4, minor: 0 })
    ));
    let mut big_endian = good.clone();
    big_endian[4] = 0x00;
    assert!(matches!(
        rpc::decode_pdu(&big_endian),
        Err(RpcError::UnsupportedDataRepresentation(_))
    ));
    let mut auth = good.clone();
    auth[10] = 8;
    assert!(matches!(
        rpc::decode_pdu(&auth),
        Err(RpcError::AuthNotSupported { auth_length: 8 })
    ));
    let mut ptype = good.clone();
    ptype[2] = 9;
    assert_eq!(rpc::decode_pdu(&ptype), Err(RpcError::UnknownPacketType(9)));
    // Null pointer with S_OK: neither message nor error.
    let empty = host_codec::encode_response_pdu(
        2,
        0,
        TransferSyntax::Ndr32,
        &ResponseBody::HostError(HResult(0)),
    );
    assert_eq!(rpc::decode_pdu(&empty), Err(RpcError::EmptyResponse));
    // bind_nak.
    assert_eq!(
        rpc::decode_pdu(&host_codec::encode_bind_nak(2, 4)),
        Ok(Pdu::BindNak(rpc::BindNak {
            call_id: 2,
            reason: 4
        }))
    );
}

#[test]
fn host_bind_policy_round_trips() {
    for prefer_ndr64 in [false, true] {
        let Ok(ClientPdu::Bind(bind)) = rpc::decode_client_pdu(&rpc::encode_bind_windows(2)) else {
            panic!()
        };
        let results = host_codec::bind_results(&bind, prefer_ndr64);
        let Ok(Pdu::BindAck(ack)) =
            rpc::decode_pdu(&host_codec::encode_bind_ack(2, 0x1234, b"1688\0", &results))
        else {
            panic!()
        };
        let expected = if prefer_ndr64 {
            (1, TransferSyntax::Ndr64)
        } else {
            (0, TransferSyntax::Ndr32)
        };
        assert_eq!(
            ack.select_context(&rpc::WINDOWS_BIND_CONTEXTS),
            Some(expected)
        );
        // Secondary address lengths 0..=7 exercise every alignment.
        for len in 0..8 {
            let address = vec![b'9'; len];
            let pdu = host_codec::encode_bind_ack(2, 1, &address, &results);
            let Ok(Pdu::BindAck(ack)) = rpc::decode_pdu(&pdu) else {
                panic!("len {len}")
            };
            assert_eq!(ack.secondary_address, address);
            assert_eq!(ack.results, results);
        }
    }
}
