pub mod bind;
pub mod dns;
pub mod host_codec;
