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

/// A dashboard's values under its icon, in its topics' order (a value keeps its place as
/// others come), each in its measure after what tells its topic from the others' (from the
/// first level where they differ; a unit says the last level):
/// "Cocina 21.5 °C · Salon 20.9 °C · Salon/Luz «ON»". Its label says whole topics.
pub(super) fn readings(
    values: &[(String, String)],
    reading: fn(Measure, &str) -> String,
) -> String {
    // Put in order one by one (a dashboard shows three): a sort brings 3 KB of its own code.
    let mut ordered: Vec<&(String, String)> = Vec::with_capacity(values.len());
    for v in values {
        let at = ordered.iter().position(|o| o.0 > v.0);
        ordered.insert(at.unwrap_or(ordered.len()), v);
    }
    let values = ordered;
    let levels: Vec<Vec<&str>> = values.iter().map(|(t, _)| t.split('/').collect()).collect();
    let first = levels.first().cloned().unwrap_or_default();
    let most = levels.iter().map(Vec::len).max().unwrap_or(0);
    let from = (0..most).find(|&k| levels.iter().any(|l| l.get(k) != first.get(k)));
    (values.iter().zip(&levels))
        .map(|(&(t, v), l)| {
            let measure = measure_of(t);
            let mut own = l.get(from.unwrap_or(l.len())..).unwrap_or_default();
            if own.len() > 1 && matches!(measure, Measure::Temperature | Measure::Humidity) {
                own = &own[..own.len() - 1];
            }
            match own {
                [] => reading(measure, v),
                own => format!("{} {}", own.join("/"), reading(measure, v)),
            }
        })
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
