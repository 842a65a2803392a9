//! Looking products up: every spelling `find` accepts, the errors, `filter`, and the
//! slmgr strings a product renders.

use uuid::uuid;
use vlmgr::catalog::{self, CatalogError, Family};

const ENTERPRISE_ACTIVATION_ID: uuid::Uuid = uuid!("73111121-5638-40f6-bc11-f1d7b0d64300");

#[test]
fn find_by_gvlk_in_any_case_with_or_without_dashes() {
    for spelling in [
        "NPPR9-FWDCX-D2C8J-H872K-2YT43",
        "nppr9-fwdcx-d2c8j-h872k-2yt43",
        "NPPR9FWDCXD2C8JH872K2YT43",
        "  nppr9fwdcxd2c8jh872k2yt43 ",
    ] {
        let product = catalog::find(spelling).unwrap_or_else(|error| panic!("{spelling}: {error}"));
        assert_eq!(
            product.activation_id, ENTERPRISE_ACTIVATION_ID,
            "{spelling}"
        );
    }
}

#[test]
fn find_by_activation_id_in_any_guid_spelling() {
    for spelling in [
        "73111121-5638-40f6-bc11-f1d7b0d64300",
        "73111121-5638-40F6-BC11-F1D7B0D64300",
        "{73111121-5638-40f6-bc11-f1d7b0d64300}",
        "{73111121-5638-40F6-BC11-F1D7B0D64300}",
        "73111121563840f6bc11f1d7b0d64300",
        "urn:uuid:73111121-5638-40f6-bc11-f1d7b0d64300",
    ] {
        let product = catalog::find(spelling).unwrap_or_else(|error| panic!("{spelling}: {error}"));
        assert_eq!(product.name, "Windows 10/11 Enterprise", "{spelling}");
    }
}

#[test]
fn find_by_exact_name_case_insensitive() {
    for spelling in [
        "Windows 10/11 Enterprise",
        "windows 10/11 enterprise",
        "WINDOWS 10/11 ENTERPRISE",
    ] {
        let product = catalog::find(spelling).unwrap_or_else(|error| panic!("{spelling}: {error}"));
        assert_eq!(product.activation_id, ENTERPRISE_ACTIVATION_ID);
    }
    // An exact name wins even when it is also part of a longer name.
    let datacenter = catalog::find("Windows Server 2022 Datacenter").expect("exact name");
    assert_eq!(datacenter.gvlk, "WX4NM-KYWYW-QJJR4-XV3QB-6VM33");
}

#[test]
fn find_by_every_alias_returns_its_own_product() {
    for product in catalog::products() {
        for alias in product.aliases {
            let found = catalog::find(alias).unwrap_or_else(|error| panic!("{alias}: {error}"));
            assert_eq!(found.activation_id, product.activation_id, "{alias}");
            let shouted = catalog::find(&alias.to_uppercase()).expect("alias in upper case");
            assert_eq!(shouted.activation_id, product.activation_id, "{alias}");
        }
    }
}

#[test]
fn find_by_every_name_gvlk_and_activation_id_round_trips() {
    for product in catalog::products() {
        for query in [
            product.name.to_string(),
            product.gvlk.to_string(),
            product.activation_id.to_string(),
        ] {
            let found = catalog::find(&query).unwrap_or_else(|error| panic!("{query}: {error}"));
            assert_eq!(found, product, "{query}");
        }
        assert_eq!(
            catalog::by_activation_id(&product.activation_id),
            Some(product)
        );
    }
}

#[test]
fn brief_examples_of_aliases_resolve() {
    let cases = [
        ("win11-enterprise", "Windows 10/11 Enterprise"),
        ("w10pro", "Windows 10/11 Pro"),
        ("server2022-datacenter", "Windows Server 2022 Datacenter"),
        ("office2021-proplus", "Office LTSC Professional Plus 2021"),
    ];
    for (alias, name) in cases {
        assert_eq!(catalog::find(alias).expect(alias).name, name);
    }
}

