//! The WQL queries and object paths the WMI implementation sends, built here as pure
//! functions so that every OS tests them.

use super::values::{PRODUCT_BRIEF_COLUMNS, PRODUCT_DETAIL_COLUMNS};
use super::{Columns, Filter};

/// `SELECT a, b FROM class [WHERE condition]`.
pub(crate) fn select(class: &str, columns: &[&str], condition: Option<&str>) -> String {
    let mut query = format!("SELECT {} FROM {class}", columns.join(", "));
    if let Some(condition) = condition {
        query.push_str(" WHERE ");
        query.push_str(condition);
    }
    query
}

/// The WHERE condition of a product query. CIM wants `IS NOT NULL` (slmgr's `<> null`
/// fails there); an Activation ID is a GUID, which needs no escaping.
pub(crate) fn product_condition(filter: Filter) -> Option<String> {
    match filter {
        Filter::All => None,
        Filter::KeyInstalled => Some("PartialProductKey IS NOT NULL".to_string()),
        Filter::Id(id) => Some(format!("ID = '{id}'")),
    }
}

/// The product columns to read.
pub(crate) fn product_columns(columns: Columns) -> Vec<&'static str> {
    let mut list = PRODUCT_BRIEF_COLUMNS.to_vec();
    if columns == Columns::Full {
        list.extend_from_slice(PRODUCT_DETAIL_COLUMNS);
    }
    list
}

/// An instance's object path by its key, `Class.Key="value"`, with `\` and `"` escaped.
pub(crate) fn object_path(class: &str, key: &str, value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '"') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    format!("{class}.{key}=\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn queries_are_the_ones_slmgr_makes() {
        assert_eq!(
            select(
                "SoftwareLicensingService",
                &["Version", "ClientMachineID"],
                None
            ),
            "SELECT Version, ClientMachineID FROM SoftwareLicensingService"
        );
        let id = Uuid::from_u128(0x73111121_5638_40f6_bc11_f1d7b0d64300);
        assert_eq!(
            select(
                "SoftwareLicensingProduct",
                &["ID"],
                product_condition(Filter::Id(id)).as_deref()
            ),
            "SELECT ID FROM SoftwareLicensingProduct WHERE ID = '73111121-5638-40f6-bc11-f1d7b0d64300'"
        );
        assert_eq!(
            product_condition(Filter::KeyInstalled).as_deref(),
            Some("PartialProductKey IS NOT NULL")
        );
        assert_eq!(product_condition(Filter::All), None);
        let full = product_columns(Columns::Full);
        assert!(full.contains(&"OfflineInstallationId") && full.contains(&"ID"));
        assert!(!product_columns(Columns::Brief).contains(&"OfflineInstallationId"));
    }

    #[test]
    fn object_paths_escape_their_key() {
        assert_eq!(
            object_path("SoftwareLicensingService", "Version", "10.0.19041.1"),
            r#"SoftwareLicensingService.Version="10.0.19041.1""#
        );
        assert_eq!(object_path("C", "K", r#"a"b\c"#), r#"C.K="a\"b\\c""#);
    }
}
