//! The addresses in an SRV answer's additional section are used without querying the
//! targets again, as Windows does (BIND and Windows DNS servers send them for targets in
//! their zones). The server here answers A queries with a *different* address than its
//! additional section, so the tests can tell which one the client used.

mod support;

use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use hickory_server::proto::op::{Message, MessageType, ResponseCode};
use hickory_server::proto::rr::rdata::{A, SRV};
use hickory_server::proto::rr::{Name, RData, Record, RecordType};
use support::kms_host::KmsHost;
use support::kms_host::cli::{Client, code, json, stderr, stdout};

/// The address in the additional section: where the test hosts listen.
const GLUE: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 1);
/// The address A queries get: nothing listens there.
const QUERIED: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// A UDP name server for `corp.test` with SRV records for `targets` (host, port), their
/// A records in the additional section when `with_glue`, and A queries for any name
/// answered with [`QUERIED`].
struct GlueServer {
    addr: SocketAddr,
    address_queries: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<String>>>,
}

impl GlueServer {
    fn start(targets: &[(&str, u16)], with_glue: bool) -> GlueServer {
        let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind UDP");
        socket
            .set_read_timeout(Some(Duration::from_millis(100)))
            .expect("timeout");
        let addr = socket.local_addr().expect("address");
        let address_queries = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let targets: Vec<(Name, u16)> = targets
            .iter()
            .map(|(host, port)| (Name::from_ascii(format!("{host}.")).expect("name"), *port))
            .collect();
        {
            let address_queries = Arc::clone(&address_queries);
            let stop = Arc::clone(&stop);
            let log = Arc::clone(&log);
            thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                while !stop.load(Ordering::SeqCst) {
                    let Ok((len, peer)) = socket.recv_from(&mut buffer) else {
                        continue;
                    };
                    let Ok(query) = Message::from_vec(&buffer[..len]) else {
                        continue;
                    };
                    let Some(question) = query.queries().first().cloned() else {
                        continue;
                    };
                    log.lock().expect("log").push(format!(
                        "{} {}",
                        question.name(),
                        question.query_type()
                    ));
                    let mut answer = Message::new();
                    answer
                        .set_id(query.id())
                        .set_message_type(MessageType::Response)
                        .set_recursion_desired(query.recursion_desired())
                        .set_recursion_available(true)
                        .set_authoritative(true)
                        .add_query(question.clone());
                    match question.query_type() {
                        RecordType::SRV
                            if question
                                .name()
                                .to_ascii()
                                .eq_ignore_ascii_case("_vlmcs._tcp.corp.test.") =>
                        {
                            for (index, (target, port)) in targets.iter().enumerate() {
                                let srv = SRV::new(index as u16, 0, *port, target.clone());
                                answer.add_answer(Record::from_rdata(
                                    question.name().clone(),
                                    60,
                                    RData::SRV(srv),
                                ));
                                if with_glue {
                                    answer.add_additional(Record::from_rdata(
                                        target.clone(),
                                        60,
                                        RData::A(A(GLUE)),
                                    ));
                                }
                            }
                            // An address for a name that is no target must be ignored.
                            answer.add_additional(Record::from_rdata(
                                Name::from_ascii("unrelated.corp.test.").expect("name"),
                                60,
                                RData::A(A(Ipv4Addr::new(127, 0, 0, 9))),
                            ));
                        }
                        RecordType::A => {
                            address_queries.fetch_add(1, Ordering::SeqCst);
                            answer.add_answer(Record::from_rdata(
                                question.name().clone(),
                                60,
                                RData::A(A(QUERIED)),
                            ));
                        }
                        RecordType::AAAA => {
                            // NODATA.
                            address_queries.fetch_add(1, Ordering::SeqCst);
                        }
                        _ => {
                            answer.set_response_code(ResponseCode::NXDomain);
                        }
                    }
                    if let Ok(bytes) = answer.to_vec() {
                        let _ = socket.send_to(&bytes, peer);
                    }
                }
            });
        }
        GlueServer {
            addr,
            address_queries,
            stop,
            log,
        }
    }

    fn address_queries(&self) -> usize {
        self.address_queries.load(Ordering::SeqCst)
    }

    fn log(&self) -> Vec<String> {
        self.log.lock().expect("log").clone()
    }
}

impl Drop for GlueServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn discover(client: &Client, dns: &GlueServer) -> serde_json::Value {
    let out = client.run(&[
        "discover",
        "corp.test",
        "--dns-server",
        &dns.addr.to_string(),
        "--json",
    ]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    json(&out)
}

fn target_addresses(doc: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    doc["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|target| {
            let addresses = target["host"]["addresses"]
                .as_array()
                .expect("addresses")
                .iter()
                .map(|a| a.as_str().unwrap_or_default().to_owned())
                .collect();
            (
                target["host"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                addresses,
            )
        })
        .collect()
}

#[test]
fn discovery_uses_the_additional_section_without_querying_the_targets() {
    let dns = GlueServer::start(&[("kms1.corp.test", 1688), ("KMS2.corp.test", 1689)], true);
    let client = Client::with_pro();
    let doc = discover(&client, &dns);
    // Names compare without regard to case (the glue of KMS2 is for kms2).
    assert_eq!(
        target_addresses(&doc),
        vec![
            ("kms1.corp.test".to_owned(), vec!["127.0.0.1".to_owned()]),
            ("kms2.corp.test".to_owned(), vec!["127.0.0.1".to_owned()]),
        ],
        "{doc}"
    );
    assert_eq!(dns.address_queries(), 0, "queries: {:?}", dns.log());
    assert!(
        doc["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .all(|t| t["from_srv_answer"] == true),
        "{doc}"
    );
    // The text output says where the addresses came from.
    let out = client.run(&[
        "discover",
        "corp.test",
        "--dns-server",
        &dns.addr.to_string(),
    ]);
    assert!(
        stdout(&out).contains("127.0.0.1 (from the SRV answer)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn without_an_additional_section_the_targets_are_queried() {
    let dns = GlueServer::start(&[("kms1.corp.test", 1688)], false);
    let client = Client::with_pro();
    let doc = discover(&client, &dns);
    assert_eq!(
        target_addresses(&doc),
        vec![("kms1.corp.test".to_owned(), vec!["127.0.0.2".to_owned()])],
        "{doc}"
    );
    // One A and one AAAA query.
    assert_eq!(dns.address_queries(), 2, "queries: {:?}", dns.log());
    assert_eq!(doc["targets"][0]["from_srv_answer"], false, "{doc}");
}

#[test]
fn activation_reaches_the_host_at_the_additional_section_address() {
    // The host listens on 127.0.0.1 only; an A query would send the client to 127.0.0.2.
    let host = KmsHost::start(30).expect("host");
    let dns = GlueServer::start(&[("kms1.corp.test", host.addr().port())], true);
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let out = client.run(&[
        "ato",
        "--dns-server",
        &dns.addr.to_string(),
        "--timeout",
        "5s",
        "--json",
    ]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(host.requests(), 1);
    assert_eq!(dns.address_queries(), 0, "queries: {:?}", dns.log());
}
