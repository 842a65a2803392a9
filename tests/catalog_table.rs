//! The catalog against its sources, and the invariants every row must keep.
//!
//! The source tables below are copies made for these tests (tests never read anything
//! outside the repository):
//! - `MICROSOFT_WINDOWS_GVLKS`: every row of Microsoft's "Key Management Services (KMS)
//!   client activation and product keys", repository MicrosoftDocs/windowsserverdocs,
//!   file `WindowsServerDocs/get-started/kms-client-activation-keys.md`, commit
//!   0539a6bfafe3d1feb446d7479837cc3bc7bffff4 (ms.date 10/01/2024); row labels joined
//!   with " / " where Microsoft lists several releases in one row.
//! - `MICROSOFT_OFFICE_GVLKS`: every row of "GVLKs for KMS and Active Directory-based
//!   activation of Office, Project, and Visio", repository
//!   MicrosoftDocs/OfficeDocs-DeployOffice, file `office/volume-license-activation/gvlks.md`,
//!   commit b21e83e6f177e401a34e0591758768a2121eaf41 (Office LTSC 2024, LTSC 2021, 2019, 2016).
//! - `OFFICE_2010_2013_GVLKS`: the Office 2010 and 2013 volume editions, whose keys
//!   Microsoft published only in the retired TechNet library; copied from py-kms
//!   `py-kms/KmsDataBase.xml` (commit b0e1615dec06293c927625006a99e6ec54a001aa),
//!   Mondo and pre-release SKUs left out.

use std::collections::HashSet;

use uuid::{Uuid, uuid};
use vlmgr::catalog::{self, Family, PRODUCT_KEY_ALPHABET, Product};

const MICROSOFT_WINDOWS_ROW_COUNT: usize = 78;
const MICROSOFT_OFFICE_ROW_COUNT: usize = 52;
const OFFICE_2010_2013_ROW_COUNT: usize = 32;

