//! What the request says about this machine: its DNS name and whether it is a VM.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::protocol::kms::MAX_WORKSTATION_NAME_UNITS;

/// The machine's DNS name as the request carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineName {
    /// The name sent (at most 63 UTF-16 units, no NUL).
    pub name: String,
    /// The full name when it had to be shortened.
    pub truncated_from: Option<String>,
}

/// The fully qualified name when the system knows one, else the host name.
///
/// Linux keeps the host name in `/proc/sys/kernel/hostname` and the NIS/DNS domain
/// in `/proc/sys/kernel/domainname` ("(none)" when unset); elsewhere `HOSTNAME`.
pub fn machine_name() -> MachineName {
    let host = read_trimmed(Path::new("/proc/sys/kernel/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_string());
    let domain = read_trimmed(Path::new("/proc/sys/kernel/domainname"))
        .filter(|d| !d.is_empty() && d != "(none)");
    let full = match domain {
        Some(domain) if !host.contains('.') => format!("{host}.{domain}"),
        _ => host,
    };
    fit_name(&full)
}

fn read_trimmed(path: &Path) -> Option<String> {
    fs::read_to_string(path).ok().map(|s| s.trim().to_string())
}

/// Drops NULs and cuts `full` to 63 UTF-16 units at a character boundary.
pub fn fit_name(full: &str) -> MachineName {
    let cleaned: String = full.chars().filter(|&c| c != '\0').collect();
    let mut name = String::new();
    let mut units = 0usize;
    for c in cleaned.chars() {
        units += c.len_utf16();
        if units > MAX_WORKSTATION_NAME_UNITS {
            return MachineName {
                name,
                truncated_from: Some(cleaned),
            };
        }
        name.push(c);
    }
    MachineName {
        name,
        truncated_from: None,
    }
}

/// Whether this machine runs under a hypervisor: the CPU's `hypervisor` flag in
/// /proc/cpuinfo, or a virtual platform vendor in /sys/class/dmi/id/sys_vendor.
pub fn is_virtual_machine() -> bool {
    first_cpu_has_hypervisor_flag(Path::new("/proc/cpuinfo"))
        || fs::read_to_string("/sys/class/dmi/id/sys_vendor").is_ok_and(|v| is_virtual_vendor(&v))
}

/// Whether the first `flags` line of `cpuinfo` lists `hypervisor`.
///
/// Reads no further than that line: the kernel formats /proc/cpuinfo one CPU at a
/// time as it is read (sampling each CPU's clock), so reading it whole costs
/// milliseconds on a machine with many CPUs, and every CPU carries the same flag.
fn first_cpu_has_hypervisor_flag(cpuinfo: &Path) -> bool {
    let Ok(file) = fs::File::open(cpuinfo) else {
        return false;
    };
    // Small reads, so the kernel formats little more than the first CPU.
    let reader = BufReader::with_capacity(2048, file);
    for line in reader.lines() {
        let Ok(line) = line else { return false };
        if line.starts_with("flags") {
            return cpuinfo_has_hypervisor(&line);
        }
    }
    false
}

/// Whether a `flags` line of /proc/cpuinfo lists `hypervisor`.
pub fn cpuinfo_has_hypervisor(cpuinfo: &str) -> bool {
    cpuinfo
        .lines()
        .filter(|line| line.starts_with("flags"))
        .any(|line| line.split_whitespace().any(|flag| flag == "hypervisor"))
}

/// Whether a DMI system vendor names a hypervisor platform.
pub fn is_virtual_vendor(vendor: &str) -> bool {
    const VENDORS: [&str; 8] = [
        "qemu",
        "vmware",
        "innotek",
        "microsoft corporation",
        "xen",
        "amazon ec2",
        "google",
        "parallels",
    ];
    let vendor = vendor.trim().to_ascii_lowercase();
    VENDORS.iter().any(|v| vendor.starts_with(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_to_63_units() {
        let long = "a".repeat(70);
        let fitted = fit_name(&long);
        assert_eq!(fitted.name.len(), 63);
        assert_eq!(fitted.truncated_from.as_deref(), Some(long.as_str()));
        let short = fit_name("host.corp.example");
        assert_eq!(short.name, "host.corp.example");
        assert_eq!(short.truncated_from, None);
        // A character outside the BMP takes two units and is never split.
        let astral = format!("{}{}", "a".repeat(62), '\u{1F600}');
        assert_eq!(fit_name(&astral).name, "a".repeat(62));
    }

    #[test]
    fn hypervisor_flag_and_vendor() {
        assert!(cpuinfo_has_hypervisor(
            "processor: 0\nflags\t\t: fpu vme hypervisor lahf_lm\n"
        ));
        assert!(!cpuinfo_has_hypervisor(
            "flags\t\t: fpu vme lahf_lm\nmodel name: hypervisor-ish\n"
        ));
        assert!(is_virtual_vendor("QEMU\n"));
        assert!(!is_virtual_vendor("Dell Inc.\n"));
    }

    #[test]
    fn only_the_first_flags_line_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cpuinfo");
        let cpu = |flags: &str| format!("processor\t: 0\nmodel name\t: X\nflags\t\t: {flags}\n\n");
        std::fs::write(&path, cpu("fpu hypervisor") + &cpu("fpu")).expect("write");
        assert!(first_cpu_has_hypervisor_flag(&path));
        std::fs::write(&path, cpu("fpu") + &cpu("fpu hypervisor")).expect("write");
        assert!(!first_cpu_has_hypervisor_flag(&path));
        std::fs::write(&path, "no flags here\n").expect("write");
        assert!(!first_cpu_has_hypervisor_flag(&path));
        assert!(!first_cpu_has_hypervisor_flag(&dir.path().join("missing")));
    }
}
