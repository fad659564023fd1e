//! Los pasos de una lección: seguir, predecir, responder, y lo que mostró la respuesta.

use crate::i18n::steps::{StepMsg, StepText};

/// [`crate::i18n::Language::step_text`] in Spanish.
pub(super) fn step_text(key: StepText) -> &'static str {
    use StepText::*;
    match key {
        Steps => "Pasos",
        Intro => "Introducción",
        Next => "Seguir",
        Commit => "Comprobar mi predicción",
        PredictFirst => "Primero predice: la simulación espera en pausa; después lo verás pasar.",
        PredictCheck => "Primero predice: la simulación espera en pausa; después lo comprobamos.",
        QuizWrong => "No es correcto.",
        SeeStage => "Mirar el escenario",
        ReceiversLegend => "Marca los dispositivos que recibirán el mensaje, ahora o más tarde (ninguno marcado: nadie).",
        RetainedLegend => "Marca los temas cuyo mensaje recibirá nada más suscribirse (ninguno: nada).",
        QosLegend => "¿Con qué QoS lo recibe el suscriptor?",
        MatchLegend => "¿Coincide el filtro con el tema?",
        MatchYes => "Sí, coincide",
        MatchNo => "No coincide",
        Nobody => "nadie",
        YouSaid => "Tu predicción:",
        Happened => "Lo que pasó:",
        Right => "¡Acertaste!",
        Wrong => "No es lo que pasó.",
        Watch => "Mira el escenario: el mensaje va de camino.",
        SeeJourney => "Ver el viaje del mensaje",
        Answer => "Responder",
        TryAnother => "Puedes elegir otra respuesta (cuenta la primera).",
        Done => "hecho",
        DoIt => "Hazlo en el escenario:",
        ShowWhere => "Muéstrame dónde",
        PacketsLegend => "Los paquetes, en orden:",
    }
}

/// [`crate::i18n::Language::step_msg`] in Spanish.
pub(super) fn step_msg(msg: StepMsg) -> String {
    use StepMsg::*;
    match msg {
        Waiting(device) => format!("Espera un momento: «{device}» todavía se está conectando."),
        Checked { id, steps, predictions: 1 } => format!("lección {id}: {steps} pasos, 1 predicción, se supera con su solución"),
        Checked { id, steps, predictions } => format!("lección {id}: {steps} pasos, {predictions} predicciones, se supera con su solución"),
        Fails { id, why } => format!("lección {id}: no se supera con su solución: {why}"),
        MetBeforeActing(k) => format!("el objetivo del paso {k} ya se cumple al abrirse, antes de hacer nada"),
        PassesIdle => "sus objetivos ya se cumplen sin hacer nada".into(),
        GoalNotMet(k) => format!("el objetivo del paso {k} no se cumple con su solución (ni dos minutos después)"),
        Unanswerable(k) => format!("la predicción del paso {k} no tiene respuesta: nombra un dispositivo que no existe"),
        TrapMissed(k, "") => format!("la trampa del paso {k} no es un error: esa respuesta es correcta o no muestra ningún error conocido"),
        TrapMissed(k, names) => format!("la trampa del paso {k} muestra otro error: {names}"),
        StepOf(k, n) => format!("Paso {k} de {n}"),
        ReceivedBy(Some(list)) => format!("Lo recibió: {list}."),
        ReceivedBy(None) => "No lo recibió nadie.".into(),
        OnlyQueued(list) => format!("Ahora no lo recibe nadie: espera en la cola del bróker para {list}, que lo recibirá al volver."),
        QueuedFor(list) => format!("Espera en la cola del bróker para: {list} (lo recibirá al volver)."),
        RetainedFirst(Some(list)) => format!("Nada más suscribirse recibe el retenido de: {list}."),
        RetainedFirst(None) => "Nada más suscribirse no recibe nada: no hay mensajes retenidos que coincidan.".into(),
        Delivered(q) => format!("Llega con QoS {q}."),
        Matches(true, _) => "Sí, coincide.".into(),
        Matches(false, Some(level)) => format!("No coincide: falla en el nivel {level}."),
        Matches(false, None) => "No coincide.".into(),
        Shows(name) => format!("Un error muy habitual. Lo que es verdad: {name}."),
        Hop { packet, to_broker: true, publisher: true } => format!("{packet}: publicador → bróker"),
        Hop { packet, to_broker: false, publisher: true } => format!("{packet}: bróker → publicador"),
        Hop { packet, to_broker: false, publisher: false } => format!("{packet}: bróker → suscriptor"),
        Hop { packet, to_broker: true, publisher: false } => format!("{packet}: suscriptor → bróker"),
    }
}
