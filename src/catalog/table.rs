//! The compiled-in product table: one row per product, sorted by family, then release.
//!
//! Where every column comes from, and every defect of the sources worked around, is
//! recorded in `docs/catalog.md`. In short: names and GVLKs from Microsoft's published
//! tables; Activation ID, KMS counted ID, N_Policy and protocol version from py-kms
//! `KmsDataBase.xml`, cross-checked against vlmcsd's `etc/vlmcsd.kmd`, with four
//! corrections (Server 2025 and Office LTSC 2024 counted IDs, the Server 2025 Azure
//! Edition GVLK, the Server 2022 counted ID py-kms contradicts itself on).

use uuid::{Uuid, uuid};

use super::{
    APPLICATION_ID_OFFICE_2010, APPLICATION_ID_OFFICE_2013_PLUS, APPLICATION_ID_WINDOWS, Family,
    Product,
};

const CLIENT: Family = Family::WindowsClient;
const SERVER: Family = Family::WindowsServer;
const OFFICE: Family = Family::Office;
const WIN: Uuid = APPLICATION_ID_WINDOWS;
const O14: Uuid = APPLICATION_ID_OFFICE_2010;
const O15: Uuid = APPLICATION_ID_OFFICE_2013_PLUS;

/// Builds one row; positional so that the table below stays one line per product.
#[allow(clippy::too_many_arguments)]
const fn p(
    family: Family,
    name: &'static str,
    aliases: &'static [&'static str],
    gvlk: &'static str,
    application_id: Uuid,
    activation_id: Uuid,
    kms_counted_id: Uuid,
    n_policy: u32,
    protocol: u16,
) -> Product {
    Product {
        name,
        aliases,
        gvlk,
        application_id,
        activation_id,
        kms_counted_id,
        n_policy,
        protocol,
        family,
    }
}