#[test]
fn server_1709_keys_resolve_to_the_1709_1803_products() {
    let standard = catalog::find("DPCNP-XQFKJ-BJF7R-FRC8D-GF6G4").expect("1709 Standard key");
    assert_eq!(standard.name, "Windows Server Standard, versions 1709/1803");
    let datacenter = catalog::find("6y6kbn82v8d8cqv23mjwbwtg6").expect("1709 Datacenter key");
    assert_eq!(
        datacenter.name,
        "Windows Server Datacenter, versions 1709/1803"
    );
}

#[test]
fn unknown_queries_are_errors_that_quote_the_query() {
    for query in [
        "",
        "   ",
        "windows 95",
        "BBBBB-BBBBB-BBBBB-BBBBB-BBBBB",
        "00000000-0000-0000-0000-000000000000",
        "NPPR9-FWDCX-D2C8J-H872K-2YT4",
    ] {
        match catalog::find(query) {
            Err(CatalogError::UnknownProduct { query: reported }) => assert_eq!(reported, query),
            other => panic!("{query:?}: expected UnknownProduct, got {other:?}"),
        }
    }
    let message = catalog::find("windows 95")
        .expect_err("unknown")
        .to_string();
    assert!(message.contains("\"windows 95\""), "{message}");
}

#[test]
fn a_partial_name_of_one_product_finds_it() {
    let product = catalog::find("Small Business Basics").expect("unique part of a name");
    assert_eq!(product.gvlk, "D6QFG-VBYP2-XQHM7-J97RH-VVRCK");
    let product = catalog::find("skype2024").expect("alias");
    assert_eq!(product.name, "Skype for Business LTSC 2024");
}

#[test]
fn a_partial_name_of_several_products_is_ambiguous() {
    match catalog::find("server 2022 datacenter") {
        Err(CatalogError::Ambiguous { query, candidates }) => {
            assert_eq!(query, "server 2022 datacenter");
            assert_eq!(
                candidates,
                vec![
                    "Windows Server 2022 Datacenter",
                    "Windows Server 2022 Datacenter: Azure Edition"
                ]
            );
        }
        other => panic!("expected Ambiguous, got {other:?}"),
    }
    let message = catalog::find("Pro N").expect_err("ambiguous").to_string();
    assert!(
        message.contains("Windows 10/11 Pro N") && message.contains("Windows 8 Pro N"),
        "{message}"
    );
}

#[test]
fn filter_matches_name_alias_family_and_gvlk_case_insensitively() {
    assert_eq!(catalog::filter("").count(), catalog::products().len());
    assert_eq!(catalog::filter("   ").count(), catalog::products().len());

    let server2025: Vec<&str> = catalog::filter("SERVER 2025").map(|p| p.name).collect();
    assert_eq!(
        server2025,
        [
            "Windows Server 2025 Standard",
            "Windows Server 2025 Datacenter",
            "Windows Server 2025 Datacenter: Azure Edition"
        ]
    );

    let by_alias: Vec<&str> = catalog::filter("w11ent").map(|p| p.name).collect();
    assert!(
        by_alias.contains(&"Windows 10/11 Enterprise"),
        "{by_alias:?}"
    );

    let by_key: Vec<&str> = catalog::filter("2yt43").map(|p| p.name).collect();
    assert_eq!(by_key, ["Windows 10/11 Enterprise"]);

    let office: Vec<_> = catalog::filter("office").collect();
    assert!(
        office.iter().any(|p| p.name == "Word 2016"),
        "family text matches"
    );
    let clients = catalog::filter("windowsclient").count();
    assert_eq!(
        clients,
        catalog::products()
            .iter()
            .filter(|p| p.family == Family::WindowsClient)
            .count()
    );

    assert_eq!(catalog::filter("no such product").count(), 0);
}

