//! Where the stage draws each device: publishers in rows above the broker, subscribers in
//! rows below it, the broker's band (its shelf, its queues, what it just did) between them,
//! in the stage's own pixels, so that a word drawn at 14 px is 14 px on any screen. A house
//! too big for its box is drawn at a denser [`Level`]: fewer words beside each device (the
//! rest on hover and focus), smaller boxes.

use crate::core::scenario::DeviceKind;

/// Which side of the broker a device is drawn on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Above: it mainly publishes (sensors, intruders, eavesdroppers, custom publishers).
    Above,
    /// Below: it mainly receives (lights, dashboards, phones, responders).
    Below,
}

impl Side {
    /// The side a kind of device is drawn on.
    pub fn of(kind: &DeviceKind) -> Side {
        match kind {
            DeviceKind::Actuator { .. }
            | DeviceKind::Dashboard { .. }
            | DeviceKind::Phone { .. }
            | DeviceKind::Responder { .. } => Side::Below,
            DeviceKind::Custom { filters, publishes }
                if publishes.is_empty() && !filters.is_empty() =>
            {
                Side::Below
            }
            _ => Side::Above,
        }
    }
}

/// How much is written beside each device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Its name, its state and its subscriptions.
    Full,
    /// Its name and its state.
    Compact,
    /// Its name.
    Names,
    /// Nothing (all on hover and focus).
    Dots,
}

impl Level {
    const ALL: [Level; 4] = [Level::Full, Level::Compact, Level::Names, Level::Dots];

    /// A cell's least width, its height, and the device's box side.
    fn cell(self) -> (f64, f64, f64) {
        match self {
            Level::Full => (170.0, 98.0, 44.0),
            Level::Compact => (140.0, 70.0, 32.0),
            Level::Names => (112.0, 50.0, 28.0),
            Level::Dots => (26.0, 26.0, 16.0),
        }
    }

    /// The CSS class the stage carries at this level.
    pub fn class(self) -> &'static str {
        match self {
            Level::Full => "lv-full",
            Level::Compact => "lv-compact",
            Level::Names => "lv-names",
            Level::Dots => "lv-dots",
        }
    }
}

/// The band's height between the rows: side by side (shelf, broker, queues) on a wide
/// stage, stacked on a narrow one.
const BAND_WIDE: f64 = 76.0;
const BAND_STACKED: f64 = 200.0;
/// The broker's centre below the top of a stacked band (its shelf above it).
const STACKED_BROKER: f64 = 82.0;
/// Below this width the band is stacked.
const WIDE: f64 = 520.0;
/// Room at the top and bottom edges.
const EDGE: f64 = 6.0;
/// A character's width at the name's size (bold, 15 px), and at the tags' (monospace, 13 px).
const NAME_PX: f64 = 9.0;
const TAG_PX: f64 = 7.9;

/// Where everything is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The stage's size.
    pub w: i32,
    /// Its height.
    pub h: i32,
    /// How much is written beside each device.
    pub level: Level,
    /// The broker's centre.
    pub broker: (i32, i32),
    /// Whether the broker's band is stacked (narrow stage).
    pub stacked: bool,
    /// Each device's centre.
    pub nodes: Vec<(i32, i32)>,
    /// A device's box side.
    pub size: i32,
    /// Characters that fit on a device's lines: its name and state, its tags.
    pub chars: (usize, usize),
}

impl Layout {
    /// Lays out devices on `sides` on a stage `w` wide and at most `h_max` high (taller only
    /// when even dots do not fit).
    pub fn of(sides: &[Side], w: f64, h_max: f64) -> Layout {
        let w = w.max(200.0);
        let mut above: Vec<usize> = (0..sides.len())
            .filter(|&i| sides[i] == Side::Above)
            .collect();
        let mut below: Vec<usize> = (0..sides.len())
            .filter(|&i| sides[i] == Side::Below)
            .collect();
        // A house all on one side is shared between both.
        if below.is_empty() && above.len() > 1 {
            below = above.split_off(above.len().div_ceil(2));
        } else if above.is_empty() && below.len() > 1 {
            above = below.drain(..below.len() / 2).collect();
        }
        let stacked = w < WIDE;
        let band = if stacked { BAND_STACKED } else { BAND_WIDE };
        let fit = |level: Level| {
            let (cell_w, cell_h, _) = level.cell();
            let per_row = ((w / cell_w).floor() as usize).max(1);
            let rows = |n: usize| n.div_ceil(per_row) as f64;
            let h = 2.0 * EDGE + (rows(above.len()) + rows(below.len())) * cell_h + band;
            (per_row, h)
        };
        let level = (Level::ALL.into_iter())
            .find(|&l| fit(l).1 <= h_max)
            .unwrap_or(Level::Dots);
        let (per_row, h) = fit(level);
        let (_, cell_h, size) = level.cell();
        let mut nodes = vec![(0, 0); sides.len()];
        let mut cell_w = w;
        // A short row goes farthest from the broker: its links pass between the full row's.
        let mut place = |group: &[usize], top: f64, up: bool| {
            let rows = group.len().div_ceil(per_row);
            for (r, row) in group.chunks(per_row).enumerate() {
                let r = if up { rows - 1 - r } else { r };
                let step = w / row.len() as f64;
                cell_w = cell_w.min(step);
                for (k, &i) in row.iter().enumerate() {
                    let x = step * (k as f64 + 0.5);
                    let y = top + r as f64 * cell_h + size / 2.0 + 2.0;
                    nodes[i] = (x.round() as i32, y.round() as i32);
                }
            }
        };
        place(&above, EDGE, true);
        let band_top = EDGE + (above.len().div_ceil(per_row)) as f64 * cell_h;
        place(&below, band_top + band, false);
        let broker_y = if stacked {
            band_top + STACKED_BROKER
        } else {
            band_top + band / 2.0
        };
        let room = cell_w - 10.0;
        Layout {
            w: w.round() as i32,
            h: h.round() as i32,
            level,
            broker: ((w / 2.0).round() as i32, broker_y.round() as i32),
            stacked,
            nodes,
            size: size as i32,
            chars: (
                ((room / NAME_PX) as usize).max(4),
                ((room / TAG_PX) as usize).max(4),
            ),
        }
    }
}

/// `text` cut to `chars` characters, with "…" when cut.
pub fn fit(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