const MICROSOFT_WINDOWS_GVLKS: &[(&str, &str)] = &[
    (
        "Windows Server 2025 Standard",
        "TVRH6-WHNXV-R9WG3-9XRFY-MY832",
    ),
    (
        "Windows Server 2025 Datacenter",
        "D764K-2NDRG-47T6Q-P8T8W-YP6DF",
    ),
    (
        "Windows Server 2025 Datacenter: Azure Edition",
        "XGN3F-F394H-FD2MY-PP6FD-8MCRC",
    ),
    (
        "Windows Server 2022 Standard",
        "VDYBN-27WPP-V4HQT-9VMD4-VMK7H",
    ),
    (
        "Windows Server 2022 Datacenter",
        "WX4NM-KYWYW-QJJR4-XV3QB-6VM33",
    ),
    (
        "Windows Server 2022 Datacenter: Azure Edition",
        "NTBV8-9K7Q8-V27C6-M2BTV-KHMXV",
    ),
    (
        "Windows Server 2019 Standard",
        "N69G4-B89J2-4G8F4-WWYCC-J464C",
    ),
    (
        "Windows Server 2019 Datacenter",
        "WMDGN-G9PQG-XVVXX-R3X43-63DFG",
    ),
    (
        "Windows Server 2019 Essentials",
        "WVDHN-86M7X-466P6-VHXV7-YY726",
    ),
    (
        "Windows Server 2016 Standard",
        "WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY",
    ),
    (
        "Windows Server 2016 Datacenter",
        "CB7KF-BWN84-R7R2Y-793K2-8XDDG",
    ),
    (
        "Windows Server 2016 Essentials",
        "JCKRF-N37P4-C2D82-9YXRT-4M63B",
    ),
    (
        "Windows Server Standard (versions 20H2, 2004, 1909, 1903, 1809)",
        "N2KJX-J94YW-TQVFB-DG9YT-724CC",
    ),
    (
        "Windows Server Datacenter (versions 20H2, 2004, 1909, 1903, 1809)",
        "6NMRW-2C8FM-D24W7-TQWMY-CWH2D",
    ),
    (
        "Windows 11 Pro / Windows 10 Pro",
        "W269N-WFGWX-YVC9B-4J6C9-T83GX",
    ),
    (
        "Windows 11 Pro N / Windows 10 Pro N",
        "MH37W-N47XK-V7XM9-C7227-GCQG9",
    ),
    (
        "Windows 11 Pro for Workstations / Windows 10 Pro for Workstations",
        "NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J",
    ),
    (
        "Windows 11 Pro for Workstations N / Windows 10 Pro for Workstations N",
        "9FNHH-K3HBT-3W4TD-6383H-6XYWF",
    ),
    (
        "Windows 11 Pro Education / Windows 10 Pro Education",
        "6TP4R-GNPTD-KYYHQ-7B7DP-J447Y",
    ),
    (
        "Windows 11 Pro Education N / Windows 10 Pro Education N",
        "YVWGF-BXNMC-HTQYQ-CPQ99-66QFC",
    ),
    (
        "Windows 11 Education / Windows 10 Education",
        "NW6C2-QMPVW-D7KKK-3GKT6-VCFB2",
    ),
    (
        "Windows 11 Education N / Windows 10 Education N",
        "2WH4N-8QGBV-H22JP-CT43Q-MDWWJ",
    ),
    (
        "Windows 11 Enterprise / Windows 10 Enterprise",
        "NPPR9-FWDCX-D2C8J-H872K-2YT43",
    ),
    (
        "Windows 11 Enterprise N / Windows 10 Enterprise N",
        "DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4",
    ),
    (
        "Windows 11 Enterprise G / Windows 10 Enterprise G",
        "YYVX9-NTFWV-6MDM3-9PT4T-4M68B",
    ),
    (
        "Windows 11 Enterprise G N / Windows 10 Enterprise G N",
        "44RPN-FTY23-9VTTB-MP9BX-T84FV",
    ),
    (
        "Windows 11 Enterprise LTSC 2024 / Windows 10 Enterprise LTSC 2021 / Windows 10 Enterprise LTSC 2019",
        "M7XTQ-FN8P6-TTKYV-9D4CC-J462D",
    ),
    (
        "Windows 11 Enterprise N LTSC 2024 / Windows 10 Enterprise N LTSC 2021 / Windows 10 Enterprise N LTSC 2019",
        "92NFX-8DJQP-P6BBQ-THF9C-7CG2H",
    ),
    (
        "Windows IoT Enterprise LTSC 2024 / Windows IoT Enterprise LTSC 2021",
        "KBN8V-HFGQ4-MGXVD-347P6-PDQGT",
    ),
    (
        "Windows 10 Enterprise LTSB 2016",
        "DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ",
    ),
    (
        "Windows 10 Enterprise N LTSB 2016",
        "QFFDN-GRT3P-VKWWX-X7T3R-8B639",
    ),
    (
        "Windows 10 Enterprise LTSB 2015",
        "WNMTR-4C88C-JK8YV-HQ7T2-76DF9",
    ),
    (
        "Windows 10 Enterprise N LTSB 2015",
        "2F77B-TNFGY-69QQF-B8YKP-D69TJ",
    ),
    (
        "Windows Server Standard (version 1803)",
        "PTXN8-JFHJM-4WC78-MPCBR-9W4KR",
    ),
    (
        "Windows Server Datacenter (version 1803)",
        "2HXDN-KRXHB-GPYC7-YCKFJ-7FVDG",
    ),
    (
        "Windows Server Standard (version 1709)",
        "DPCNP-XQFKJ-BJF7R-FRC8D-GF6G4",
    ),
    (
        "Windows Server Datacenter (version 1709)",
        "6Y6KB-N82V8-D8CQV-23MJW-BWTG6",
    ),
    (
        "Windows Server 2012 R2 Standard",
        "D2N9P-3P6X9-2R39C-7RTCD-MDVJX",
    ),
    (
        "Windows Server 2012 R2 Datacenter",
        "W3GGN-FT8W3-Y4M27-J84CP-Q3VJ9",
    ),
    (
        "Windows Server 2012 R2 Essentials",
        "KNC87-3J2TX-XB4WP-VCPJV-M4FWM",
    ),
    (
        "Windows Server 2012 Standard",
        "XC9B7-NBPP2-83J2H-RHMBY-92BT4",
    ),
    (
        "Windows Server 2012 MultiPoint Standard",
        "HM7DN-YVMH3-46JC3-XYTG7-CYQJJ",
    ),
    (
        "Windows Server 2012 MultiPoint Premium",
        "XNH6W-2V9GX-RGJ4K-Y8X6F-QGJ2G",
    ),
    (
        "Windows Server 2012 Datacenter",
        "48HP8-DN98B-MYWDG-T2DCC-8W83P",
    ),
    (
        "Windows Server 2012 Essentials",
        "HTDQM-NBMMG-KGYDT-2DTKT-J2MPV",
    ),
    (
        "Windows Server 2008 R2 Web",
        "6TPJF-RBVHG-WBW2R-86QPH-6RTM4",
    ),
    (
        "Windows Server 2008 R2 HPC edition",
        "TT8MH-CG224-D3D7Q-498W2-9QCTX",
    ),
    (
        "Windows Server 2008 R2 Standard",
        "YC6KT-GKW9T-YTKYR-T4X34-R7VHC",
    ),
    (
        "Windows Server 2008 R2 Enterprise",
        "489J6-VHDMP-X63PK-3K798-CPX3Y",
    ),
    (
        "Windows Server 2008 R2 Datacenter",
        "74YFP-3QFB3-KQT8W-PMXWJ-7M648",
    ),
    (
        "Windows Server 2008 R2 for Itanium-based Systems",
        "GT63C-RJFQ3-4GMB6-BRFB9-CB83V",
    ),
    ("Windows Web Server 2008", "WYR28-R7TFJ-3X2YQ-YCY4H-M249D"),
    (
        "Windows Server 2008 Standard",
        "TM24T-X9RMF-VWXK6-X8JC9-BFGM2",
    ),
    (
        "Windows Server 2008 Standard without Hyper-V",
        "W7VD6-7JFBR-RX26B-YKQ3Y-6FFFJ",
    ),
    (
        "Windows Server 2008 Enterprise",
        "YQGMW-MPWTJ-34KDK-48M3W-X4Q6V",
    ),
    (
        "Windows Server 2008 Enterprise without Hyper-V",
        "39BXF-X8Q23-P2WWT-38T2F-G3FPG",
    ),
    ("Windows Server 2008 HPC", "RCTX3-KWVHP-BR6TB-RB6DM-6X7HP"),
    (
        "Windows Server 2008 Datacenter",
        "7M67G-PC374-GR742-YH8V4-TCBY3",
    ),
    (
        "Windows Server 2008 Datacenter without Hyper-V",
        "22XQ2-VRXRG-P8D42-K34TD-G3QQC",
    ),
    (
        "Windows Server 2008 for Itanium-Based Systems",
        "4DWFP-JF3DJ-B7DTH-78FJB-PDRHK",
    ),
    ("Windows 8.1 Pro", "GCRJD-8NW9H-F2CDX-CCM8D-9D6T9"),
    ("Windows 8.1 Pro N", "HMCNV-VVBFX-7HMBH-CTY9B-B4FXY"),
    ("Windows 8.1 Enterprise", "MHF9N-XY6XB-WVXMC-BTDCT-MKKG7"),
    ("Windows 8.1 Enterprise N", "TT4HM-HN7YT-62K67-RGRQJ-JFFXW"),
    ("Windows 8 Pro", "NG4HW-VH26C-733KW-K6F98-J8CK4"),
    ("Windows 8 Pro N", "XCVCF-2NXM9-723PB-MHCB7-2RYQQ"),
    ("Windows 8 Enterprise", "32JNW-9KQ84-P47T8-D8GGY-CWCK7"),
    ("Windows 8 Enterprise N", "JMNMF-RHW7P-DMY6X-RF3DR-X2BQT"),
    ("Windows 7 Professional", "FJ82H-XT6CR-J8D7P-XQJJ2-GPDD4"),
    ("Windows 7 Professional N", "MRPKT-YTG23-K7D7T-X2JMM-QY7MG"),
    ("Windows 7 Professional E", "W82YF-2Q76Y-63HXB-FGJG9-GF7QX"),
    ("Windows 7 Enterprise", "33PXH-7Y6KF-2VJC9-XBBR8-HVTHH"),
    ("Windows 7 Enterprise N", "YDRBP-3D83W-TY26F-D46B2-XCKRJ"),
    ("Windows 7 Enterprise E", "C29WB-22CC8-VJ326-GHFJW-H9DH4"),
    ("Windows Vista Business", "YFKBB-PQJJV-G996G-VWGXY-2V3X8"),
    ("Windows Vista Business N", "HMBQG-8H2RH-C77VX-27R82-VMQBT"),
    ("Windows Vista Enterprise", "VKK3X-68KWM-X2YGT-QR4M6-4BWMV"),
    (
        "Windows Vista Enterprise N",
        "VTC42-BM838-43QHV-84HX6-XJXKV",
    ),
];

