#![no_main]
// See oidctl::fuzzing::verify for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl::fuzzing::verify(data));
