//! What an admin meets on the real binary (issue 24, items 9 to 11): one error style for
//! every error with a hint that fits the case, and small outputs that agree.

mod support;

use std::process::Output;

use support::dns::{DnsServer, Zone};
use support::kms_host::cli::{Client, PRO_ID, code, json, stderr, stdout};
use support::ports::ClosedPort;
use support::wine::StartRetrying;

/// A client with nothing installed.
fn empty_client() -> Client {
    Client {
        dir: tempfile::tempdir().expect("temp dir"),
    }
}

/// `args` with `--json` first: the error document on stdout, the same text on stderr.
fn assert_usage_error(client: &Client, args: &[&str], expected: &str) {
    let out = client.run(args);
    assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    assert_eq!(stderr(&out), expected, "{args:?}");
    assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    let mut with_json = vec!["--json"];
    with_json.extend_from_slice(args);
    let out = client.run(&with_json);
    assert_eq!(code(&out), 2, "{with_json:?}");
    let doc = json(&out);
    let (message, hint) = expected
        .strip_prefix("Error: ")
        .and_then(|text| text.trim_end().split_once('\n'))
        .expect("two lines");
    assert_eq!(doc["error"]["message"], message, "{with_json:?}");
    assert_eq!(doc["error"]["hint"], hint, "{with_json:?}");
    assert_eq!(doc["error"]["exit_code"], 2);
    assert!(doc["error"]["hresult"].is_null());
    assert_eq!(
        stderr(&out),
        expected,
        "{with_json:?}: the text stays on stderr"
    );
}

/// Every usage error reads `Error: <what is wrong>` then one line of what to do, with
/// clap's suggestions kept and slmgr's options given the same.
#[test]
fn usage_errors_have_one_style_and_a_hint() {
    let client = empty_client();
    let cases: &[(&[&str], &str)] = &[
        (
            &["atoo"],
            "Error: unrecognized subcommand 'atoo'\nA similar command exists: 'ato'.\n",
        ),
        (
            &["dvl"],
            "Error: unrecognized subcommand 'dvl'\nA similar command exists: 'dlv'.\n",
        ),
        (
            &["/atoo"],
            "Error: unrecognized option '/atoo'\nA similar option exists: '/ato'.\n",
        ),
        (
            &["-dvl"],
            "Error: unrecognized option '-dvl'\nA similar option exists: '-dlv'.\n",
        ),
        (
            &["/ato", "/dlv"],
            "Error: \"/dlv\" is a second option after \"/ato\": vlmgr, like slmgr, takes one \
             option per run\nRun them one after the other: `vlmgr /ato`, then `vlmgr /dlv`.\n",
        ),
        (
            &["ato", "--kmss", "kms"],
            "Error: unexpected argument '--kmss' found\nA similar option exists: '--kms'.\n",
        ),
        (
            &["dlv", "a", "b"],
            "Error: unexpected argument 'b' found\n\
             Run `vlmgr dlv --help` for its arguments and options.\n",
        ),
        (
            &["check", "--format", "xml"],
            "Error: invalid value 'xml' for '--format <FORMAT>'\n\
             Possible values: text, json, nagios, prometheus.\n",
        ),
        (
            &["--timeout", "1.5x", "dli"],
            "Error: invalid value '1.5x' for '--timeout <DURATION>': unknown unit \"x\" in \
             \"1.5x\"\nWrite a duration like 500ms, 30s, 1.5s, 2m, 1h30m (a bare number means \
             seconds).\n",
        ),
        (
            &["ato", "--protocol", "7"],
            "Error: invalid value '7' for '--protocol <4|5|6>': \"7\" is not a KMS protocol \
             version vlmgr speaks\nGive 4, 5 or 6 (leave --protocol out for the product's own).\n",
        ),
        (
            &["-v", "-q", "dli"],
            "Error: the argument '--verbose...' cannot be used with '--quiet'\n\
             Give only one of them.\n",
        ),
        (
            &["skms"],
            "Error: option /skms needs <Name[:Port] | : port>\n\
             For example: `vlmgr skms kms.corp.example:1688` (`vlmgr skms --help` says more).\n",
        ),
        (
            &["check", "--warn-days", "3"],
            "Error: --crit-days (7) is more than --warn-days (3): a product would turn \
             critical before it warns\nGive --crit-days no more than --warn-days (the defaults \
             are 7 and 30).\n",
        ),
        (
            &["-v"],
            "Error: no command given\nGive one, e.g. `vlmgr dlv` for the license state; \
             `vlmgr --help` lists them all.\n",
        ),
    ];
    for (args, expected) in cases {
        assert_usage_error(&client, args, expected);
    }
    assert!(
        !client.state_file().exists(),
        "no refused command wrote state"
    );
}

