pub mod host_codec;
