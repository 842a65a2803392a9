//! What the request says about this machine: its DNS name and whether it is a VM
//! (docs/platforms.md). The readers ask the OS; [`full_name`], [`fit_name`] and
//! [`is_virtual`] decide, and are tested with every OS's values on every OS.

use crate::protocol::kms::MAX_WORKSTATION_NAME_UNITS;

/// The machine's DNS name as the request carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineName {
    /// The name sent (at most 63 UTF-16 units, no NUL).
    pub name: String,
    /// The full name when it had to be shortened.
    pub(crate) truncated_from: Option<String>,
}

/// The name a Windows client sends: the host name plus the primary DNS suffix.
///
/// The host name is the OS's (`gethostname`: `GetComputerNameExW`'s DNS host name on
/// Windows, `gethostname(2)` elsewhere). The suffix is what each OS calls the machine's
/// own DNS domain (`resolver::primary_suffix`): the primary DNS suffix on Windows,
/// the dynamic store's `DomainName` on macOS, resolv.conf's `domain` on Linux (glibc's
/// local domain). A host name that already has dots is taken as fully qualified. The
/// kernel's NIS domain name (`domainname`) is not a DNS domain and is not used.
pub fn machine_name() -> MachineName {
    let host = gethostname::gethostname();
    let host = host.to_string_lossy();
    let suffix = super::resolver::primary_suffix();
    fit_name(&full_name(&host, suffix.as_deref()))
}

/// `host` qualified with `suffix` unless it already has a dot; "localhost" when the OS
/// gives no host name.
pub(crate) fn full_name(host: &str, suffix: Option<&str>) -> String {
    let host = host.trim().trim_end_matches('.');
    if host.is_empty() {
        return "localhost".to_owned();
    }
    let suffix = suffix
        .map(|suffix| suffix.trim().trim_matches('.'))
        .filter(|suffix| !suffix.is_empty());
    match suffix {
        Some(suffix) if !host.contains('.') => format!("{host}.{suffix}"),
        _ => host.to_owned(),
    }
}

/// Drops NULs and cuts `full` to 63 UTF-16 units at a character boundary.
pub(crate) fn fit_name(full: &str) -> MachineName {
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

/// What the CPU and the OS say about a hypervisor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct VmSnapshot {
    /// CPUID leaf 1's ECX (x86 only).
    pub(crate) cpuid_leaf1_ecx: Option<u32>,
    /// `/sys/class/dmi/id/sys_vendor` (Linux only).
    pub(crate) dmi_sys_vendor: Option<String>,
    /// `kern.hv_vmm_present` says a hypervisor is present (macOS on Apple silicon only).
    pub(crate) hv_vmm_present: Option<bool>,
}

/// Whether this machine runs under a hypervisor: the CPU says so (x86), or the OS does
/// (DMI's system vendor on Linux, `kern.hv_vmm_present` on Apple silicon).
///
/// On Windows with Hyper-V or virtualization-based security on, Windows itself runs in
/// the hypervisor's root partition and the CPU reports a hypervisor there too.
pub(crate) fn is_virtual_machine() -> bool {
    is_virtual(&VmSnapshot {
        cpuid_leaf1_ecx: cpuid_leaf1_ecx(),
        dmi_sys_vendor: dmi_sys_vendor(),
        hv_vmm_present: hv_vmm_present(),
    })
}

/// Whether `snapshot` says this is a virtual machine: any one source saying so is enough.
pub(crate) fn is_virtual(snapshot: &VmSnapshot) -> bool {
    snapshot.cpuid_leaf1_ecx.is_some_and(has_hypervisor_bit)
        || snapshot
            .dmi_sys_vendor
            .as_deref()
            .is_some_and(is_virtual_vendor)
        || snapshot.hv_vmm_present == Some(true)
}

/// CPUID leaf 1, ECX bit 31: reserved by Intel and AMD for hypervisors to set in their
/// guests (what Linux shows as the `hypervisor` flag in /proc/cpuinfo).
#[cfg(target_arch = "x86_64")]
fn cpuid_leaf1_ecx() -> Option<u32> {
    Some(std::arch::x86_64::__cpuid(1).ecx)
}

#[cfg(target_arch = "x86")]
fn cpuid_leaf1_ecx() -> Option<u32> {
    Some(std::arch::x86::__cpuid(1).ecx)
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "x86")))]
fn cpuid_leaf1_ecx() -> Option<u32> {
    None
}

/// Whether CPUID leaf 1's ECX has the hypervisor bit (31).
pub(crate) fn has_hypervisor_bit(ecx: u32) -> bool {
    ecx & (1 << 31) != 0
}

/// The platform vendor in /sys/class/dmi/id/sys_vendor (also what tells an x86
/// hypervisor that hides its CPUID bit, and arm64 VMs, apart).
#[cfg(target_os = "linux")]
fn dmi_sys_vendor() -> Option<String> {
    /// A sysfs attribute holds at most a page.
    const MAX_ATTRIBUTE_BYTES: u64 = 4096;
    let path = std::path::Path::new("/sys/class/dmi/id/sys_vendor");
    let bytes = super::os_file::read(path, MAX_ATTRIBUTE_BYTES).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(not(target_os = "linux"))]
