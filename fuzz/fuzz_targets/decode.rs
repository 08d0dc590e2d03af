#![no_main]
// See oidctl::fuzzing::decode for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl::fuzzing::decode(data));
