//! The author's check of a lesson file: `cargo run --example lesson -- check FILE.json
//! [--lang es|en]`. It reads and checks the file (an error names its field), makes sure every
//! text is written in Spanish and English, walks the lesson with its own solution, and prints
//! `lesson ID: N steps, P predictions, passes with its solution` — or why not, exiting with 1.

use std::process::ExitCode;

use mqtt_playground::core::sim::lessons::file::LessonFile;
use mqtt_playground::core::sim::lessons::progress::{play_solution, WalkError};
use mqtt_playground::i18n::steps::StepMsg;
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
    let missing = file.missing_languages(&LANGUAGES);
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
            let why = why(&e, lang);
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

/// Why the walk failed, as a sentence (steps counted from 1, as an author reads them).
fn why(e: &WalkError, lang: Lang) -> String {
    match e {
        WalkError::Scenario(e) => e.render(lang),
        WalkError::PassesIdle => StepMsg::PassesIdle.render(lang),
        WalkError::GoalNotMet(k) => StepMsg::GoalNotMet(k + 1).render(lang),
        WalkError::MetBeforeActing(k) => StepMsg::MetBeforeActing(k + 1).render(lang),
        WalkError::Unanswerable(k, _) => StepMsg::Unanswerable(k + 1).render(lang),
        WalkError::TrapMissed(k, shown) => {
            let names: Vec<&str> = shown.iter().map(|m| m.told(lang).0).collect();
            StepMsg::TrapMissed(k + 1, &names.join(", ")).render(lang)
        }
    }
}
