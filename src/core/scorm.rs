//! SCORM 1.2: what the page reports to a learning platform (score, session time) and the
//! package's `imsmanifest.xml`, one SCO per lesson (`scripts/scorm.sh` writes the app's
//! package); [`own_package`] zips a teacher's lesson with the app's files (the builder).

use std::fmt::Write;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::core::sim::lessons::LessonFile;

/// The launch address of a lesson's SCO, relative to the package root.
pub fn launch(lesson: &str) -> String {
    format!("index.html?lesson={lesson}&embed=1")
}

/// Where a teacher's lesson sits in its package (the page reads it from `?lessonfile=`).
pub const OWN_LESSON: &str = "lesson.json";

/// The launch address of a teacher's lesson in its own package.
pub fn own_launch(lesson: &str) -> String {
    format!("index.html?lesson={lesson}&embed=1&lessonfile={OWN_LESSON}")
}

/// A teacher's lesson as a SCORM 1.2 package (zip bytes): the app's `files` (path, bytes),
/// the lesson file (passwords removed, as every export) and a manifest with one SCO titled
/// `title`. Deterministic: the same files give the same bytes.
pub fn own_package(
    lesson: &LessonFile,
    title: &str,
    files: Vec<(String, Vec<u8>)>,
) -> Result<Vec<u8>, String> {
    let names: Vec<String> = (files.iter().map(|(n, _)| n.clone()))
        .chain([OWN_LESSON.to_string()])
        .collect();
    let sco = (lesson.id.as_str(), title, own_launch(&lesson.id));
    let manifest = write_manifest(title, &[sco], &names);
    let own = [
        ("imsmanifest.xml".to_string(), manifest.into_bytes()),
        (OWN_LESSON.to_string(), lesson.to_json().into_bytes()),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6));
    for (name, bytes) in own.into_iter().chain(files) {
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(&bytes).map_err(Into::into))
            .map_err(|e| format!("{name}: {e}"))?;
    }
    zip.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

/// A score from 0 to 100: goals met and questions right at their first answer, out of the
/// goals and the questions answered (0 when there are none).
pub fn score(goals: &[bool], right: u32, answered: u32) -> u32 {
    let met = goals.iter().filter(|g| **g).count() as u32 + right;
    let all = goals.len() as u32 + answered;
    match all {
        0 => 0,
        all => (met.min(all) * 100 + all / 2) / all,
    }
}

