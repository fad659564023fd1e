//! Packets in words: bit groups, fields and properties dissected, why a packet cannot be encoded
//! or decoded, protocol violations, and every reason code.

use crate::core::codec::{Meaning, V5Meaning, BitName, Context, DecodeError, EncodeError, FieldName, PropertyId};
use crate::i18n::Told;
use crate::core::trace::Violation;
use crate::i18n::Lang;

/// [`crate::i18n::Language::bit`] in Spanish.
pub(super) fn bit(name: BitName) -> &'static str {
    use BitName::*;
    match name {
        Dup => "DUP",
        QoS => "QoS",
        Retain => "RETAIN",
        PacketType => "Tipo de paquete",
        Reserved => "Reservado",
        MoreBytes => "Sigue otro byte",
        ValueBits => "Valor (7 bits)",
        UsernameFlag => "Hay usuario",
        PasswordFlag => "Hay contraseña",
        WillRetain => "Testamento retenido",
        WillQoS => "QoS del testamento",
        WillFlag => "Hay testamento",
        CleanSession => "Sesión limpia",
        SessionPresent => "Sesión presente",
        MaxQoS => "QoS máxima",
        NoLocal => "No local",
        RetainAsPublished => "Retener como se publicó",
        RetainHandling => "Envío de retenidos",
        PropertyId => "Identificador de propiedad",
    }
}

/// [`crate::i18n::Language::field`] in Spanish.
pub(super) fn field(name: FieldName) -> String {
    use FieldName::*;
    match name {
        FixedHeader => "Cabecera fija".into(),
        RemainingLength => "Longitud restante".into(),
        ProtocolName => "Nombre del protocolo".into(),
        ProtocolLevel => "Versión del protocolo".into(),
        ConnectFlags => "Indicadores de conexión".into(),
        KeepAlive => "Keep alive (s)".into(),
        PropertyLength => "Longitud de propiedades".into(),
        ClientId => "Identificador de cliente".into(),
        WillTopic => "Tema del testamento".into(),
        WillPayload => "Mensaje del testamento".into(),
        Username => "Usuario".into(),
        Password => "Contraseña".into(),
        AckFlags => "Indicadores de CONNACK".into(),
        ReturnCode => "Código de retorno".into(),
        ReasonCode => "Código de motivo".into(),
        TopicName => "Tema".into(),
        PacketId => "Identificador de paquete".into(),
        Payload => "Contenido".into(),
        TopicFilter => "Filtro de temas".into(),
        SubscriptionOptions => "Opciones de suscripción".into(),
        Property(p) => format!("Propiedad: {}", p.name()),
    }
}

/// [`crate::i18n::Language::field_why`] in Spanish.
pub(super) fn field_why(name: FieldName) -> &'static str {
    use FieldName::*;
    match name {
        FixedHeader => "Los 4 bits altos dicen el tipo de paquete; los 4 bajos son indicadores (en PUBLISH: DUP, QoS y RETAIN).",
        RemainingLength => "Cuántos bytes siguen en este paquete, en 1 a 4 bytes (7 bits por byte).",
        ProtocolName => "Siempre «MQTT»: así el bróker sabe que habla MQTT.",
        ProtocolLevel => "4 es MQTT 3.1.1 y 5 es MQTT 5.0.",
        ConnectFlags => "Qué trae el CONNECT: usuario, contraseña, testamento (y su QoS y retención) y si la sesión empieza limpia.",
        KeepAlive => "Segundos máximos sin enviar nada; si pasa 1,5 veces ese tiempo, el bróker da al cliente por desconectado.",
        PropertyLength => "MQTT 5: cuántos bytes de propiedades siguen.",
        ClientId => "El nombre con el que el bróker reconoce al cliente y guarda su sesión.",
        WillTopic => "Dónde publicará el bróker el testamento si el cliente desaparece sin despedirse.",
        WillPayload => "El mensaje que el bróker publicará en nombre del cliente desaparecido.",
        Username => "En el puerto 1883 viaja sin cifrar: cualquiera en la red puede leerlo.",
        Password => "También viaja sin cifrar en el puerto 1883; usa 8883 (TLS) para protegerla.",
        AckFlags => "Bit 0: «sesión presente», el bróker ya tenía una sesión guardada para este cliente.",
        ReturnCode => "0 es conexión aceptada; cualquier otro valor explica el rechazo.",
        ReasonCode => "Resultado de la operación: menor que 0x80 es éxito, 0x80 o más es un error.",
        TopicName => "La dirección del mensaje, por niveles separados por «/».",
        PacketId => "Número (nunca 0) que une un paquete con su confirmación.",
        Payload => "Los datos del mensaje. Al bróker le dan igual: los reenvía tal cual.",
        TopicFilter => "Qué temas quiere recibir el cliente; «+» vale por un nivel y «#» por el resto.",
        SubscriptionOptions => "QoS máxima pedida y, en MQTT 5, no-local, retener-como-publicado y manejo de retenidos.",
        Property(p) => super::packets::property_why(p),
    }
}

