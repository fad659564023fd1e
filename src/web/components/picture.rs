//! The stage's picture, drawn by hand into the diagram's SVG: what each device shows (its
//! reading, its light, its messages, its tags, said whole for a screen reader) and the
//! broker's insides (the retained shelf above it, each offline session's queue below it,
//! one token per waiting message). Written by effects rather than views per device: a
//! house of a hundred changes only what changed, and the first download stays small.
//! Payloads and names go in as text, never as markup.

use wasm_bindgen::JsCast;

use crate::core::sim::picture::{Face, Inside, Switch};
use crate::i18n::{Lang, Msg};
use crate::web::components::devices::Status;

const SVG: &str = "http://www.w3.org/2000/svg";
/// Queues drawn below the broker at most, and tokens per queue.
const QUEUES: usize = 4;
const TOKENS: usize = 10;
/// Retained topics on the shelf at most.
const SHELF: usize = 3;

fn set_text(g: &web_sys::Element, selector: &str, text: &str) {
    if let Ok(Some(e)) = g.query_selector(selector) {
        if e.text_content().as_deref() != Some(text) {
            e.set_text_content(Some(text));
        }
    }
}

fn set_attr(e: &web_sys::Element, name: &str, value: &str) {
    if e.get_attribute(name).as_deref() != Some(value) {
        let _ = e.set_attribute(name, value);
    }
}

/// Writes what device `i` (`name`) shows into its node (`[data-face=i]` in `svg`).
pub fn draw_face(
    svg: &web_sys::Element,
    i: usize,
    (name, client): (&str, bool),
    (face, tags): (&Face, &str),
    status: Status,
    l: Lang,
) {
    let Ok(Some(g)) = svg.query_selector(&format!("[data-face=\"{i}\"]")) else {
        return;
    };
    let label = Msg::FaceSaid {
        name,
        face,
        tags,
        status: &status.label(l),
        choose: client,
    }
    .render(l);
    if let Some(node) = g.first_element_child() {
        set_attr(&node, "aria-label", &label);
    }
    set_text(&g, ".state", &Msg::Face(face).render(l));
    set_text(&g, ".tags", tags);
    if let Ok(Some(icon)) = g.query_selector(".icon") {
        let class = match face {
            Face::Light(Switch::On) => "icon bulb on",
            Face::Light(_) => "icon bulb",
            _ => "icon",
        };
        set_attr(&icon, "class", class);
    }
    if let Ok(Some(badge)) = g.query_selector(".badge") {
        let unread = match face {
            Face::Phone(n, _) if *n > 99 => "99+".to_string(),
            Face::Phone(n, _) if *n > 0 => n.to_string(),
            _ => String::new(),
        };
        set_attr(
            &badge,
            "visibility",
            if unread.is_empty() {
                "hidden"
            } else {
                "visible"
            },
        );
        set_text(&badge, "text", &unread);
    }
}

/// An SVG element with its attributes and text.
fn element(
    doc: &web_sys::Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: Option<&str>,
) -> Option<web_sys::Element> {
    let e = doc.create_element_ns(Some(SVG), tag).ok()?;
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    if text.is_some() {
        e.set_text_content(text);
    }
    Some(e)
}

/// Draws the broker's insides into `layer` (its children replaced), around the broker at
/// (`cx`, `cy`).
pub fn draw_inside(layer: &web_sys::Element, held: &Inside, (cx, cy): (i32, i32), l: Lang) {
    let Some(doc) = layer.owner_document() else {
        return;
    };
    layer.set_text_content(None);
    let add = |parent: &web_sys::Element, e: Option<web_sys::Element>| {
        if let Some(e) = e {
            let _ = parent.append_child(&e);
        }
    };
    if !held.retained.is_empty() {
        let n = held.retained.len();
        let label = Msg::RetainedShelf(n).render(l);
        let shelf = element(
            &doc,
            "g",
            &[
                ("class", "retained-store"),
                ("data-testid", "retained-store"),
                ("role", "img"),
                ("aria-label", &label),
            ],
            None,
        );
        if let Some(shelf) = shelf {
            let shown = held.retained.iter().rev().take(SHELF).collect::<Vec<_>>();
            let top = cy - 34 - 17 * shown.len() as i32;
            for (k, (topic, payload)) in shown.into_iter().enumerate() {
                let y = (top + 17 * k as i32 + 12).to_string();
                let text = format!("{topic} = {payload}");
                add(
                    &shelf,
                    element(
                        &doc,
                        "text",
                        &[
                            ("class", "shelf-item"),
                            ("x", &cx.to_string()),
                            ("y", &y),
                            ("text-anchor", "middle"),
                            ("translate", "no"),
                        ],
                        Some(&text),
                    ),
                );
            }
            if n > SHELF {
                let (x, y) = ((cx + 150).to_string(), (top + 12).to_string());
                add(
                    &shelf,
                    element(
                        &doc,
                        "text",
                        &[("class", "shelf-item"), ("x", &x), ("y", &y)],
                        Some(&format!("+{}", n - SHELF)),
                    ),
                );
            }
            let d = format!("M{} {} h170", cx - 85, cy - 30);
            add(
                &shelf,
                element(&doc, "path", &[("class", "shelf"), ("d", &d)], None),
            );
            let _ = layer.append_child(&shelf);
        }
    }
    for (k, (name, waiting)) in held.queues.iter().take(QUEUES).enumerate() {
        let y = cy + 36 + 24 * k as i32;
        let n = waiting.len();
        let label = Msg::QueueWaiting(name, n).render(l);
        let testid = format!("broker-queue-{name}");
        let Some(q) = element(
            &doc,
            "g",
            &[
                ("class", "broker-queue"),
                ("data-testid", &testid),
                ("role", "img"),
                ("aria-label", &label),
            ],
            None,
        ) else {
            continue;
        };
        let (x, ty) = ((cx - 8).to_string(), (y + 12).to_string());
        add(
            &q,
            element(
                &doc,
                "text",
                &[
                    ("class", "queue-name"),
                    ("x", &x),
                    ("y", &ty),
                    ("text-anchor", "end"),
                    ("translate", "no"),
                ],
                Some(&format!("{name} · {n}")),
            ),
        );
        let y = y.to_string();
        for t in 0..n.min(TOKENS) {
            let x = (cx + 14 * t as i32).to_string();
            add(
                &q,
                element(
                    &doc,
                    "rect",
                    &[
                        ("class", "token"),
                        ("x", &x),
                        ("y", &y),
                        ("width", "10"),
                        ("height", "14"),
                        ("rx", "2"),
                    ],
                    None,
                ),
            );
        }
        let _ = layer.append_child(&q);
    }
}

/// The SVG element behind a node reference.
pub fn as_element(node: &impl JsCast) -> &web_sys::Element {
    node.unchecked_ref()
}
