pub mod bind;
pub mod dns;
