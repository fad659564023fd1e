//! The connection doctor in words: what is wrong with an address, what happened, and what
//! to try.

use crate::core::codec::{Refusal, Version};
use crate::core::doctor::{Problem as DoctorProblem, UrlError};
use crate::i18n::Diagnosis;
use crate::i18n::Lang;

/// [`crate::i18n::Language::url_error`] in Spanish.
pub(super) fn url_error(error: &UrlError) -> String {
    use UrlError::*;
    match error {
        Tcp => "Un navegador no puede abrir MQTT sobre TCP (puertos 1883/8883): usa la dirección WebSocket del bróker, que empieza por ws:// o wss://.".into(),
        Scheme => "La dirección debe empezar por ws:// o wss:// (por ejemplo wss://broker.hivemq.com:8884/mqtt).".into(),
        Port(p) => format!("«{p}» no es un puerto válido (1 a 65535)."),
        Host => "Falta el nombre del bróker, o tiene caracteres no válidos.".into(),
        Path => "La ruta no puede tener espacios ni #.".into(),
    }
}

/// [`crate::i18n::Language::diagnose`] in Spanish.
pub(super) fn diagnose(problem: &DoctorProblem) -> Diagnosis {
    let d = |what: String, fix: &str| Diagnosis {
        what,
        fix: fix.to_string(),
    };
    match problem {
        DoctorProblem::MixedContent => d(
            "Esta página se abrió con https, y el navegador no deja abrir ws:// (sin cifrar) desde ella (contenido mixto).".into(),
            "Usa la dirección wss:// del bróker (por ejemplo wss://broker.hivemq.com:8884/mqtt).",
        ),
        DoctorProblem::Closed { code: 1006 | 1015, before_open: true, secure } => d(
            format!("No se pudo abrir la conexión WebSocket{}.", if *secure { " segura" } else { "" }),
            if *secure {
                "Comprueba el nombre, el puerto WebSocket seguro (no el 8883 de MQTT), la ruta (/mqtt en HiveMQ y EMQX) y que el servidor acepte el subprotocolo «mqtt». Si el bróker es público, puede estar caído: prueba otro de la lista."
            } else {
                "Comprueba el nombre, el puerto WebSocket (no el 1883 de MQTT), la ruta (/mqtt en HiveMQ y EMQX) y que el servidor acepte el subprotocolo «mqtt». Si el bróker es público, puede estar caído: prueba otro de la lista."
            },
        ),
        DoctorProblem::Closed { code, before_open, .. } => {
            let what = match code {
                1000 => "El bróker cerró la conexión normalmente.",
                1001 => "El bróker se está apagando o reiniciando.",
                1002 => "El bróker cerró por un error de protocolo WebSocket.",
                1003 | 1007 => "El bróker no aceptó los datos enviados.",
                1008 => "El bróker rechazó la conexión por su política.",
                1009 => "Un mensaje era demasiado grande para el bróker.",
                1011 => "El bróker tuvo un error interno.",
                _ => "La conexión se cortó sin aviso.",
            };
            let fix = if *before_open {
                "Revisa la ruta (/mqtt) y que el bróker admita el subprotocolo «mqtt»."
            } else {
                "Se volverá a conectar solo; si se repite, revisa la red o el bróker."
            };
            d(
                format!("{what} (código {code})"),
                fix,
            )
        }
        DoctorProblem::Refused { code, version } => {
            let (what, fix) = refusal(code.refusal(*version), *version);
            d(
                format!("{what} (CONNACK {:#04x})", code.0),
                fix,
            )
        }
        DoctorProblem::SubscribeDenied { filter } => d(
            format!("El bróker no te deja suscribirte a «{filter}» (no autorizado)."),
            "Tu usuario no tiene permiso de lectura en ese tema (ACL). Pide acceso o usa un tema permitido.",
        ),
        DoctorProblem::PublishDenied { topic, code } => d(
            format!("El bróker no aceptó tu mensaje en «{topic}» (código {:#04x}).", code.0),
            "Probablemente tu usuario no puede escribir en ese tema (ACL). En MQTT 3.1.1 el bróker lo descarta en silencio.",
        ),
        DoctorProblem::ClosedBeforeConnack { version: Version::V5 } => d(
            "El bróker cerró la conexión sin responder a tu CONNECT de MQTT 5: así lo hacen algunos brókeres que solo hablan MQTT 3.1.1.".to_string(),
            "Elige 3.1.1 en «Versión MQTT» y vuelve a conectar.",
        ),
        DoctorProblem::ClosedBeforeConnack { .. } => d(
            "El bróker cerró la conexión sin responder a tu CONNECT.".to_string(),
            "Comprueba que la dirección es la de un bróker MQTT (puerto y ruta) y que admite clientes anónimos o tu usuario; si se repite, prueba con MQTT 5.",
        ),
        DoctorProblem::NoAnswer { seconds } => d(
            format!("El bróker no respondió al CONNECT en {seconds} s."),
            "La WebSocket se abrió pero no habla MQTT: revisa la ruta, o que sea un bróker MQTT. Puede estar saturado: prueba más tarde.",
        ),
        DoctorProblem::Malformed { error } => d(
            format!("El bróker envió datos que no son MQTT válido: {}", error.message(Lang::Es)),
            "¿Es de verdad un bróker MQTT? Prueba la otra versión del protocolo (3.1.1 / 5).",
        ),
    }

}

/// A refused CONNECT's meaning and fix.
fn refusal(refusal: Refusal, version: Version) -> (&'static str, &'static str) {
    match (refusal, version) {
        (Refusal::UnsupportedVersion, Version::V5) => (
            "El bróker no habla MQTT 5: rechazó la versión (algunos, como aedes, solo hablan MQTT 3.1.1).",
            "Elige 3.1.1 en «Versión MQTT» y vuelve a conectar: todo lo de este curso funciona con 3.1.1.",
        ),
        (Refusal::UnsupportedVersion, Version::V311) => (
            "El bróker no admite MQTT 3.1.1.",
            "Elige 5 en «Versión MQTT» y vuelve a conectar.",
        ),
        (Refusal::ClientIdRejected, _) => (
            "El bróker rechazó el identificador de cliente.",
            "Usa un identificador más corto, solo con letras y números, o déjalo vacío.",
        ),
        (Refusal::Unavailable, _) => (
            "El bróker no está disponible ahora.",
            "Espera un poco y vuelve a intentarlo, o usa otro bróker.",
        ),
        (Refusal::BadCredentials, _) => (
            "Usuario o contraseña incorrectos.",
            "Revisa el usuario y la contraseña (distinguen mayúsculas).",
        ),
        (Refusal::NotAuthorized, _) => (
            "No autorizado: este bróker no te deja conectar así.",
            "Hace falta usuario y contraseña (o los dados no valen). Pídelos a quien administra el bróker.",
        ),
        (Refusal::Banned, _) => (
            "El bróker te ha vetado.",
            "Habla con quien administra el bróker.",
        ),
        (Refusal::PacketTooLarge, _) => (
            "El paquete CONNECT es demasiado grande para el bróker.",
            "Acorta la última voluntad o las propiedades.",
        ),
        _ => (
            "El bróker rechazó la conexión.",
            "Revisa los datos de conexión; el código indica el motivo.",
        ),
    }
}
