//! Checks the house plan of `service` on its source: every path a service file names
//! (`crate::service::…`, `super::…`, `self::…`, in `use` lines and inline) is resolved to the
//! file that defines it, and then
//! - no two files import each other, directly or through others;
//! - a domain imports only domains below it in [`LAYERS`];
//! - no file is over [`MAX_LINES`] lines.
//!
//! Test code (this file, `tests.rs`, `tests_*.rs`, inline `#[cfg(test)] mod tests`) is left out: tests
//! may reach anywhere.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The domains from the bottom up; a domain may import the domains of lower rows only.
const LAYERS: &[&[&str]] = &[
    &["kernel"],
    &["identity", "templates", "supply_chain"],
    &["scoring"],
    &["register", "organisation"],
    &["assessment"],
    &["spreadsheet", "remediation", "portfolio"],
    &["stewardship", "reports"],
];

/// Longest service file, in lines.
const MAX_LINES: usize = 300;

/// A service file: its module path below `service` (`["assessment", "review"]`) and source.
struct File {
    module: Vec<String>,
    source: String,
    path: PathBuf,
}

fn files(dir: &Path, module: &[String], out: &mut Vec<File>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut child = module.to_vec();
            child.push(name);
            files(&path, &child, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs")
            || name == "tests"
            || name.starts_with("tests_")
            || name == "layers"
        {
            continue;
        }
        let mut own = module.to_vec();
        if name != "mod" {
            own.push(name);
        }
        let source = std::fs::read_to_string(&path).unwrap();
        out.push(File { module: own, source, path });
    }
}

/// The source without its inline test module.
fn production(source: &str) -> &str {
    match source.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &source[..at],
        None => source,
    }
}

/// Every full path named after `at` in a path tree such as `a::{b, c::{self, d}}`.
fn expand(tokens: &[&str], at: &mut usize, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tokens.get(*at).copied() {
        Some("{") => {
            *at += 1;
            while let Some(token) = tokens.get(*at).copied() {
                match token {
                    "}" => {
                        *at += 1;
                        return;
                    }
                    "," => *at += 1,
                    _ => expand(tokens, at, &mut prefix.clone(), out),
                }
            }
        }
        Some("*") => {
            *at += 1;
            out.push(prefix.clone());
        }
        Some("self") => {
            *at += 1;
            if tokens.get(*at) == Some(&"as") {
                *at += 2;
            }
            out.push(prefix.clone());
        }
        Some(word) if word.chars().all(|c| c.is_alphanumeric() || c == '_') => {
            *at += 1;
            prefix.push(word.to_owned());
            if tokens.get(*at) == Some(&"::") {
                *at += 1;
                expand(tokens, at, prefix, out);
            } else {
                if tokens.get(*at) == Some(&"as") {
                    *at += 2;
                }
                out.push(prefix.clone());
            }
        }
        _ => {}
    }
}

fn tokens(source: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_alphanumeric() || c == '_' {
            rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())
        } else if rest.starts_with("::") {
            2
        } else {
            c.len_utf8()
        };
        if !c.is_whitespace() {
            out.push(&rest[..len]);
        }
        rest = &rest[len..];
    }
    out
}

/// Module paths (below `service`) that a file names.
fn named(file: &File) -> Vec<Vec<String>> {
    let tokens = tokens(production(&file.source));
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        let start = match (tokens[i], tokens.get(i + 1), tokens.get(i + 2), tokens.get(i + 3)) {
            ("crate", Some(&"::"), Some(&"service"), Some(&"::")) if i == 0 || tokens[i - 1] != "::" => {
                Some((Vec::new(), i + 4))
            }
            ("super", Some(&"::"), ..) if i == 0 || tokens[i - 1] != "::" => {
                Some((file.module[..file.module.len().saturating_sub(1)].to_vec(), i + 2))
            }
            ("self", Some(&"::"), ..) if i == 0 || tokens[i - 1] != "::" => Some((file.module.clone(), i + 2)),
            _ => None,
        };
        if let Some((mut prefix, mut at)) = start {
            expand(&tokens, &mut at, &mut prefix, &mut out);
        }
    }
    out
}

fn rank(domain: &str) -> usize {
    LAYERS.iter().position(|row| row.contains(&domain)).unwrap_or_else(|| panic!("{domain} is in no layer"))
}

/// The file module each file imports: the longest known module that prefixes a named path.
fn edges(all: &[File]) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let known: BTreeSet<&Vec<String>> = all.iter().map(|f| &f.module).collect();
    let mut out: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in all {
        let targets = out.entry(file.module.clone()).or_default();
        for path in named(file) {
            let target = (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| known.contains(p));
            if let Some(target) = target.filter(|t| *t != file.module) {
                targets.insert(target);
            }
        }
    }
    out
}

fn service_files() -> Vec<File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service");
    let mut all = Vec::new();
    files(&root, &[], &mut all);
    assert!(all.len() > 30, "found only {} service files under {}", all.len(), root.display());
    all
}

#[test]
fn domains_import_only_the_layers_below_them() {
    let mut wrong = Vec::new();
    for (from, targets) in edges(&service_files()) {
        let Some(domain) = from.first() else { continue };
        for target in targets {
            let Some(other) = target.first() else { continue };
            if other != domain && rank(other) >= rank(domain) {
                wrong.push(format!("{} imports {}", from.join("::"), target.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers of service/mod.rs:\n{}", wrong.join("\n"));
}

#[test]
fn no_service_file_imports_itself_through_others() {
    let graph = edges(&service_files());
    let mut circles = Vec::new();
    for start in graph.keys() {
        // A depth-first search for a way back to `start`.
        let mut stack = vec![(start.clone(), vec![start.join("::")])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    circles.push(format!("{} -> {}", trail.join(" -> "), start.join("::")));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.join("::"));
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(circles.is_empty(), "import circles:\n{}", circles.join("\n"));
}

#[test]
fn service_files_stay_short() {
    let long: Vec<String> = service_files()
        .iter()
        .map(|f| (f.path.display().to_string(), production(&f.source).lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(path, lines)| format!("{path}: {lines} lines"))
        .collect();
    assert!(long.is_empty(), "service files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn the_checker_reads_paths_as_rust_does() {
    let file = File {
        module: vec!["assessment".into(), "review".into()],
        source: "use crate::service::{kernel::{audit, now}, register::supplier as s};\n\
                 use super::{self as a, lifecycle::get};\nfn f() { crate::service::scoring::completion::x(); }\n\
                 #[cfg(test)]\nmod tests { use crate::service::portfolio; }"
            .into(),
        path: PathBuf::new(),
    };
    let named: Vec<String> = named(&file).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        named,
        [
            "kernel::audit",
            "kernel::now",
            "register::supplier",
            "assessment",
            "assessment::lifecycle::get",
            "scoring::completion::x"
        ]
    );
}
