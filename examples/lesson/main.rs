//! The author's check of a lesson file: `cargo run --example lesson -- check FILE.json
//! [--lang es|en]`. It reads and checks the file (an error names its field), makes sure every
//! text is written in Spanish and English (a teacher's lesson: in each language it has
//! begun, at least one), walks the lesson with its own solution, and prints
//! `lesson ID: N steps, P predictions, passes with its solution` — or why not, exiting with 1.

use std::process::ExitCode;

use mqtt_playground::core::sim::lessons::file::LessonFile;
use mqtt_playground::core::sim::lessons::lesson;
use mqtt_playground::core::sim::lessons::progress::play_solution;
use mqtt_playground::i18n::steps::{walk_why, StepMsg};
use mqtt_playground::i18n::Lang;

/// The content languages every shipped lesson is written in.
const LANGUAGES: [&str; 2] = ["es", "en"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = match args.iter().position(|a| a == "--lang") {
        Some(i) if args.get(i + 1).map(String::as_str) == Some("es") => Lang::Es,
        _ => Lang::En,
    };
    let [command, path, ..] = args.as_slice() else {
        eprintln!("usage: cargo run --example lesson -- check FILE.json [--lang es|en]");
        return ExitCode::from(2);
    };
    if command != "check" {
        eprintln!("usage: cargo run --example lesson -- check FILE.json [--lang es|en]");
        return ExitCode::from(2);
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let file = match LessonFile::from_json(&text) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {}", e.render(lang));
            return ExitCode::FAILURE;
        }
    };
    // A shipped lesson is written in every language; a teacher's, in those it has begun.
    let languages: Vec<&str> = if lesson(&file.id).is_some() {
        LANGUAGES.to_vec()
    } else {
        (LANGUAGES.into_iter())
            .filter(|l| file.text.contains_key(*l))
            .collect()
    };
    let missing = if languages.is_empty() {
        file.missing_languages(&LANGUAGES[..1])
    } else {
        file.missing_languages(&languages)
    };
    if !missing.is_empty() {
        for e in missing {
            eprintln!("{path}: {}", e.render(lang));
        }
        return ExitCode::FAILURE;
    }
    match play_solution(&file) {
        Ok(walk) => {
            let msg = StepMsg::Checked {
                id: &file.id,
                steps: walk.steps,
                predictions: walk.predictions,
            };
            println!("{}", msg.render(lang));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let why = walk_why(&e, lang);
            eprintln!(
                "{}",
                StepMsg::Fails {
                    id: &file.id,
                    why: &why
                }
                .render(lang)
            );
            ExitCode::FAILURE
        }
    }
}
