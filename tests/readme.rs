//! Every `vlmgr` command shown in the README's shell blocks runs, in README order, against
//! the real binary: it must be a valid command line (never exit 2) and never panic. DNS
//! goes to an in-process server that knows corp.example, so nothing leaves the machine.
//!
//! Unix only: the blocks are POSIX shell, run by bash, which a Windows machine does not
//! have; the vlmgr command lines they show are run on every OS by the other tests.
#![cfg(unix)]

mod support;

use std::process::Command;

use support::dns::{DnsServer, Zone};

/// Command lines from ```sh blocks (one per line, trailing `# comment` removed), `$ vlmgr`
/// prompts in other blocks, and whole ```sh scripts (blocks starting with `#!`).
fn readme_commands() -> Vec<String> {
    let readme = include_str!("../README.md");
    let mut commands = Vec::new();
    let mut block: Option<String> = None;
    let mut script: Option<String> = None;
    for line in readme.lines() {
        if let Some(fence) = line.strip_prefix("```") {
            block = match block {
                Some(_) => {
                    commands.extend(script.take());
                    None
                }
                None => Some(fence.trim().to_string()),
            };
            continue;
        }
        let Some(lang) = &block else { continue };
        if lang == "sh" && line.starts_with("#!") {
            script = Some(String::new());
        }
        if let Some(script) = &mut script {
            script.push_str(line);
            script.push('\n');
            continue;
        }
        let command = if let Some(prompt) = line.strip_prefix("$ ") {
            Some(prompt)
        } else if lang == "sh" {
            Some(line)
        } else {
            None
        };
        if let Some(command) = command.map(str::trim)
            && command.starts_with("vlmgr ")
        {
            let command = command.split("  #").next().unwrap_or(command).trim();
            commands.push(command.to_string());
        }
    }
    commands
}

#[test]
fn every_readme_command_runs() {
    let commands = readme_commands();
    assert!(commands.len() >= 8, "found only {commands:?}");
    assert!(
        commands.iter().any(|c| c.starts_with("#!")),
        "the Checkmk script is run too"
    );
    let zone = Zone::new("corp.example")
        .srv("_vlmcs._tcp", 0, 0, 1, "kms")
        .a("kms", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let dir = tempfile::tempdir().expect("dir");
    let resolv = dir.path().join("resolv.conf");
    std::fs::write(&resolv, "search corp.example\n").expect("resolv");
    let bin = assert_cmd::cargo::cargo_bin("vlmgr");
    for command in &commands {
        let out = Command::new("bash")
            .arg("-c")
            .arg(command)
            .env(
                "PATH",
                format!("{}:/usr/bin:/bin", bin.parent().expect("dir").display()),
            )
            .env("VLMGR_STATE_DIR", dir.path().join("state"))
            .env("VLMGR_RESOLV_CONF", &resolv)
            .env("VLMGR_DNS_SERVER", dns.addr().to_string())
            .output()
            .expect("bash");
        let code = out.status.code();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            code != Some(2) && code != Some(101) && code.is_some(),
            "README command `{command}` exited {code:?}:\n{stderr}"
        );
    }
}
