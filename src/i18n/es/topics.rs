//! Topics and filters in words: what is wrong with one, and each step of matching a filter.

use crate::core::topic::{Step, StepOutcome, TopicError};

/// [`crate::i18n::Language::topic_error`] in Spanish.
pub(super) fn topic_error(error: &TopicError) -> String {
    use TopicError::*;
    match error {
        Empty => "El tema está vacío: debe tener al menos un carácter.".into(),
        TooLong { len } => {
            format!("El tema ocupa {len} bytes; el máximo es 65 535.")
        }
        NullCharacter => "El tema contiene el carácter nulo (U+0000), que no está permitido.".into(),
        WildcardInName { level, wildcard } => format!(
            "No se puede publicar en un tema con comodines: «{wildcard}» en el nivel {level}. Los comodines solo valen para suscribirse."
        ),
        PlusNotWholeLevel { level } => format!(
            "«+» debe ocupar un nivel entero (nivel {level}): escribe «a/+/b», no «a/b+»."
        ),
        HashNotWholeLevel { level } => format!(
            "«#» debe ocupar un nivel entero (nivel {level}): escribe «a/#», no «a#»."
        ),
        HashNotLast { level } => format!(
            "«#» solo puede ir al final: está en el nivel {level} y le siguen más niveles."
        ),
        ShareGroupEmpty => "Falta el nombre del grupo: «$share/grupo/filtro».".into(),
        ShareGroupWildcard { wildcard } => format!(
            "El nombre del grupo compartido no puede contener «{wildcard}»."
        ),
        ShareNoFilter => "Falta el filtro después del grupo: «$share/grupo/filtro».".into(),
    }
}

/// [`crate::i18n::Language::filter_step`] in Spanish.
pub(super) fn filter_step(step: &Step) -> String {
    let (n, f, t) = step.shown();
    match &step.outcome {
        StepOutcome::Literal => format!("Nivel {n}: «{f}» coincide con «{t}»."),
        StepOutcome::PlusTookLevel => {
            format!("Nivel {n}: «+» acepta un nivel cualquiera, aquí «{t}».")
        }
        StepOutcome::HashTookRest { levels: 0 } => format!(
            "Nivel {n}: «#» también coincide con el nivel padre: el tema acaba justo antes."
        ),
        StepOutcome::HashTookRest { levels: 1 } => {
            format!("Nivel {n}: «#» acepta el resto del tema (1 nivel).")
        }
        StepOutcome::HashTookRest { levels } => {
            format!("Nivel {n}: «#» acepta el resto del tema ({levels} niveles).")
        }
        StepOutcome::Differs if step.case_only() => {
            format!("Nivel {n}: «{f}» no es «{t}»: mayúsculas y minúsculas cuentan. No coincide.")
        }
        StepOutcome::Differs => format!("Nivel {n}: «{f}» no es «{t}». No coincide."),
        StepOutcome::TopicTooShort => format!(
            "Nivel {n}: el filtro sigue con «{f}» pero el tema ya terminó. No coincide."
        ),
        StepOutcome::TopicTooLong => format!(
            "Nivel {n}: el tema sigue con «{t}» pero el filtro ya terminó (usa «#» para aceptar más niveles). No coincide."
        ),
        StepOutcome::DollarNotMatched => format!(
            "Nivel {n}: los temas que empiezan por «$» (como $SYS) no coinciden con un filtro que empieza por un comodín."
        ),
    }
}
