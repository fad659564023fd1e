//! Reason codes (and 3.1.1 return codes) explained: the name and what it means for the client,
//! in each language.

use super::{PacketType, ReasonCode, Version};
use crate::core::i18n::Lang;

/// A code's name and meaning in one language.
type Told = (&'static str, &'static str);

impl ReasonCode {
    /// The name and what it means (what the client should do), in a packet's context.
    pub fn told(self, packet: PacketType, version: Version, lang: Lang) -> Told {
        let es = lang == Lang::Es;
        if let Some(t) = v311(self.0, packet, version, es) {
            return t;
        }
        match (self.0, packet) {
            (0x00, PacketType::SubAck) => pick(
                es,
                (
                    "QoS 0 concedida",
                    "La suscripción vale; los mensajes llegarán con QoS 0.",
                ),
                (
                    "Granted QoS 0",
                    "The subscription holds; messages arrive with QoS 0.",
                ),
            ),
            (0x00, PacketType::Disconnect) => pick(
                es,
                (
                    "Desconexión normal",
                    "Adiós ordenado: el bróker no publica el testamento.",
                ),
                (
                    "Normal disconnection",
                    "An orderly goodbye: the broker does not publish the will.",
                ),
            ),
            (0x00, PacketType::ConnAck) => pick(
                es,
                (
                    "Éxito",
                    "Conexión aceptada: el cliente ya puede publicar y suscribirse.",
                ),
                (
                    "Success",
                    "Connection accepted: the client may publish and subscribe.",
                ),
            ),
            (0x00, _) => pick(
                es,
                ("Éxito", "La operación se hizo."),
                ("Success", "The operation was done."),
            ),
            (code, _) => table(code, es),
        }
    }
}

fn pick(es: bool, a: Told, b: Told) -> Told {
    if es {
        a
    } else {
        b
    }
}

/// MQTT 3.1.1's CONNACK return codes and SUBACK failure.
fn v311(code: u8, packet: PacketType, version: Version, es: bool) -> Option<Told> {
    if version != Version::V311 {
        return None;
    }
    Some(match (packet, code) {
        (PacketType::ConnAck, 0) => pick(
            es,
            (
                "Conexión aceptada",
                "El cliente ya puede publicar y suscribirse.",
            ),
            (
                "Connection accepted",
                "The client may publish and subscribe.",
            ),
        ),
        (PacketType::ConnAck, 1) => pick(
            es,
            (
                "Versión de protocolo inaceptable",
                "El bróker no habla esta versión de MQTT: prueba con otra.",
            ),
            (
                "Unacceptable protocol version",
                "The broker does not speak this MQTT version: try another.",
            ),
        ),
        (PacketType::ConnAck, 2) => pick(
            es,
            (
                "Identificador rechazado",
                "El identificador de cliente no vale aquí: cámbialo.",
            ),
            (
                "Identifier rejected",
                "The client identifier is not allowed here: change it.",
            ),
        ),
        (PacketType::ConnAck, 3) => pick(
            es,
            (
                "Servidor no disponible",
                "El bróker no atiende ahora: vuelve a intentarlo más tarde.",
            ),
            (
                "Server unavailable",
                "The broker cannot serve now: try again later.",
            ),
        ),
        (PacketType::ConnAck, 4) => pick(
            es,
            (
                "Usuario o contraseña incorrectos",
                "Revisa las credenciales.",
            ),
            ("Bad user name or password", "Check the credentials."),
        ),
        (PacketType::ConnAck, 5) => pick(
            es,
            (
                "No autorizado",
                "Este cliente no puede conectarse a este bróker.",
            ),
            (
                "Not authorized",
                "This client may not connect to this broker.",
            ),
        ),
        (PacketType::SubAck, 0x80) => pick(
            es,
            (
                "Fallo",
                "El bróker rechazó este filtro (no válido o no permitido por la ACL).",
            ),
            (
                "Failure",
                "The broker refused this filter (invalid, or not allowed by the ACL).",
            ),
        ),
        _ => return None,
    })
}

