//! Where the stage draws each device: publishers in rows above the broker, subscribers in
//! rows below it, the broker's band (its shelf, its queues, what it just did) between them,
//! in the stage's own pixels, so that a word drawn at 14 px is 14 px on any screen. A house
//! whose topics name its rooms (`Casa/Cocina/…`) is drawn a column per room, when they fit.
//! A house too big for its box is drawn at a denser [`Level`]: fewer words beside each device
//! (the rest on hover and focus), smaller boxes.

use crate::core::scenario::DeviceKind;

/// Where a device is drawn: its side of the broker, and its room when its topics name one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Its side.
    pub side: Side,
    /// Its room: the second level of its first topic (`Casa/Cocina/Temperatura` → `Cocina`).
    pub room: Option<String>,
}

impl Place {
    /// Where a kind of device is drawn.
    pub fn of(kind: &DeviceKind) -> Place {
        Place {
            side: Side::of(kind),
            room: room_of(kind),
        }
    }
}

/// A device's room: the second of three or more levels of the first topic it publishes on or
/// subscribes to, when that level is a plain word. An intruder and an eavesdropper belong to
/// no room.
fn room_of(kind: &DeviceKind) -> Option<String> {
    let first = match kind {
        DeviceKind::Sensor { topic, .. } => topic.as_str(),
        DeviceKind::Actuator { command_topic, .. } => command_topic.as_str(),
        DeviceKind::Dashboard { filters } | DeviceKind::Phone { filters } => {
            filters.first()?.filter.as_str()
        }
        DeviceKind::Responder { filter, .. } => filter.as_str(),
        DeviceKind::Custom { filters, publishes } => match publishes.first() {
            Some(p) => p.topic.as_str(),
            None => filters.first()?.filter.as_str(),
        },
        DeviceKind::Eavesdropper { .. } | DeviceKind::Intruder { .. } => return None,
    };
    let mut levels = first.split('/');
    let (_, room) = (levels.next()?, levels.next()?);
    let plain = !room.is_empty() && !room.contains(['+', '#']) && !first.starts_with('$');
    (plain && levels.next().is_some()).then(|| room.to_string())
}

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

/// Characters of a name or a state shown on hover or focus in a house drawn as dots.
const DOTS_CHARS: usize = 28;

/// Height of the room names' line over the rows.
const CAPTION: f64 = 18.0;
/// A character's width in a room's name (bold, 13 px).
const CAPTION_PX: f64 = 8.5;

/// A room's column: its name and where its devices are drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Room {
    /// Its name, as its topics say it (cut to fit its column).
    pub name: String,
    /// Its column's left edge.
    pub x: i32,
    /// Its column's width.
    pub w: i32,
    /// The rows its devices take above the broker and below it (top, bottom), when it has any.
    pub spans: [Option<(i32, i32)>; 2],
}

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
    /// The rooms' columns, when the house is drawn by room.
    pub rooms: Vec<Room>,
    /// Where the rooms' names are written (their baseline), when they are.
    pub caption: Option<i32>,
}

/// A house drawn a column per room: each column's devices above and below the broker (the
/// rooms' columns first, in `names`' order), how many of them are the room's own (the rest
/// fill its gaps), and the rows each side takes.
struct Columns {
    cols: Vec<[Vec<usize>; 2]>,
    names: Vec<String>,
    own: Vec<[usize; 2]>,
    rows: [usize; 2],
}

impl Columns {
    /// The house a column per room (in the order rooms first appear), when it has two rooms
    /// or more, one of them with two devices, on both sides of the broker, and fits `per_row`
    /// columns. A device with no room fills a gap in a room's column, or a column of its own.
    fn of(places: &[Place], per_row: usize) -> Option<Columns> {
        let mut names: Vec<String> = Vec::new();
        for room in places.iter().filter_map(|p| p.room.as_ref()) {
            if !names.contains(room) {
                names.push(room.clone());
            }
        }
        let mut cols = vec![[Vec::new(), Vec::new()]; names.len()];
        let mut loose = [Vec::new(), Vec::new()];
        for (i, p) in places.iter().enumerate() {
            let side = usize::from(p.side == Side::Below);
            match p
                .room
                .as_ref()
                .and_then(|r| names.iter().position(|n| n == r))
            {
                Some(c) => cols[c][side].push(i),
                None => loose[side].push(i),
            }
        }
        let own: Vec<[usize; 2]> = cols.iter().map(|c| [c[0].len(), c[1].len()]).collect();
        let rows = [0, 1].map(|side| own.iter().map(|o| o[side]).max().unwrap_or(0));
        let shared = own.iter().any(|o| o[0] + o[1] >= 2);
        if names.len() < 2 || !shared || rows.contains(&0) || names.len() > per_row {
            return None;
        }
        for (side, loose) in loose.into_iter().enumerate() {
            let mut loose = loose.into_iter().peekable();
            for col in cols.iter_mut() {
                let gap = rows[side] - col[side].len();
                col[side].extend(loose.by_ref().take(gap));
            }
            // What is left goes into columns of its own, after the rooms'.
            let mut extra = names.len();
            while loose.peek().is_some() {
                if extra == cols.len() {
                    cols.push([Vec::new(), Vec::new()]);
                }
                cols[extra][side].extend(loose.by_ref().take(rows[side]));
                extra += 1;
            }
        }
        (cols.len() <= per_row).then_some(Columns {
            cols,
            names,
            own,
            rows,
        })
    }
}

