//! Writes the `imsmanifest.xml` of the SCORM 1.2 package (used by `scripts/scorm.sh`).
//!
//! ```text
//! cargo run --example scorm_manifest -- --lang es DIST_DIR > imsmanifest.xml
//! ```
//! Every lesson becomes a SCO titled in `--lang` (default `es`, the course's language); the
//! files are every file under `DIST_DIR`, relative to it.

use std::path::{Path, PathBuf};

use mqtt_playground::core::scorm::manifest;
use mqtt_playground::core::sim::lessons::LESSONS;
use mqtt_playground::i18n::Lang;

fn files(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

fn main() {
    let mut lang = Lang::Es;
    let mut dist = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lang" => {
                lang = args
                    .next()
                    .and_then(|l| Lang::from_tag(&l))
                    .unwrap_or_else(|| fail("--lang needs es or en"))
            }
            _ => dist = Some(PathBuf::from(a)),
        }
    }
    let dist = dist.unwrap_or_else(|| fail("usage: scorm_manifest [--lang es|en] DIST_DIR"));
    let mut list = Vec::new();
    if let Err(e) = files(&dist, &dist, &mut list) {
        fail(&format!("cannot read {}: {e}", dist.display()));
    }
    list.retain(|f| !f.starts_with("scorm/") && f != "imsmanifest.xml");
    list.sort();
    let lessons: Vec<(&str, &str)> = LESSONS.iter().map(|l| (l.id, lang.t(l.title()))).collect();
    print!("{}", manifest("MQTT Playground", &lessons, &list));
}

fn fail(problem: &str) -> ! {
    eprintln!("{problem}");
    std::process::exit(2)
}
