//! Protocol codec timings: encode + decode per KMS version, as median
//! nanoseconds and as a ratio to one raw AES-128 block encryption through
//! the `aes` crate measured in the same run (so the ratios survive a busy or
//! different machine better than the absolute numbers).
//!
//! Run: `cargo bench --bench protocol` (a plain timing loop, no criterion).

use std::hint::black_box;
use std::time::Instant;

use aes::cipher::{BlockEncrypt, KeyInit};

mod common;
#[path = "../tests/support/host_codec.rs"]
mod host_codec;

use host_codec::HostAnswer;
use vlmgr::protocol::crypto::KeySchedule;
use vlmgr::protocol::kms::{self, ProtocolVersion, RequestBase};
use vlmgr::protocol::rpc::{self, TransferSyntax};

const SAMPLES: usize = 41;

/// Median over SAMPLES batches of the per-call time of `f`, in ns.
fn median_ns(mut f: impl FnMut()) -> f64 {
    // Size batches to about 2 ms so timer resolution does not matter.
    let start = Instant::now();
    let mut calibration = 0u32;
    while start.elapsed().as_micros() < 2000 {
        f();
        calibration += 1;
    }
    let batch = calibration.max(1);
    let mut samples: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(batch)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[SAMPLES / 2]
}

fn base(version: ProtocolVersion) -> RequestBase {
    common::request_base(version).expect("the bench's workstation name is valid")
}

fn main() {
    let aes = aes::Aes128::new(&[7u8; 16].into());
    let mut block = aes::Block::from([1u8; 16]);
    let reference = median_ns(|| aes.encrypt_block(black_box(&mut block)));
    println!("reference: one AES-128 block (aes crate): {reference:.1} ns");
    println!(
        "{:<44} {:>10} {:>10}",
        "operation", "median ns", "x AES blk"
    );
    let report = |name: &str, ns: f64| println!("{name:<44} {ns:>10.1} {:>10.1}", ns / reference);

    let mut ours = [1u8; 16];
    report(
        "V5 block via our key schedule + hazmat",
        median_ns(|| KeySchedule::v5().encrypt_block(black_box(&mut ours))),
    );
    report(
        "V4 block (Rijndael-160, 11 rounds)",
        median_ns(|| KeySchedule::v4().encrypt_block(black_box(&mut ours))),
    );
    report(
        "V6 key schedule expansion + tweak",
        median_ns(|| {
            black_box(KeySchedule::v6_untweaked());
        }),
    );

    for version in [
        ProtocolVersion::V4,
        ProtocolVersion::V5,
        ProtocolVersion::V6,
    ] {
        let request_base = base(version);
        let (message, pending) = kms::encode_request(&request_base, [9; 16]);
        let host_view = host_codec::decode_kms_request(&message).unwrap();
        let answer = HostAnswer::recorded_det([3; 16], [4; 16]);
        let reply = host_codec::encode_kms_response(&host_view, &answer);
        let reply_pdu = host_codec::encode_response_pdu(
            2,
            0,
            TransferSyntax::Ndr32,
            &rpc::ResponseBody::Message(reply.clone()),
        );
        assert!(kms::decode_response(&pending, &reply).is_ok());

        let v = version.major();
        report(
            &format!("V{v} encode request"),
            median_ns(|| {
                black_box(kms::encode_request(black_box(&request_base), [9; 16]));
            }),
        );
        report(
            &format!("V{v} decode + verify response"),
            median_ns(|| {
                black_box(kms::decode_response(black_box(&pending), black_box(&reply)).is_ok());
            }),
        );
        report(
            &format!("V{v} encode request PDU + decode response PDU"),
            median_ns(|| {
                let (message, pending) = kms::encode_request(black_box(&request_base), [9; 16]);
                black_box(rpc::encode_request(2, 0, TransferSyntax::Ndr32, &message));
                if let Ok(rpc::Pdu::Response(rpc::Response {
                    body: rpc::ResponseBody::Message(m),
                    ..
                })) = rpc::decode_pdu(black_box(&reply_pdu))
                {
                    black_box(kms::decode_response(&pending, &m).is_ok());
                }
            }),
        );
    }
}
