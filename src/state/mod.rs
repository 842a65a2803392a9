//! state (being built).
