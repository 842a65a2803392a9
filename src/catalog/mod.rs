//! The product catalog: every KMS client product vlmgr knows, compiled in.
//!
//! Covers Windows client (Vista to Windows 11), Windows Server (2008 to 2025) and the
//! Office volume editions (2010 to LTSC 2024), one row per published GVLK. Where a
//! Microsoft table row names several releases for one key (Windows 10 and 11 Pro share
//! a key and an Activation ID), that is one product whose name covers both and whose
//! aliases include both.
//!
//! Aliases are lowercase ASCII, unique across the table, and follow one scheme:
//! `<release>-<edition>` (`win11-enterprise`, `server2022-datacenter`,
//! `office2021-proplus`, `project2019-pro`, `win10-enterprise-ltsc2021`), single-app
//! Office products as `<app><year>` (`word2016`, `skype2024`), plus short forms for
//! Windows client editions (`w10pro`, `w11ent`, `w7pro`). `docs/catalog.md` has the
//! full scheme and the provenance of every column.

mod table;

use uuid::{Uuid, uuid};

/// Application ID of Windows (all client and server releases).
pub const APPLICATION_ID_WINDOWS: Uuid = uuid!("55c92734-d682-4d71-983e-d6ec3f16059f");
/// Application ID of Office 2010 (Office 14).
pub const APPLICATION_ID_OFFICE_2010: Uuid = uuid!("59a52881-a989-479d-af46-f275c6370663");
/// Application ID shared by Office 2013 and every later Office release.
pub const APPLICATION_ID_OFFICE_2013_PLUS: Uuid = uuid!("0ff1ce15-a989-479d-af46-f275c6370663");

/// KMS counted ID of Office 2013; it tells Office 15 apart from Office 16, which
/// share the Application ID.
const KMS_COUNTED_ID_OFFICE_2013: Uuid = uuid!("e6a6f1bf-9d40-40c3-aa9f-c77ba21578c0");

/// The characters of a product key: 24 letters and digits chosen to avoid look-alikes.
/// Keys from Windows 8 on may also carry one `N`, which encodes a flag rather than a
/// key character, so a well-formed key has these characters plus at most one `N`.
pub const PRODUCT_KEY_ALPHABET: &str = "BCDFGHJKMPQRTVWXY2346789";

/// Which kind of product a catalog row is; decides the KMS threshold and the
/// Application ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Windows client editions (threshold 25).
    WindowsClient,
    /// Windows Server editions (threshold 5).
    WindowsServer,
    /// Office, Project and Visio volume editions (threshold 5).
    Office,
}

impl Family {
    /// The family's name as written in the catalog and in JSON output.
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Family::WindowsClient => "WindowsClient",
            Family::WindowsServer => "WindowsServer",
            Family::Office => "Office",
        }
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One KMS client product: what a KMS activation request for it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// Microsoft's name for the edition, e.g. "Windows 10/11 Enterprise".
    pub name: &'static str,
    /// Short lowercase names, unique across the catalog, e.g. `win11-enterprise`.
    pub aliases: &'static [&'static str],
    /// The published KMS client setup key (GVLK), `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`.
    pub gvlk: &'static str,
    /// The licensing application: Windows, Office 2010, or Office 2013 and later.
    pub application_id: Uuid,
    /// The edition's VOLUME_KMSCLIENT SKU ID, what slmgr calls the Activation ID.
    pub activation_id: Uuid,
    /// The product group a KMS host counts and licenses (its CSVLK must cover it).
    pub kms_counted_id: Uuid,
    /// Minimum count of distinct clients the host must have seen: 25 or 5.
    pub n_policy: u32,
    /// Major KMS message version the real client of this product sends: 4, 5 or 6.
    pub protocol: u16,
    /// Windows client, Windows Server or Office.
    pub family: Family,
}

impl Product {
    /// slmgr's `Description:` line for this product, e.g.
    /// `Windows(R) Operating System, VOLUME_KMSCLIENT channel` or
    /// `Office 16, VOLUME_KMSCLIENT channel`.
    pub fn description(&self) -> String {
        match self.family {
            Family::WindowsClient | Family::WindowsServer => {
                "Windows(R) Operating System, VOLUME_KMSCLIENT channel".to_string()
            }
            Family::Office => format!(
                "Office {}, VOLUME_KMSCLIENT channel",
                self.office_major_version()
            ),
        }
    }

    /// The last five characters of the GVLK, slmgr's `Partial Product Key`.
    pub fn partial_key(&self) -> &'static str {
        let start = self.gvlk.len().saturating_sub(5);
        self.gvlk.get(start..).unwrap_or(self.gvlk)
    }

    /// Office's internal major version: 14 (2010), 15 (2013) or 16 (2016 and later).
    fn office_major_version(&self) -> u8 {
        if self.application_id == APPLICATION_ID_OFFICE_2010 {
            14
        } else if self.kms_counted_id == KMS_COUNTED_ID_OFFICE_2013 {
            15
        } else {
            16
        }
    }

    /// The names this product answers to besides its own: one per release when the
    /// name joins several, e.g. "Windows 10 Pro" and "Windows 11 Pro" for
    /// "Windows 10/11 Pro", or "Windows 10 Enterprise LTSC 2021" for the LTSC row.
    pub fn release_names(&self) -> Vec<String> {
        // A comma joins whole product names only when every part is one.
        let parts: Vec<&str> = self.name.split(", ").collect();
        let parts = if parts.iter().all(|part| part.starts_with("Windows")) {
            parts
        } else {
            vec![self.name]
        };
        let mut names = Vec::new();
        for part in parts {
            let words: Vec<&str> = part.split(' ').collect();
            match words.iter().position(|word| word.contains('/')) {
                Some(joined) => {
                    let releases = words.get(joined).map_or("", |word| word);
                    for release in releases.split('/') {
                        let spelled: Vec<&str> = words
                            .iter()
                            .enumerate()
                            .map(|(index, word)| if index == joined { release } else { word })
                            .collect();
                        names.push(spelled.join(" "));
                    }
                }
                None if part != self.name => names.push(part.to_string()),
                None => {}
            }
        }
        names
    }

    /// Whether `needle` (already lowercase) occurs in the name, an alias, the family
    /// or the GVLK.
    fn mentions(&self, needle: &str) -> bool {
        self.name.to_lowercase().contains(needle)
            || self.aliases.iter().any(|alias| alias.contains(needle))
            || self.family.as_str().to_lowercase().contains(needle)
            || self.gvlk.to_lowercase().contains(needle)
    }
}