impl Layout {
    /// Lays out devices at `places` on a stage `w` wide and at most `h_max` high (taller only
    /// when even dots do not fit).
    pub fn of(places: &[Place], w: f64, h_max: f64) -> Layout {
        let w = w.max(200.0);
        let mut above: Vec<usize> = (0..places.len())
            .filter(|&i| places[i].side == Side::Above)
            .collect();
        let mut below: Vec<usize> = (0..places.len())
            .filter(|&i| places[i].side == Side::Below)
            .collect();
        // A house all on one side is shared between both.
        if below.is_empty() && above.len() > 1 {
            below = above.split_off(above.len().div_ceil(2));
        } else if above.is_empty() && below.len() > 1 {
            above = below.drain(..below.len() / 2).collect();
        }
        let stacked = w < WIDE;
        let band = if stacked { BAND_STACKED } else { BAND_WIDE };
        // Per level: devices per row, the columns by room (when they fit the stage), the
        // height.
        let sized = |level: Level| {
            let (cell_w, cell_h, _) = level.cell();
            let per_row = ((w / cell_w).floor() as usize).max(1);
            let plain = above.len().div_ceil(per_row) + below.len().div_ceil(per_row);
            let height =
                |rows: usize, caption: f64| 2.0 * EDGE + caption + rows as f64 * cell_h + band;
            // Rooms named over their columns where there is a line for it, else unnamed
            // (each device's name says its room).
            let captions = &[CAPTION, 0.0][usize::from(level == Level::Dots)..];
            let by_room = Columns::of(places, per_row).and_then(|c| {
                let rows = c.rows[0] + c.rows[1];
                let caption = captions
                    .iter()
                    .copied()
                    .find(|&k| height(rows, k) <= h_max)?;
                Some((c, caption, height(rows, caption)))
            });
            match by_room {
                Some((c, caption, h)) => (per_row, Some(c), caption, h),
                None => (per_row, None, 0.0, height(plain, 0.0)),
            }
        };
        let level = (Level::ALL.into_iter())
            .find(|&l| sized(l).3 <= h_max)
            .unwrap_or(Level::Dots);
        let (per_row, by_room, caption, h) = sized(level);
        let (_, cell_h, size) = level.cell();
        let top = EDGE + caption;
        let mut nodes = vec![(0, 0); places.len()];
        let row_y = |row: usize, from: f64| from + row as f64 * cell_h + size / 2.0 + 2.0;
        let (band_top, cell_w, rooms) = match by_room {
            Some(Columns {
                cols,
                names,
                own,
                rows,
            }) => {
                let band_top = top + rows[0] as f64 * cell_h;
                let below_top = band_top + band;
                let col_w = w / cols.len() as f64;
                let mut rooms = Vec::new();
                for (c, [up, down]) in cols.into_iter().enumerate() {
                    let x = col_w * (c as f64 + 0.5);
                    // Above, the last nearest the broker; below, the first. A room's own
                    // devices come first: above, farthest from the broker.
                    let first = rows[0] - up.len();
                    for (k, &i) in up.iter().enumerate() {
                        nodes[i] = (x.round() as i32, row_y(first + k, top).round() as i32);
                    }
                    for (k, &i) in down.iter().enumerate() {
                        nodes[i] = (x.round() as i32, row_y(k, below_top).round() as i32);
                    }
                    let span = |from: f64, n: usize| {
                        (n > 0).then(|| {
                            let to = from + n as f64 * cell_h;
                            (from.round() as i32, to.round() as i32)
                        })
                    };
                    if let (Some(name), Some([own_up, own_down])) = (names.get(c), own.get(c)) {
                        rooms.push(Room {
                            name: fit(name, ((col_w - 6.0) / CAPTION_PX) as usize),
                            x: (col_w * c as f64).round() as i32,
                            w: col_w.round() as i32,
                            spans: [
                                span(top + first as f64 * cell_h, *own_up),
                                span(below_top, *own_down),
                            ],
                        });
                    }
                }
                (band_top, col_w, rooms)
            }
            None => {
                let mut cell_w = w;
                // A short row goes farthest from the broker: its links pass between the full
                // row's.
                let mut place = |group: &[usize], from: f64, up: bool| {
                    let rows = group.len().div_ceil(per_row);
                    for (r, row) in group.chunks(per_row).enumerate() {
                        let r = if up { rows - 1 - r } else { r };
                        let step = w / row.len() as f64;
                        cell_w = cell_w.min(step);
                        for (k, &i) in row.iter().enumerate() {
                            let x = step * (k as f64 + 0.5);
                            nodes[i] = (x.round() as i32, row_y(r, from).round() as i32);
                        }
                    }
                };
                place(&above, top, true);
                let band_top = top + (above.len().div_ceil(per_row)) as f64 * cell_h;
                place(&below, band_top + band, false);
                (band_top, cell_w, Vec::new())
            }
        };
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
            // As dots, words show on hover and focus alone, over the neighbours: whole.
            chars: if level == Level::Dots {
                (DOTS_CHARS, DOTS_CHARS)
            } else {
                (
                    ((room / NAME_PX) as usize).max(4),
                    ((room / TAG_PX) as usize).max(4),
                )
            },
            caption: (caption > 0.0).then(|| (EDGE + 13.0).round() as i32),
            rooms,
        }
    }

    /// Where the words of a device at `(x, y)` named with `chars` characters start: the x and
    /// the anchor of its lines, and its name's baseline (its state's 16 px under it, its tags'
    /// 31). Under its box; as dots, where hover and focus write them whole over the neighbours,
    /// kept inside the stage: from the box's edge near the stage's sides, over the box in the
    /// bottom row.
    pub fn words(&self, (x, y): (i32, i32), chars: usize) -> (i32, i32, &'static str) {
        let half = self.size / 2;
        let under = y + half + 16;
        if self.level != Level::Dots {
            return (x, under, "middle");
        }
        // Half the widest line it may show: its name, or its state, which may be as long as a
        // dot's line (a dashboard's values).
        let reach = (chars.max(DOTS_CHARS) as f64 * NAME_PX / 2.0) as i32;
        let y = if under + 20 > self.h {
            y - half - 22
        } else {
            under
        };
        if x < reach {
            (x - half, y, "start")
        } else if x > self.w - reach {
            (x + half, y, "end")
        } else {
            (x, y, "middle")
        }
    }

    /// The device an arrow key (`ArrowLeft`, `ArrowRight`, `ArrowUp`, `ArrowDown`, `Home`,
    /// `End`) moves the focus to from device `from`: left and right to the one before and
    /// after it in reading order, up and down to the nearest one in the row above or below
    /// (the closest across), Home and End to the first and the last. `None` for another key,
    /// or where there is no device that way.
    pub fn arrow(&self, from: usize, key: &str) -> Option<usize> {
        let order = self.reading_order();
        let at = order.iter().position(|&i| i == from)?;
        let (x, y) = *self.nodes.get(from)?;
        let down = match key {
            "ArrowLeft" => return order.get(at.checked_sub(1)?).copied(),
            "ArrowRight" => return order.get(at + 1).copied(),
            "Home" => return order.first().copied(),
            "End" => return order.last().copied(),
            "ArrowDown" => true,
            "ArrowUp" => false,
            _ => return None,
        };
        // The row: the nearest centre that way by more than half a box.
        let ahead = |&(_, ny): &(i32, i32)| {
            let dy = if down { ny - y } else { y - ny };
            (dy > self.size / 2).then_some(dy)
        };
        let row = self.nodes.iter().filter_map(ahead).min()?;
        (0..self.nodes.len())
            .filter(|&i| ahead(&self.nodes[i]).is_some_and(|dy| dy <= row + self.size / 2))
            .min_by_key(|&i| (self.nodes[i].0 - x).abs())
    }

    /// The devices in reading order, row by row and left to right: the order Tab takes them
    /// in. (Placed one by one: a house has tens of devices, and a sort brings its own code.)
    pub fn reading_order(&self) -> Vec<usize> {
        let key = |i: usize| (self.nodes[i].1, self.nodes[i].0);
        let mut order: Vec<usize> = Vec::with_capacity(self.nodes.len());
        for i in 0..self.nodes.len() {
            let at = order.iter().position(|&j| key(j) > key(i));
            order.insert(at.unwrap_or(order.len()), i);
        }
        order
    }
}