/// Every product, in table order.
///
/// Columns: family, name, aliases, GVLK, Application ID, Activation ID, KMS counted ID,
/// N_Policy, protocol major version.
#[rustfmt::skip]
pub(super) static PRODUCTS: &[Product] = &[
    // Windows client: Vista to Windows 11
    p(CLIENT, "Windows Vista Business", &["vista-business"], "YFKBB-PQJJV-G996G-VWGXY-2V3X8", WIN, uuid!("4f3d1606-3fea-4c01-be3c-8d671c401e3b"), uuid!("212a64dc-43b1-4d3d-a30c-2fc69d2095c6"), 25, 4),
    p(CLIENT, "Windows Vista Business N", &["vista-business-n"], "HMBQG-8H2RH-C77VX-27R82-VMQBT", WIN, uuid!("2c682dc2-8b68-4f63-a165-ae291d4cf138"), uuid!("212a64dc-43b1-4d3d-a30c-2fc69d2095c6"), 25, 4),
    p(CLIENT, "Windows Vista Enterprise", &["vista-enterprise"], "VKK3X-68KWM-X2YGT-QR4M6-4BWMV", WIN, uuid!("cfd8ff08-c0d7-452b-9f60-ef5c70c32094"), uuid!("212a64dc-43b1-4d3d-a30c-2fc69d2095c6"), 25, 4),
    p(CLIENT, "Windows Vista Enterprise N", &["vista-enterprise-n"], "VTC42-BM838-43QHV-84HX6-XJXKV", WIN, uuid!("d4f54950-26f2-4fb4-ba21-ffab16afcade"), uuid!("212a64dc-43b1-4d3d-a30c-2fc69d2095c6"), 25, 4),
    p(CLIENT, "Windows 7 Professional", &["win7-professional", "win7-pro", "w7pro"], "FJ82H-XT6CR-J8D7P-XQJJ2-GPDD4", WIN, uuid!("b92e9980-b9d5-4821-9c94-140f632f6312"), uuid!("7fde5219-fbfa-484a-82c9-34d1ad53e856"), 25, 4),
    p(CLIENT, "Windows 7 Professional N", &["win7-professional-n", "win7-pro-n", "w7pron"], "MRPKT-YTG23-K7D7T-X2JMM-QY7MG", WIN, uuid!("54a09a0d-d57b-4c10-8b69-a842d6590ad5"), uuid!("7fde5219-fbfa-484a-82c9-34d1ad53e856"), 25, 4),
    p(CLIENT, "Windows 7 Professional E", &["win7-professional-e", "win7-pro-e", "w7proe"], "W82YF-2Q76Y-63HXB-FGJG9-GF7QX", WIN, uuid!("5a041529-fef8-4d07-b06f-b59b573b32d2"), uuid!("7fde5219-fbfa-484a-82c9-34d1ad53e856"), 25, 4),
    p(CLIENT, "Windows 7 Enterprise", &["win7-enterprise", "w7ent"], "33PXH-7Y6KF-2VJC9-XBBR8-HVTHH", WIN, uuid!("ae2ee509-1b34-41c0-acb7-6d4650168915"), uuid!("7fde5219-fbfa-484a-82c9-34d1ad53e856"), 25, 4),
    p(CLIENT, "Windows 7 Enterprise N", &["win7-enterprise-n", "w7entn"], "YDRBP-3D83W-TY26F-D46B2-XCKRJ", WIN, uuid!("1cb6d605-11b3-4e14-bb30-da91c8e3983a"), uuid!("7fde5219-fbfa-484a-82c9-34d1ad53e856"), 25, 4),
    p(CLIENT, "Windows 7 Enterprise E", &["win7-enterprise-e", "w7ente"], "C29WB-22CC8-VJ326-GHFJW-H9DH4", WIN, uuid!("46bbed08-9c7b-48fc-a614-95250573f4ea"), uuid!("7fde5219-fbfa-484a-82c9-34d1ad53e856"), 25, 4),
    p(CLIENT, "Windows 8 Pro", &["win8-pro", "w8pro"], "NG4HW-VH26C-733KW-K6F98-J8CK4", WIN, uuid!("a98bcd6d-5343-4603-8afe-5908e4611112"), uuid!("3c40b358-5948-45af-923b-53d21fcc7e79"), 25, 5),
    p(CLIENT, "Windows 8 Pro N", &["win8-pro-n", "w8pron"], "XCVCF-2NXM9-723PB-MHCB7-2RYQQ", WIN, uuid!("ebf245c1-29a8-4daf-9cb1-38dfc608a8c8"), uuid!("3c40b358-5948-45af-923b-53d21fcc7e79"), 25, 5),
    p(CLIENT, "Windows 8 Enterprise", &["win8-enterprise", "w8ent"], "32JNW-9KQ84-P47T8-D8GGY-CWCK7", WIN, uuid!("458e1bec-837a-45f6-b9d5-925ed5d299de"), uuid!("3c40b358-5948-45af-923b-53d21fcc7e79"), 25, 5),
    p(CLIENT, "Windows 8 Enterprise N", &["win8-enterprise-n", "w8entn"], "JMNMF-RHW7P-DMY6X-RF3DR-X2BQT", WIN, uuid!("e14997e7-800a-4cf7-ad10-de4b45b578db"), uuid!("3c40b358-5948-45af-923b-53d21fcc7e79"), 25, 5),
    p(CLIENT, "Windows 8.1 Pro", &["win81-pro", "w81pro"], "GCRJD-8NW9H-F2CDX-CCM8D-9D6T9", WIN, uuid!("c06b6981-d7fd-4a35-b7b4-054742b7af67"), uuid!("cb8fc780-2c05-495a-9710-85afffc904d7"), 25, 6),
    p(CLIENT, "Windows 8.1 Pro N", &["win81-pro-n", "w81pron"], "HMCNV-VVBFX-7HMBH-CTY9B-B4FXY", WIN, uuid!("7476d79f-8e48-49b4-ab63-4d0b813a16e4"), uuid!("cb8fc780-2c05-495a-9710-85afffc904d7"), 25, 6),
    p(CLIENT, "Windows 8.1 Enterprise", &["win81-enterprise", "w81ent"], "MHF9N-XY6XB-WVXMC-BTDCT-MKKG7", WIN, uuid!("81671aaf-79d1-4eb1-b004-8cbbe173afea"), uuid!("cb8fc780-2c05-495a-9710-85afffc904d7"), 25, 6),
    p(CLIENT, "Windows 8.1 Enterprise N", &["win81-enterprise-n", "w81entn"], "TT4HM-HN7YT-62K67-RGRQJ-JFFXW", WIN, uuid!("113e705c-fa49-48a4-beea-7dd879b46b14"), uuid!("cb8fc780-2c05-495a-9710-85afffc904d7"), 25, 6),
    p(CLIENT, "Windows 10 Enterprise LTSB 2015", &["win10-enterprise-ltsb2015", "w10ltsb2015"], "WNMTR-4C88C-JK8YV-HQ7T2-76DF9", WIN, uuid!("7b51a46c-0c04-4e8f-9af4-8496cca90d5e"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10 Enterprise N LTSB 2015", &["win10-enterprise-n-ltsb2015", "w10ltsb2015n"], "2F77B-TNFGY-69QQF-B8YKP-D69TJ", WIN, uuid!("87b838b7-41b6-4590-8318-5797951d8529"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10 Enterprise LTSB 2016", &["win10-enterprise-ltsb2016", "w10ltsb2016"], "DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ", WIN, uuid!("2d5a5a60-3040-48bf-beb0-fcd770c20ce0"), uuid!("969fe3c0-a3ec-491a-9f25-423605deb365"), 25, 6),
    p(CLIENT, "Windows 10 Enterprise N LTSB 2016", &["win10-enterprise-n-ltsb2016", "w10ltsb2016n"], "QFFDN-GRT3P-VKWWX-X7T3R-8B639", WIN, uuid!("9f776d83-7156-45b2-8a5c-359b9c9f22a3"), uuid!("969fe3c0-a3ec-491a-9f25-423605deb365"), 25, 6),
    p(CLIENT, "Windows 10/11 Pro", &["win10-pro", "win11-pro", "w10pro", "w11pro"], "W269N-WFGWX-YVC9B-4J6C9-T83GX", WIN, uuid!("2de67392-b7a7-462a-b1ca-108dd189f588"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Pro N", &["win10-pro-n", "win11-pro-n", "w10pron", "w11pron"], "MH37W-N47XK-V7XM9-C7227-GCQG9", WIN, uuid!("a80b5abf-76ad-428b-b05d-a47d2dffeebf"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Pro for Workstations", &["win10-pro-workstations", "win11-pro-workstations", "w10prows", "w11prows"], "NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J", WIN, uuid!("82bbc092-bc50-4e16-8e18-b74fc486aec3"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Pro for Workstations N", &["win10-pro-workstations-n", "win11-pro-workstations-n", "w10prowsn", "w11prowsn"], "9FNHH-K3HBT-3W4TD-6383H-6XYWF", WIN, uuid!("4b1571d3-bafb-4b40-8087-a961be2caf65"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Pro Education", &["win10-pro-education", "win11-pro-education", "w10proedu", "w11proedu"], "6TP4R-GNPTD-KYYHQ-7B7DP-J447Y", WIN, uuid!("3f1afc82-f8ac-4f6c-8005-1d233e606eee"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Pro Education N", &["win10-pro-education-n", "win11-pro-education-n", "w10proedun", "w11proedun"], "YVWGF-BXNMC-HTQYQ-CPQ99-66QFC", WIN, uuid!("5300b18c-2e33-4dc2-8291-47ffcec746dd"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Education", &["win10-education", "win11-education", "w10edu", "w11edu"], "NW6C2-QMPVW-D7KKK-3GKT6-VCFB2", WIN, uuid!("e0c42288-980c-4788-a014-c080d2e1926e"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Education N", &["win10-education-n", "win11-education-n", "w10edun", "w11edun"], "2WH4N-8QGBV-H22JP-CT43Q-MDWWJ", WIN, uuid!("3c102355-d027-42c6-ad23-2e7ef8a02585"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Enterprise", &["win10-enterprise", "win11-enterprise", "w10ent", "w11ent"], "NPPR9-FWDCX-D2C8J-H872K-2YT43", WIN, uuid!("73111121-5638-40f6-bc11-f1d7b0d64300"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Enterprise N", &["win10-enterprise-n", "win11-enterprise-n", "w10entn", "w11entn"], "DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4", WIN, uuid!("e272e3e2-732f-4c65-a8f0-484747d0d947"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),
    p(CLIENT, "Windows 10/11 Enterprise G", &["win10-enterprise-g", "win11-enterprise-g", "w10entg", "w11entg"], "YYVX9-NTFWV-6MDM3-9PT4T-4M68B", WIN, uuid!("e0b2d383-d112-413f-8a80-97f373a5820c"), uuid!("7ba0bf23-d0f5-4072-91d9-d55af5a481b6"), 25, 6),
    p(CLIENT, "Windows 10/11 Enterprise G N", &["win10-enterprise-g-n", "win11-enterprise-g-n", "w10entgn", "w11entgn"], "44RPN-FTY23-9VTTB-MP9BX-T84FV", WIN, uuid!("e38454fb-41a4-4f59-a5dc-25080e354730"), uuid!("7ba0bf23-d0f5-4072-91d9-d55af5a481b6"), 25, 6),
    p(CLIENT, "Windows 10 Enterprise LTSC 2019/2021, Windows 11 Enterprise LTSC 2024", &["win10-enterprise-ltsc2019", "win10-enterprise-ltsc2021", "win11-enterprise-ltsc2024", "w10ltsc2019", "w10ltsc2021", "w11ltsc2024"], "M7XTQ-FN8P6-TTKYV-9D4CC-J462D", WIN, uuid!("32d2fab3-e4a8-42c2-923b-4bf4fd13e6ee"), uuid!("11b15659-e603-4cf1-9c1f-f0ec01b81888"), 25, 6),
    p(CLIENT, "Windows 10 Enterprise N LTSC 2019/2021, Windows 11 Enterprise N LTSC 2024", &["win10-enterprise-n-ltsc2019", "win10-enterprise-n-ltsc2021", "win11-enterprise-n-ltsc2024", "w10ltsc2019n", "w10ltsc2021n", "w11ltsc2024n"], "92NFX-8DJQP-P6BBQ-THF9C-7CG2H", WIN, uuid!("7103a333-b8c8-49cc-93ce-d37c09687f92"), uuid!("11b15659-e603-4cf1-9c1f-f0ec01b81888"), 25, 6),
    p(CLIENT, "Windows IoT Enterprise LTSC 2021/2024", &["win10-iot-enterprise-ltsc2021", "win11-iot-enterprise-ltsc2024", "iot-ltsc2021", "iot-ltsc2024"], "KBN8V-HFGQ4-MGXVD-347P6-PDQGT", WIN, uuid!("59eb965c-9150-42b7-a0ec-22151b9897c5"), uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"), 25, 6),

    // Windows Server: 2008 to 2025
    p(SERVER, "Windows Web Server 2008", &["server2008-web"], "WYR28-R7TFJ-3X2YQ-YCY4H-M249D", WIN, uuid!("ddfa9f7c-f09e-40b9-8c1a-be877a9a7f4b"), uuid!("33e156e4-b76f-4a52-9f91-f641dd95ac48"), 5, 4),
    p(SERVER, "Windows Server 2008 Standard", &["server2008-standard"], "TM24T-X9RMF-VWXK6-X8JC9-BFGM2", WIN, uuid!("ad2542d4-9154-4c6d-8a44-30f11ee96989"), uuid!("8fe53387-3087-4447-8985-f75132215ac9"), 5, 4),
    p(SERVER, "Windows Server 2008 Standard without Hyper-V", &["server2008-standard-nohyperv"], "W7VD6-7JFBR-RX26B-YKQ3Y-6FFFJ", WIN, uuid!("2401e3d0-c50a-4b58-87b2-7e794b7d2607"), uuid!("8fe53387-3087-4447-8985-f75132215ac9"), 5, 4),
    p(SERVER, "Windows Server 2008 Enterprise", &["server2008-enterprise"], "YQGMW-MPWTJ-34KDK-48M3W-X4Q6V", WIN, uuid!("c1af4d90-d1bc-44ca-85d4-003ba33db3b9"), uuid!("8fe53387-3087-4447-8985-f75132215ac9"), 5, 4),
    p(SERVER, "Windows Server 2008 Enterprise without Hyper-V", &["server2008-enterprise-nohyperv"], "39BXF-X8Q23-P2WWT-38T2F-G3FPG", WIN, uuid!("8198490a-add0-47b2-b3ba-316b12d647b4"), uuid!("8fe53387-3087-4447-8985-f75132215ac9"), 5, 4),
    p(SERVER, "Windows Server 2008 HPC", &["server2008-hpc"], "RCTX3-KWVHP-BR6TB-RB6DM-6X7HP", WIN, uuid!("7afb1156-2c1d-40fc-b260-aab7442b62fe"), uuid!("33e156e4-b76f-4a52-9f91-f641dd95ac48"), 5, 4),
    p(SERVER, "Windows Server 2008 Datacenter", &["server2008-datacenter"], "7M67G-PC374-GR742-YH8V4-TCBY3", WIN, uuid!("68b6e220-cf09-466b-92d3-45cd964b9509"), uuid!("8a21fdf3-cbc5-44eb-83f3-fe284e6680a7"), 5, 4),
    p(SERVER, "Windows Server 2008 Datacenter without Hyper-V", &["server2008-datacenter-nohyperv"], "22XQ2-VRXRG-P8D42-K34TD-G3QQC", WIN, uuid!("fd09ef77-5647-4eff-809c-af2b64659a45"), uuid!("8a21fdf3-cbc5-44eb-83f3-fe284e6680a7"), 5, 4),
    p(SERVER, "Windows Server 2008 for Itanium-Based Systems", &["server2008-itanium"], "4DWFP-JF3DJ-B7DTH-78FJB-PDRHK", WIN, uuid!("01ef176b-3e0d-422a-b4f8-4ea880035e8f"), uuid!("8a21fdf3-cbc5-44eb-83f3-fe284e6680a7"), 5, 4),
    p(SERVER, "Windows Server 2008 R2 Web", &["server2008r2-web"], "6TPJF-RBVHG-WBW2R-86QPH-6RTM4", WIN, uuid!("a78b8bd9-8017-4df5-b86a-09f756affa7c"), uuid!("0fc6ccaf-ff0e-4fae-9d08-4370785bf7ed"), 5, 4),
    p(SERVER, "Windows Server 2008 R2 HPC edition", &["server2008r2-hpc"], "TT8MH-CG224-D3D7Q-498W2-9QCTX", WIN, uuid!("cda18cf3-c196-46ad-b289-60c072869994"), uuid!("0fc6ccaf-ff0e-4fae-9d08-4370785bf7ed"), 5, 4),
    p(SERVER, "Windows Server 2008 R2 Standard", &["server2008r2-standard"], "YC6KT-GKW9T-YTKYR-T4X34-R7VHC", WIN, uuid!("68531fb9-5511-4989-97be-d11a0f55633f"), uuid!("ca87f5b6-cd46-40c0-b06d-8ecd57a4373f"), 5, 4),
    p(SERVER, "Windows Server 2008 R2 Enterprise", &["server2008r2-enterprise"], "489J6-VHDMP-X63PK-3K798-CPX3Y", WIN, uuid!("620e2b3d-09e7-42fd-802a-17a13652fe7a"), uuid!("ca87f5b6-cd46-40c0-b06d-8ecd57a4373f"), 5, 4),
    p(SERVER, "Windows Server 2008 R2 Datacenter", &["server2008r2-datacenter"], "74YFP-3QFB3-KQT8W-PMXWJ-7M648", WIN, uuid!("7482e61b-c589-4b7f-8ecc-46d455ac3b87"), uuid!("b2ca2689-a9a8-42d7-938d-cf8e9f201958"), 5, 4),
    p(SERVER, "Windows Server 2008 R2 for Itanium-based Systems", &["server2008r2-itanium"], "GT63C-RJFQ3-4GMB6-BRFB9-CB83V", WIN, uuid!("8a26851c-1c7e-48d3-a687-fbca9b9ac16b"), uuid!("b2ca2689-a9a8-42d7-938d-cf8e9f201958"), 5, 4),
    p(SERVER, "Windows Server 2012 Standard", &["server2012-standard"], "XC9B7-NBPP2-83J2H-RHMBY-92BT4", WIN, uuid!("f0f5ec41-0d55-4732-af02-440a44a3cf0f"), uuid!("8665cb71-468c-4aa3-a337-cb9bc9d5eaac"), 5, 5),
    p(SERVER, "Windows Server 2012 MultiPoint Standard", &["server2012-multipoint-standard"], "HM7DN-YVMH3-46JC3-XYTG7-CYQJJ", WIN, uuid!("7d5486c7-e120-4771-b7f1-7b56c6d3170c"), uuid!("8665cb71-468c-4aa3-a337-cb9bc9d5eaac"), 5, 5),
    p(SERVER, "Windows Server 2012 MultiPoint Premium", &["server2012-multipoint-premium"], "XNH6W-2V9GX-RGJ4K-Y8X6F-QGJ2G", WIN, uuid!("95fd1c83-7df5-494a-be8b-1300e1c9d1cd"), uuid!("8665cb71-468c-4aa3-a337-cb9bc9d5eaac"), 5, 5),
    p(SERVER, "Windows Server 2012 Datacenter", &["server2012-datacenter"], "48HP8-DN98B-MYWDG-T2DCC-8W83P", WIN, uuid!("d3643d60-0c42-412d-a7d6-52e6635327f6"), uuid!("8665cb71-468c-4aa3-a337-cb9bc9d5eaac"), 5, 5),
    p(SERVER, "Windows Server 2012 Essentials", &["server2012-essentials"], "HTDQM-NBMMG-KGYDT-2DTKT-J2MPV", WIN, uuid!("8f365ba6-c1b9-4223-98fc-282a0756a3ed"), uuid!("8665cb71-468c-4aa3-a337-cb9bc9d5eaac"), 5, 5),
    p(SERVER, "Windows Server 2012 R2 Standard", &["server2012r2-standard"], "D2N9P-3P6X9-2R39C-7RTCD-MDVJX", WIN, uuid!("b3ca044e-a358-4d68-9883-aaa2941aca99"), uuid!("8456efd3-0c04-4089-8740-5b7238535a65"), 5, 6),
    p(SERVER, "Windows Server 2012 R2 Datacenter", &["server2012r2-datacenter"], "W3GGN-FT8W3-Y4M27-J84CP-Q3VJ9", WIN, uuid!("00091344-1ea4-4f37-b789-01750ba6988c"), uuid!("8456efd3-0c04-4089-8740-5b7238535a65"), 5, 6),
    p(SERVER, "Windows Server 2012 R2 Essentials", &["server2012r2-essentials"], "KNC87-3J2TX-XB4WP-VCPJV-M4FWM", WIN, uuid!("21db6ba4-9a7b-4a14-9e29-64a60c59301d"), uuid!("8456efd3-0c04-4089-8740-5b7238535a65"), 5, 6),
    p(SERVER, "Windows Server 2016 Standard", &["server2016-standard"], "WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY", WIN, uuid!("8c1c5410-9f39-4805-8c9d-63a07706358f"), uuid!("6e9fc069-257d-4bc4-b4a7-750514d32743"), 5, 6),
    p(SERVER, "Windows Server 2016 Datacenter", &["server2016-datacenter"], "CB7KF-BWN84-R7R2Y-793K2-8XDDG", WIN, uuid!("21c56779-b449-4d20-adfc-eece0e1ad74b"), uuid!("6e9fc069-257d-4bc4-b4a7-750514d32743"), 5, 6),
    p(SERVER, "Windows Server 2016 Essentials", &["server2016-essentials"], "JCKRF-N37P4-C2D82-9YXRT-4M63B", WIN, uuid!("2b5a1b0f-a5ab-4c54-ac2f-a6d94824a283"), uuid!("6e9fc069-257d-4bc4-b4a7-750514d32743"), 5, 6),
    p(SERVER, "Windows Server Standard, versions 1709/1803", &["server1709-standard", "server1803-standard"], "PTXN8-JFHJM-4WC78-MPCBR-9W4KR", WIN, uuid!("61c5ef22-f14f-4553-a824-c4b31e84b100"), uuid!("6e9fc069-257d-4bc4-b4a7-750514d32743"), 5, 6),
    p(SERVER, "Windows Server Datacenter, versions 1709/1803", &["server1709-datacenter", "server1803-datacenter"], "2HXDN-KRXHB-GPYC7-YCKFJ-7FVDG", WIN, uuid!("e49c08e7-da82-42f8-bde2-b570fbcae76c"), uuid!("6e9fc069-257d-4bc4-b4a7-750514d32743"), 5, 6),
    p(SERVER, "Windows Server 2019 Standard", &["server2019-standard"], "N69G4-B89J2-4G8F4-WWYCC-J464C", WIN, uuid!("de32eafd-aaee-4662-9444-c1befb41bde2"), uuid!("8449b1fb-f0ea-497a-99ab-66ca96e9a0f5"), 5, 6),
    p(SERVER, "Windows Server 2019 Datacenter", &["server2019-datacenter"], "WMDGN-G9PQG-XVVXX-R3X43-63DFG", WIN, uuid!("34e1ae55-27f8-4950-8877-7a03be5fb181"), uuid!("8449b1fb-f0ea-497a-99ab-66ca96e9a0f5"), 5, 6),
    p(SERVER, "Windows Server 2019 Essentials", &["server2019-essentials"], "WVDHN-86M7X-466P6-VHXV7-YY726", WIN, uuid!("034d3cbb-5d4b-4245-b3f8-f84571314078"), uuid!("8449b1fb-f0ea-497a-99ab-66ca96e9a0f5"), 5, 6),
    p(SERVER, "Windows Server Standard, versions 1809 to 20H2", &["server-sac-standard", "server1809-standard", "server1903-standard", "server1909-standard", "server2004-standard", "server20h2-standard"], "N2KJX-J94YW-TQVFB-DG9YT-724CC", WIN, uuid!("73e3957c-fc0c-400d-9184-5f7b6f2eb409"), uuid!("8449b1fb-f0ea-497a-99ab-66ca96e9a0f5"), 5, 6),
    p(SERVER, "Windows Server Datacenter, versions 1809 to 20H2", &["server-sac-datacenter", "server1809-datacenter", "server1903-datacenter", "server1909-datacenter", "server2004-datacenter", "server20h2-datacenter"], "6NMRW-2C8FM-D24W7-TQWMY-CWH2D", WIN, uuid!("90c362e5-0da1-4bfd-b53b-b87d309ade43"), uuid!("8449b1fb-f0ea-497a-99ab-66ca96e9a0f5"), 5, 6),
    p(SERVER, "Windows Server 2022 Standard", &["server2022-standard"], "VDYBN-27WPP-V4HQT-9VMD4-VMK7H", WIN, uuid!("9bd77860-9b31-4b7b-96ad-2564017315bf"), uuid!("b74263e4-0f92-46c6-bcf8-c11d5efe2959"), 5, 6),
    p(SERVER, "Windows Server 2022 Datacenter", &["server2022-datacenter"], "WX4NM-KYWYW-QJJR4-XV3QB-6VM33", WIN, uuid!("ef6cfc9f-8c5d-44ac-9aad-de6a2ea0ae03"), uuid!("b74263e4-0f92-46c6-bcf8-c11d5efe2959"), 5, 6),
    p(SERVER, "Windows Server 2022 Datacenter: Azure Edition", &["server2022-datacenter-azure"], "NTBV8-9K7Q8-V27C6-M2BTV-KHMXV", WIN, uuid!("19b5e0fb-4431-46bc-bac1-2f1873e4ae73"), uuid!("b74263e4-0f92-46c6-bcf8-c11d5efe2959"), 5, 6),
    p(SERVER, "Windows Server 2025 Standard", &["server2025-standard"], "TVRH6-WHNXV-R9WG3-9XRFY-MY832", WIN, uuid!("7dc26449-db21-4e09-ba37-28f2958506a6"), uuid!("907f1f65-adcd-4a2e-95bc-4bf500bc6e58"), 5, 6),
    p(SERVER, "Windows Server 2025 Datacenter", &["server2025-datacenter"], "D764K-2NDRG-47T6Q-P8T8W-YP6DF", WIN, uuid!("c052f164-cdf6-409a-a0cb-853ba0f0f55a"), uuid!("907f1f65-adcd-4a2e-95bc-4bf500bc6e58"), 5, 6),
    p(SERVER, "Windows Server 2025 Datacenter: Azure Edition", &["server2025-datacenter-azure"], "XGN3F-F394H-FD2MY-PP6FD-8MCRC", WIN, uuid!("c2e946d1-cfa2-4523-8c87-30bc696ee584"), uuid!("907f1f65-adcd-4a2e-95bc-4bf500bc6e58"), 5, 6),

    // Office: 2010 to LTSC 2024
    p(OFFICE, "Office Professional Plus 2010", &["office2010-proplus"], "VYBBJ-TRJPB-QFQRF-QFT4D-H3GVB", O14, uuid!("6f327760-8c5c-417c-9b61-836a98287e0c"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Office Standard 2010", &["office2010-standard"], "V7QKV-4XVVR-XYV4D-F7DFM-8R6BM", O14, uuid!("9da2a678-fb6b-4e67-ab84-60dd6a9c819a"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Office Small Business Basics 2010", &["office2010-smallbusinessbasics"], "D6QFG-VBYP2-XQHM7-J97RH-VVRCK", O14, uuid!("ea509e87-07a1-4a45-9edc-eba5a39f36af"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Project Professional 2010", &["project2010-pro"], "YGX6F-PGV49-PGW3J-9BTGG-VHKC6", O14, uuid!("df133ff7-bf14-4f95-afe3-7b48e7e331ef"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Project Standard 2010", &["project2010-standard"], "4HP3K-88W3F-W2K3D-6677X-F9PGB", O14, uuid!("5dc7bf61-5ec9-4996-9ccb-df806a2d0efe"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Visio Premium 2010", &["visio2010-premium"], "D9DWC-HPYVV-JGF4P-BTWQB-WX8BJ", O14, uuid!("92236105-bb67-494f-94c7-7f7a607929bd"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Visio Professional 2010", &["visio2010-pro"], "7MCW8-VRQVK-G677T-PDJCM-Q8TCP", O14, uuid!("e558389c-83c3-4b29-adfe-5e4d7f46c358"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Visio Standard 2010", &["visio2010-standard"], "767HD-QGMWX-8QTDB-9G3R2-KHFGJ", O14, uuid!("9ed833ff-4f92-4f36-b370-8683a4f13275"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Access 2010", &["access2010"], "V7Y44-9T38C-R2VJK-666HK-T7DDX", O14, uuid!("8ce7e872-188c-4b98-9d90-f8f90b7aad02"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Excel 2010", &["excel2010"], "H62QG-HXVKF-PP4HP-66KMR-CW9BM", O14, uuid!("cee5d470-6e3b-4fcc-8c2b-d17428568a9f"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "SharePoint Workspace 2010", &["sharepointworkspace2010", "groove2010"], "QYYW6-QP4CB-MBV6G-HYMCJ-4T3J4", O14, uuid!("8947d0b8-c33b-43e1-8c56-9b674c052832"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "InfoPath 2010", &["infopath2010"], "K96W8-67RPQ-62T9Y-J8FQJ-BT37T", O14, uuid!("ca6b6639-4ad6-40ae-a575-14dee07f6430"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "OneNote 2010", &["onenote2010"], "Q4Y4M-RHWJM-PY37F-MTKWH-D3XHX", O14, uuid!("ab586f5c-5256-4632-962f-fefd8b49e6f4"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Outlook 2010", &["outlook2010"], "7YDC2-CWM8M-RRTJC-8MDVC-X3DWQ", O14, uuid!("ecb7c192-73ab-4ded-acf4-2399b095d0cc"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "PowerPoint 2010", &["powerpoint2010"], "RC8FX-88JRY-3PF7C-X8P67-P4VTT", O14, uuid!("45593b1d-dfb1-4e91-bbfb-2d5d0ce2227a"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Publisher 2010", &["publisher2010"], "BFK7F-9MYHM-V68C7-DRQ66-83YTP", O14, uuid!("b50c4f75-599b-43e8-8dcd-1081a7967241"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Word 2010", &["word2010"], "HVHB3-C6FV7-KQX9W-YQG79-CRY7T", O14, uuid!("2d0882e7-a4e7-423b-8ccc-70d91e0158b1"), uuid!("e85af946-2e25-47b7-83e1-bebcebeac611"), 5, 4),
    p(OFFICE, "Office Professional Plus 2013", &["office2013-proplus"], "YC7DK-G2NP3-2QQC3-J6H88-GVGXT", O15, uuid!("b322da9c-a2e2-4058-9e4e-f59a6970bd69"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Office Standard 2013", &["office2013-standard"], "KBKQT-2NMXY-JJWGP-M62JB-92CD4", O15, uuid!("b13afb38-cd79-4ae5-9f7f-eed058d750ca"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Project Professional 2013", &["project2013-pro"], "FN8TT-7WMH6-2D4X9-M337T-2342K", O15, uuid!("4a5d124a-e620-44ba-b6ff-658961b33b9a"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Project Standard 2013", &["project2013-standard"], "6NTH3-CW976-3G3Y2-JK3TX-8QHTT", O15, uuid!("427a28d1-d17c-4abf-b717-32c780ba6f07"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Visio Professional 2013", &["visio2013-pro"], "C2FG9-N6J68-H8BTJ-BW3QX-RM3B3", O15, uuid!("e13ac10e-75d0-4aff-a0cd-764982cf541c"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Visio Standard 2013", &["visio2013-standard"], "J484Y-4NKBF-W2HMG-DBMJC-PGWR7", O15, uuid!("ac4efaf0-f81f-4f61-bdf7-ea32b02ab117"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Access 2013", &["access2013"], "NG2JY-H4JBT-HQXYP-78QH9-4JM2D", O15, uuid!("6ee7622c-18d8-4005-9fb7-92db644a279b"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Excel 2013", &["excel2013"], "VGPNG-Y7HQW-9RHP7-TKPV3-BG7GB", O15, uuid!("f7461d52-7c2b-43b2-8744-ea958e0bd09a"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "InfoPath 2013", &["infopath2013"], "DKT8B-N7VXH-D963P-Q4PHY-F8894", O15, uuid!("a30b8040-d68a-423f-b0b5-9ce292ea5a8f"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Lync 2013", &["lync2013"], "2MG3G-3BNTT-3MFW9-KDQW3-TCK7R", O15, uuid!("1b9f11e3-c85c-4e1b-bb29-879ad2c909e3"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "OneNote 2013", &["onenote2013"], "TGN6P-8MMBC-37P2F-XHXXK-P34VW", O15, uuid!("efe1f3e6-aea2-4144-a208-32aa872b6545"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Outlook 2013", &["outlook2013"], "QPN8Q-BJBTJ-334K3-93TGY-2PMBT", O15, uuid!("771c3afa-50c5-443f-b151-ff2546d863a0"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "PowerPoint 2013", &["powerpoint2013"], "4NT99-8RJFH-Q2VDH-KYG2C-4RD4F", O15, uuid!("8c762649-97d1-4953-ad27-b7e2c25b972e"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Publisher 2013", &["publisher2013"], "PN2WF-29XG2-T9HJ7-JQPJR-FCXK4", O15, uuid!("00c79ff1-6850-443d-bf61-71cde0de305f"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Word 2013", &["word2013"], "6Q7VD-NX8JD-WJ2VH-88V73-4GBJ7", O15, uuid!("d9f5b1c6-5386-495a-88f9-9ad6b41ac9b3"), uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0"), 5, 5),
    p(OFFICE, "Office Professional Plus 2016", &["office2016-proplus"], "XQNVK-8JYDB-WJ9W3-YJ8YR-WFG99", O15, uuid!("d450596f-894d-49e0-966a-fd39ed4c4c64"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Office Standard 2016", &["office2016-standard"], "JNRGM-WHDWX-FJJG3-K47QV-DRTFM", O15, uuid!("dedfa23d-6ed1-45a6-85dc-63cae0546de6"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Project Professional 2016", &["project2016-pro"], "YG9NW-3K39V-2T3HJ-93F3Q-G83KT", O15, uuid!("4f414197-0fc2-4c01-b68a-86cbb9ac254c"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Project Standard 2016", &["project2016-standard"], "GNFHQ-F6YQM-KQDGJ-327XX-KQBVC", O15, uuid!("da7ddabc-3fbe-4447-9e01-6ab7440b4cd4"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Visio Professional 2016", &["visio2016-pro"], "PD3PC-RHNGV-FXJ29-8JK7D-RJRJK", O15, uuid!("6bf301c1-b94a-43e9-ba31-d494598c47fb"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Visio Standard 2016", &["visio2016-standard"], "7WHWN-4T7MP-G96JF-G33KR-W8GF4", O15, uuid!("aa2a7821-1827-4c2c-8f1d-4513a34dda97"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Access 2016", &["access2016"], "GNH9Y-D2J4T-FJHGG-QRVH7-QPFDW", O15, uuid!("67c0fc0c-deba-401b-bf8b-9c8ad8395804"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Excel 2016", &["excel2016"], "9C2PK-NWTVB-JMPW8-BFT28-7FTBF", O15, uuid!("c3e65d36-141f-4d2f-a303-a842ee756a29"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "OneNote 2016", &["onenote2016"], "DR92N-9HTF2-97XKM-XW2WJ-XW3J6", O15, uuid!("d8cace59-33d2-4ac7-9b1b-9b72339c51c8"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Outlook 2016", &["outlook2016"], "R69KK-NTPKF-7M3Q4-QYBHW-6MT9B", O15, uuid!("ec9d9265-9d1e-4ed0-838a-cdc20f2551a1"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "PowerPoint 2016", &["powerpoint2016"], "J7MQP-HNJ4Y-WJ7YM-PFYGF-BY6C6", O15, uuid!("d70b1bba-b893-4544-96e2-b7a318091c33"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Publisher 2016", &["publisher2016"], "F47MM-N3XJP-TQXJ9-BP99D-8K837", O15, uuid!("041a06cb-c5b8-4772-809f-416d03d16654"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Skype for Business 2016", &["skypeforbusiness2016", "skype2016"], "869NQ-FJ69K-466HW-QYCP2-DDBV6", O15, uuid!("83e04ee1-fa8d-436d-8994-d31a862cab77"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Word 2016", &["word2016"], "WXY84-JN2Q9-RBCCQ-3Q3J3-3PFJ6", O15, uuid!("bb11badf-d8aa-470e-9311-20eaf80fe5cc"), uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"), 5, 6),
    p(OFFICE, "Office Professional Plus 2019", &["office2019-proplus"], "NMMKJ-6RK4F-KMJVX-8D9MJ-6MWKP", O15, uuid!("85dd8b5f-eaa4-4af3-a628-cce9e77c9a03"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Office Standard 2019", &["office2019-standard"], "6NWWJ-YQWMR-QKGCB-6TMB3-9D9HK", O15, uuid!("6912a74b-a5fb-401a-bfdb-2e3ab46f4b02"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Project Professional 2019", &["project2019-pro"], "B4NPR-3FKK7-T2MBV-FRQ4W-PKD2B", O15, uuid!("2ca2bf3f-949e-446a-82c7-e25a15ec78c4"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Project Standard 2019", &["project2019-standard"], "C4F7P-NCP8C-6CQPT-MQHV9-JXD2M", O15, uuid!("1777f0e3-7392-4198-97ea-8ae4de6f6381"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Visio Professional 2019", &["visio2019-pro"], "9BGNQ-K37YR-RQHF2-38RQ3-7VCBB", O15, uuid!("5b5cf08f-b81a-431d-b080-3450d8620565"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Visio Standard 2019", &["visio2019-standard"], "7TQNQ-K3YQQ-3PFH7-CCPPM-X4VQ2", O15, uuid!("e06d7df3-aad0-419d-8dfb-0ac37e2bdf39"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Access 2019", &["access2019"], "9N9PT-27V4Y-VJ2PD-YXFMF-YTFQT", O15, uuid!("9e9bceeb-e736-4f26-88de-763f87dcc485"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Excel 2019", &["excel2019"], "TMJWT-YYNMB-3BKTF-644FC-RVXBD", O15, uuid!("237854e9-79fc-4497-a0c1-a70969691c6b"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Outlook 2019", &["outlook2019"], "7HD7K-N4PVK-BHBCQ-YWQRW-XW4VK", O15, uuid!("c8f8a301-19f5-4132-96ce-2de9d4adbd33"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "PowerPoint 2019", &["powerpoint2019"], "RRNCX-C64HY-W2MM7-MCH9G-TJHMQ", O15, uuid!("3131fd61-5e4f-4308-8d6d-62be1987c92c"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Publisher 2019", &["publisher2019"], "G2KWX-3NW6P-PY93R-JXK2T-C9Y9V", O15, uuid!("9d3e4cca-e172-46f1-a2f4-1d2107051444"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Skype for Business 2019", &["skypeforbusiness2019", "skype2019"], "NCJ33-JHBBY-HTK98-MYCV8-HMKHJ", O15, uuid!("734c6c6e-b0ba-4298-a891-671772b2bd1b"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Word 2019", &["word2019"], "PBX3G-NWMT6-Q7XBW-PYJGG-WXD33", O15, uuid!("059834fe-a8ea-4bff-b67b-4d006b5447d3"), uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"), 5, 6),
    p(OFFICE, "Office LTSC Professional Plus 2021", &["office2021-proplus"], "FXYTK-NJJ8C-GB6DW-3DYQT-6F7TH", O15, uuid!("fbdb3e18-a8ef-4fb3-9183-dffd60bd0984"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Office LTSC Standard 2021", &["office2021-standard"], "KDX7X-BNVR8-TXXGX-4Q7Y8-78VT3", O15, uuid!("080a45c5-9f9f-49eb-b4b0-c3c610a5ebd3"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Project Professional 2021", &["project2021-pro"], "FTNWT-C6WBT-8HMGF-K9PRX-QV9H8", O15, uuid!("76881159-155c-43e0-9db7-2d70a9a3a4ca"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Project Standard 2021", &["project2021-standard"], "J2JDC-NJCYY-9RGQ4-YXWMH-T3D4T", O15, uuid!("6dd72704-f752-4b71-94c7-11cec6bfc355"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Visio LTSC Professional 2021", &["visio2021-pro"], "KNH8D-FGHT4-T8RK3-CTDYJ-K2HT4", O15, uuid!("fb61ac9a-1688-45d2-8f6b-0674dbffa33c"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Visio LTSC Standard 2021", &["visio2021-standard"], "MJVNY-BYWPY-CWV6J-2RKRT-4M8QG", O15, uuid!("72fce797-1884-48dd-a860-b2f6a5efd3ca"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Access LTSC 2021", &["access2021"], "WM8YG-YNGDD-4JHDC-PG3F4-FC4T4", O15, uuid!("1fe429d8-3fa7-4a39-b6f0-03dded42fe14"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Excel LTSC 2021", &["excel2021"], "NWG3X-87C9K-TC7YY-BC2G7-G6RVC", O15, uuid!("ea71effc-69f1-4925-9991-2f5e319bbc24"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Outlook LTSC 2021", &["outlook2021"], "C9FM6-3N72F-HFJXB-TM3V9-T86R9", O15, uuid!("a5799e4c-f83c-4c6e-9516-dfe9b696150b"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "PowerPoint LTSC 2021", &["powerpoint2021"], "TY7XF-NFRBR-KJ44C-G83KF-GX27K", O15, uuid!("6e166cc3-495d-438a-89e7-d7c9e6fd4dea"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Publisher LTSC 2021", &["publisher2021"], "2MW9D-N4BXM-9VBPG-Q7W6M-KFBGQ", O15, uuid!("aa66521f-2370-4ad8-a2bb-c095e3e4338f"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Skype for Business LTSC 2021", &["skypeforbusiness2021", "skype2021"], "HWCXN-K3WBT-WJBKY-R8BD9-XK29P", O15, uuid!("1f32a9af-1274-48bd-ba1e-1ab7508a23e8"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Word LTSC 2021", &["word2021"], "TN8H9-M34D3-Y64V9-TR72V-X79KV", O15, uuid!("abe28aea-625a-43b1-8e30-225eb8fbd9e5"), uuid!("86d50b16-4808-41af-b83b-b338274318b2"), 5, 6),
    p(OFFICE, "Office LTSC Professional Plus 2024", &["office2024-proplus"], "XJ2XN-FW8RK-P4HMP-DKDBV-GCVGB", O15, uuid!("8d368fc1-9470-4be2-8d66-90e836cbb051"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Office LTSC Standard 2024", &["office2024-standard"], "V28N4-JG22K-W66P8-VTMGK-H6HGR", O15, uuid!("bbac904f-6a7e-418a-bb4b-24c85da06187"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Project Professional 2024", &["project2024-pro"], "FQQ23-N4YCY-73HQ3-FM9WC-76HF4", O15, uuid!("f510af75-8ab7-4426-a236-1bfb95c34ff8"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Project Standard 2024", &["project2024-standard"], "PD3TT-NTHQQ-VC7CY-MFXK3-G87F8", O15, uuid!("9f144f27-2ac5-40b9-899d-898c2b8b4f81"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Visio LTSC Professional 2024", &["visio2024-pro"], "B7TN8-FJ8V3-7QYCP-HQPMV-YY89G", O15, uuid!("fa187091-8246-47b1-964f-80a0b1e5d69a"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Visio LTSC Standard 2024", &["visio2024-standard"], "JMMVY-XFNQC-KK4HK-9H7R3-WQQTV", O15, uuid!("923fa470-aa71-4b8b-b35c-36b79bf9f44b"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Access LTSC 2024", &["access2024"], "82FTR-NCHR7-W3944-MGRHM-JMCWD", O15, uuid!("72e9faa7-ead1-4f3d-9f6e-3abc090a81d7"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Excel LTSC 2024", &["excel2024"], "F4DYN-89BP2-WQTWJ-GR8YC-CKGJG", O15, uuid!("cbbba2c3-0ff5-4558-846a-043ef9d78559"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Outlook LTSC 2024", &["outlook2024"], "D2F8D-N3Q3B-J28PV-X27HD-RJWB9", O15, uuid!("bef3152a-8a04-40f2-a065-340c3f23516d"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "PowerPoint LTSC 2024", &["powerpoint2024"], "CW94N-K6GJH-9CTXY-MG2VC-FYCWP", O15, uuid!("b63626a4-5f05-4ced-9639-31ba730a127e"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Skype for Business LTSC 2024", &["skypeforbusiness2024", "skype2024"], "4NKHF-9HBQF-Q3B6C-7YV34-F64P3", O15, uuid!("0002290a-2091-4324-9e53-3cfe28884cde"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
    p(OFFICE, "Word LTSC 2024", &["word2024"], "MQ84N-7VYDM-FXV7C-6K7CC-VFW9J", O15, uuid!("d0eded01-0881-4b37-9738-190400095098"), uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"), 5, 6),
];

/// GVLKs Microsoft publishes that have no product row of their own: each resolves to
/// the product named by the alias. Microsoft's table lists these two under "Windows
/// Server, version 1709"; no source we have gives an Activation ID for them, while the
/// keys it lists under 1803 carry the SKUs that MAS labels as the 1709 (RS3) release.
/// They are the same channel and edition, so they resolve to that product (see
/// `docs/catalog.md`, "Windows Server, versions 1709 and 1803").
pub(super) static ADDITIONAL_GVLKS: &[(&str, &str)] = &[
    ("DPCNP-XQFKJ-BJF7R-FRC8D-GF6G4", "server1709-standard"),
    ("6Y6KB-N82V8-D8CQV-23MJW-BWTG6", "server1709-datacenter"),
];
