//! The class view's texts (setup, student join, teacher table). They are only read by the
//! class part, so they travel with its lazily loaded chunk instead of the first load.

use super::{keys, Lang};

keys! {
    /// A key into the class view's catalogue.
    ClassText => class_text;
    /// What the setup is for.
    SetupHint,
    /// The broker address field.
    BrokerField,
    /// The class code field.
    CodeField,
    /// The prefix field.
    PrefixField,
    /// Letting students' devices publish.
    AllowDevices,
    /// The student link.
    StudentLink,
    /// The QR code's description.
    QrLabel,
    /// A link too long for a QR code.
    QrTooLong,
    /// Open the teacher view.
    OpenTeacher,
    /// Copy the student link.
    CopyLink,
    /// Copied.
    Copied,
    /// No password in links.
    NoPasswordInLink,
    /// A public broker.
    PublicWarning,
    /// A class link (the label of its error).
    ClassLink,
    /// A bad class code.
    BadCode,
    /// A bad prefix.
    BadPrefix,
    /// A bad display name.
    BadName,
    /// A bad user name.
    BadUsername,
    /// The join form's hint.
    JoinHint,
    /// Display name field.
    NameField,
    /// User name field (optional).
    UsernameField,
    /// The teacher's user name field.
    TeacherUsername,
    /// Password field.
    PasswordField,
    /// Join button.
    Join,
    /// Leave button.
    Leave,
    /// Connecting.
    Connecting,
    /// No CONNACK in time.
    NoAnswer,
    /// Reconnecting.
    Reconnecting,
    /// Devices shared.
    SharingDevices,
    /// Connect (teacher).
    Connect,
    /// Teacher's hint.
    TeacherHint,
    /// Students heading.
    Students,
    /// No students yet.
    NoStudents,
    /// No student's name has what was typed in the finder.
    NoMatch,
    /// The student column.
    StudentColumn,
    /// The last-seen column.
    LastSeen,
    /// Connected now.
    Online,
    /// Not connected.
    Offline,
    /// A lesson passed.
    Passed,
    /// A lesson not started.
    NotStarted,
    /// What the table's marks mean.
    Legend,
    /// Progress that cannot be read.
    Unreadable,
    /// The topic tree heading.
    Topics,
    /// No device topics yet.
    NoTopics,
    /// Just now.
    JustNow,
    /// The table's order.
    SortBy,
    /// By name.
    SortName,
    /// By progress (most lessons passed first).
    SortProgress,
    /// Find a student by name.
    FindStudent,
    /// The panel of the misconceptions the class showed.
    Misconceptions,
    /// No misconception shown yet.
    NoMisconceptions,
}

/// Messages with values, each sentence whole in each language.
pub enum ClassMsg<'a> {
    /// The join card's title.
    JoinTitle(&'a str),
    /// Joined as a name.
    Joined(&'a str, &'a str),
    /// The teacher view's title.
    TeacherTitle(&'a str),
    /// How many students.
    StudentCount(usize),
    /// Open now: goals met of all.
    Current(u32, u32),
    /// Tried: goals met of all.
    Tried(u32, u32),
    /// Questions right at the first answer, of those answered.
    Answers(u32, u32),
    /// How many students showed a misconception.
    Showed(usize),
    /// Minutes ago.
    MinutesAgo(u64),
    /// Hours ago.
    HoursAgo(u64),
    /// Days ago.
    DaysAgo(u64),
}

impl ClassMsg<'_> {
    /// The sentence in a language.
    pub fn render(&self, lang: Lang) -> String {
        in_language!(lang, class_msg(self))
    }
}

/// How long ago a time was, in words (`now` and `then` in milliseconds).
pub fn ago(now: u64, then: u64, lang: Lang) -> String {
    let s = now.saturating_sub(then) / 1000;
    match s {
        0..60 => lang.t(ClassText::JustNow).to_string(),
        60..3600 => ClassMsg::MinutesAgo(s / 60).render(lang),
        3600..86400 => ClassMsg::HoursAgo(s / 3600).render(lang),
        _ => ClassMsg::DaysAgo(s / 86400).render(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_text_has_both_languages() {
        for k in ClassText::ALL {
            for &lang in Lang::ALL {
                assert!(!lang.t(*k).trim().is_empty(), "{k:?} empty in {lang}");
            }
        }
        assert_ne!(Lang::Es.t(ClassText::Join), Lang::En.t(ClassText::Join));
    }

    #[test]
    fn times_read_as_words() {
        assert_eq!(ago(10_000, 9_000, Lang::En), "just now");
        assert_eq!(ago(10_000, 20_000, Lang::Es), "hace un momento");
        assert_eq!(ago(5 * 60_000, 0, Lang::Es), "hace 5 min");
        assert_eq!(ago(2 * 3_600_000, 0, Lang::En), "2 h ago");
        assert_eq!(ago(86_400_000, 0, Lang::Es), "hace 1 día");
        assert_eq!(ClassMsg::StudentCount(1).render(Lang::En), "1 student");
    }
}