const MICROSOFT_OFFICE_GVLKS: &[(&str, &str)] = &[
    (
        "Office Professional Plus 2016",
        "XQNVK-8JYDB-WJ9W3-YJ8YR-WFG99",
    ),
    ("Office Standard 2016", "JNRGM-WHDWX-FJJG3-K47QV-DRTFM"),
    ("Project Professional 2016", "YG9NW-3K39V-2T3HJ-93F3Q-G83KT"),
    ("Project Standard 2016", "GNFHQ-F6YQM-KQDGJ-327XX-KQBVC"),
    ("Visio Professional 2016", "PD3PC-RHNGV-FXJ29-8JK7D-RJRJK"),
    ("Visio Standard 2016", "7WHWN-4T7MP-G96JF-G33KR-W8GF4"),
    ("Access 2016", "GNH9Y-D2J4T-FJHGG-QRVH7-QPFDW"),
    ("Excel 2016", "9C2PK-NWTVB-JMPW8-BFT28-7FTBF"),
    ("OneNote 2016", "DR92N-9HTF2-97XKM-XW2WJ-XW3J6"),
    ("Outlook 2016", "R69KK-NTPKF-7M3Q4-QYBHW-6MT9B"),
    ("PowerPoint 2016", "J7MQP-HNJ4Y-WJ7YM-PFYGF-BY6C6"),
    ("Publisher 2016", "F47MM-N3XJP-TQXJ9-BP99D-8K837"),
    ("Skype for Business 2016", "869NQ-FJ69K-466HW-QYCP2-DDBV6"),
    ("Word 2016", "WXY84-JN2Q9-RBCCQ-3Q3J3-3PFJ6"),
    (
        "Office Professional Plus 2019",
        "NMMKJ-6RK4F-KMJVX-8D9MJ-6MWKP",
    ),
    ("Office Standard 2019", "6NWWJ-YQWMR-QKGCB-6TMB3-9D9HK"),
    ("Project Professional 2019", "B4NPR-3FKK7-T2MBV-FRQ4W-PKD2B"),
    ("Project Standard 2019", "C4F7P-NCP8C-6CQPT-MQHV9-JXD2M"),
    ("Visio Professional 2019", "9BGNQ-K37YR-RQHF2-38RQ3-7VCBB"),
    ("Visio Standard 2019", "7TQNQ-K3YQQ-3PFH7-CCPPM-X4VQ2"),
    ("Access 2019", "9N9PT-27V4Y-VJ2PD-YXFMF-YTFQT"),
    ("Excel 2019", "TMJWT-YYNMB-3BKTF-644FC-RVXBD"),
    ("Outlook 2019", "7HD7K-N4PVK-BHBCQ-YWQRW-XW4VK"),
    ("PowerPoint 2019", "RRNCX-C64HY-W2MM7-MCH9G-TJHMQ"),
    ("Publisher 2019", "G2KWX-3NW6P-PY93R-JXK2T-C9Y9V"),
    ("Skype for Business 2019", "NCJ33-JHBBY-HTK98-MYCV8-HMKHJ"),
    ("Word 2019", "PBX3G-NWMT6-Q7XBW-PYJGG-WXD33"),
    (
        "Office LTSC Professional Plus 2021",
        "FXYTK-NJJ8C-GB6DW-3DYQT-6F7TH",
    ),
    ("Office LTSC Standard 2021", "KDX7X-BNVR8-TXXGX-4Q7Y8-78VT3"),
    ("Project Professional 2021", "FTNWT-C6WBT-8HMGF-K9PRX-QV9H8"),
    ("Project Standard 2021", "J2JDC-NJCYY-9RGQ4-YXWMH-T3D4T"),
    (
        "Visio LTSC Professional 2021",
        "KNH8D-FGHT4-T8RK3-CTDYJ-K2HT4",
    ),
    ("Visio LTSC Standard 2021", "MJVNY-BYWPY-CWV6J-2RKRT-4M8QG"),
    ("Access LTSC 2021", "WM8YG-YNGDD-4JHDC-PG3F4-FC4T4"),
    ("Excel LTSC 2021", "NWG3X-87C9K-TC7YY-BC2G7-G6RVC"),
    ("Outlook LTSC 2021", "C9FM6-3N72F-HFJXB-TM3V9-T86R9"),
    ("PowerPoint LTSC 2021", "TY7XF-NFRBR-KJ44C-G83KF-GX27K"),
    ("Publisher LTSC 2021", "2MW9D-N4BXM-9VBPG-Q7W6M-KFBGQ"),
    (
        "Skype for Business LTSC 2021",
        "HWCXN-K3WBT-WJBKY-R8BD9-XK29P",
    ),
    ("Word LTSC 2021", "TN8H9-M34D3-Y64V9-TR72V-X79KV"),
    (
        "Office LTSC Professional Plus 2024",
        "XJ2XN-FW8RK-P4HMP-DKDBV-GCVGB",
    ),
    ("Office LTSC Standard 2024", "V28N4-JG22K-W66P8-VTMGK-H6HGR"),
    ("Project Professional 2024", "FQQ23-N4YCY-73HQ3-FM9WC-76HF4"),
    ("Project Standard 2024", "PD3TT-NTHQQ-VC7CY-MFXK3-G87F8"),
    (
        "Visio LTSC Professional 2024",
        "B7TN8-FJ8V3-7QYCP-HQPMV-YY89G",
    ),
    ("Visio LTSC Standard 2024", "JMMVY-XFNQC-KK4HK-9H7R3-WQQTV"),
    ("Access LTSC 2024", "82FTR-NCHR7-W3944-MGRHM-JMCWD"),
    ("Excel LTSC 2024", "F4DYN-89BP2-WQTWJ-GR8YC-CKGJG"),
    ("Outlook LTSC 2024", "D2F8D-N3Q3B-J28PV-X27HD-RJWB9"),
    ("PowerPoint LTSC 2024", "CW94N-K6GJH-9CTXY-MG2VC-FYCWP"),
    (
        "Skype for Business LTSC 2024",
        "4NKHF-9HBQF-Q3B6C-7YV34-F64P3",
    ),
    ("Word LTSC 2024", "MQ84N-7VYDM-FXV7C-6K7CC-VFW9J"),
];

