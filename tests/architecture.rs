//! The architecture rules, checked on the source: the core is pure and language-free, its
//! modules and the web layer's files import in one direction.
//!
//! `src/core` must not name browser crates, the wall clock, threads' randomness or
//! hash-ordered collections (clippy's `disallowed-*` lints check the same on the code), nor the
//! catalogue (`crate::i18n`, `Lang`): the catalogue sits above the core and renders its values.
//! The core's modules (`codec`, `broker`, `sim`…) must not import each other in a cycle.
//! The files of `src/web` must not import each other in a cycle: state and leaves (`lazy`,
//! `wall`, `storage`…) ← components ← app.

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

/// The Rust files of `src/core`.
fn core_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core"),
        &mut files,
    );
    files
}

/// Each line of code (comments left out) in `files` where `found(code, word)` holds for one of
/// `words`: `file:line: word`.
fn offences(
    files: &[std::path::PathBuf],
    words: &[&str],
    found: impl Fn(&str, &str) -> bool,
) -> Vec<String> {
    let mut offences = Vec::new();
    for file in files {
        let source = fs::read_to_string(file).expect("utf-8 source");
        for (n, code) in code_lines(&source).enumerate() {
            for word in words {
                if found(code, word) {
                    offences.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    offences
}

#[test]
fn core_names_no_browser_clock_or_random_api() {
    let files = core_files();
    assert!(!files.is_empty(), "src/core has no Rust files");
    let offences = offences(&files, FORBIDDEN, |code, word| code.contains(word));
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

/// A path back to where it started, if the graph (module, what it imports) has one.
fn find_cycle(graph: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    // Depth-first search.
    fn cycle_from(
        graph: &[(String, Vec<String>)],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        let me = path.last()?.clone();
        let next = graph
            .iter()
            .find(|(m, _)| *m == me)
            .map(|(_, d)| d.clone())?;
        for n in next {
            if let Some(at) = path.iter().position(|p| *p == n) {
                let mut cycle = path[at..].to_vec();
                cycle.push(n);
                return Some(cycle);
            }
            if !done.contains(&n) {
                path.push(n);
                if let Some(c) = cycle_from(graph, path, done) {
                    return Some(c);
                }
                path.pop();
            }
        }
        done.push(me);
        None
    }
    let mut done = Vec::new();
    graph.iter().find_map(|(m, _)| {
        let mut path = vec![m.clone()];
        cycle_from(graph, &mut path, &mut done)
    })
}

/// The code of a source file, comments left out.
fn code_lines(source: &str) -> impl Iterator<Item = &str> {
    source.lines().map(|l| l.split("//").next().unwrap_or(""))
}

/// Whether `word` appears in `code` as a whole identifier.
fn names(code: &str, word: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// The core's modules (`codec`, `sim`…), each with the core modules its files import.
fn core_graph() -> Vec<(String, Vec<String>)> {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut modules: Vec<String> = fs::read_dir(&core)
        .expect("src/core")
        .map(|e| e.expect("dir entry").path())
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .filter(|m| m != "mod")
        .collect();
    modules.sort();
    modules.dedup();
    modules
        .iter()
        .map(|m| {
            let mut files = Vec::new();
            let dir = core.join(m);
            if dir.is_dir() {
                rust_files(&dir, &mut files);
            } else {
                files.push(core.join(format!("{m}.rs")));
            }
            let mut deps = Vec::new();
            for f in files {
                let source = fs::read_to_string(&f).expect("readable source");
                for code in code_lines(&source) {
                    for (at, _) in code.match_indices("crate::core::") {
                        let rest = &code[at + "crate::core::".len()..];
                        let dep: String = rest
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        if dep != *m && modules.contains(&dep) && !deps.contains(&dep) {
                            deps.push(dep);
                        }
                    }
                }
            }
            (m.clone(), deps)
        })
        .collect()
}

#[test]
fn the_core_modules_import_in_one_direction() {
    let graph = core_graph();
    assert!(graph.len() > 10, "src/core's modules: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("src/core imports in a cycle: {}", cycle.join(" → "));
    }
    // The protocol's values know nothing of the simulation built on them.
    for low in ["types", "topic", "codec", "time"] {
        let (_, deps) = graph.iter().find(|(m, _)| m == low).expect("exists");
        assert!(
            deps.iter()
                .all(|d| ["types", "topic"].contains(&d.as_str())),
            "{low} imports {deps:?}"
        );
    }
}

#[test]
fn the_core_names_no_language() {
    let offences = offences(&core_files(), &["i18n", "Lang", "in_language"], names);
    assert!(
        offences.is_empty(),
        "the core names the catalogue:\n{}",
        offences.join("\n")
    );
}

#[test]
fn each_layer_imports_only_those_below_it() {
    // core ← i18n (the catalogue) ← page ← web.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layers: [(&str, &[&str]); 3] = [
        ("core", &["crate::i18n", "crate::page", "crate::web"]),
        ("i18n", &["crate::page", "crate::web"]),
        ("page", &["crate::web", "leptos", "web_sys", "wasm_bindgen"]),
    ];
    let mut found: Vec<String> = Vec::new();
    for (layer, above) in layers {
        let mut files = Vec::new();
        rust_files(&root.join(layer), &mut files);
        let single = root.join(format!("{layer}.rs"));
        if single.exists() {
            files.push(single);
        }
        assert!(!files.is_empty(), "src/{layer} has files");
        found.extend(offences(&files, above, |code, word| code.contains(word)));
    }
    assert!(
        found.is_empty(),
        "a layer imports from above:\n{}",
        found.join("\n")
    );
}

/// The module a file of `src/web` is (`components::real`; `mod.rs` files name their folder).
fn web_module(web: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(web)
        .expect("inside src/web")
        .with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The `src/web` modules a file names (`crate::web::…`, `super::…`), comments left out.
fn web_imports(source: &str, me: &str, modules: &[String]) -> Vec<String> {
    let parent = me.rsplit_once("::").map_or("", |(p, _)| p);
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (marker, base) in [("crate::web::", ""), ("super::", parent)] {
            let mut rest = code;
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                let path: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let mut levels: Vec<&str> = path.split("::").filter(|l| !l.is_empty()).collect();
                if !base.is_empty() {
                    levels.insert(0, base);
                }
                // The longest prefix that is a module of src/web.
                while !levels.is_empty() {
                    let candidate = levels.join("::");
                    if modules.contains(&candidate) {
                        if candidate != me && !found.contains(&candidate) {
                            found.push(candidate);
                        }
                        break;
                    }
                    levels.pop();
                }
            }
        }
    }
    found
}

#[test]
fn the_web_layer_imports_in_one_direction() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let mut files = Vec::new();
    rust_files(&web, &mut files);
    let modules: Vec<String> = files.iter().map(|f| web_module(&web, f)).collect();
    // `mod.rs` only declares the modules; the graph is between the files that use them.
    let graph: Vec<(String, Vec<String>)> = files
        .iter()
        .zip(&modules)
        .filter(|(_, m)| !m.is_empty())
        .map(|(f, m)| {
            let source = fs::read_to_string(f).expect("readable source");
            (m.clone(), web_imports(&source, m, &modules))
        })
        .collect();
    if let Some(cycle) = find_cycle(&graph) {
        panic!("src/web imports in a cycle: {}", cycle.join(" → "));
    }
    // The leaves know no component and no state.
    for leaf in ["lazy", "wall", "storage", "lang", "files"] {
        let (_, deps) = graph
            .iter()
            .find(|(m, _)| m == leaf)
            .expect("the leaf exists");
        assert!(deps.is_empty(), "{leaf} imports {deps:?}");
    }
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let modules = vec!["a".to_string(), "b".to_string(), "c::d".to_string()];
    assert_eq!(
        web_imports("use crate::web::b::X; // crate::web::a", "a", &modules),
        ["b"]
    );
    assert_eq!(web_imports("super::d::f()", "c::e", &modules), ["c::d"]);
    let graph = |edges: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        edges
            .iter()
            .map(|(m, d)| (m.to_string(), d.iter().map(|x| x.to_string()).collect()))
            .collect()
    };
    let cycle = find_cycle(&graph(&[("a", &["b"]), ("b", &["c"]), ("c", &["a"])]));
    assert_eq!(cycle.unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(
        find_cycle(&graph(&[("a", &["b"]), ("b", &["c"]), ("c", &[])])),
        None
    );
    assert!(names("use crate::i18n::Lang;", "Lang"));
    assert!(!names("Language", "Lang") && !names("LessonText", "Text"));
}