/// [`crate::i18n::Language::property_why`] in Spanish.
pub(super) fn property_why(id: PropertyId) -> &'static str {
    use PropertyId::*;
    match id {
        PayloadFormatIndicator => "0: bytes sin formato; 1: texto UTF-8.",
        MessageExpiryInterval => "Segundos que vive el mensaje; después el bróker lo descarta sin entregarlo.",
        ContentType => "El tipo del contenido, por ejemplo application/json.",
        ResponseTopic => "Tema donde el emisor espera la respuesta (petición/respuesta).",
        CorrelationData => "Datos que unen una respuesta con su petición.",
        SubscriptionIdentifier => "Número que identifica la suscripción con la que coincidió el mensaje.",
        SessionExpiryInterval => "Segundos que el bróker guarda la sesión (y su cola) tras la desconexión.",
        AssignedClientIdentifier => "El identificador que el bróker eligió porque el cliente no dio ninguno.",
        ServerKeepAlive => "El keep alive que impone el bróker.",
        AuthenticationMethod => "Método de autenticación ampliada (por ejemplo SCRAM).",
        AuthenticationData => "Datos del método de autenticación.",
        RequestProblemInformation => "1 si el cliente quiere explicaciones de los errores.",
        WillDelayInterval => "Segundos que espera el bróker antes de publicar el testamento.",
        RequestResponseInformation => "1 si el cliente pide información para respuestas.",
        ResponseInformation => "Base para construir temas de respuesta.",
        ServerReference => "Otro bróker que el cliente debería usar.",
        ReasonString => "Explicación legible del resultado.",
        ReceiveMaximum => "Cuántos mensajes QoS 1 y 2 sin confirmar acepta a la vez.",
        TopicAliasMaximum => "El alias de tema más alto que acepta (0: ninguno).",
        TopicAlias => "Un número que sustituye al tema para ahorrar bytes.",
        MaximumQoS => "La QoS más alta que admite el bróker.",
        RetainAvailable => "1 si el bróker guarda mensajes retenidos.",
        UserProperty => "Un par nombre/valor libre que el bróker reenvía tal cual.",
        MaximumPacketSize => "El paquete más grande que acepta, en bytes.",
        WildcardSubscriptionAvailable => "1 si se pueden usar comodines al suscribirse.",
        SubscriptionIdentifierAvailable => "1 si el bróker admite identificadores de suscripción.",
        SharedSubscriptionAvailable => "1 si el bróker admite suscripciones compartidas.",
    }
}

/// [`crate::i18n::Language::encode_error`] in Spanish.
pub(super) fn encode_error(error: &EncodeError) -> String {
    match error {
        EncodeError::String { field, error } => format!("{}: {error}", field.label(Lang::Es)),
        EncodeError::BinaryTooLong { field } => {
            format!("{}: más de 65 535 bytes.", field.label(Lang::Es))
        }
        EncodeError::PacketTooLarge => {
            "El paquete superaría el tamaño máximo de MQTT (256 MB).".into()
        }
        EncodeError::Invalid(e) | EncodeError::Property(e) => e.message(Lang::Es),
        EncodeError::NeedsV5 { packet } => {
            format!(
                "{}: propiedades, códigos de motivo y AUTH necesitan MQTT 5.",
                packet.name()
            )
        }
    }

}