const OFFICE_2010_2013_GVLKS: &[(&str, &str)] = &[
    (
        "Office Professional Plus 2010",
        "VYBBJ-TRJPB-QFQRF-QFT4D-H3GVB",
    ),
    ("Office Standard 2010", "V7QKV-4XVVR-XYV4D-F7DFM-8R6BM"),
    (
        "Office Small Business Basics 2010",
        "D6QFG-VBYP2-XQHM7-J97RH-VVRCK",
    ),
    ("Project Professional 2010", "YGX6F-PGV49-PGW3J-9BTGG-VHKC6"),
    ("Project Standard 2010", "4HP3K-88W3F-W2K3D-6677X-F9PGB"),
    ("Visio Premium 2010", "D9DWC-HPYVV-JGF4P-BTWQB-WX8BJ"),
    ("Visio Professional 2010", "7MCW8-VRQVK-G677T-PDJCM-Q8TCP"),
    ("Visio Standard 2010", "767HD-QGMWX-8QTDB-9G3R2-KHFGJ"),
    ("Access 2010", "V7Y44-9T38C-R2VJK-666HK-T7DDX"),
    ("Excel 2010", "H62QG-HXVKF-PP4HP-66KMR-CW9BM"),
    ("SharePoint Workspace 2010", "QYYW6-QP4CB-MBV6G-HYMCJ-4T3J4"),
    ("InfoPath 2010", "K96W8-67RPQ-62T9Y-J8FQJ-BT37T"),
    ("OneNote 2010", "Q4Y4M-RHWJM-PY37F-MTKWH-D3XHX"),
    ("Outlook 2010", "7YDC2-CWM8M-RRTJC-8MDVC-X3DWQ"),
    ("PowerPoint 2010", "RC8FX-88JRY-3PF7C-X8P67-P4VTT"),
    ("Publisher 2010", "BFK7F-9MYHM-V68C7-DRQ66-83YTP"),
    ("Word 2010", "HVHB3-C6FV7-KQX9W-YQG79-CRY7T"),
    (
        "Office Professional Plus 2013",
        "YC7DK-G2NP3-2QQC3-J6H88-GVGXT",
    ),
    ("Office Standard 2013", "KBKQT-2NMXY-JJWGP-M62JB-92CD4"),
    ("Project Professional 2013", "FN8TT-7WMH6-2D4X9-M337T-2342K"),
    ("Project Standard 2013", "6NTH3-CW976-3G3Y2-JK3TX-8QHTT"),
    ("Visio Professional 2013", "C2FG9-N6J68-H8BTJ-BW3QX-RM3B3"),
    ("Visio Standard 2013", "J484Y-4NKBF-W2HMG-DBMJC-PGWR7"),
    ("Access 2013", "NG2JY-H4JBT-HQXYP-78QH9-4JM2D"),
    ("Excel 2013", "VGPNG-Y7HQW-9RHP7-TKPV3-BG7GB"),
    ("InfoPath 2013", "DKT8B-N7VXH-D963P-Q4PHY-F8894"),
    ("Lync 2013", "2MG3G-3BNTT-3MFW9-KDQW3-TCK7R"),
    ("OneNote 2013", "TGN6P-8MMBC-37P2F-XHXXK-P34VW"),
    ("Outlook 2013", "QPN8Q-BJBTJ-334K3-93TGY-2PMBT"),
    ("PowerPoint 2013", "4NT99-8RJFH-Q2VDH-KYG2C-4RD4F"),
    ("Publisher 2013", "PN2WF-29XG2-T9HJ7-JQPJR-FCXK4"),
    ("Word 2013", "6Q7VD-NX8JD-WJ2VH-88V73-4GBJ7"),
];

