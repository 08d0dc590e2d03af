#![no_main]
// See oidctl::fuzzing::loopback for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl::fuzzing::loopback(data));