fn dmi_sys_vendor() -> Option<String> {
    None
}

/// macOS on Apple silicon says whether it runs in a virtual machine (there is no CPUID).
#[cfg(all(target_os = "macos", target_arch = "aarch64"))]
fn hv_vmm_present() -> Option<bool> {
    use sysctl::Sysctl;
    sysctl::Ctl::new("kern.hv_vmm_present")
        .and_then(|ctl| ctl.value())
        .ok()
        .map(|value| is_present(&value))
}

/// Whether a `kern.hv_vmm_present` value says "present" (an integer 1).
#[cfg(all(target_os = "macos", target_arch = "aarch64"))]
fn is_present(value: &sysctl::CtlValue) -> bool {
    use sysctl::CtlValue;
    match value {
        CtlValue::Int(n) | CtlValue::S32(n) => *n != 0,
        CtlValue::Uint(n) | CtlValue::U32(n) => *n != 0,
        CtlValue::Long(n) | CtlValue::S64(n) => *n != 0,
        CtlValue::Ulong(n) | CtlValue::U64(n) => *n != 0,
        _ => false,
    }
}

#[cfg(not(all(target_os = "macos", target_arch = "aarch64")))]
fn hv_vmm_present() -> Option<bool> {
    None
}

/// Whether a DMI system vendor names a hypervisor platform.
pub(crate) fn is_virtual_vendor(vendor: &str) -> bool {
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
    fn the_host_name_is_qualified_with_the_primary_suffix() {
        assert_eq!(full_name("pc01", Some("corp.example")), "pc01.corp.example");
        assert_eq!(
            full_name("pc01\n", Some(".corp.example.")),
            "pc01.corp.example"
        );
        // Already qualified (a Linux host name may be the FQDN), or no suffix.
        assert_eq!(
            full_name("pc01.lab.example", Some("corp.example")),
            "pc01.lab.example"
        );
        assert_eq!(full_name("pc01", None), "pc01");
        assert_eq!(full_name("pc01", Some(" ")), "pc01");
        assert_eq!(full_name("", Some("corp.example")), "localhost");
    }

    #[test]
    fn the_machine_name_is_the_os_host_name() {
        let name = machine_name();
        let host = gethostname::gethostname();
        let host = host.to_string_lossy();
        let host = host.trim();
        assert!(!name.name.is_empty());
        if !host.is_empty() && host.encode_utf16().count() <= MAX_WORKSTATION_NAME_UNITS {
            assert!(name.name.starts_with(host), "{name:?} from {host:?}");
        }
    }

    #[test]
    fn hypervisor_bit_and_vendor() {
        assert!(has_hypervisor_bit(0x8000_0000));
        assert!(has_hypervisor_bit(0xffff_ffff));
        assert!(!has_hypervisor_bit(0x7fff_ffff));
        assert!(is_virtual_vendor("QEMU\n"));
        assert!(!is_virtual_vendor("Dell Inc.\n"));
    }

    #[test]
    fn each_os_source_alone_makes_a_virtual_machine() {
        let bare_metal = VmSnapshot {
            cpuid_leaf1_ecx: Some(0x7fff_ffff),
            dmi_sys_vendor: Some("Dell Inc.\n".to_owned()),
            hv_vmm_present: Some(false),
        };
        assert!(!is_virtual(&bare_metal));
        assert!(!is_virtual(&VmSnapshot::default()));
        // x86 (any OS): the CPUID bit.
        assert!(is_virtual(&VmSnapshot {
            cpuid_leaf1_ecx: Some(0x8000_0000),
            ..bare_metal.clone()
        }));
        // Linux: the DMI vendor, also where the CPU hides the bit.
        assert!(is_virtual(&VmSnapshot {
            dmi_sys_vendor: Some("QEMU\n".to_owned()),
            ..bare_metal.clone()
        }));
        // macOS on Apple silicon: no CPUID, kern.hv_vmm_present.
        assert!(is_virtual(&VmSnapshot {
            cpuid_leaf1_ecx: None,
            dmi_sys_vendor: None,
            hv_vmm_present: Some(true),
        }));
    }

    /// Whether the CPU reports a hypervisor.
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    fn cpu_reports_hypervisor() -> bool {
        cpuid_leaf1_ecx().is_some_and(has_hypervisor_bit)
    }

    /// On x86, the answer agrees with what the kernel saw in CPUID (Linux's cpuinfo flag).
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    #[test]
    fn the_cpuid_bit_agrees_with_the_kernel() {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").expect("cpuinfo");
        let flags = cpuinfo
            .lines()
            .find(|line| line.starts_with("flags"))
            .expect("a flags line");
        let kernel = flags.split_whitespace().any(|flag| flag == "hypervisor");
        assert_eq!(cpu_reports_hypervisor(), kernel);
        if kernel {
            assert!(is_virtual_machine());
        }
    }
}
