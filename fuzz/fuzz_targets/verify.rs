#![no_main]
// See verify in fuzz/src/lib.rs for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl_fuzz::verify(data));