/// The broker box's width and height, as the diagram draws it.
pub const BROKER_BOX: (i32, i32) = (100, 36);
const BROKER_HALF: (f64, f64) = (BROKER_BOX.0 as f64 / 2.0, BROKER_BOX.1 as f64 / 2.0);

/// Where the line from the broker's centre `c` to a device at `d` leaves the broker's box: a
/// packet travels from there, never over the broker's name.
pub fn broker_edge(c: (f64, f64), d: (f64, f64)) -> (f64, f64) {
    let (dx, dy) = (d.0 - c.0, d.1 - c.1);
    let reach = |half: f64, delta: f64| {
        if delta == 0.0 {
            f64::INFINITY
        } else {
            half / delta.abs()
        }
    };
    let t = (reach(BROKER_HALF.0, dx).min(reach(BROKER_HALF.1, dy))).min(1.0);
    (c.0 + dx * t, c.1 + dy * t)
}

/// Tokens drawn for a queue at most.
pub const TOKENS: usize = 8;

/// A queue of `n` waiting messages as drawn: how many tokens, and how many more messages the
/// last place says in words ("+3"), so a student counting tokens never counts fewer than its
/// name says.
pub fn tokens(n: usize) -> (usize, Option<usize>) {
    if n > TOKENS {
        (TOKENS - 1, Some(n - (TOKENS - 1)))
    } else {
        (n, None)
    }
}