/// `check`, `discover` and `skms-domain` take domains: an address says what to do with
/// a host instead, as a command that can be pasted.
#[test]
fn a_host_where_a_domain_belongs_says_what_to_do_with_a_host() {
    let client = empty_client();
    let cases: &[(&[&str], &str)] = &[
        (
            &["check", "127.0.0.1"],
            "Error: invalid value '127.0.0.1' for '[DOMAIN]...': \"127.0.0.1\" is an IP \
             address: check takes DNS domains, whose _vlmcs._tcp SRV records name the hosts it \
             checks\nFor one host, set it with `vlmgr skms 127.0.0.1`: `vlmgr check` then \
             checks it (`vlmgr ckms` goes back to DNS).\n",
        ),
        (
            &["discover", "[2001:db8::5]:1688"],
            "Error: invalid value '[2001:db8::5]:1688' for '[DOMAIN]...': \
             \"[2001:db8::5]:1688\" is a host and port: discover takes DNS domains, whose \
             _vlmcs._tcp SRV records it looks up\nFor one host, set it with `vlmgr skms \
             \"[2001:db8::5]:1688\"`: `vlmgr check` then checks it (`vlmgr ckms` goes back to \
             DNS).\n",
        ),
        (
            &["skms-domain", "kms.corp.example:1688"],
            "Error: invalid value 'kms.corp.example:1688' for '<FQDN>': \
             \"kms.corp.example:1688\" is a host and port: skms-domain takes the DNS domain \
             whose _vlmcs._tcp SRV records name the KMS hosts\nTo use one host instead of DNS: \
             `vlmgr skms kms.corp.example:1688`.\n",
        ),
        (
            &["check", "bad_domain!"],
            "Error: invalid value 'bad_domain!' for '[DOMAIN]...': \"bad_domain!\" is not a \
             valid host name (only letters, digits, '-', '_' and '.' are allowed)\n\
             Give a DNS domain such as corp.example.\n",
        ),
    ];
    for (args, expected) in cases {
        assert_usage_error(&client, args, expected);
    }
    // A name is a domain.
    let out = client.run(&["check", "kms.corp.example", "--timeout", "1s"]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
}

/// `--json` with another `--format` asks for two outputs: refused, not silently JSON.
#[test]
fn json_with_another_check_format_is_a_usage_error() {
    let client = empty_client();
    for format in ["nagios", "prometheus", "text"] {
        let out = client.run(&["--json", "check", "--format", format]);
        assert_eq!(code(&out), 2, "{format}: {}", stderr(&out));
        let message = format!("--json and --format {format} ask for two different outputs");
        let hint = format!("Give one: --format {format}, or --json (the same as --format json).");
        assert_eq!(stderr(&out), format!("Error: {message}\n{hint}\n"));
        let doc = json(&out);
        assert_eq!(doc["error"]["message"], message);
        assert_eq!(doc["error"]["hint"], hint);
    }
    let out = client.run(&["--json", "check", "--format", "json", "--timeout", "1s"]);
    assert_ne!(
        code(&out),
        2,
        "the same output twice is one: {}",
        stderr(&out)
    );
}

/// `vlmgr help [COMMAND]` shows what `--help` shows; an unknown command gets a
/// suggestion.
#[test]
fn help_takes_a_command_name() {
    let client = empty_client();
    for (help, flag) in [
        (&["help", "ato"][..], &["ato", "--help"][..]),
        (&["help", "/DLV"], &["dlv", "--help"]),
        (&["help"], &["--help"]),
    ] {
        let out = client.run(help);
        assert_eq!(code(&out), 0, "{help:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), stdout(&client.run(flag)), "{help:?}");
        assert!(stdout(&out).starts_with("Usage: ") || stdout(&out).contains("\nUsage: "));
    }
    let out = client.run(&["help", "atoo"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "Error: unrecognized subcommand 'atoo'\nA similar command exists: 'ato'.\n"
    );
}

/// Decimal durations are durations, as systemd reads them.
#[test]
fn durations_take_decimals() {
    let client = empty_client();
    let out = client.run(&["--timeout", "1.5s", "products", "enterprise"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = client.run(&["ato", "--wait", "0.5h", "--retry-interval", "1.5m"]);
    assert_eq!(
        code(&out),
        5,
        "parsed, then nothing installed: {}",
        stderr(&out)
    );
}

/// A file given as the state directory is refused as not a directory (exit 5).
#[test]
fn a_state_dir_that_is_a_file_is_not_a_directory() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("afile");
    std::fs::write(&file, b"x").expect("file");
    let client = Client {
        dir: tempfile::tempdir().expect("dir"),
    };
    let out = client
        .command()
        .arg("--state-dir")
        .arg(&file)
        .arg("dli")
        .output_retrying()
        .expect("runs");
    assert_eq!(code(&out), 5);
    assert_eq!(
        stderr(&out),
        format!(
            "Error: refusing {}: it is not a directory\n--state-dir (or VLMGR_STATE_DIR) must \
             name a directory, or a path where one can be created.\n",
            file.display()
        )
    );
}

/// A missing search domain: what is wrong on the error line, how to set one as the hint.
#[test]
fn no_domain_has_its_remedy_as_the_hint() {
    let client = empty_client();
    let resolv = client.state_dir().join("resolv.conf");
    std::fs::write(&resolv, "nameserver 127.0.0.1\n").expect("resolv.conf");
    let out = client
        .command()
        .env("VLMGR_RESOLV_CONF", &resolv)
        .arg("discover")
        .output_retrying()
        .expect("runs");
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "Error: 0x8007007B no DNS domain to search for a KMS host: no lookup domain is set \
             and {path} has no usable `domain` or `search` line\nSet one with `vlmgr \
             skms-domain <FQDN>`, add a `domain` or `search` line to {path}, or name the host \
             with `vlmgr skms HOST` or `--kms HOST`.\n",
            path = resolv.display()
        )
    );
}

/// An skms name that does not resolve: no SRV lookup was made, and the hint says so.
#[test]
fn an_skms_name_that_does_not_resolve_is_not_an_srv_problem() {
    let dns = DnsServer::start(&[Zone::new("lab.test")]).expect("dns");
    let client = Client::with_pro();
    let dns_arg = dns.addr().to_string();
    assert_eq!(code(&client.run(&["skms", "gone.lab.test"])), 0);
    let out = client.run(&["--dns-server", &dns_arg, "ato", "--timeout", "10s"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "\nError: 0x8007232B DNS name does not exist (NXDOMAIN): queried gone.lab.test"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "\nThe KMS host set with skms, gone.lab.test, has no address in DNS (no SRV lookup \
             is made while it is set): check the name, set the host again with `vlmgr skms \
             HOST[:PORT]`, or go back to DNS discovery with `vlmgr ckms`.\n"
        ),
        "{text}"
    );
    assert!(!text.contains("_vlmcs"), "{text}");
    assert_eq!(dns.count("_vlmcs._tcp.lab.test", "SRV"), 0);

    let out = client.run(&["--dns-server", &dns_arg, "ato", "--kms", "gone.lab.test"]);
    assert!(
        stdout(&out).ends_with(
            "\nThe host given with --kms, gone.lab.test, has no address in DNS: check the \
             name, or give its IP address.\n"
        ),
        "{}",
        stdout(&out)
    );
}

/// 0xC004F074 names the port actually tried, and never Windows' Application Event Log.
#[test]
fn no_host_contacted_names_the_port_tried() {
    let closed = ClosedPort::new().expect("port");
    let port = closed.port();
    let client = Client::with_pro();
    let address = closed.addr().to_string();
    let text_of = |out: &Output| {
        let text = stdout(out);
        assert!(!text.contains("Event Log"), "{text}");
        assert!(!text.contains("1688"), "{text}");
        assert!(text.contains(&format!(
            "Error: 0xC004F074 The Software Protection Service reported that the computer \
             could not be activated. No Key Management Service (KMS) could be contacted. \
             (last: {address}: connection failed"
        )));
        text
    };

    let out = client.run(&["ato", "--kms", &address]);
    assert_eq!(code(&out), 3);
    assert!(text_of(&out).ends_with(&format!(
        "\nCheck that {address} runs a KMS host and that TCP {port} is reachable from here \
         (firewall); `vlmgr -v ato --kms {address}` shows each address tried.\n"
    )));

    assert_eq!(code(&client.run(&["skms", &address])), 0);
    let out = client.run(&["ato"]);
    assert!(text_of(&out).ends_with(&format!(
        "\nCheck that {address} (set with skms) runs a KMS host and that TCP {port} is \
         reachable from here (firewall); `vlmgr -v ato` shows each address tried, `vlmgr \
         skms` sets another host.\n"
    )));

    // Found through DNS: the records' hosts, and discover --check.
    let zone = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 0, 0, port, "kms")
        .a("kms", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    assert_eq!(code(&client.run(&["ckms"])), 0);
    assert_eq!(code(&client.run(&["skms-domain", "lab.test"])), 0);
    let out = client.run(&["--dns-server", &dns.addr().to_string(), "ato"]);
    let text = stdout(&out);
    assert!(
        text.ends_with(&format!(
            "\nCheck that the hosts the _vlmcs._tcp SRV records name run a KMS host and that TCP \
         {port} is reachable from here (firewall): `vlmgr discover --check` connects to each.\n"
        )),
        "{text}"
    );
    let doc = json(&client.run(&["--dns-server", &dns.addr().to_string(), "--json", "ato"]));
    assert!(
        doc["hint"]
            .as_str()
            .is_some_and(|h| h.contains(&format!("TCP {port}"))),
        "{doc}"
    );
}

/// A hint that names a product writes it as one shell word.
#[test]
fn hints_quote_what_they_paste() {
    let client = Client::with_pro();
    let out = client.run(&["dlv", "Windows 10/11 Enterprise"]);
    assert_eq!(code(&out), 5);
    assert_eq!(
        stderr(&out),
        "Error: 0xC004F069 product key not found: \"Windows 10/11 Enterprise\" is not \
         installed.\nInstall it first: `vlmgr ipk \"Windows 10/11 Enterprise\"`; `vlmgr dli \
         all` lists what is installed.\n"
    );
    // With --json: the document on stdout, the same text on stderr.
    let out = client.run(&["--json", "dlv", "Windows 10/11 Enterprise"]);
    let doc = json(&out);
    assert_eq!(
        doc["error"]["hint"],
        "Install it first: `vlmgr ipk \"Windows 10/11 Enterprise\"`; `vlmgr dli all` lists \
         what is installed."
    );
    assert!(
        stderr(&out).starts_with("Error: 0xC004F069 product key not found:"),
        "{}",
        stderr(&out)
    );
    let out = client.run(&["xpr", "win11-enterprise"]);
    assert!(
        stderr(&out).contains("`vlmgr ipk win11-enterprise`;"),
        "{}",
        stderr(&out)
    );
}

/// `xpr` and `dlv` write dates in one form.
#[test]
fn xpr_and_dlv_write_dates_alike() {
    let closed = ClosedPort::new().expect("port");
    let client = Client::with_pro();
    let _ = client.run(&["ato", "--kms", &closed.addr().to_string()]);
    let date = |line: &str, after: &str| -> String {
        let start = line.find(after).map(|i| i + after.len()).expect(after);
        line[start..start + 23].to_string()
    };
    let xpr = stdout(&client.run(&["xpr"]));
    let xpr_date = date(&xpr, "Initial grace period ends ");
    let dlv = stdout(&client.run(&["dlv"]));
    let dlv_date = date(&dlv, "Last activation attempt: ");
    for text in [&xpr_date, &dlv_date] {
        let shape: String = text
            .chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect();
        assert_eq!(shape, "9999-99-99 99:99:99 UTC", "{xpr}{dlv}");
    }
}

/// `upk` names what it removed; `dli all` and `dlv all` say alike that nothing is left.
#[test]
fn upk_and_the_empty_lists() {
    let client = Client::with_pro();
    let out = client.run(&["upk"]);
    assert_eq!(code(&out), 0);
    assert_eq!(
        stdout(&out),
        format!(
            "Uninstalled product key successfully: Windows 10/11 Pro ({PRO_ID}) removed, with \
             its settings and results.\n"
        )
    );
    assert_eq!(
        json(&client.run(&["--json", "upk"]))["error"]["hresult"],
        "0xC004F069"
    );
    for all in [
        &["dli", "all"][..],
        &["dlv", "all"],
        &["/dli", "All"],
        &["-dlv", "ALL"],
    ] {
        let out = client.run(all);
        assert_eq!(code(&out), 0, "{all:?}");
        assert_eq!(
            stdout(&out),
            "No product is installed; `vlmgr ipk <GVLK or product>` installs one.\n",
            "{all:?}"
        );
    }
    let never = empty_client();
    assert_eq!(
        stdout(&never.run(&["dlv", "all"])),
        stdout(&client.run(&["dli", "all"]))
    );
}

/// With `--wait`, `Activating ...` is printed once, before the first progress line.
#[cfg(unix)]
#[test]
fn the_heading_comes_before_the_progress() {
    let closed = ClosedPort::new().expect("port");
    let client = Client::with_pro();
    // One pipe for both streams keeps the order they were written in.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("\"$VLMGR\" -v ato --kms \"$KMS\" --wait 2s 2>&1")
        .env("VLMGR", assert_cmd::cargo::cargo_bin("vlmgr"))
        .env("VLMGR_STATE_DIR", client.state_dir())
        .env("KMS", closed.addr().to_string())
        .env_remove("VLMGR_DNS_SERVER")
        .output()
        .expect("runs");
    let both = stdout(&out);
    let heading = format!("Activating Windows 10/11 Pro ({PRO_ID}) ...\n");
    assert_eq!(both.matches(&heading).count(), 1, "{both}");
    let heading_at = both.find(&heading).expect("heading");
    let progress_at = both.find("attempt 1: no host reached").expect("progress");
    assert!(heading_at < progress_at, "{both}");

    // Without --wait, and in JSON, nothing changes.
    let host = support::kms_host::KmsHost::start(30).expect("host");
    let out = client.run(&["ato", "--kms", &host.address_arg(), "--wait", "1m"]);
    assert_eq!(
        stdout(&out),
        format!("{heading}Product activated successfully.\n")
    );
    let out = client.run(&[
        "--json",
        "ato",
        "--kms",
        &host.address_arg(),
        "--wait",
        "1m",
    ]);
    assert_eq!(json(&out)["activated"], true);
}

/// Coloured `check` text keeps its columns: without the escapes it is the plain text.
#[test]
fn coloured_check_text_keeps_its_columns() {
    let live = support::bind_only::start(16);
    let zone = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 0, 50, live, "kms1")
        .srv("_vlmcs._tcp", 0, 50, 1, "kms2")
        .a("kms1", [127, 0, 0, 1])
        .a("kms2", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = empty_client();
    let check = |color: &str| {
        let out = client.run(&[
            "--dns-server",
            &dns.addr().to_string(),
            "--color",
            color,
            "check",
            "lab.test",
        ]);
        stdout(&out)
    };
    let plain = check("never");
    let coloured = check("always");
    assert!(coloured.contains("\x1b["), "{coloured}");
    let stripped = strip_escapes(&coloured);
    // The bind time may differ between the runs.
    let digits_out =
        |text: &str| -> String { text.chars().filter(|c| !c.is_ascii_digit()).collect() };
    assert_eq!(digits_out(&stripped), digits_out(&plain), "{coloured}");
    assert!(plain.contains("\nOK        kms1.lab.test:"), "{plain}");
    assert!(plain.contains("\nWARNING   kms2.lab.test:1 "), "{plain}");
}

fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A name server from `VLMGR_DNS_SERVER` is labelled as coming from the environment.
#[test]
fn name_servers_say_where_they_came_from() {
    let dns = DnsServer::start(&[Zone::new("lab.test")]).expect("dns");
    let client = empty_client();
    let address = dns.addr().to_string();
    let from_env = client
        .command()
        .env("VLMGR_DNS_SERVER", &address)
        .args(["discover", "lab.test"])
        .output_retrying()
        .expect("runs");
    assert!(
        stdout(&from_env).contains(&format!(
            "\n    {address}  (environment: VLMGR_DNS_SERVER)\n"
        )),
        "{}",
        stdout(&from_env)
    );
    let given = client.run(&["--dns-server", &address, "discover", "lab.test"]);
    assert!(
        stdout(&given).contains(&format!("\n    {address}  (--dns-server)\n")),
        "{}",
        stdout(&given)
    );
    let doc = json(
        &client
            .command()
            .env("VLMGR_DNS_SERVER", &address)
            .args(["--json", "discover", "lab.test"])
            .output_retrying()
            .expect("runs"),
    );
    assert_eq!(doc["name_servers"][0]["source"], "command_line", "{doc}");
    assert_eq!(
        doc["name_servers"][0]["origin"], "VLMGR_DNS_SERVER",
        "{doc}"
    );
}
