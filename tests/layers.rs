//! The layer rule of src/lib.rs, checked on the source itself: every `crate::` path in src/
//! (tests inside a file excepted) names a module of the same layer or a lower one, clap types
//! are read only by the commands and the settings, and the modules form no import cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, top first. A module may use its own layer and those below it.
const LAYERS: &[&[&str]] = &[
    &["lib", "main", "commands"],
    &[
        "cli", "settings", "env", "config", "session", "signin", "view", "output",
    ],
    &["oidc", "store", "serve"],
    &["net"],
    &["jwt"],
    &["base"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module {module} is in no layer: add it to LAYERS and lib.rs"))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/oidc/tokens.rs` → `oidc`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a file's code names through `crate::`, without its unit tests and
/// comments.
fn imports(text: &str) -> BTreeSet<String> {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c};`
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != "run" {
                out.insert(name);
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    // module -> imported module -> files that import it
    let mut graph: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for file in files {
        let from = module_of(&src, &file);
        let text = std::fs::read_to_string(&file).unwrap();
        let rel = file.strip_prefix(&src).unwrap().display().to_string();
        let entry = graph.entry(from.clone()).or_default();
        for to in imports(&text) {
            if to != from {
                entry.entry(to).or_default().push(rel.clone());
            }
        }
    }
    graph
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let mut climbs = Vec::new();
    for (from, targets) in graph() {
        for (to, files) in targets {
            if layer(&to) < layer(&from) {
                climbs.push(format!("{from} -> {to} (in {})", files.join(", ")));
            }
        }
    }
    assert!(
        climbs.is_empty(),
        "imports that climb:\n{}",
        climbs.join("\n")
    );
}

#[test]
fn clap_types_stop_at_the_settings() {
    let graph = graph();
    let readers: Vec<&String> = graph
        .iter()
        .filter(|(_, targets)| targets.contains_key("cli"))
        .map(|(from, _)| from)
        .collect();
    assert_eq!(readers, ["commands", "settings"]);
}

#[test]
fn the_modules_form_no_cycle() {
    let graph = graph();
    // Depth-first search for a back edge, reporting the cycle it closes.
    fn visit<'g>(
        node: &'g str,
        graph: &'g BTreeMap<String, BTreeMap<String, Vec<String>>>,
        path: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flat_map(|t| t.keys()) {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_reader_sees_grouped_and_nested_paths() {
    let found = imports(
        "use crate::{store, view::x};\nlet a = crate::oidc::entra::f();\n// crate::cli in a comment\n",
    );
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["oidc", "store", "view"]
    );
}