/// How far apart (px) packets side by side on one link are drawn: a dot and a half.
pub const SIDE_STEP: f64 = 14.0;

/// Where a packet `p` of the way from `from` to `to` is drawn, `beside` packets already drawn
/// at about the same place on its link (two rings sent at once): the first on the line, the
/// next ones a [`SIDE_STEP`] across it, one side then the other, so none hides another.
pub fn packet_at(from: (f64, f64), to: (f64, f64), p: f64, beside: usize) -> (f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    // (`sqrt` is one wasm instruction; `hypot` would bring libm's.)
    let len = (dx * dx + dy * dy).sqrt();
    let steps = beside.div_ceil(2) as f64 * if beside % 2 == 1 { 1.0 } else { -1.0 };
    let (nx, ny) = if len > 0.0 {
        (-dy / len, dx / len)
    } else {
        (1.0, 0.0)
    };
    let across = steps * SIDE_STEP;
    (from.0 + dx * p + nx * across, from.1 + dy * p + ny * across)
}

/// Whether two packets' places along one link (each 0 to 1) are close enough that one would
/// hide the other.
pub fn hides(p: f64, q: f64) -> bool {
    (p - q).abs() < 0.06
}

/// A list of values ("a · b · c") cut to `chars` characters between two values, with how many
/// are left ("a · +2"); cut as [`fit`] when not even one fits.
pub fn fit_items(text: &str, chars: usize) -> String {
    let items: Vec<&str> = text.split(" · ").collect();
    if text.chars().count() <= chars || items.len() < 2 {
        return fit(text, chars);
    }
    let (mut shown, mut taken) = (String::new(), 0);
    for item in &items {
        let with = match taken {
            0 => item.to_string(),
            _ => format!("{shown} · {item}"),
        };
        let left = format!(" · +{}", items.len() - taken - 1);
        if with.chars().count() + left.chars().count() > chars {
            break;
        }
        (shown, taken) = (with, taken + 1);
    }
    match taken {
        0 => fit(text, chars),
        _ => format!("{shown} · +{}", items.len() - taken),
    }
}

/// A retained message on the broker's shelf in `chars` characters: `topic = payload`, and
/// when that is too long, the payload kept (up to half the line) and the topic's last two
/// levels, the last cut at its end if need be (`…/Cocina/Tempera… = 22.5`): the room and the
/// value stay in sight, as on a label.
pub fn shelf_line(topic: &str, payload: &str, chars: usize) -> String {
    let whole = format!("{topic} = {payload}");
    if whole.chars().count() <= chars {
        return whole;
    }
    let payload = fit(payload, (chars / 2).max(1));
    // What the topic may take.
    let room = chars.saturating_sub(payload.chars().count() + 3);
    if topic.chars().count() <= room {
        return format!("{topic} = {payload}");
    }
    if room < 6 {
        return fit(&whole, chars);
    }
    let last_two = match topic.rsplitn(3, '/').collect::<Vec<_>>()[..] {
        [last, before, _] => format!("…/{before}/{last}"),
        _ => topic.to_string(),
    };
    format!("{} = {payload}", fit(&last_two, room))
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
