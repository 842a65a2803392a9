//! Whether the target of an SRV record can be used: a name that vlmgr can write as text
//! and ask for again as the same name (docs/discovery.md, "Unusable targets"). DNS labels
//! may hold any byte; a host name holds letters, digits and hyphens.

use hickory_resolver::Name;
use hickory_resolver::proto::rr::rdata::SRV;

use super::order::SrvRecord;

/// The record of an SRV answer, its target as text, and why the target cannot be used
/// if so.
pub(super) fn srv_record(srv: &SRV) -> SrvRecord {
    SrvRecord {
        priority: srv.priority(),
        weight: srv.weight(),
        port: srv.port(),
        target: display_name(srv.target()),
        unusable: target_problem(srv.target()),
    }
}

/// Why `target` cannot be asked for, or `None` when its text form reads back as the
/// same name (the root is no target: "no service", RFC 2782).
fn target_problem(target: &Name) -> Option<String> {
    if target.is_root() {
        return None;
    }
    let text = display_name(target);
    // Read as the lookup reads it (IDNA lower-cases, so compare as DNS does: without
    // regard to case).
    let read_back = Name::from_utf8(&text).map(|mut name| {
        name.set_fqdn(target.is_fqdn());
        name
    });
    if read_back.as_ref().is_ok_and(|name| name == target) {
        return None;
    }
    let odd = target.iter().enumerate().find_map(|(index, label)| {
        let byte = label
            .iter()
            .copied()
            .find(|byte| !is_host_name_byte(*byte))?;
        Some((index + 1, byte))
    });
    Some(match (odd, read_back) {
        (Some((label, byte)), _) => format!(
            "label {label} of its name holds {}, which a host name cannot hold",
            describe_byte(byte)
        ),
        (None, Err(error)) => format!("its name cannot be asked for: {error}"),
        (None, Ok(other)) => format!("its name reads back as another name ({other})"),
    })
}

/// Letters, digits, hyphens; `_` too, as internal zones use it.
fn is_host_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

/// A byte as people read it: the control characters by name.
fn describe_byte(byte: u8) -> String {
    let name = match byte {
        0x00 => "NUL",
        0x09 => "TAB",
        0x0A => "LF",
        0x0D => "CR",
        0x1B => "ESC",
        0x7F => "DEL",
        0x20 => "a space",
        _ if byte.is_ascii_control() => return format!("the control character 0x{byte:02X}"),
        _ if !byte.is_ascii() => {
            return format!(
                "the byte 0x{byte:02X}, which is not ASCII (internationalised names are \
                 written xn--...)"
            );
        }
        _ => return format!("{:?}", char::from(byte)),
    };
    format!("{name} (0x{byte:02X})")
}

/// A DNS name as shown to people: no trailing dot, the root as ".".
pub(super) fn display_name(name: &Name) -> String {
    if name.is_root() {
        return ".".to_owned();
    }
    let text = name.to_ascii();
    text.strip_suffix('.').unwrap_or(&text).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_strips_the_dot() {
        assert_eq!(
            display_name(&Name::from_ascii("kms.corp.test.").unwrap()),
            "kms.corp.test"
        );
        assert_eq!(display_name(&Name::root()), ".");
    }

    fn name(labels: &[&[u8]]) -> Name {
        Name::from_labels(labels.iter().copied()).unwrap()
    }

    #[test]
    fn host_names_are_usable() {
        for target in [
            name(&[b"kms", b"corp", b"test"]),
            name(&[b"KMS-1", b"corp", b"test"]),
            name(&[b"_kms", b"corp", b"test"]),
            Name::root(),
            // Written `a\.b`, read back as the same label: odd, but it can be asked for.
            name(&[b"a.b", b"corp", b"test"]),
        ] {
            assert_eq!(target_problem(&target), None, "{target:?}");
        }
    }

    #[test]
    fn control_characters_and_bytes_outside_ascii_are_named() {
        let cases: [(&[u8], &str); 3] = [
            (b"kms\x1bx", "label 1 of its name holds ESC (0x1B)"),
            (b"kms\r\n", "holds CR (0x0D)"),
            (b"k\xc3\xa9", "0xC3, which is not ASCII"),
        ];
        for (label, said) in cases {
            let problem = target_problem(&name(&[label, b"corp", b"test"]));
            let problem = problem.unwrap_or_default();
            assert!(problem.contains(said), "{label:?}: {problem}");
        }
    }
}
