#![no_main]
// See token_answer in fuzz/src/lib.rs for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl_fuzz::token_answer(data));
