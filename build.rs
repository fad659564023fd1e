//! Reads the lesson files (`lessons/NN-id.json`) and writes the lessons' index for the
//! program: each lesson's id, what its forms show at the start and its starting scenario.
//! The rest of a file (texts, steps, goals) is fetched by the page when the lesson opens, so
//! it stays out of the first download; tests and tools read the whole file.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=lessons");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("lessons")
        .expect("the lessons folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut index = String::from("/// Every built-in lesson, in course order.\n");
    let mut texts = String::new();
    let mut scenarios = String::new();
    writeln!(index, "pub static LESSONS: [Lesson; {}] = [", files.len()).unwrap();
    for path in &files {
        let raw = std::fs::read_to_string(path).expect("a readable lesson file");
        let file: serde_json::Value = serde_json::from_str(&raw)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        let id = file["id"].as_str().expect("a lesson's id");
        let scenario = Path::new(&out).join(format!("{id}.scenario.json"));
        std::fs::write(&scenario, file["scenario"].to_string()).expect("OUT_DIR is writable");
        let f = &file["forms"];
        let s = |k: &str| format!("{:?}", f[k].as_str().unwrap_or(""));
        writeln!(
            index,
            "    Lesson {{ id: {id:?}, forms: Forms {{ acting: {}, topic: {}, payload: {}, \
             filter: {}, sub_qos: {} }}, file: {:?} }},",
            s("acting"),
            s("topic"),
            s("payload"),
            s("filter"),
            f["sub_qos"].as_u64().unwrap_or(0),
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default(),
        )
        .unwrap();
        writeln!(
            scenarios,
            "        {id:?} => include_str!({:?}),",
            scenario.display().to_string()
        )
        .unwrap();
        let source = std::fs::canonicalize(path).expect("the file exists");
        writeln!(
            texts,
            "        {id:?} => include_str!({:?}),",
            source.display().to_string()
        )
        .unwrap();
    }
    index.push_str("];\n\n");
    index.push_str(
        "/// A built-in lesson's whole file (only tests and tools reach it: the page fetches it).\n\
         fn file_text(id: &str) -> Option<&'static str> {\n    Some(match id {\n",
    );
    index.push_str(&texts);
    index.push_str("        _ => return None,\n    })\n}\n");
    index.push_str(
        "\n/// A built-in lesson's starting scenario, as JSON (out of [`LESSONS`]: its text comes\n\
         /// with the code that opens a lesson, not with the first download).\n\
         fn scenario_text(id: &str) -> &'static str {\n    match id {\n",
    );
    index.push_str(&scenarios);
    index.push_str("        _ => \"{}\",\n    }\n}\n");
    std::fs::write(Path::new(&out).join("lessons.rs"), index).expect("OUT_DIR is writable");
}
