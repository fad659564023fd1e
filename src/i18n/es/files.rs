//! Files in words: what is wrong in a scenario, link or action, and what a capture says.

use crate::core::json_read::{Expected, Found, Problem};
use crate::core::pcap::{CaptureError, CaptureNote, MAX_FILE_BYTES};
use crate::core::pcap::export::Comment;
use crate::core::pcap::opened::Story;
use crate::core::pcap::read::mib;
use crate::core::scenario::FORMAT_VERSION;
use crate::core::sim::share::SHARE_VERSION;
use crate::i18n::Lang;

/// [`crate::i18n::Language::capture_error`] in Spanish.
pub(super) fn capture_error(error: &CaptureError) -> String {
    match error {
        CaptureError::TooLarge { bytes } => format!(
            "El archivo ocupa {} MB y el máximo es {} MB. En Wireshark, guarda solo los \
             paquetes MQTT (filtro «mqtt», Archivo › Exportar paquetes especificados).",
            mib(*bytes),
            mib(MAX_FILE_BYTES)
        ),
        CaptureError::Empty => "El archivo está vacío.".into(),
        CaptureError::NotACapture => {
            "No es una captura: se esperaba un archivo .pcap o .pcapng como los que guardan \
             Wireshark o tcpdump."
                .into()
        }
        CaptureError::LinkType(t) => format!(
            "La captura usa un tipo de enlace que no se puede leer aquí ({t}); captura en \
             una interfaz Ethernet, Wi-Fi o «lo»."
        ),
        CaptureError::NoTcp { frames } => {
            format!(
                "La captura tiene {frames} tramas, pero ninguna es TCP: MQTT viaja sobre TCP."
            )
        }
        CaptureError::NoMqtt { streams, tls: 0 } => format!(
            "Hay {streams} conexiones TCP, pero ninguna lleva MQTT (se busca un CONNECT o \
             el puerto 1883)."
        ),
        CaptureError::NoMqtt { streams, tls } => format!(
            "Hay {streams} conexiones TCP; {tls} van al puerto 8883, cifradas con TLS, y no \
             se pueden leer. Captura en el puerto 1883 para ver los paquetes."
        ),
    }
}

/// [`crate::i18n::Language::capture_note`] in Spanish.
pub(super) fn capture_note(note: &CaptureNote) -> String {
    match note {
        CaptureNote::Gap {
            stream,
            to_server,
            missing,
        } => format!(
            "Conexión {}: faltan {missing} bytes {} (no se capturaron); lo que sigue puede \
             empezar a mitad de un paquete.",
            stream + 1,
            if *to_server {
                "del cliente al bróker"
            } else {
                "del bróker al cliente"
            }
        ),
        CaptureNote::Truncated { frames } => format!(
            "El archivo está cortado: termina a mitad de una trama. Se leyeron {frames} \
             tramas completas."
        ),
        CaptureNote::Snapped { frames } => format!(
            "{frames} tramas se guardaron recortadas (límite de captura): les falta el final."
        ),
        CaptureNote::Unreadable { stream, bytes } => format!(
            "Conexión {}: {bytes} bytes no forman un paquete MQTT y se saltan.",
            stream + 1
        ),
        CaptureNote::Tls { streams } => format!(
            "{streams} conexiones van al puerto 8883, cifradas con TLS: no se pueden leer."
        ),
        CaptureNote::TooMany { shown, total } => {
            format!("Se muestran los primeros {shown} de {total} paquetes MQTT.")
        }
    }
}

/// [`crate::i18n::Language::capture_comment`] in Spanish.
pub(super) fn capture_comment(comment: &Comment) -> String {
    match comment {
        Comment::Opens { device, tls: false } => {
            format!("«{device}» abre una conexión TCP con el bróker (puerto 1883)")
        }
        Comment::Opens { device, tls: true } => format!(
            "«{device}» abre una conexión con el bróker en el puerto 8883 (TLS): aquí se \
             muestra descifrada en el puerto 1883"
        ),
        Comment::Tls => {
            "Puerto 8883: en la red va cifrado con TLS; se muestra descifrado".into()
        }
        Comment::Lost => {
            "Perdido en el enlace: no llega al otro extremo y TCP lo reenvía".into()
        }
        Comment::RealClient => {
            "Cliente real: MQTT viajó sobre WebSocket; aquí se muestra sobre TCP".into()
        }
        Comment::File { real: false } => {
            "MQTT Playground: una ejecución simulada; los tiempos son del reloj virtual".into()
        }
        Comment::File { real: true } => {
            "MQTT Playground: paquetes del cliente real con un bróker real".into()
        }
    }
}