/// MQTT 5.0's codes (§2.4), by value.
fn table(code: u8, es: bool) -> Told {
    match code {
        0x01 => pick(
            es,
            (
                "QoS 1 concedida",
                "La suscripción vale; los mensajes llegarán con QoS 1 como mucho.",
            ),
            (
                "Granted QoS 1",
                "The subscription holds; messages arrive with QoS 1 at most.",
            ),
        ),
        0x02 => pick(
            es,
            (
                "QoS 2 concedida",
                "La suscripción vale; los mensajes llegarán con QoS 2 como mucho.",
            ),
            (
                "Granted QoS 2",
                "The subscription holds; messages arrive with QoS 2 at most.",
            ),
        ),
        0x04 => pick(
            es,
            (
                "Desconexión con testamento",
                "El cliente se despide pero pide que se publique su testamento.",
            ),
            (
                "Disconnect with Will Message",
                "The client leaves but asks for its will to be published.",
            ),
        ),
        0x10 => pick(
            es,
            (
                "Ningún suscriptor coincide",
                "Aceptado, pero nadie estaba suscrito a ese tema.",
            ),
            (
                "No matching subscribers",
                "Accepted, but nobody was subscribed to that topic.",
            ),
        ),
        0x11 => pick(
            es,
            (
                "No existía la suscripción",
                "No había nada que anular con ese filtro.",
            ),
            (
                "No subscription existed",
                "There was nothing to unsubscribe with that filter.",
            ),
        ),
        0x18 => pick(
            es,
            (
                "Continuar autenticación",
                "La autenticación ampliada sigue con otro paso.",
            ),
            (
                "Continue authentication",
                "Enhanced authentication goes on with another step.",
            ),
        ),
        0x19 => pick(
            es,
            ("Reautenticar", "El cliente pide autenticarse de nuevo."),
            ("Re-authenticate", "The client asks to authenticate again."),
        ),
        0x80 => pick(
            es,
            (
                "Error sin especificar",
                "Falló, sin más detalle: mira el registro del bróker.",
            ),
            (
                "Unspecified error",
                "It failed, with no detail: look at the broker's log.",
            ),
        ),
        0x81 => pick(
            es,
            (
                "Paquete mal formado",
                "Los bytes no siguen la especificación: el bróker corta la conexión.",
            ),
            (
                "Malformed Packet",
                "The bytes do not follow the specification: the connection is closed.",
            ),
        ),
        0x82 => pick(
            es,
            (
                "Error de protocolo",
                "Un paquete válido llegó cuando no tocaba.",
            ),
            (
                "Protocol Error",
                "A valid packet came when it was not allowed.",
            ),
        ),
        0x83 => pick(
            es,
            (
                "Error de la implementación",
                "El bróker no quiere hacerlo, por una regla suya.",
            ),
            (
                "Implementation specific error",
                "The broker will not do it, by a rule of its own.",
            ),
        ),
        0x84 => pick(
            es,
            (
                "Versión de protocolo no admitida",
                "El bróker no habla esta versión de MQTT: prueba con otra.",
            ),
            (
                "Unsupported Protocol Version",
                "The broker does not speak this MQTT version: try another.",
            ),
        ),
        0x85 => pick(
            es,
            (
                "Identificador de cliente no válido",
                "Cambia el identificador de cliente.",
            ),
            (
                "Client Identifier not valid",
                "Change the client identifier.",
            ),
        ),
        0x86 => pick(
            es,
            (
                "Usuario o contraseña incorrectos",
                "Revisa las credenciales.",
            ),
            ("Bad User Name or Password", "Check the credentials."),
        ),
        0x87 => pick(
            es,
            (
                "No autorizado",
                "La ACL no permite esta operación a este usuario.",
            ),
            (
                "Not authorized",
                "The ACL does not allow this user to do it.",
            ),
        ),
        0x88 => pick(
            es,
            (
                "Servidor no disponible",
                "El bróker no atiende ahora: vuelve a intentarlo más tarde.",
            ),
            (
                "Server unavailable",
                "The broker cannot serve now: try again later.",
            ),
        ),
        0x89 => pick(
            es,
            (
                "Servidor ocupado",
                "El bróker está saturado: espera y reintenta.",
            ),
            ("Server busy", "The broker is overloaded: wait and retry."),
        ),
        0x8A => pick(
            es,
            ("Vetado", "Este cliente tiene prohibida la entrada."),
            ("Banned", "This client is not let in."),
        ),
        0x8B => pick(
            es,
            (
                "El servidor se apaga",
                "El bróker se detiene: reconecta más tarde.",
            ),
            (
                "Server shutting down",
                "The broker is stopping: reconnect later.",
            ),
        ),
        0x8C => pick(
            es,
            (
                "Método de autenticación incorrecto",
                "El bróker no conoce ese método de autenticación.",
            ),
            (
                "Bad authentication method",
                "The broker does not know that authentication method.",
            ),
        ),
        0x8D => pick(
            es,
            (
                "Se agotó el keep-alive",
                "El cliente calló más de 1,5 veces su keep-alive: envía PINGREQ a tiempo.",
            ),
            (
                "Keep Alive timeout",
                "The client was silent for over 1.5 times its keep-alive: send PINGREQ in time.",
            ),
        ),
        0x8E => pick(
            es,
            (
                "Sesión tomada por otro",
                "Otra conexión usó el mismo identificador de cliente.",
            ),
            (
                "Session taken over",
                "Another connection used the same client identifier.",
            ),
        ),
        0x8F => pick(
            es,
            (
                "Filtro de temas no válido",
                "Revisa el filtro: «+» y «#» ocupan un nivel entero, «#» al final.",
            ),
            (
                "Topic Filter invalid",
                "Check the filter: '+' and '#' take a whole level, '#' only at the end.",
            ),
        ),
        0x90 => pick(
            es,
            (
                "Tema no válido",
                "Un tema para publicar no lleva «+» ni «#».",
            ),
            (
                "Topic Name invalid",
                "A topic to publish on has no '+' or '#'.",
            ),
        ),
        0x91 => pick(
            es,
            (
                "Identificador de paquete en uso",
                "Ese número ya espera confirmación: usa otro.",
            ),
            (
                "Packet Identifier in use",
                "That number is still waiting for an acknowledgement: use another.",
            ),
        ),
        0x92 => pick(
            es,
            (
                "Identificador de paquete no encontrado",
                "No había nada pendiente con ese número.",
            ),
            (
                "Packet Identifier not found",
                "Nothing was pending with that number.",
            ),
        ),
        0x93 => pick(
            es,
            (
                "Superado el máximo de recepción",
                "Demasiados QoS 1/2 sin confirmar a la vez: espera los acuses.",
            ),
            (
                "Receive Maximum exceeded",
                "Too many unacknowledged QoS 1/2 messages at once: wait for the acknowledgements.",
            ),
        ),
        0x94 => pick(
            es,
            (
                "Alias de tema no válido",
                "El alias es 0 o supera el máximo acordado.",
            ),
            (
                "Topic Alias invalid",
                "The alias is 0 or above the agreed maximum.",
            ),
        ),
        0x95 => pick(
            es,
            (
                "Paquete demasiado grande",
                "Supera el tamaño máximo acordado: envía menos datos.",
            ),
            (
                "Packet too large",
                "Above the agreed maximum size: send less data.",
            ),
        ),
        0x96 => pick(
            es,
            ("Demasiados mensajes por segundo", "Publica más despacio."),
            ("Message rate too high", "Publish more slowly."),
        ),
        0x97 => pick(
            es,
            (
                "Cuota superada",
                "Se acabó lo permitido a este cliente por ahora.",
            ),
            (
                "Quota exceeded",
                "This client has used up what it is allowed for now.",
            ),
        ),
        0x98 => pick(
            es,
            (
                "Acción administrativa",
                "Un administrador cerró la conexión.",
            ),
            (
                "Administrative action",
                "An administrator closed the connection.",
            ),
        ),
        0x99 => pick(
            es,
            (
                "Formato de contenido no válido",
                "El contenido no es lo que dice su indicador de formato (UTF-8).",
            ),
            (
                "Payload format invalid",
                "The payload is not what its format indicator says (UTF-8).",
            ),
        ),
        0x9A => pick(
            es,
            (
                "Retención no admitida",
                "Este bróker no guarda mensajes retenidos.",
            ),
            (
                "Retain not supported",
                "This broker does not keep retained messages.",
            ),
        ),
        0x9B => pick(
            es,
            (
                "QoS no admitida",
                "Usa una QoS menor: el bróker no admite esta.",
            ),
            (
                "QoS not supported",
                "Use a lower QoS: the broker does not support this one.",
            ),
        ),
        0x9C => pick(
            es,
            (
                "Usa otro servidor",
                "El bróker indica otro al que conectarse por ahora.",
            ),
            (
                "Use another server",
                "The broker names another one to use for now.",
            ),
        ),
        0x9D => pick(
            es,
            (
                "Servidor trasladado",
                "El bróker se mudó a otra dirección para siempre.",
            ),
            (
                "Server moved",
                "The broker has moved to another address for good.",
            ),
        ),
        0x9E => pick(
            es,
            (
                "Suscripciones compartidas no admitidas",
                "Este bróker no admite filtros «$share/…».",
            ),
            (
                "Shared Subscriptions not supported",
                "This broker does not support '$share/…' filters.",
            ),
        ),
        0x9F => pick(
            es,
            (
                "Demasiadas conexiones seguidas",
                "Espera antes de volver a conectar.",
            ),
            ("Connection rate exceeded", "Wait before connecting again."),
        ),
        0xA0 => pick(
            es,
            (
                "Tiempo máximo de conexión",
                "La conexión duró lo máximo permitido.",
            ),
            (
                "Maximum connect time",
                "The connection lasted as long as allowed.",
            ),
        ),
        0xA1 => pick(
            es,
            (
                "Identificadores de suscripción no admitidos",
                "Quita el identificador de suscripción.",
            ),
            (
                "Subscription Identifiers not supported",
                "Remove the subscription identifier.",
            ),
        ),
        0xA2 => pick(
            es,
            (
                "Comodines no admitidos",
                "Este bróker no admite «+» ni «#» en los filtros.",
            ),
            (
                "Wildcard Subscriptions not supported",
                "This broker does not support '+' or '#' in filters.",
            ),
        ),
        _ => pick(
            es,
            (
                "Código desconocido",
                "La especificación no define este código.",
            ),
            (
                "Unknown code",
                "The specification does not define this code.",
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_a_packet_may_carry_is_explained_in_both_languages() {
        let packets = [
            PacketType::ConnAck,
            PacketType::PubAck,
            PacketType::PubRec,
            PacketType::PubRel,
            PacketType::PubComp,
            PacketType::SubAck,
            PacketType::UnsubAck,
            PacketType::Disconnect,
            PacketType::Auth,
        ];
        for v in [Version::V311, Version::V5] {
            for p in packets {
                for c in 0..=255u8 {
                    let code = ReasonCode(c);
                    if !code.allowed_in(p, v) {
                        continue;
                    }
                    let es = code.told(p, v, Lang::Es);
                    let en = code.told(p, v, Lang::En);
                    assert_ne!(es.0, "Código desconocido", "{p:?} {c:#x} {v:?}");
                    assert_ne!(en.0, "Unknown code", "{p:?} {c:#x} {v:?}");
                    assert_ne!(es.1, en.1, "{p:?} {c:#x}");
                    assert!(!es.1.is_empty() && !en.1.is_empty());
                }
            }
        }
    }
}
