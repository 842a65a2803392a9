//! Hand check against a real KMS host on loopback (ignored by default).
//!
//! Run with a host listening on 127.0.0.1, e.g. vlmcsd built outside the
//! repository:
//!
//! ```text
//! vlmcsd -D -L 127.0.0.1:11688 -v &
//! VLMGR_LIVE_KMS=127.0.0.1:11688 cargo test --test protocol_live -- --ignored --nocapture
//! ```
//!
//! Without `VLMGR_LIVE_KMS` the test prints a note and passes. Only loopback
//! addresses are accepted.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use uuid::uuid;
use vlmgr::protocol::FileTime;
use vlmgr::protocol::kms::{self, KmsResponse, ProtocolVersion, RequestBase, WorkstationName};
use vlmgr::protocol::rpc::{
    self, NDR32_ONLY_BIND_CONTEXTS, PDU_HEADER_LEN, Pdu, ResponseBody, TransferSyntax,
    WINDOWS_BIND_CONTEXTS,
};

fn live_address() -> Option<SocketAddr> {
    let value = std::env::var("VLMGR_LIVE_KMS").ok()?;
    let address: SocketAddr = value
        .parse()
        .unwrap_or_else(|e| panic!("VLMGR_LIVE_KMS={value:?} is not ip:port: {e}"));
    assert!(
        address.ip().is_loopback(),
        "VLMGR_LIVE_KMS must be a loopback address"
    );
    Some(address)
}

fn read_pdu(stream: &mut TcpStream) -> Pdu {
    let mut buffer = vec![0u8; PDU_HEADER_LEN];
    stream.read_exact(&mut buffer).expect("PDU header");
    let len = rpc::pdu_frame_len(&buffer)
        .expect("valid header")
        .expect("header complete");
    buffer.resize(len, 0);
    stream
        .read_exact(&mut buffer[PDU_HEADER_LEN..])
        .expect("PDU body");
    rpc::decode_pdu(&buffer).expect("PDU decodes")
}

fn request_base(version: ProtocolVersion) -> RequestBase {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970");
    RequestBase {
        version,
        vm_info: false,
        license_status: 2,
        binding_expiration_minutes: 43200,
        application_id: uuid!("55c92734-d682-4d71-983e-d6ec3f16059f"),
        activation_id: uuid!("2de67392-b7a7-462a-b1ca-108dd189f588"),
        kms_counted_id: uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"),
        // A fixed test identity: the host counts this test as one client.
        cmid: uuid!("0e5f1c2a-7b3d-4c4e-9f60-718293a4b5c6"),
        n_policy: 25,
        client_time: FileTime::from_unix_duration(now),
        previous_cmid: uuid::Uuid::nil(),
        workstation_name: WorkstationName::new("vlmgr-live-test.example").unwrap(),
    }
}

/// Sends one activation request on `context` and verifies the answer.
fn activate(
    stream: &mut TcpStream,
    call_id: u32,
    (context_id, syntax): (u16, TransferSyntax),
    version: ProtocolVersion,
) -> KmsResponse {
    let (message, pending) = kms::encode_request(&request_base(version), rand::random());
    stream
        .write_all(&rpc::encode_request(call_id, context_id, syntax, &message))
        .unwrap();
    let Pdu::Response(response) = read_pdu(stream) else {
        panic!("expected a response PDU")
    };
    assert_eq!(
        (response.call_id, response.context_id),
        (call_id, context_id)
    );
    assert_eq!(response.syntax, syntax);
    let ResponseBody::Message(answer) = response.body else {
        panic!("host error {:?}", response.body)
    };
    let decoded = kms::decode_response(&pending, &answer).expect("answer verifies");
    println!(
        "  V{} over {syntax:?} (context {context_id}, call {call_id}): ePID {} count {} intervals {}/{} hwid {:?}",
        version.major(),
        decoded.epid,
        decoded.count,
        decoded.activation_interval_minutes,
        decoded.renewal_interval_minutes,
        decoded
            .hwid
            .map(|h| h.iter().map(|b| format!("{b:02X}")).collect::<String>()),
    );
    decoded
}

fn connect(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&address, Duration::from_secs(3)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
}

#[test]
#[ignore = "needs a KMS host on loopback: set VLMGR_LIVE_KMS"]
fn live_host_answers_every_version() {
    let Some(address) = live_address() else {
        println!("VLMGR_LIVE_KMS not set: skipping the live KMS check");
        return;
    };
    for version in [
        ProtocolVersion::V4,
        ProtocolVersion::V5,
        ProtocolVersion::V6,
    ] {
        // Windows-like bind; use whatever the host accepts, then (if it
        // refused NDR32) also try alter_context to NDR32 and NDR64 again.
        let mut stream = connect(address);
        stream.write_all(&rpc::encode_bind_windows(2)).unwrap();
        let Pdu::BindAck(ack) = read_pdu(&mut stream) else {
            panic!("expected bind_ack")
        };
        let context = ack
            .select_context(&WINDOWS_BIND_CONTEXTS)
            .expect("a usable context");
        println!(
            "V{}: bind_ack results {:?} -> {context:?}",
            version.major(),
            ack.results
        );
        let first = activate(&mut stream, 2, context, version);
        assert_eq!(first.version, version);
        assert!(first.count > 0);
        if !ack.accepted(0) {
            stream
                .write_all(&rpc::encode_alter_context_ndr32(2))
                .unwrap();
            let Pdu::AlterContextResp(alter) = read_pdu(&mut stream) else {
                panic!("expected alter_context_resp")
            };
            assert!(alter.accepted(0), "alter_context to NDR32 refused");
            activate(&mut stream, 3, (0, TransferSyntax::Ndr32), version);
        }
        if ack.accepted(1) {
            activate(&mut stream, 4, (1, TransferSyntax::Ndr64), version);
        }

        // NDR32-only bind on a fresh connection.
        let mut stream = connect(address);
        stream.write_all(&rpc::encode_bind_ndr32_only(2)).unwrap();
        let Pdu::BindAck(ack) = read_pdu(&mut stream) else {
            panic!("expected bind_ack")
        };
        let context = ack
            .select_context(&NDR32_ONLY_BIND_CONTEXTS)
            .expect("NDR32 accepted");
        activate(&mut stream, 2, context, version);
    }
}