/// [`crate::i18n::Language::problem`] in Spanish.
pub(super) fn problem(problem: &Problem) -> String {
    use Problem::*;
    match problem {
        NotJson { line, column } => {
            format!("no es JSON válido (línea {line}, columna {column})")
        }
        WrongType { found, expected } => {
            let found = match found {
                Found::Null => "null".to_string(),
                Found::Bool(b) => format!("el booleano {b}"),
                Found::Number(n) => format!("el número {n}"),
                Found::Text(t) => format!("el texto {t}"),
                Found::List => "una lista".to_string(),
                Found::Object => "un objeto".to_string(),
            };
            let expected = match expected {
                Expected::Text => "un texto".to_string(),
                Expected::Bool => "true o false".to_string(),
                Expected::Number => "un número".to_string(),
                Expected::WholeUpTo(max) => format!("un número entero de 0 a {max}"),
                Expected::List => "una lista".to_string(),
                Expected::Object => "un objeto".to_string(),
            };
            format!("tipo no válido: {found}; se esperaba {expected}")
        }
        TooLarge { value, max } => format!("{value} es demasiado grande (como mucho {max})"),
        UnknownField { field, expected } => {
            format!("campo desconocido `{field}`; se esperaba uno de {expected}")
        }
        UnknownName { name, expected } => {
            format!("valor desconocido `{name}`; se esperaba uno de {expected}")
        }
        Missing { field } => format!("falta el campo `{field}`"),
        Topic(e) => super::topics::topic_error(e),
        NoSuchQoS(q) => format!("QoS {q} no existe: usa 0, 1 o 2"),
        IntervalTooShort => "el intervalo debe ser de al menos 10 ms".into(),
        Port(p) => format!("puerto {p}: usa 1883 (sin cifrar) o 8883 (TLS)"),
        LossRange => "la pérdida es una probabilidad entre 0 y 1".into(),
        LatencyRange => "latencia y variación: como mucho 60 000 ms".into(),
        ZeroReceiveMaximum => "0 no está permitido (de 1 a 65535)".into(),
        DamagedLink(why) => format!(
            "el enlace compartido está dañado o incompleto ({})",
            why.render(Lang::Es)
        ),
        NoSuchLesson(id) => format!("no hay ninguna lección «{id}» en esta versión"),
        StillOpening => "Espera: la ejecución compartida todavía se está abriendo.".into(),
        FormatVersionMissing => format!(
            "falta el número de versión del formato (esta aplicación lee la versión {FORMAT_VERSION})"
        ),
        FormatVersion(v) => format!(
            "la versión {v} del formato no está soportada (esta aplicación lee la versión {FORMAT_VERSION})"
        ),
        QuizOptions => "una pregunta necesita dos opciones o más".into(),
        QuizNoRightOption => "ninguna opción de la pregunta está marcada como correcta".into(),
        BadLessonId => "el identificador de la lección debe ser una sola palabra de letras, cifras, - y _ (hasta 40)".into(),
        TextTooLong(n) => format!("el texto es demasiado largo (como mucho {n} caracteres)"),
        EmptyName => "el nombre no puede estar vacío".into(),
        DuplicateName(n) => format!("ya hay otro dispositivo llamado «{n}»"),
        BadClientId => "el identificador de cliente no es válido".into(),
        DuplicateClientId(id) => format!(
            "otro dispositivo ya usa el identificador «{id}»: se echarían mutuamente del bróker"
        ),
        ModelRange => "los números deben ser finitos y min ≤ max".into(),
        NoSuchDevice(n) => format!("no hay ningún dispositivo llamado «{n}»"),
        LinkVersion(v) => format!(
            "este enlace es de otra versión ({v}); esta aplicación lee la {SHARE_VERSION}"
        ),
    }
}

/// [`crate::i18n::Language::capture_story`] in Spanish.
pub(super) fn capture_story(story: &Story) -> String {
    use Story::*;
    match story {
        Summary {
            packets,
            connections,
            frames,
        } => format!("{packets} paquetes MQTT en {connections} conexiones ({frames} tramas en el archivo)."),
        Published { from, topic, to } if to.is_empty() => format!(
            "«{from}» publicó en «{topic}». En esta captura el bróker no se lo envía a nadie."
        ),
        Published { from, topic, to } => {
            format!("«{from}» publicó en «{topic}»; el bróker se lo envió a: {to}.")
        }
        Delivered {
            to,
            from: Some((from, frame)),
        } => format!("El bróker entrega a «{to}» el mensaje que publicó «{from}» (trama {frame})."),
        Delivered { to, from: None } => format!(
            "El bróker entrega este mensaje a «{to}»; quién lo publicó no está en la captura \
             (un retenido, un testamento, o antes de empezar a capturar)."
        ),
    }
}