/// `cmi.core.session_time`: a CMITimespan, `HHHH:MM:SS.SS` (hours 2 to 4 digits).
pub fn session_time(millis: u64) -> String {
    let centis = millis / 10;
    let hours = (centis / 360_000).min(9999);
    let minutes = centis / 6000 % 60;
    let seconds = centis / 100 % 60;
    format!("{hours:02}:{minutes:02}:{seconds:02}.{:02}", centis % 100)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The manifest of a package: each lesson (id, title) a SCO launching [`launch`], all of them
/// depending on one asset resource that lists every file of the app.
pub fn manifest(title: &str, lessons: &[(&str, &str)], files: &[String]) -> String {
    let scos: Vec<_> = (lessons.iter())
        .map(|&(id, name)| (id, name, launch(id)))
        .collect();
    write_manifest(title, &scos, files)
}

/// The manifest of SCOs (id, title, launch address) over the app's `files`.
fn write_manifest(title: &str, scos: &[(&str, &str, String)], files: &[String]) -> String {
    let mut m = String::new();
    m.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<manifest identifier="mqtt-playground" version="1.0""#,
        "\n",
        r#"  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2""#,
        "\n",
        r#"  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">"#,
        "\n",
        "  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n",
        "  <organizations default=\"org\">\n",
        "    <organization identifier=\"org\">\n",
    ));
    let _ = writeln!(m, "      <title>{}</title>", escape(title));
    for (id, name, _) in scos {
        let _ = writeln!(
            m,
            "      <item identifier=\"item-{id}\" identifierref=\"sco-{id}\"><title>{}</title></item>",
            escape(name)
        );
    }
    m.push_str("    </organization>\n  </organizations>\n  <resources>\n");
    for (id, _, href) in scos {
        let _ = writeln!(
            m,
            "    <resource identifier=\"sco-{id}\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"{}\">\n      <file href=\"index.html\"/>\n      <dependency identifierref=\"app\"/>\n    </resource>",
            escape(href)
        );
    }
    m.push_str("    <resource identifier=\"app\" type=\"webcontent\" adlcp:scormtype=\"asset\">\n");
    for f in files {
        let _ = writeln!(m, "      <file href=\"{}\"/>", escape(f));
    }
    m.push_str("    </resource>\n  </resources>\n</manifest>\n");
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_and_times_are_in_scorm_12_formats() {
        assert_eq!(score(&[true, false, true], 0, 0), 67);
        assert_eq!(score(&[true, true], 0, 0), 100);
        assert_eq!(score(&[], 0, 0), 0);
        // Two goals met, one prediction of two right: 3 of 4.
        assert_eq!(score(&[true, true], 1, 2), 75);
        assert_eq!(session_time(0), "00:00:00.00");
        assert_eq!(session_time(83_456), "00:01:23.45");
        assert_eq!(session_time(36_000_000 + 61_000), "10:01:01.00");
        assert!(session_time(u64::MAX).starts_with("9999:"));
    }

    #[test]
    fn a_teachers_package_holds_the_app_its_lesson_and_a_manifest_naming_them() {
        let text = include_str!("../../lessons/01-pubsub.json");
        let mut lesson = LessonFile::from_json(text).expect("lesson 1 reads");
        lesson.id = "mi-leccion".into();
        let app = vec![
            ("index.html".to_string(), b"<!doctype html>".to_vec()),
            ("app_bg.wasm".to_string(), vec![0; 50_000]),
        ];
        let bytes = own_package(&lesson, "Mi <lección>", app.clone()).expect("zipped");
        assert_eq!(own_package(&lesson, "Mi <lección>", app).unwrap(), bytes);
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).expect("a zip");
        let mut read = |name: &str| {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut zip.by_name(name).expect(name), &mut out).unwrap();
            out
        };
        assert_eq!(read("app_bg.wasm"), vec![0; 50_000]);
        assert_eq!(read("index.html"), b"<!doctype html>");
        let own = String::from_utf8(read(OWN_LESSON)).unwrap();
        assert_eq!(LessonFile::from_json(&own).unwrap().id, "mi-leccion");
        let manifest = String::from_utf8(read("imsmanifest.xml")).unwrap();
        assert!(manifest.contains(
            r#"href="index.html?lesson=mi-leccion&amp;embed=1&amp;lessonfile=lesson.json""#
        ));
        assert!(manifest.contains("<title>Mi &lt;lección&gt;</title>"));
        for file in ["index.html", "app_bg.wasm", OWN_LESSON] {
            assert!(
                manifest.contains(&format!(r#"<file href="{file}"/>"#)),
                "{file}"
            );
        }
        // Deflated: the zeros take far less than they hold.
        assert!(bytes.len() < 5_000, "{} bytes", bytes.len());
    }

    #[test]
    fn the_manifest_names_each_lesson_and_every_file() {
        let files = vec!["index.html".to_string(), "a&b.js".to_string()];
        let m = manifest(
            "MQTT <Playground>",
            &[("publish-subscribe", "1. Publicar")],
            &files,
        );
        assert!(m.contains(r#"href="index.html?lesson=publish-subscribe&amp;embed=1""#));
        assert!(m.contains(r#"adlcp:scormtype="sco""#));
        assert!(m.contains("<title>MQTT &lt;Playground&gt;</title>"));
        assert!(m.contains(r#"<file href="a&amp;b.js"/>"#));
        assert!(m.contains("<schemaversion>1.2</schemaversion>"));
    }
}
