#![no_main]
// See oidctl::fuzzing::discovery for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl::fuzzing::discovery(data));
