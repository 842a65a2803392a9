//! The text the project ships to readers (README, licences, docs/ with the man pages and
//! schemas, completions, debian/, dist/) is UTF-8 without control characters: a stray
//! byte such as a vertical tab (`%LOCALAPPDATA%<VT>lmgr`, where `\v` was meant as a path)
//! is invisible in an editor and wrong in every rendering.
//!
//! Allowed: line feed, and tab (licence texts carry tabs verbatim; Markdown and roff
//! treat a tab as white space). Everything else Unicode calls a control character
//! (C0, DEL, C1), carriage returns included (line endings are LF), is reported with its
//! file, line and column.

use std::fs;
use std::path::{Path, PathBuf};

/// The files and directories (searched recursively) that hold reader-facing text.
const TEXT_ROOTS: [&str; 7] = [
    "README.md",
    "LICENSE-MIT",
    "LICENSE-APACHE",
    "docs",
    "completions",
    "debian",
    "dist",
];

/// Files that are not text, should one be added under a root.
const BINARY_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "ico", "gz"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
            .map(|entry| entry.expect("directory entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            files_under(&entry, files);
        }
    } else if !path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| BINARY_EXTENSIONS.contains(&e))
    {
        files.push(path.to_owned());
    }
}

/// `file:line:column: U+000B` for each control character (or the file when it is not
/// UTF-8).
fn offences(path: &Path, bytes: &[u8]) -> Vec<String> {
    let shown = path.strip_prefix(root()).unwrap_or(path).display();
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![format!("{shown}: not UTF-8")];
    };
    let mut found = Vec::new();
    for (number, line) in text.split('\n').enumerate() {
        for (column, c) in line.chars().enumerate() {
            if c.is_control() && c != '\t' {
                found.push(format!(
                    "{shown}:{}:{}: U+{:04X}",
                    number + 1,
                    column + 1,
                    u32::from(c)
                ));
            }
        }
    }
    found
}

#[test]
fn docs_have_no_control_characters() {
    let mut files = Vec::new();
    for name in TEXT_ROOTS {
        let path = root().join(name);
        assert!(path.exists(), "{name} is gone: update TEXT_ROOTS");
        files_under(&path, &mut files);
    }
    // The man pages and the README at least: the walk saw the files it is about.
    assert!(files.len() > 30, "only {} files found", files.len());
    let found: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let bytes = fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            offences(path, &bytes)
        })
        .collect();
    assert!(
        found.is_empty(),
        "control characters in text files (write the character meant, e.g. \\ in a \
         Windows path):\n{}",
        found.join("\n")
    );
}

#[test]
fn an_offence_is_named_by_file_line_and_column() {
    let path = root().join("README.md");
    assert_eq!(
        offences(&path, b"ok\n%LOCALAPPDATA%\x0blmgr\r\n\ttab"),
        [
            "README.md:2:15: U+000B".to_owned(),
            "README.md:2:20: U+000D".to_owned()
        ]
    );
    assert_eq!(
        offences(&path, b"\xff"),
        ["README.md: not UTF-8".to_owned()]
    );
    assert!(offences(&path, "caf\u{e9}\tok\n".as_bytes()).is_empty());
}
