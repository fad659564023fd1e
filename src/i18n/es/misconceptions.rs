//! Los errores habituales con MQTT, con su nombre y en palabras de estudiante: un nombre corto,
//! y lo que de verdad pasa.

use crate::core::misconception::Misconception;
use crate::i18n::Told;

/// [`crate::i18n::Language::misconception`] in Spanish.
pub(super) fn misconception(m: Misconception) -> Told {
    use Misconception::*;
    match m {
        PlusIsOneLevel => (
            "«+» ocupa exactamente un nivel",
            "En un filtro, + vale por un nivel, nunca por dos: Casa/+/Temperatura recibe Casa/Cocina/Temperatura pero no Casa/Planta1/Cocina/Temperatura.",
        ),
        HashMatchesParent => (
            "«#» también incluye el nivel de arriba",
            "Casa/# recibe todo lo que hay bajo Casa, y también el tema Casa.",
        ),
        WildcardSkipsDollar => (
            "«#» no recibe $SYS",
            "Los temas que empiezan por $ son del propio bróker: un filtro que empieza por # o + nunca los recibe. Suscríbete a $SYS/# para verlos.",
        ),
        QosIsTheLower => (
            "Gana la QoS más baja",
            "Un mensaje llega con la menor de dos QoS: la de la publicación y la de la suscripción.",
        ),
        RetainedIsNotQueued => (
            "Retenido no es una cola",
            "El bróker guarda solo el último mensaje retenido de cada tema, para quien se suscriba después. Los mensajes publicados sin retener no se guardan.",
        ),
        PersistentSessionQueues => (
            "Solo una sesión persistente te espera",
            "Con sesión persistente (sin sesión limpia), el bróker guarda tus suscripciones mientras estás desconectado y te encola los mensajes QoS 1 y 2, como los SMS. Con sesión limpia no guarda nada.",
        ),
        TopicsAreExact => (
            "Los temas son exactos",
            "Las mayúsculas cuentan (Casa no es casa), y también una barra al principio (/Casa no es Casa).",
        ),
        NothingKeptForNobody => (
            "Sin suscriptores, no se guarda nada",
            "Si nadie está suscrito, un mensaje sin retener se pierde: el bróker no lo guarda para quien se suscriba más tarde.",
        ),
        OnlySubscribersReceive => (
            "Solo reciben los suscritos",
            "El bróker no reparte los mensajes a todos: se los da solo a los clientes suscritos a un filtro que encaja con el tema. Sin suscripción, no llega nada.",
        ),
        SameIdTakesOver => (
            "Dos clientes no comparten identificador",
            "Si un segundo cliente se conecta con el mismo client id, el bróker le da la sesión a él y desconecta al primero.",
        ),
        WillOnlyOnDeath => (
            "El testamento es solo para muertes",
            "El bróker publica el último testamento solo cuando la conexión muere sin DISCONNECT (cable arrancado, keep-alive vencido). Si el cliente se despide con DISCONNECT, no se publica.",
        ),
    }
}
