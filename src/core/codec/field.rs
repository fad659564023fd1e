//! Dissection: the field map of a packet, like a Wireshark tree. Each [`Field`] covers a byte
//! range, names the field and gives its decoded value; [`FieldName`] explains it in es/en.

use std::ops::Range;

use super::properties::PropertyId;
use crate::core::i18n::Lang;

/// One dissected field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Byte offsets within the packet.
    pub range: Range<usize>,
    /// Nesting depth: 0 for top-level fields, 1 inside properties or list items.
    pub depth: u8,
    /// What the field is.
    pub name: FieldName,
    /// The decoded value, rendered (numbers, quoted strings, hex, flags).
    pub value: String,
}

macro_rules! field_names {
    ($($(#[$doc:meta])* $key:ident => {
        es: $es:literal, en: $en:literal,
        why_es: $why_es:literal, why_en: $why_en:literal $(,)?
    }),* $(,)?) => {
        /// The name of a dissected field (also used to say where a decoding error occurred).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FieldName {
            $($(#[$doc])* $key,)*
            /// An MQTT 5 property.
            Property(PropertyId),
        }

        impl FieldName {
            /// A short label.
            pub fn label(self, lang: Lang) -> String {
                match (self, lang) {
                    $((FieldName::$key, Lang::Es) => $es.into(), (FieldName::$key, Lang::En) => $en.into(),)*
                    (FieldName::Property(p), Lang::Es) => format!("Propiedad: {}", p.name()),
                    (FieldName::Property(p), Lang::En) => format!("Property: {}", p.name()),
                }
            }

            /// A one-sentence explanation for students.
            pub fn explain(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((FieldName::$key, Lang::Es) => $why_es, (FieldName::$key, Lang::En) => $why_en,)*
                    (FieldName::Property(p), lang) => p.explain(lang),
                }
            }
        }
    };
}