#[test]
fn description_is_slmgrs_line_for_the_product() {
    let windows = catalog::find("win11-enterprise").expect("Windows");
    assert_eq!(
        windows.description(),
        "Windows(R) Operating System, VOLUME_KMSCLIENT channel"
    );
    let server = catalog::find("server2022-datacenter").expect("Server");
    assert_eq!(
        server.description(),
        "Windows(R) Operating System, VOLUME_KMSCLIENT channel"
    );
    assert_eq!(
        catalog::find("office2010-proplus")
            .expect("2010")
            .description(),
        "Office 14, VOLUME_KMSCLIENT channel"
    );
    assert_eq!(
        catalog::find("office2013-proplus")
            .expect("2013")
            .description(),
        "Office 15, VOLUME_KMSCLIENT channel"
    );
    for alias in [
        "office2016-proplus",
        "office2019-proplus",
        "office2021-proplus",
        "office2024-proplus",
        "visio2024-pro",
    ] {
        assert_eq!(
            catalog::find(alias).expect(alias).description(),
            "Office 16, VOLUME_KMSCLIENT channel"
        );
    }
}

#[test]
fn partial_key_is_the_last_five_characters() {
    assert_eq!(
        catalog::find("win11-enterprise")
            .expect("Enterprise")
            .partial_key(),
        "2YT43"
    );
    for product in catalog::products() {
        assert_eq!(product.partial_key().len(), 5);
        assert!(product.gvlk.ends_with(product.partial_key()));
    }
}

#[test]
fn normalize_product_key_accepts_only_well_formed_keys() {
    assert_eq!(
        catalog::normalize_product_key("nppr9fwdcxd2c8jh872k2yt43").as_deref(),
        Some("NPPR9-FWDCX-D2C8J-H872K-2YT43")
    );
    assert_eq!(
        catalog::normalize_product_key("NPPR9-FWDCX-D2C8J-H872K-2YT43-"),
        Some("NPPR9-FWDCX-D2C8J-H872K-2YT43".to_string())
    );
    for malformed in [
        "",
        "NPPR9",
        "NPPR9-FWDCX-D2C8J-H872K-2YT4",
        "NPPR9-FWDCX-D2C8J-H872K-2YT43B",
        "NPPR9-FWDCX-D2C8J-H872K-2YT4A",
        "NPPR9-NWDCX-D2C8J-H872K-2YT43",
        "NPPR9-FWDCX-D2C8J-H872K-2YT4é",
    ] {
        assert_eq!(
            catalog::normalize_product_key(malformed),
            None,
            "{malformed}"
        );
    }
}

#[test]
fn release_names_spell_out_joined_releases() {
    let pro = catalog::find("w10pro").expect("Pro");
    assert_eq!(pro.release_names(), ["Windows 10 Pro", "Windows 11 Pro"]);
    let ltsc = catalog::find("M7XTQ-FN8P6-TTKYV-9D4CC-J462D").expect("LTSC");
    assert_eq!(
        ltsc.release_names(),
        [
            "Windows 10 Enterprise LTSC 2019",
            "Windows 10 Enterprise LTSC 2021",
            "Windows 11 Enterprise LTSC 2024"
        ]
    );
    assert!(
        catalog::find("server2022-datacenter")
            .expect("Server")
            .release_names()
            .is_empty()
    );
    assert_eq!(
        catalog::find("windows 11 pro").expect("release name").gvlk,
        "W269N-WFGWX-YVC9B-4J6C9-T83GX"
    );
    assert_eq!(
        catalog::find("Windows 11 Enterprise N LTSC 2024")
            .expect("release name")
            .gvlk,
        "92NFX-8DJQP-P6BBQ-THF9C-7CG2H"
    );
}

#[test]
fn names_release_names_and_aliases_never_collide() {
    let mut seen = std::collections::HashSet::new();
    for product in catalog::products() {
        let mut spellings = vec![product.name.to_lowercase()];
        spellings.extend(product.aliases.iter().map(|alias| alias.to_string()));
        spellings.extend(
            product
                .release_names()
                .iter()
                .map(|name| name.to_lowercase()),
        );
        for spelling in spellings {
            assert!(
                seen.insert(spelling.clone()),
                "{spelling} names two products"
            );
        }
    }
}
