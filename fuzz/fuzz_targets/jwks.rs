#![no_main]
// See oidctl::fuzzing::jwks for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl::fuzzing::jwks(data));
