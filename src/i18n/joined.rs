//! How the stage's words are put together, the same in every language (names, states and
//! punctuation only): each language gives the words.

use crate::core::sim::picture::{measure_of, Face, Measure};

/// A dashboard whole, for a screen reader: each value it shows, with its topic
/// ("Casa/Cocina/Temperatura: 21.5, Casa/Salon/Luz: ON"); `None` for other faces.
pub(super) fn values(face: &Face) -> Option<String> {
    match face {
        Face::Dashboard(values, _) if !values.is_empty() => Some(
            (values.iter())
                .map(|(t, v)| format!("{t}: {v}"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

/// A dashboard's values under its icon, newest first, each in its measure
/// ("21.5 °C · «ON»"): the topics are in its label.
pub(super) fn readings(
    values: &[(String, String)],
    reading: fn(Measure, &str) -> String,
) -> String {
    (values.iter())
        .map(|(t, v)| reading(measure_of(t), v))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A device whole, for a screen reader: what the stage shows of it (`shows`, its face in the
/// page's language), its tags, then its connection.
pub(super) fn said(name: &str, shows: String, tags: &str, status: &str) -> String {
    let shows = [shows, tags.to_string()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if shows.is_empty() {
        format!("{name}: {status}")
    } else {
        format!("{name}: {shows}; {status}")
    }
}

/// Devices whose state changed: "luz-salon: encendida; movil: 3 mensajes".
pub(super) fn changed(list: &[(String, String)]) -> String {
    (list.iter())
        .map(|(name, state)| format!("{name}: {state}"))
        .collect::<Vec<_>>()
        .join("; ")
}