/// [`crate::i18n::Language::decode_error`] in Spanish.
pub(super) fn decode_error(error: &DecodeError) -> String {
    use DecodeError::*;
    let f = |field: &FieldName| field.label(Lang::Es);
    match error {
        MalformedVarInt { field } => {
            format!(
                "{}: un entero de longitud variable no puede ocupar más de 4 bytes.",
                f(field)
            )
        }
        PacketTooLarge { size, max } => {
            format!("El paquete ocupa {size} bytes y el máximo acordado es {max}.")
        }
        ReservedPacketType { value } => {
            format!("El tipo de paquete {value} está reservado: no existe.")
        }
        InvalidHeaderFlags { packet, flags } => {
            format!(
                "{}: los indicadores de la cabecera deben ser {:04b}, no {flags:04b}.",
                packet.name(),
                packet.required_flags().unwrap_or(0)
            )
        }
        UnexpectedEnd {
            field,
            needed,
            left,
        } => {
            format!("{}: hacen falta {needed} bytes pero al paquete solo le quedan {left} (la longitud restante no cuadra).", f(field))
        }
        TrailingBytes { packet, extra } => {
            format!(
                "{}: sobran {extra} bytes al final del paquete.",
                packet.name()
            )
        }
        InvalidUtf8 { field } => {
            format!("{}: el texto no es UTF-8 válido.", f(field))
        }
        NullCharacter { field } => {
            format!("{}: el texto contiene el carácter nulo U+0000.", f(field))
        }
        InvalidProtocolName { name } => {
            format!("El nombre del protocolo es {name:?}; debe ser \"MQTT\".")
        }
        UnsupportedProtocolLevel { level } => {
            format!("Versión de protocolo {level} no admitida: se aceptan 4 (MQTT 3.1.1) y 5 (MQTT 5.0).")
        }
        ConnectReservedFlag => {
            "CONNECT: el bit reservado (bit 0) de los indicadores debe ser 0.".into()
        }
        WillFlagsWithoutWill => {
            "CONNECT: sin testamento, la QoS y la retención del testamento deben ser 0."
                .into()
        }
        InvalidQoS { field } => {
            format!("{}: QoS 3 no existe (solo 0, 1 y 2).", f(field))
        }
        PasswordWithoutUsername => {
            "CONNECT (3.1.1): hay contraseña pero no usuario.".into()
        }
        DupWithQoS0 => {
            "PUBLISH: DUP (reenvío) no puede estar activo con QoS 0.".into()
        }
        InvalidTopic { field, error } => format!("{}: {}", f(field), error.message(Lang::Es)),
        EmptyTopicWithoutAlias => {
            "PUBLISH: el tema está vacío y no hay alias de tema.".into()
        }
        ZeroPacketId => {
            "El identificador de paquete no puede ser 0.".into()
        }
        NoTopicFilters { packet } => {
            format!(
                "{}: debe llevar al menos un filtro de temas.",
                packet.name()
            )
        }
        ReservedSubscriptionBits { options } => {
            format!(
                "Opciones de suscripción {options:08b}: los bits reservados deben ser 0."
            )
        }
        InvalidRetainHandling => {
            "Opciones de suscripción: el manejo de retenidos 3 no existe (solo 0, 1 y 2)."
                .into()
        }
        NoLocalOnSharedSubscription => {
            "Una suscripción compartida no puede usar «no local».".into()
        }
        ReservedAckFlags { flags } => {
            format!("CONNACK: indicadores {flags:08b}; solo el bit 0 puede estar activo.")
        }
        InvalidReasonCode { packet, code } => {
            format!(
                "{}: el código 0x{code:02X} no está permitido en este paquete.",
                packet.name()
            )
        }
        UnknownProperty { id } => {
            format!("La propiedad 0x{id:02X} no existe.")
        }
        PropertyNotAllowed { property, ctx } => {
            let place = match ctx {
                Context::Packet(p) => p.name().to_string(),
                Context::Will => {
                    "el testamento".into()
                }
            };
            format!("La propiedad {} no puede ir en {place}.", property.name())
        }
        DuplicateProperty { property } => {
            format!("La propiedad {} aparece más de una vez.", property.name())
        }
        InvalidPropertyValue { property, value } => {
            format!(
                "La propiedad {} no admite el valor {value}.",
                property.name()
            )
        }
        AuthInV311 => {
            "AUTH solo existe en MQTT 5.".into()
        }
    }

}

/// [`crate::i18n::Language::violation`] in Spanish.
pub(super) fn violation(violation: &Violation) -> String {
    match violation {
        Violation::Malformed(e) => e.message(Lang::Es),
        Violation::BeforeConnect(p) => {
            format!("Llegó {p} antes de CONNECT: el primer paquete debe ser CONNECT.")
        }
        Violation::SecondConnect => "Segundo CONNECT en la misma conexión.".into(),
        Violation::NotFromClient(p) => format!("Un cliente no puede enviar {p}."),
        Violation::TopicAliasInvalid(a) => format!("Alias de tema {a} no válido."),
        Violation::TopicAliasUnknown(a) => {
            format!("El alias de tema {a} no se había definido.")
        }
        Violation::ReceiveMaximumExceeded(n) => format!(
            "Más de {n} PUBLISH QoS 2 sin terminar a la vez: el bróker solo admite {n} (Receive Maximum)."
        ),
        Violation::CannotSend { packet, error } => {
            format!("No se pudo enviar {packet}: {}", error.message(Lang::Es))
        }
    }
}

