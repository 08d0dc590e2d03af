#![no_main]
// See discovery in fuzz/src/lib.rs for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl_fuzz::discovery(data));
