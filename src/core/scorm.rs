//! SCORM 1.2: what the page reports to a learning platform (score, session time) and the
//! package's `imsmanifest.xml`, one SCO per lesson (`scripts/scorm.sh` writes the package).

use std::fmt::Write;

/// The launch address of a lesson's SCO, relative to the package root.
pub fn launch(lesson: &str) -> String {
    format!("index.html?lesson={lesson}&embed=1")
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
    for (id, name) in lessons {
        let _ = writeln!(
            m,
            "      <item identifier=\"item-{id}\" identifierref=\"sco-{id}\"><title>{}</title></item>",
            escape(name)
        );
    }
    m.push_str("    </organization>\n  </organizations>\n  <resources>\n");
    for (id, _) in lessons {
        let _ = writeln!(
            m,
            "    <resource identifier=\"sco-{id}\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"{}\">\n      <file href=\"index.html\"/>\n      <dependency identifierref=\"app\"/>\n    </resource>",
            escape(&launch(id))
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
