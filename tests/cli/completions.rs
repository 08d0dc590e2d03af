//! completions/ holds the generated scripts; they must match what the binary prints.
//! Regenerate with: OIDCTL_UPDATE_COMPLETIONS=1 cargo test --test cli completions

use crate::support::*;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "oidctl.bash"),
    ("zsh", "_oidctl"),
    ("fish", "oidctl.fish"),
    ("powershell", "_oidctl.ps1"),
    ("elvish", "oidctl.elv"),
];

#[test]
fn completion_scripts_are_up_to_date() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("OIDCTL_UPDATE_COMPLETIONS").is_some();
    for (shell, file) in SHELLS {
        let out = oidctl().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let generated = stdout(&out);
        // The scripts call back into oidctl for the words (tests/cli/help.rs runs them).
        assert!(
            generated.contains("OIDCTL_COMPLETE") && generated.contains("oidctl"),
            "{shell}"
        );
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "completions/{file} is out of date with the CLI; run: OIDCTL_UPDATE_COMPLETIONS=1 cargo test --test cli completions"
        );
    }
}
