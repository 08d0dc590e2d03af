#![no_main]
// See jwe in fuzz/src/lib.rs for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl_fuzz::jwe(data));
