//! The committed completion scripts, man pages and JSON Schemas must be what vlmgr
//! generates, and the scripts and pages must work in real shells and in man.
//!
//! Regenerate them all with: `VLMGR_REGENERATE=1 cargo test --test generated`

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::wine::StartRetrying;
use vlmgr::cli::generate::man::{MAN_DIR, command_page_name, man_pages};
use vlmgr::cli::generate::{COMPLETION_FILES, completion_script};
use vlmgr::cli::slmgr::COMMANDS;
use vlmgr::output::schema::schemas;

const REGENERATE: &str = "VLMGR_REGENERATE=1 cargo test --test generated";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares a committed file with what is generated now (or rewrites it on request).
fn check(path: &Path, generated: &[u8]) {
    if std::env::var_os("VLMGR_REGENERATE").is_some() {
        fs::write(path, generated).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        return;
    }
    let committed = fs::read(path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is not what vlmgr generates now; regenerate with: {REGENERATE}",
        path.display()
    );
}

#[test]
fn completion_scripts_are_in_sync() {
    for (shell, file) in COMPLETION_FILES {
        check(
            &root().join("completions").join(file),
            completion_script(shell).as_bytes(),
        );
    }
}

/// docs/man/: vlmgr.1 and one page per command, nothing else.
#[test]
fn man_pages_are_in_sync() {
    let dir = root().join(MAN_DIR);
    if std::env::var_os("VLMGR_REGENERATE").is_some() {
        fs::create_dir_all(&dir).expect("docs/man");
    }
    let pages = man_pages();
    for page in &pages {
        check(&dir.join(&page.file_name), &page.roff);
    }
    let mut committed: Vec<String> = fs::read_dir(&dir)
        .expect("docs/man")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    committed.sort();
    let mut generated: Vec<String> = pages.iter().map(|p| p.file_name.clone()).collect();
    generated.sort();
    assert_eq!(
        committed, generated,
        "{MAN_DIR} holds a stale or a missing page; regenerate with: {REGENERATE}"
    );
}

/// A command clap knows without a page of its own fails here, and so does a page that
/// points to a page that does not exist.
#[test]
fn every_command_has_a_page_and_every_reference_exists() {
    let pages = man_pages();
    let names: Vec<&str> = pages.iter().map(|p| p.file_name.as_str()).collect();
    let vlmgr = vlmgr::cli::command();
    for command in vlmgr.get_subcommands() {
        let page = command_page_name(command.get_name());
        assert!(
            names.contains(&page.as_str()),
            "no man page for {}",
            command.get_name()
        );
    }
    assert!(names.contains(&"vlmgr.1"));
    let mut references = 0;
    for page in &pages {
        let text = String::from_utf8_lossy(&page.roff);
        // References are written \fBvlmgr\-ato\fR(1).
        for reference in text.split("\\fB").skip(1) {
            let Some((name, rest)) = reference.split_once("\\fR") else {
                continue;
            };
            if rest.starts_with("(1)") && name.starts_with("vlmgr") {
                let file = format!("{}.1", name.replace("\\-", "-"));
                assert!(
                    names.contains(&file.as_str()),
                    "{} points to {file}, which is not generated",
                    page.file_name
                );
                references += 1;
            }
        }
    }
    // vlmgr(1)'s SEE ALSO names every command's page, and each of those names vlmgr(1).
    assert!(
        references >= 2 * vlmgr.get_subcommands().count(),
        "only {references} references found: has the way pages are written changed?"
    );
}

/// docs/schema/: one JSON Schema per command's document and one for the error document.
#[test]
fn json_schemas_are_in_sync() {
    let dir = root().join("docs/schema");
    if std::env::var_os("VLMGR_REGENERATE").is_some() {
        fs::create_dir_all(&dir).expect("docs/schema");
    }
    let schemas = schemas();
    for (name, schema) in &schemas {
        let text = serde_json::to_string_pretty(schema).expect("schema is JSON") + "\n";
        check(&dir.join(format!("{name}.schema.json")), text.as_bytes());
    }
    // Every command that prints a document has a schema; nothing else lies there.
    for (command, _) in COMMANDS.iter().filter(|(c, _)| *c != "completions") {
        assert!(
            schemas.iter().any(|(name, _)| name == command),
            "{command} has no schema"
        );
    }
    let committed = fs::read_dir(&dir).expect("docs/schema").count();
    assert_eq!(committed, schemas.len(), "docs/schema holds a stale file");
}

#[test]
fn completions_command_prints_the_committed_script() {
    let out = assert_cmd::Command::cargo_bin("vlmgr")
        .expect("binary")
        .args(["completions", "bash"])
        .output_retrying()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        out.stdout,
        completion_script(clap_complete::Shell::Bash).as_bytes()
    );
}

