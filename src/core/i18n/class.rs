//! The class view's texts (setup, student join, teacher table). They are only read by the
//! class part, so they travel with its lazily loaded chunk instead of the first load.

use super::{catalogue, Lang};

catalogue! {
    /// A key into the class view's catalogue.
    ClassText;
    /// What the setup is for.
    SetupHint => {
        es: "Elige un bróker y un código de clase. Tus alumnos abren el enlace (o el código QR), escriben su nombre y ves su progreso en directo.",
        en: "Choose a broker and a class code. Your students open the link (or the QR code), type their name, and you see their progress live.",
    },
    /// The broker address field.
    BrokerField => { es: "Dirección del bróker (wss://…, o ws:// en la red del centro)", en: "Broker address (wss://…, or ws:// on the school network)" },
    /// The class code field.
    CodeField => { es: "Código de clase", en: "Class code" },
    /// The prefix field.
    PrefixField => { es: "Prefijo de los temas", en: "Topic prefix" },
    /// Letting students' devices publish.
    AllowDevices => {
        es: "Los dispositivos virtuales de los alumnos publican también en el bróker",
        en: "Students' virtual devices also publish to the broker",
    },
    /// The student link.
    StudentLink => { es: "Enlace para los alumnos", en: "Link for the students" },
    /// The QR code's description.
    QrLabel => { es: "Código QR del enlace para los alumnos", en: "QR code of the link for the students" },
    /// A link too long for a QR code.
    QrTooLong => { es: "El enlace es demasiado largo para un código QR.", en: "The link is too long for a QR code." },
    /// Open the teacher view.
    OpenTeacher => { es: "Abrir la vista del profesor", en: "Open the teacher view" },
    /// Copy the student link.
    CopyLink => { es: "Copiar enlace", en: "Copy link" },
    /// Copied.
    Copied => { es: "Copiado.", en: "Copied." },
    /// No password in links.
    NoPasswordInLink => {
        es: "El enlace no lleva contraseñas: cada alumno escribe la suya si el bróker la pide.",
        en: "The link carries no password: each student types theirs if the broker asks for one.",
    },
    /// A public broker.
    PublicWarning => {
        es: "Bróker público: cualquiera en Internet puede leer lo que publica la clase. El prefijo es al azar; no escribáis datos personales.",
        en: "Public broker: anyone on the Internet can read what the class publishes. The prefix is random; do not write personal data.",
    },
    /// A class link (the label of its error).
    ClassLink => { es: "Enlace de clase", en: "Class link" },
    /// A bad class code.
    BadCode => { es: "El código de clase lleva de 1 a 16 letras, cifras, - o _.", en: "A class code has 1 to 16 letters, digits, - or _." },
    /// A bad prefix.
    BadPrefix => {
        es: "El prefijo debe ser un tema sin comodines (+ #), sin niveles vacíos y sin $ al principio.",
        en: "The prefix must be a topic without wildcards (+ #), empty levels or a leading $.",
    },
    /// A bad display name.
    BadName => { es: "Tu nombre lleva de 1 a 32 caracteres.", en: "Your name has 1 to 32 characters." },
    /// A bad user name.
    BadUsername => {
        es: "El usuario no puede estar vacío ni llevar /, + o #.",
        en: "The user name cannot be empty nor contain /, + or #.",
    },
    /// The join form's hint.
    JoinHint => {
        es: "Escribe tu nombre para unirte. Tu profesor verá qué lecciones superas y cuántos objetivos llevas.",
        en: "Type your name to join. Your teacher will see which lessons you pass and how many goals you have met.",
    },
    /// Display name field.
    NameField => { es: "Tu nombre", en: "Your name" },
    /// User name field (optional).
    UsernameField => { es: "Usuario (si tu profesor te dio uno)", en: "User name (if your teacher gave you one)" },
    /// The teacher's user name field.
    TeacherUsername => { es: "Usuario (si el bróker lo pide)", en: "User name (if the broker asks for one)" },
    /// Password field.
    PasswordField => { es: "Contraseña", en: "Password" },
    /// Join button.
    Join => { es: "Unirme a la clase", en: "Join the class" },
    /// Leave button.
    Leave => { es: "Salir de la clase", en: "Leave the class" },
    /// Connecting.
    Connecting => { es: "Conectando con el bróker de la clase…", en: "Connecting to the class broker…" },
    /// No CONNACK in time.
    NoAnswer => { es: "El bróker no respondió a tiempo.", en: "The broker did not answer in time." },
    /// Reconnecting.
    Reconnecting => {
        es: "Se perdió la conexión con el bróker: reintentando. Tu progreso se enviará al volver.",
        en: "The connection to the broker was lost: retrying. Your progress will be sent when it is back.",
    },
    /// Devices shared.
    SharingDevices => {
        es: "Tus dispositivos virtuales publican también en el bróker de la clase.",
        en: "Your virtual devices also publish to the class broker.",
    },
    /// Connect (teacher).
    Connect => { es: "Conectar", en: "Connect" },
    /// Teacher's hint.
    TeacherHint => {
        es: "La tabla se llena con el progreso que cada alumno deja retenido en el bróker: si el bróker se reinicia o llegas tarde, vuelve entera.",
        en: "The table fills from the progress each student leaves retained on the broker: if the broker restarts or you arrive late, it comes back whole.",
    },
    /// Students heading.
    Students => { es: "Alumnos", en: "Students" },
    /// No students yet.
    NoStudents => { es: "Todavía no hay alumnos. Comparte el enlace.", en: "No students yet. Share the link." },
    /// The student column.
    StudentColumn => { es: "Alumno", en: "Student" },
    /// The last-seen column.
    LastSeen => { es: "Visto por última vez", en: "Last seen" },
    /// Connected now.
    Online => { es: "conectado", en: "online" },
    /// Not connected.
    Offline => { es: "desconectado", en: "offline" },
    /// A lesson passed.
    Passed => { es: "superada", en: "passed" },
    /// A lesson not started.
    NotStarted => { es: "sin empezar", en: "not started" },
    /// Progress that cannot be read.
    Unreadable => { es: "progreso ilegible", en: "unreadable progress" },
    /// The topic tree heading.
    Topics => { es: "Temas de la clase", en: "The class's topics" },
    /// No device topics yet.
    NoTopics => { es: "Ningún dispositivo ha publicado todavía.", en: "No device has published yet." },
    /// Just now.
    JustNow => { es: "hace un momento", en: "just now" },
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
        use ClassMsg::*;
        match (self, lang) {
            (JoinTitle(c), Lang::Es) => format!("Clase {c}"),
            (JoinTitle(c), Lang::En) => format!("Class {c}"),
            (Joined(n, c), Lang::Es) => format!(
                "Estás en la clase {c} como «{n}». Tu progreso se comparte con tu profesor."
            ),
            (Joined(n, c), Lang::En) => {
                format!("You are in class {c} as “{n}”. Your progress is shared with your teacher.")
            }
            (TeacherTitle(c), Lang::Es) => format!("Clase {c}: vista del profesor"),
            (TeacherTitle(c), Lang::En) => format!("Class {c}: teacher view"),
            (StudentCount(1), Lang::Es) => "1 alumno".into(),
            (StudentCount(n), Lang::Es) => format!("{n} alumnos"),
            (StudentCount(1), Lang::En) => "1 student".into(),
            (StudentCount(n), Lang::En) => format!("{n} students"),
            (Current(m, a), Lang::Es) => format!("en curso: {m} de {a} objetivos"),
            (Current(m, a), Lang::En) => format!("in progress: {m} of {a} goals"),
            (Tried(m, a), Lang::Es) => format!("{m} de {a} objetivos"),
            (Tried(m, a), Lang::En) => format!("{m} of {a} goals"),
            (MinutesAgo(n), Lang::Es) => format!("hace {n} min"),
            (MinutesAgo(n), Lang::En) => format!("{n} min ago"),
            (HoursAgo(n), Lang::Es) => format!("hace {n} h"),
            (HoursAgo(n), Lang::En) => format!("{n} h ago"),
            (DaysAgo(1), Lang::Es) => "hace 1 día".into(),
            (DaysAgo(n), Lang::Es) => format!("hace {n} días"),
            (DaysAgo(1), Lang::En) => "1 day ago".into(),
            (DaysAgo(n), Lang::En) => format!("{n} days ago"),
        }
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
            for lang in Lang::ALL {
                assert!(!k.in_lang(lang).trim().is_empty(), "{k:?} empty in {lang}");
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
