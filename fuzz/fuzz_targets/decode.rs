#![no_main]
// See decode in fuzz/src/lib.rs for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl_fuzz::decode(data));
