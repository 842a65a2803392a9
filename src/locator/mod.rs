//! locator (being built).