/// [`crate::i18n::Language::reason`] in Spanish.
pub(super) fn reason(meaning: Meaning) -> Told {
    use V5Meaning::*;
    match meaning {
        Meaning::V311Accepted => (
                "Conexión aceptada",
                "El cliente ya puede publicar y suscribirse.",
            ),
        Meaning::V311UnacceptableProtocolVersion => (
                "Versión de protocolo inaceptable",
                "El bróker no habla esta versión de MQTT: prueba con otra.",
            ),
        Meaning::V311IdentifierRejected => (
                "Identificador rechazado",
                "El identificador de cliente no vale aquí: cámbialo.",
            ),
        Meaning::V311ServerUnavailable => (
                "Servidor no disponible",
                "El bróker no atiende ahora: vuelve a intentarlo más tarde.",
            ),
        Meaning::V311BadUserNameOrPassword => (
                "Usuario o contraseña incorrectos",
                "Revisa las credenciales.",
            ),
        Meaning::V311NotAuthorized => (
                "No autorizado",
                "Este cliente no puede conectarse a este bróker.",
            ),
        Meaning::V311SubscribeFailure => (
                "Fallo",
                "El bróker rechazó este filtro (no válido o no permitido por la ACL).",
            ),
        Meaning::GrantedQos0 => (
            "QoS 0 concedida",
            "La suscripción vale; los mensajes llegarán con QoS 0.",
        ),
        Meaning::NormalDisconnection => (
            "Desconexión normal",
            "Adiós ordenado: el bróker no publica el testamento.",
        ),
        Meaning::Accepted => (
            "Éxito",
            "Conexión aceptada: el cliente ya puede publicar y suscribirse.",
        ),
        Meaning::Success => ("Éxito", "La operación se hizo."),
        Meaning::V5(GrantedQos1) => (
            "QoS 1 concedida",
            "La suscripción vale; los mensajes llegarán con QoS 1 como mucho.",
        ),
        Meaning::V5(GrantedQos2) => (
            "QoS 2 concedida",
            "La suscripción vale; los mensajes llegarán con QoS 2 como mucho.",
        ),
        Meaning::V5(DisconnectWithWill) => (
            "Desconexión con testamento",
            "El cliente se despide pero pide que se publique su testamento.",
        ),
        Meaning::V5(NoMatchingSubscribers) => (
            "Ningún suscriptor coincide",
            "Aceptado, pero nadie estaba suscrito a ese tema.",
        ),
        Meaning::V5(NoSubscriptionExisted) => (
            "No existía la suscripción",
            "No había nada que anular con ese filtro.",
        ),
        Meaning::V5(ContinueAuthentication) => (
            "Continuar autenticación",
            "La autenticación ampliada sigue con otro paso.",
        ),
        Meaning::V5(ReAuthenticate) => ("Reautenticar", "El cliente pide autenticarse de nuevo."),
        Meaning::V5(UnspecifiedError) => (
            "Error sin especificar",
            "Falló, sin más detalle: mira el registro del bróker.",
        ),
        Meaning::V5(MalformedPacket) => (
            "Paquete mal formado",
            "Los bytes no siguen la especificación: el bróker corta la conexión.",
        ),
        Meaning::V5(ProtocolError) => (
            "Error de protocolo",
            "Un paquete válido llegó cuando no tocaba.",
        ),
        Meaning::V5(ImplementationSpecificError) => (
            "Error de la implementación",
            "El bróker no quiere hacerlo, por una regla suya.",
        ),
        Meaning::V5(UnsupportedProtocolVersion) => (
            "Versión de protocolo no admitida",
            "El bróker no habla esta versión de MQTT: prueba con otra.",
        ),
        Meaning::V5(ClientIdNotValid) => (
            "Identificador de cliente no válido",
            "Cambia el identificador de cliente.",
        ),
        Meaning::V5(BadUserNameOrPassword) => (
            "Usuario o contraseña incorrectos",
            "Revisa las credenciales.",
        ),
        Meaning::V5(NotAuthorized) => (
            "No autorizado",
            "La ACL no permite esta operación a este usuario.",
        ),
        Meaning::V5(ServerUnavailable) => (
            "Servidor no disponible",
            "El bróker no atiende ahora: vuelve a intentarlo más tarde.",
        ),
        Meaning::V5(ServerBusy) => (
            "Servidor ocupado",
            "El bróker está saturado: espera y reintenta.",
        ),
        Meaning::V5(Banned) => ("Vetado", "Este cliente tiene prohibida la entrada."),
        Meaning::V5(ServerShuttingDown) => (
            "El servidor se apaga",
            "El bróker se detiene: reconecta más tarde.",
        ),
        Meaning::V5(BadAuthenticationMethod) => (
            "Método de autenticación incorrecto",
            "El bróker no conoce ese método de autenticación.",
        ),
        Meaning::V5(KeepAliveTimeout) => (
            "Se agotó el keep-alive",
            "El cliente calló más de 1,5 veces su keep-alive: envía PINGREQ a tiempo.",
        ),
        Meaning::V5(SessionTakenOver) => (
            "Sesión tomada por otro",
            "Otra conexión usó el mismo identificador de cliente.",
        ),
        Meaning::V5(TopicFilterInvalid) => (
            "Filtro de temas no válido",
            "Revisa el filtro: «+» y «#» ocupan un nivel entero, «#» al final.",
        ),
        Meaning::V5(TopicNameInvalid) => (
            "Tema no válido",
            "Un tema para publicar no lleva «+» ni «#».",
        ),
        Meaning::V5(PacketIdInUse) => (
            "Identificador de paquete en uso",
            "Ese número ya espera confirmación: usa otro.",
        ),
        Meaning::V5(PacketIdNotFound) => (
            "Identificador de paquete no encontrado",
            "No había nada pendiente con ese número.",
        ),
        Meaning::V5(ReceiveMaximumExceeded) => (
            "Superado el máximo de recepción",
            "Demasiados QoS 1/2 sin confirmar a la vez: espera los acuses.",
        ),
        Meaning::V5(TopicAliasInvalid) => (
            "Alias de tema no válido",
            "El alias es 0 o supera el máximo acordado.",
        ),
        Meaning::V5(PacketTooLarge) => (
            "Paquete demasiado grande",
            "Supera el tamaño máximo acordado: envía menos datos.",
        ),
        Meaning::V5(MessageRateTooHigh) => ("Demasiados mensajes por segundo", "Publica más despacio."),
        Meaning::V5(QuotaExceeded) => (
            "Cuota superada",
            "Se acabó lo permitido a este cliente por ahora.",
        ),
        Meaning::V5(AdministrativeAction) => (
            "Acción administrativa",
            "Un administrador cerró la conexión.",
        ),
        Meaning::V5(PayloadFormatInvalid) => (
            "Formato de contenido no válido",
            "El contenido no es lo que dice su indicador de formato (UTF-8).",
        ),
        Meaning::V5(RetainNotSupported) => (
            "Retención no admitida",
            "Este bróker no guarda mensajes retenidos.",
        ),
        Meaning::V5(QosNotSupported) => (
            "QoS no admitida",
            "Usa una QoS menor: el bróker no admite esta.",
        ),
        Meaning::V5(UseAnotherServer) => (
            "Usa otro servidor",
            "El bróker indica otro al que conectarse por ahora.",
        ),
        Meaning::V5(ServerMoved) => (
            "Servidor trasladado",
            "El bróker se mudó a otra dirección para siempre.",
        ),
        Meaning::V5(SharedSubscriptionsNotSupported) => (
            "Suscripciones compartidas no admitidas",
            "Este bróker no admite filtros «$share/…».",
        ),
        Meaning::V5(ConnectionRateExceeded) => (
            "Demasiadas conexiones seguidas",
            "Espera antes de volver a conectar.",
        ),
        Meaning::V5(MaximumConnectTime) => (
            "Tiempo máximo de conexión",
            "La conexión duró lo máximo permitido.",
        ),
        Meaning::V5(SubscriptionIdsNotSupported) => (
            "Identificadores de suscripción no admitidos",
            "Quita el identificador de suscripción.",
        ),
        Meaning::V5(WildcardSubscriptionsNotSupported) => (
            "Comodines no admitidos",
            "Este bróker no admite «+» ni «#» en los filtros.",
        ),
        Meaning::Unknown => (
            "Código desconocido",
            "La especificación no define este código.",
        ),
    }
}

