//! The architecture rule, checked on the source: the core is pure.
//!
//! `src/core` must not name browser crates, the wall clock, threads' randomness or
//! hash-ordered collections. (Clippy's `disallowed-*` lints check the same on the code.)

use std::fs;
use std::path::Path;

const FORBIDDEN: &[&str] = &[
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "leptos",
    "gloo",
    "Instant::now",
    "SystemTime",
    "thread_rng",
    "HashMap",
    "HashSet",
    "std::thread",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_names_no_browser_clock_or_random_api() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core"),
        &mut files,
    );
    assert!(!files.is_empty(), "src/core has no Rust files");
    let mut offences = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("utf-8 source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in FORBIDDEN {
                if code.contains(word) {
                    offences.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(offences.is_empty(), "impure core:\n{}", offences.join("\n"));
}

#[test]
fn browser_crates_are_wasm_only_dependencies() {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("Cargo.toml");
    let (native, _) = manifest
        .split_once("[target.'cfg(target_arch = \"wasm32\")'.dependencies]")
        .expect("a wasm32-only dependency table");
    for krate in ["leptos", "web-sys", "wasm-bindgen", "js-sys", "gloo"] {
        assert!(
            !native.lines().any(|l| l.trim_start().starts_with(krate)),
            "{krate} must be a wasm32-only dependency"
        );
    }
}