const WINDOWS: Uuid = uuid!("55c92734-d682-4d71-983e-d6ec3f16059f");
const OFFICE_2010: Uuid = uuid!("59a52881-a989-479d-af46-f275c6370663");
const OFFICE_2013_PLUS: Uuid = uuid!("0ff1ce15-a989-479d-af46-f275c6370663");

/// Each source row's key must find a product; returns how many rows were checked.
fn assert_every_row_present(source: &str, rows: &[(&str, &str)]) -> usize {
    let missing: Vec<String> = rows
        .iter()
        .filter(|(_, key)| catalog::find(key).is_err())
        .map(|(label, key)| format!("{label} ({key})"))
        .collect();
    assert!(
        missing.is_empty(),
        "{source}: rows missing from the catalog: {missing:#?}"
    );
    rows.len()
}

#[test]
fn every_row_of_microsofts_windows_table_is_present() {
    assert_eq!(MICROSOFT_WINDOWS_GVLKS.len(), MICROSOFT_WINDOWS_ROW_COUNT);
    let checked = assert_every_row_present("Microsoft Windows GVLK table", MICROSOFT_WINDOWS_GVLKS);
    assert_eq!(checked, 78, "Microsoft's Windows GVLK table has 78 rows");
}

#[test]
fn microsofts_windows_row_labels_find_their_key() {
    // Labels written "(version …)" are this file's, not Microsoft's product names.
    for (label, key) in MICROSOFT_WINDOWS_GVLKS
        .iter()
        .filter(|(label, _)| !label.contains('('))
    {
        for name in label.split(" / ") {
            let product = catalog::find(name).unwrap_or_else(|error| panic!("{name}: {error}"));
            assert_eq!(product.gvlk, *key, "{name}");
        }
    }
}