field_names! {
    /// Byte 1: packet type and flags.
    FixedHeader => {
        es: "Cabecera fija", en: "Fixed header",
        why_es: "Los 4 bits altos dicen el tipo de paquete; los 4 bajos son indicadores (en PUBLISH: DUP, QoS y RETAIN).",
        why_en: "The high 4 bits give the packet type; the low 4 are flags (in PUBLISH: DUP, QoS and RETAIN).",
    },
    /// The variable byte integer after byte 1.
    RemainingLength => {
        es: "Longitud restante", en: "Remaining length",
        why_es: "Cuántos bytes siguen en este paquete, en 1 a 4 bytes (7 bits por byte).",
        why_en: "How many bytes follow in this packet, in 1 to 4 bytes (7 bits per byte).",
    },
    /// "MQTT" in CONNECT.
    ProtocolName => {
        es: "Nombre del protocolo", en: "Protocol name",
        why_es: "Siempre «MQTT»: así el bróker sabe que habla MQTT.",
        why_en: "Always 'MQTT': it tells the broker this is MQTT.",
    },
    /// 4 for 3.1.1, 5 for 5.0.
    ProtocolLevel => {
        es: "Versión del protocolo", en: "Protocol level",
        why_es: "4 es MQTT 3.1.1 y 5 es MQTT 5.0.",
        why_en: "4 means MQTT 3.1.1 and 5 means MQTT 5.0.",
    },
    /// CONNECT flags byte.
    ConnectFlags => {
        es: "Indicadores de conexión", en: "Connect flags",
        why_es: "Qué trae el CONNECT: usuario, contraseña, testamento (y su QoS y retención) y si la sesión empieza limpia.",
        why_en: "What the CONNECT carries: username, password, will (with its QoS and retain) and whether the session starts clean.",
    },
    /// Keep-alive seconds.
    KeepAlive => {
        es: "Keep alive (s)", en: "Keep alive (s)",
        why_es: "Segundos máximos sin enviar nada; si pasa 1,5 veces ese tiempo, el bróker da al cliente por desconectado.",
        why_en: "Longest silence in seconds; after 1.5 times that, the broker considers the client gone.",
    },
    /// Length of a properties block.
    PropertyLength => {
        es: "Longitud de propiedades", en: "Property length",
        why_es: "MQTT 5: cuántos bytes de propiedades siguen.",
        why_en: "MQTT 5: how many bytes of properties follow.",
    },
    /// The client identifier.
    ClientId => {
        es: "Identificador de cliente", en: "Client identifier",
        why_es: "El nombre con el que el bróker reconoce al cliente y guarda su sesión.",
        why_en: "The name the broker knows the client by and keeps its session under.",
    },
    /// Will topic.
    WillTopic => {
        es: "Tema del testamento", en: "Will topic",
        why_es: "Dónde publicará el bróker el testamento si el cliente desaparece sin despedirse.",
        why_en: "Where the broker publishes the will if the client vanishes without a goodbye.",
    },
    /// Will payload.
    WillPayload => {
        es: "Mensaje del testamento", en: "Will payload",
        why_es: "El mensaje que el bróker publicará en nombre del cliente desaparecido.",
        why_en: "The message the broker publishes on behalf of the vanished client.",
    },
    /// Username.
    Username => {
        es: "Usuario", en: "Username",
        why_es: "En el puerto 1883 viaja sin cifrar: cualquiera en la red puede leerlo.",
        why_en: "On port 1883 it travels unencrypted: anyone on the network can read it.",
    },
    /// Password.
    Password => {
        es: "Contraseña", en: "Password",
        why_es: "También viaja sin cifrar en el puerto 1883; usa 8883 (TLS) para protegerla.",
        why_en: "It also travels unencrypted on port 1883; use 8883 (TLS) to protect it.",
    },
    /// CONNACK acknowledge flags.
    AckFlags => {
        es: "Indicadores de CONNACK", en: "Acknowledge flags",
        why_es: "Bit 0: «sesión presente», el bróker ya tenía una sesión guardada para este cliente.",
        why_en: "Bit 0: 'session present', the broker already held a session for this client.",
    },
    /// 3.1.1 CONNACK return code.
    ReturnCode => {
        es: "Código de retorno", en: "Return code",
        why_es: "0 es conexión aceptada; cualquier otro valor explica el rechazo.",
        why_en: "0 means connection accepted; any other value says why it was refused.",
    },
    /// A reason code.
    ReasonCode => {
        es: "Código de motivo", en: "Reason code",
        why_es: "Resultado de la operación: menor que 0x80 es éxito, 0x80 o más es un error.",
        why_en: "The outcome: below 0x80 is success, 0x80 and above is an error.",
    },
    /// A topic name.
    TopicName => {
        es: "Tema", en: "Topic name",
        why_es: "La dirección del mensaje, por niveles separados por «/».",
        why_en: "The message's address, in levels separated by '/'.",
    },
    /// A packet identifier.
    PacketId => {
        es: "Identificador de paquete", en: "Packet identifier",
        why_es: "Número (nunca 0) que une un paquete con su confirmación.",
        why_en: "A number (never 0) that ties a packet to its acknowledgement.",
    },
    /// The application message.
    Payload => {
        es: "Contenido", en: "Payload",
        why_es: "Los datos del mensaje. Al bróker le dan igual: los reenvía tal cual.",
        why_en: "The message data. The broker does not care what it is: it forwards it as is.",
    },
    /// A topic filter.
    TopicFilter => {
        es: "Filtro de temas", en: "Topic filter",
        why_es: "Qué temas quiere recibir el cliente; «+» vale por un nivel y «#» por el resto.",
        why_en: "Which topics the client wants; '+' stands for one level and '#' for the rest.",
    },
    /// Subscription options byte.
    SubscriptionOptions => {
        es: "Opciones de suscripción", en: "Subscription options",
        why_es: "QoS máxima pedida y, en MQTT 5, no-local, retener-como-publicado y manejo de retenidos.",
        why_en: "Maximum QoS requested and, in MQTT 5, no local, retain as published and retain handling.",
    },
}