/// Asks bash's completion function for the words after `line` (the cursor at its end).
#[cfg(unix)]
fn bash_complete(line: &str) -> Vec<String> {
    let script = root().join("completions/vlmgr.bash");
    let program = format!(
        r#"source '{}'
COMP_LINE='{line}'
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_POINT=${{#COMP_LINE}}
_vlmgr vlmgr "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        script.display()
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

// The bash script runs in bash, which a Windows machine does not have; the committed
// script's bytes are checked on every OS by `completions_command_prints_the_committed_script`.
#[cfg(unix)]
#[test]
fn bash_completes_commands_products_and_all() {
    let words = bash_complete("vlmgr sk");
    for expected in ["skms", "skms-domain", "skhc"] {
        assert!(
            words.iter().any(|w| w == expected),
            "{expected} missing: {words:?}"
        );
    }
    assert!(words.iter().all(|w| w.starts_with("sk")), "{words:?}");

    let words = bash_complete("vlmgr ipk Windows");
    assert!(
        words.iter().any(|w| w == "Windows-10/11-Enterprise"),
        "products missing: {words:?}"
    );
    assert!(words.iter().all(|w| w.starts_with("Windows")), "{words:?}");

    let words = bash_complete("vlmgr dlv a");
    assert!(words.iter().any(|w| w == "all"), "{words:?}");

    let words = bash_complete("vlmgr --color ");
    assert_eq!(words, ["auto", "always", "never"]);
}

/// zsh and fish are installed by .ci/run.
#[test]
#[ignore = "needs zsh and fish; run by .ci/run, which installs them"]
fn zsh_and_fish_load_the_scripts() {
    let zsh = Command::new("zsh")
        .args([
            "-f",
            "-c",
            &format!(
                "autoload -U compinit && compinit -u && source '{}'",
                root().join("completions/_vlmgr").display()
            ),
        ])
        .output()
        .expect("zsh installed");
    assert!(
        zsh.status.success(),
        "zsh: {}",
        String::from_utf8_lossy(&zsh.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&zsh.stderr), "");
    let fish = Command::new("fish")
        .args([
            "--no-config",
            "-c",
            &format!(
                "source '{}'; and complete -C 'vlmgr sk'",
                root().join("completions/vlmgr.fish").display()
            ),
        ])
        .output()
        .expect("fish installed");
    assert!(
        fish.status.success(),
        "fish: {}",
        String::from_utf8_lossy(&fish.stderr)
    );
    assert!(String::from_utf8_lossy(&fish.stdout).contains("skms"));
}

/// Every page as man shows it: the sections a reader looks for, lists as lists (an exit
/// code starts its own line), nothing under clap_mangen's catch-all "EXTRA", and no
/// warning from groff.
#[test]
#[ignore = "needs man (man-db); run by .ci/run, which installs it"]
fn man_renders_the_pages() {
    for page in man_pages() {
        let path = root().join(MAN_DIR).join(&page.file_name);
        let out = Command::new("man")
            .args(["--warnings", "-l", &path.display().to_string()])
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("man installed");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}: {}",
            page.file_name,
            String::from_utf8_lossy(&out.stderr)
        );
        let headings: Vec<&str> = text
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
            .collect();
        let mut expected = vec!["NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "SEE ALSO"];
        if page.file_name == "vlmgr.1" {
            expected.extend(["OPTIONS", "ENVIRONMENT", "FILES", "EXAMPLES"]);
        } else {
            expected.push("GLOBAL OPTIONS");
        }
        for heading in expected {
            assert!(
                headings.contains(&heading),
                "{}: no {heading} in {headings:?}",
                page.file_name
            );
        }
        assert!(
            !headings.contains(&"EXTRA"),
            "{}: {headings:?}",
            page.file_name
        );
        // `.TP` puts a short term and the start of its meaning on one line: "1  the host
        // answered ..." (spaces as justification spreads them).
        for (code, meaning) in vlmgr::exit_codes::Exit::TABLE {
            let start: Vec<&str> = meaning.split_whitespace().take(3).collect();
            let listed = text.lines().any(|line| {
                let words: Vec<&str> = line.split_whitespace().collect();
                words.first() == Some(&code.code().to_string().as_str())
                    && words.get(1..=start.len()) == Some(&start[..])
            });
            assert!(
                listed,
                "{}: exit code {} is not an item of a list:\n{text}",
                page.file_name,
                code.code()
            );
        }
    }
}

/// The targets vlmgr's release binaries are built for (dist/release.sh).
const RELEASE_TARGETS: [&str; 4] = [
    "x86_64-unknown-linux-gnu",
    "x86_64-pc-windows-gnu",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
];

/// dist/THIRD-PARTY-LICENSES.txt: the crates compiled into the release binaries and the
/// licence texts they ship, which their licences (MIT, BSD, Apache-2.0 ...) ask a binary
/// distribution to carry. Built from Cargo.lock with `cargo tree` (what the binary links
/// for each target: normal dependencies, no proc-macros) and `cargo metadata` (where each
/// crate's files are). The file covers every target, so one check on the build host is
/// enough: the Windows test binaries, run under Wine without cargo, leave it out.
#[test]
#[cfg_attr(
    windows,
    ignore = "runs cargo, which the Wine run of the test binaries lacks; Linux checks the file"
)]
fn third_party_licenses_are_in_sync() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut crates: std::collections::BTreeMap<(String, String), Vec<&str>> = Default::default();
    for target in RELEASE_TARGETS {
        let tree = run_cargo(
            &cargo,
            &[
                "tree",
                "--locked",
                "--edges",
                "normal,no-proc-macro",
                "--target",
                target,
                "--prefix",
                "none",
                "--format",
                "{p}",
            ],
        );
        for line in tree.lines() {
            // "name v1.2.3", "name v1.2.3 (/path)" for vlmgr itself, "(*)" on repeats.
            let mut words = line.split_whitespace();
            let (Some(name), Some(version)) = (words.next(), words.next()) else {
                continue;
            };
            if name == "vlmgr" {
                continue;
            }
            let version = version.trim_start_matches('v').to_owned();
            let targets = crates.entry((name.to_owned(), version)).or_default();
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
    }
    let metadata: serde_json::Value = serde_json::from_str(&run_cargo(
        &cargo,
        &["metadata", "--locked", "--format-version", "1"],
    ))
    .expect("cargo metadata prints JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let mut list = String::new();
    // Each distinct licence text once, with every crate file that carries it.
    let mut texts: Vec<(String, Vec<String>)> = Vec::new();
    for ((name, version), targets) in &crates {
        let package = packages
            .iter()
            .find(|p| p["name"] == name.as_str() && p["version"] == version.as_str())
            .unwrap_or_else(|| panic!("{name} {version} is not in cargo metadata"));
        let licence = package["license"].as_str().unwrap_or("(no licence field)");
        let manifest = Path::new(package["manifest_path"].as_str().expect("manifest_path"));
        let files = licence_files(manifest.parent().expect("crate directory"));
        let shipped = match files.is_empty() {
            true => "none in the crate".to_owned(),
            false => files
                .iter()
                .map(|(file, _)| file.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        };
        list.push_str(&format!(
            "{name} {version}\n    licence: {licence}\n    texts: {shipped}\n    in: {}\n",
            targets.join(", ")
        ));
        for (file, text) in files {
            let origin = format!("{name} {version}: {file}");
            match texts.iter_mut().find(|(known, _)| *known == text) {
                Some((_, origins)) => origins.push(origin),
                None => texts.push((text, vec![origin])),
            }
        }
    }
    let mut document = format!(
        "Third-party software in vlmgr's release binaries\n\n\
         vlmgr itself is licensed MIT OR Apache-2.0 (LICENSE-MIT, LICENSE-APACHE). Its release\n\
         binaries contain the crates listed below, each under its own licence; after the list\n\
         comes every licence or notice text those crates ship, once, with the crates it came\n\
         from.\n\n\
         This file is generated from Cargo.lock: {REGENERATE}\n\n\
         ==== Crates ({} in all) ====\n\n{list}\n==== Licence and notice texts ====\n",
        crates.len()
    );
    for (text, origins) in &texts {
        document.push_str(&format!(
            "\n---- {} ----\n\n{}\n",
            origins.join("; "),
            text.trim_end()
        ));
    }
    check(
        &root().join("dist/THIRD-PARTY-LICENSES.txt"),
        document.as_bytes(),
    );
}

fn run_cargo(cargo: &str, args: &[&str]) -> String {
    let out = Command::new(cargo)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo {args:?}: {e}"));
    assert!(
        out.status.success(),
        "cargo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("cargo prints UTF-8")
}

/// The licence and notice files at the top of a crate's directory, sorted by name, with
/// line endings made uniform.
fn licence_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let upper = name.to_ascii_uppercase();
            let wanted = [
                "LICENSE",
                "LICENCE",
                "COPYING",
                "NOTICE",
                "UNLICENSE",
                "COPYRIGHT",
            ]
            .iter()
            .any(|prefix| upper.starts_with(prefix));
            let bytes = fs::read(entry.path()).ok()?;
            wanted.then(|| (name, String::from_utf8_lossy(&bytes).replace("\r\n", "\n")))
        })
        .collect();
    files.sort();
    files
}