#[test]
fn every_row_of_microsofts_office_table_is_present() {
    assert_eq!(MICROSOFT_OFFICE_GVLKS.len(), MICROSOFT_OFFICE_ROW_COUNT);
    let checked = assert_every_row_present("Microsoft Office GVLK table", MICROSOFT_OFFICE_GVLKS);
    assert_eq!(
        checked, 52,
        "Microsoft's Office GVLK table has 52 rows (12 + 13 + 13 + 14)"
    );
}

#[test]
fn every_office_2010_and_2013_volume_edition_is_present() {
    assert_eq!(OFFICE_2010_2013_GVLKS.len(), OFFICE_2010_2013_ROW_COUNT);
    assert_every_row_present("Office 2010/2013", OFFICE_2010_2013_GVLKS);
}

#[test]
fn every_catalog_gvlk_comes_from_a_source_table() {
    let published: HashSet<&str> = MICROSOFT_WINDOWS_GVLKS
        .iter()
        .chain(MICROSOFT_OFFICE_GVLKS)
        .chain(OFFICE_2010_2013_GVLKS)
        .map(|(_, key)| *key)
        .collect();
    for product in catalog::products() {
        assert!(
            published.contains(product.gvlk),
            "{}: GVLK {} is in no source table",
            product.name,
            product.gvlk
        );
    }
    // 78 Windows rows, of which 2 (Server 1709) resolve to the 1709/1803 rows, + 52 + 32.
    assert_eq!(catalog::products().len(), 76 + 52 + 32);
}

#[test]
fn source_gvlks_resolve_to_the_product_carrying_that_key() {
    let additional: HashSet<&str> = catalog::additional_gvlks().map(|(key, _)| key).collect();
    for (label, key) in MICROSOFT_WINDOWS_GVLKS
        .iter()
        .chain(MICROSOFT_OFFICE_GVLKS)
        .chain(OFFICE_2010_2013_GVLKS)
    {
        let product = catalog::find(key).unwrap_or_else(|error| panic!("{label}: {error}"));
        if !additional.contains(key) {
            assert_eq!(product.gvlk, *key, "{label}");
        }
    }
    assert_eq!(additional.len(), 2);
}