/// Why a query did not name exactly one product.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// Nothing in the catalog matches the query.
    #[error(
        "no product in the catalog matches \"{query}\": give a GVLK, an Activation ID, a product name or an alias (`vlmgr products` lists them)"
    )]
    UnknownProduct {
        /// The query as given.
        query: String,
    },
    /// The query is part of several products' names or aliases.
    #[error("\"{query}\" matches several products: {}; give the full name or an alias", .candidates.join(", "))]
    Ambiguous {
        /// The query as given.
        query: String,
        /// Names of the products that match.
        candidates: Vec<&'static str>,
    },
}

/// Every product in the catalog, sorted by family, then release.
pub fn products() -> &'static [Product] {
    table::PRODUCTS
}

/// The product with this Activation ID, if the catalog has it.
pub fn by_activation_id(id: &Uuid) -> Option<&'static Product> {
    products()
        .iter()
        .find(|product| product.activation_id == *id)
}

/// The canonical `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX` form of a product key given in any
/// case, with or without dashes; `None` when it is not a well-formed key.
pub fn normalize_product_key(input: &str) -> Option<String> {
    let compact: String = input
        .trim()
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let well_formed = compact.len() == 25
        && compact
            .chars()
            .all(|c| c == 'N' || PRODUCT_KEY_ALPHABET.contains(c))
        && compact.chars().filter(|c| *c == 'N').count() <= 1;
    if !well_formed {
        return None;
    }
    let groups: Vec<&str> = (0..5)
        .filter_map(|group| compact.get(group * 5..group * 5 + 5))
        .collect();
    Some(groups.join("-"))
}

/// Finds one product by GVLK (any case, with or without dashes), Activation ID (any
/// GUID spelling, braces included), exact name, one of its [`Product::release_names`]
/// ("Windows 11 Pro") or alias (case-insensitive). When none
/// of those match, a query that is part of exactly one product's name or alias names
/// that product; part of several is [`CatalogError::Ambiguous`].
pub fn find(query: &str) -> Result<&'static Product, CatalogError> {
    let wanted = query.trim();
    let unknown = || CatalogError::UnknownProduct {
        query: query.to_string(),
    };
    if wanted.is_empty() {
        return Err(unknown());
    }
    if let Some(key) = normalize_product_key(wanted) {
        return by_gvlk(&key).ok_or_else(unknown);
    }
    if let Ok(id) = Uuid::parse_str(wanted) {
        return by_activation_id(&id).ok_or_else(unknown);
    }
    let exact = products().iter().find(|product| {
        product.name.eq_ignore_ascii_case(wanted)
            // The one-word spelling completion scripts offer: spaces as dashes.
            || product.name.replace(' ', "-").eq_ignore_ascii_case(wanted)
            || product
                .aliases
                .iter()
                .any(|alias| alias.eq_ignore_ascii_case(wanted))
            || product
                .release_names()
                .iter()
                .any(|name| name.eq_ignore_ascii_case(wanted))
    });
    if let Some(product) = exact {
        return Ok(product);
    }
    let needle = wanted.to_lowercase();
    let partial: Vec<&'static Product> = products()
        .iter()
        .filter(|product| {
            product.name.to_lowercase().contains(&needle)
                || product.aliases.iter().any(|alias| alias.contains(&needle))
                || product
                    .release_names()
                    .iter()
                    .any(|name| name.to_lowercase().contains(&needle))
        })
        .collect();
    match partial.as_slice() {
        [] => Err(unknown()),
        [only] => Ok(only),
        several => Err(CatalogError::Ambiguous {
            query: query.to_string(),
            candidates: several.iter().map(|product| product.name).collect(),
        }),
    }
}

/// Products whose name, alias, family or GVLK contains each word of `text`
/// (case-insensitive); every product when `text` is empty.
pub fn filter(text: &str) -> impl Iterator<Item = &'static Product> {
    // Every word must match somewhere, so `windows 11 pro` finds "Windows 10/11 Pro".
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    products()
        .iter()
        .filter(move |product| words.iter().all(|word| product.mentions(word)))
}

/// The product whose GVLK is `key` (canonical form), including the published keys
/// that resolve to another product's row.
fn by_gvlk(key: &str) -> Option<&'static Product> {
    products()
        .iter()
        .find(|product| product.gvlk == key)
        .or_else(|| {
            table::ADDITIONAL_GVLKS
                .iter()
                .find(|(additional, _)| *additional == key)
                .and_then(|(_, alias)| {
                    products()
                        .iter()
                        .find(|product| product.aliases.contains(alias))
                })
        })
}

/// Published GVLKs without a row of their own, each with the product it resolves to.
pub fn additional_gvlks() -> impl Iterator<Item = (&'static str, &'static Product)> {
    table::ADDITIONAL_GVLKS.iter().filter_map(|(key, alias)| {
        products()
            .iter()
            .find(|product| product.aliases.contains(alias))
            .map(|product| (*key, product))
    })
}