fn is_well_formed_gvlk(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    let characters = key.chars().filter(|c| *c != '-');
    groups.len() == 5
        && groups.iter().all(|group| group.len() == 5)
        && characters
            .clone()
            .all(|c| c == 'N' || PRODUCT_KEY_ALPHABET.contains(c))
        && characters.filter(|c| *c == 'N').count() <= 1
}

#[test]
fn every_gvlk_is_five_groups_of_five_key_characters() {
    assert_eq!(PRODUCT_KEY_ALPHABET, "BCDFGHJKMPQRTVWXY2346789");
    for product in catalog::products() {
        assert!(
            is_well_formed_gvlk(product.gvlk),
            "{}: malformed GVLK {}",
            product.name,
            product.gvlk
        );
    }
    for (key, _) in catalog::additional_gvlks() {
        assert!(is_well_formed_gvlk(key), "malformed additional GVLK {key}");
    }
    assert!(!is_well_formed_gvlk("NPPR9-FWDCX-D2C8J-H872K-2YT4"));
    assert!(!is_well_formed_gvlk("NPPR9-FWDCX-D2C8J-H872K-2YT4A"));
    assert!(!is_well_formed_gvlk("NPPR9-FWDCX-D2C8J-H872N-2YT43"));
}

#[test]
fn gvlks_are_unique() {
    let mut seen = HashSet::new();
    for key in catalog::products()
        .iter()
        .map(|p| p.gvlk)
        .chain(catalog::additional_gvlks().map(|(key, _)| key))
    {
        assert!(seen.insert(key), "GVLK {key} appears twice");
    }
}

#[test]
fn activation_ids_are_unique() {
    let mut seen = HashSet::new();
    for product in catalog::products() {
        assert!(
            seen.insert(product.activation_id),
            "{}: Activation ID {} appears twice",
            product.name,
            product.activation_id
        );
    }
}

#[test]
fn names_and_aliases_are_unique_lowercase_and_never_collide() {
    let mut seen = HashSet::new();
    for product in catalog::products() {
        assert!(!product.aliases.is_empty(), "{} has no alias", product.name);
        assert!(
            seen.insert(product.name.to_lowercase()),
            "name {} appears twice",
            product.name
        );
        for alias in product.aliases {
            assert!(
                alias
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "alias {alias} is not lowercase ASCII, digits and dashes"
            );
            assert!(
                seen.insert(alias.to_string()),
                "alias {alias} collides with another name or alias"
            );
        }
    }
}

#[test]
fn n_policy_matches_family() {
    for product in catalog::products() {
        let expected = match product.family {
            Family::WindowsClient => 25,
            Family::WindowsServer | Family::Office => 5,
        };
        assert_eq!(product.n_policy, expected, "{}", product.name);
    }
}

#[test]
fn protocol_is_4_5_or_6_and_follows_the_release() {
    for product in catalog::products() {
        assert!(
            (4..=6).contains(&product.protocol),
            "{}: protocol {}",
            product.name,
            product.protocol
        );
        let expected = expected_protocol(product);
        assert_eq!(product.protocol, expected, "{}", product.name);
    }
}

/// The rule from the brief and the sources: Vista, 7, Server 2008 and 2008 R2 and
/// Office 2010 speak V4; Windows 8, Server 2012 and Office 2013 speak V5; everything
/// newer speaks V6.
fn expected_protocol(product: &Product) -> u16 {
    let name = product.name;
    let v4 = ["Windows Vista", "Windows 7", "Server 2008"];
    let v5 = [
        "Windows 8 ",
        "Server 2012 Standard",
        "Server 2012 MultiPoint",
        "Server 2012 Datacenter",
        "Server 2012 Essentials",
    ];
    if v4.iter().any(|release| name.contains(release)) || name.contains("2010") {
        4
    } else if v5.iter().any(|release| name.contains(release))
        || (product.family == Family::Office && name.contains("2013"))
    {
        5
    } else {
        6
    }
}

#[test]
fn application_ids_are_exactly_the_three_and_match_the_family() {
    let used: HashSet<Uuid> = catalog::products()
        .iter()
        .map(|p| p.application_id)
        .collect();
    assert_eq!(
        used,
        HashSet::from([WINDOWS, OFFICE_2010, OFFICE_2013_PLUS])
    );
    for product in catalog::products() {
        let expected = match product.family {
            Family::WindowsClient | Family::WindowsServer => WINDOWS,
            Family::Office if product.name.contains("2010") => OFFICE_2010,
            Family::Office => OFFICE_2013_PLUS,
        };
        assert_eq!(product.application_id, expected, "{}", product.name);
    }
    assert_eq!(catalog::APPLICATION_ID_WINDOWS, WINDOWS);
    assert_eq!(catalog::APPLICATION_ID_OFFICE_2010, OFFICE_2010);
    assert_eq!(catalog::APPLICATION_ID_OFFICE_2013_PLUS, OFFICE_2013_PLUS);
}

#[test]
fn table_is_sorted_by_family() {
    let rank = |family: Family| match family {
        Family::WindowsClient => 0,
        Family::WindowsServer => 1,
        Family::Office => 2,
    };
    let ranks: Vec<u8> = catalog::products().iter().map(|p| rank(p.family)).collect();
    assert!(
        ranks.windows(2).all(|pair| pair[0] <= pair[1]),
        "rows are not grouped by family in order"
    );
}

#[test]
fn reference_spot_values_are_present() {
    let enterprise =
        catalog::find("NPPR9-FWDCX-D2C8J-H872K-2YT43").expect("Windows 10/11 Enterprise");
    assert_eq!(
        enterprise.activation_id,
        uuid!("73111121-5638-40f6-bc11-f1d7b0d64300")
    );
    assert_eq!(enterprise.name, "Windows 10/11 Enterprise");
    assert_eq!(enterprise.family, Family::WindowsClient);
    assert_eq!((enterprise.n_policy, enterprise.protocol), (25, 6));

    let pro = catalog::find("W269N-WFGWX-YVC9B-4J6C9-T83GX").expect("Windows 10/11 Pro");
    assert_eq!(
        pro.activation_id,
        uuid!("2de67392-b7a7-462a-b1ca-108dd189f588")
    );
    assert_eq!(
        pro.kms_counted_id,
        uuid!("58e2134f-8e11-4d17-9cb2-91069c151148")
    );
    assert!(pro.aliases.contains(&"win10-pro") && pro.aliases.contains(&"win11-pro"));

    let datacenter =
        catalog::find("WX4NM-KYWYW-QJJR4-XV3QB-6VM33").expect("Server 2022 Datacenter");
    assert_eq!(datacenter.name, "Windows Server 2022 Datacenter");
    assert_eq!(datacenter.family, Family::WindowsServer);
    assert_eq!((datacenter.n_policy, datacenter.protocol), (5, 6));
}

#[test]
fn corrected_source_defects_stay_corrected() {
    // docs/catalog.md, "Defects worked around".
    let server2025 = catalog::find("server2025-datacenter").expect("Server 2025 Datacenter");
    assert_eq!(
        server2025.kms_counted_id,
        uuid!("907f1f65-adcd-4a2e-95bc-4bf500bc6e58")
    );
    let azure2025 =
        catalog::find("server2025-datacenter-azure").expect("Server 2025 Azure Edition");
    assert_eq!(azure2025.gvlk, "XGN3F-F394H-FD2MY-PP6FD-8MCRC");
    assert_eq!(
        azure2025.activation_id,
        uuid!("c2e946d1-cfa2-4523-8c87-30bc696ee584")
    );
    let office2024 = catalog::find("office2024-proplus").expect("Office LTSC 2024");
    assert_eq!(
        office2024.kms_counted_id,
        uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3")
    );
    assert_eq!(office2024.protocol, 6);
    let server2022 = catalog::find("server2022-standard").expect("Server 2022 Standard");
    assert_eq!(
        server2022.kms_counted_id,
        uuid!("b74263e4-0f92-46c6-bcf8-c11d5efe2959")
    );
    // No KMS counted ID may be one of py-kms's synthesized UUIDv5 values.
    let synthesized = [
        uuid!("4b83307d-7788-50ff-8d1f-1861915bdb9d"),
        uuid!("1b4db7eb-4057-5ddf-91e0-36dec72071f5"),
        uuid!("10a7e9fb-ca8c-5352-88f5-91b8dbe13b22"),
    ];
    for product in catalog::products() {
        assert!(
            !synthesized.contains(&product.kms_counted_id),
            "{}",
            product.name
        );
    }
}
