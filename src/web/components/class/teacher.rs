//! The teacher's live table of students × lessons (virtualized, sorted, filtered) and the
//! class's topic tree.

use super::*;

const TEACHER_KEY: &str = "mqtt-playground-class-teacher";

fn mark_view(mark: Mark, lang: Lang) -> (&'static str, &'static str, String) {
    match mark {
        Mark::Passed => ("passed", "✔", lang.t(ClassText::Passed).to_string()),
        Mark::Current(m, a) => ("current", "▶", ClassMsg::Current(m, a).render(lang)),
        Mark::Tried(m, a) => ("tried", "◐", ClassMsg::Tried(m, a).render(lang)),
        Mark::None => ("none", "·", lang.t(ClassText::NotStarted).to_string()),
    }
}

/// A row of the teacher's table, in pixels (`.class-table tbody tr` in the stylesheet).
const ROW_PX: f64 = 33.0;
/// Rows of the teacher's table in sight at once (its region's height).
const ROWS_SEEN: usize = 14;
/// A line of the class's topic tree, in pixels, and the lines in sight at once.
const LINE_PX: f64 = 22.0;
const LINES_SEEN: usize = 20;

/// The teacher's view: connect, then a live table of students × lessons and the topic tree,
/// both built from what the broker delivers (retained progress first).
#[component]
pub(super) fn TeacherView() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let real = Real::get();
    let t = move |k: ClassText| move || lang.get().t(k);
    let (link, class) = match linked_class(lang) {
        Ok(linked) => linked,
        Err(explained) => return explained,
    };
    let broker = RwSignal::new(link.broker.clone());
    let username = RwSignal::new(storage::load::<String>(TEACHER_KEY).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Trouble>);
    let busy = RwSignal::new(false);
    let now = RwSignal::new(wall_ms());
    let clock = set_interval_with_handle(
        move || now.set(wall_ms()),
        std::time::Duration::from_secs(5),
    );
    on_cleanup(move || {
        if let Ok(h) = clock {
            h.clear();
        }
    });
    let status = status_of(real);
    let class_c = class.clone();
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let url = broker.get_untracked();
        if let Err(e) = BrokerUrl::parse(&url) {
            return error.set(Some(e.into()));
        }
        let user = username.get_untracked();
        storage::save(TEACHER_KEY, &user);
        let pass = password.get_untracked();
        let everything = class_c.everything();
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let c = real.client.get_value();
            let done = async {
                client_op(&c, ClientOp::Connect(options(&url, &user, &pass, None))).await?;
                until_connected(&c).await?;
                client_op(
                    &c,
                    ClientOp::Subscribe(everything, SubscriptionOptions::qos(QoS::AtLeastOnce)),
                )
                .await?;
                Ok::<(), Trouble>(())
            };
            match done.await {
                Ok(()) => password.set(String::new()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let class_r = class.clone();
    // A class of hundreds stays usable: the roster is taken in when what arrived changed it,
    // sorted and filtered as asked, and only the rows in sight are drawn.
    let kept = StoredValue::new_local(Roster::default());
    let students = Memo::new(move |_| {
        with_topics(real, |topics| {
            (kept.try_update_value(|r| r.update(&class_r, topics))).unwrap_or_default()
        })
    });
    let sort = RwSignal::new(false); // false: by name; true: by progress
    let query = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        // Accents and case do not count: `alvaro` finds Álvaro.
        let q = plain::key(query.get().trim());
        let mut list: Vec<Student> = (students.get().into_iter())
            .filter(|s| q.is_empty() || plain::key(s.name()).contains(&q))
            .collect();
        // The roster comes sorted by name; by progress keeps that order among equals.
        if sort.get() {
            list.sort_by_key(|s| {
                std::cmp::Reverse(s.progress.as_ref().map_or(0, |p| p.passed.len()))
            });
        }
        list
    });
    let scroll = RwSignal::new(0.0f64);
    let class_t = class.clone();
    let topics = Memo::new(move |_| with_topics(real, |topics| tree(&class_t, topics)));
    let tree_scroll = RwSignal::new(0.0f64);
    let code = class.code().to_string();
    let shown_link = Signal::derive(move || {
        Some(Link {
            broker: broker.get(),
            ..link.clone()
        })
    });
    let connected = move || status() == Status::Connected;
    view! {
        <section class="class-teacher" data-testid="class-teacher" aria-labelledby="class-teacher-title">
            <div class="panel">
                <h2 id="class-teacher-title">{move || ClassMsg::TeacherTitle(&code).render(lang.get())}</h2>
                <p class="hint">{t(ClassText::TeacherHint)}</p>
                <form class="row" on:submit=connect>
                    {field(ClassText::BrokerField, broker, "class-broker", "url", lang)}
                    {field(ClassText::TeacherUsername, username, "class-username", "text", lang)}
                    {field(ClassText::PasswordField, password, "class-password", "password", lang)}
                    <button type="submit" data-testid="class-connect" disabled=move || busy.get()>{t(ClassText::Connect)}</button>
                </form>
                <p class="muted" role="status" data-testid="class-status">{move || lang.get().t(if connected() { ClassText::Online } else { ClassText::Offline })}</p>
                <p class="field-error" role="alert" data-testid="class-error">{move || error.get().map(|e| e.message(lang.get()))}</p>
                <Show when=move || is_public_broker(&broker.get())>
                    <p class="warning" role="note">{t(ClassText::PublicWarning)}</p>
                </Show>
            </div>
            <div class="class-grid">
            <div class="panel">
                <h3>{t(ClassText::Students)}" · "<span data-testid="class-count">{move || ClassMsg::StudentCount(students.with(Vec::len)).render(lang.get())}</span></h3>
                <div class="row class-tools">
                    <label>{t(ClassText::SortBy)}" "
                        <select data-testid="class-sort" on:change=move |ev| sort.set(event_target_value(&ev) == "progress")>
                            <option value="name">{t(ClassText::SortName)}</option>
                            <option value="progress">{t(ClassText::SortProgress)}</option>
                        </select>
                    </label>
                    <label>{t(ClassText::FindStudent)}" "
                        <input type="search" data-testid="class-filter" prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))/>
                    </label>
                </div>
                // The scrolling region stays while its rows change: the keyboard's focus and
                // scrolling stay on it.
                <Show when=move || !students.with(Vec::is_empty)
                    fallback=move || view! { <p class="muted" data-testid="class-empty">{t(ClassText::NoStudents)}</p> }>
                <div class="table-wrap class-scroll" tabindex="0" role="region" aria-label=t(ClassText::Students)
                    on:scroll=move |ev| scroll.set(f64::from(event_target::<web_sys::Element>(&ev).scroll_top()))>
                {move || {
                    let list = shown.get();
                    let l = lang.get();
                    let at = now.get();
                    // The app's lessons, then the teachers' own that students have tried.
                    let ids: Vec<&str> = LESSONS.iter().map(|x| x.id).collect();
                    let own = own_lessons(list.iter().filter_map(|s| s.progress.as_ref()), &ids);
                    let columns: Vec<(String, String)> = (LESSONS.iter())
                        .map(|x| (x.id.to_string(), l.t(x.title()).to_string()))
                        .chain(own)
                        .collect();
                    // Only the rows in sight (and a few more), between spacers as tall as the rest.
                    let total = list.len();
                    let first = ((scroll.get() / ROW_PX) as usize).min(total.saturating_sub(ROWS_SEEN));
                    let last = (first + ROWS_SEEN + 4).min(total);
                    let (above, below) = (first as f64 * ROW_PX, (total - last) as f64 * ROW_PX);
                    let list: Vec<(usize, Student)> = list.into_iter().enumerate().skip(first).take(last - first).collect();
                    view! {
                            <table class="class-table" data-testid="class-table" aria-rowcount=(total + 1).to_string()>
                                <thead><tr>
                                    <th scope="col">{l.t(ClassText::StudentColumn)}</th>
                                    {columns.iter().enumerate().map(|(i, (_, title))| view! {
                                        <th scope="col" class="num"><abbr title=title.clone()>{(i + 1).to_string()}</abbr></th>
                                    }).collect_view()}
                                    <th scope="col">{l.t(ClassText::LastSeen)}</th>
                                </tr></thead>
                                <tbody>
                                    <tr class="spacer" aria-hidden="true" style:height=format!("{above}px")></tr>
                                    {list.into_iter().map(|(i, s)| {
                                        let seen = s.progress.as_ref().map(|p| ago(at, p.seen, l));
                                        // Not connected, the teacher cannot tell who is.
                                        let online = connected() && s.online == Some(true);
                                        let cells = columns.iter().map(|(id, lesson)| {
                                            let (kind, sign, text) = mark_view(s.mark(id), l);
                                            let answers = s.answers(id);
                                            let mut title = format!("{lesson}: {text}");
                                            if let Some([r, w]) = answers {
                                                title.push_str(&format!(" · {}", ClassMsg::Answers(r, r + w).render(l)));
                                            }
                                            view! {
                                                <td class=format!("mark {kind}") data-testid="class-cell" data-lesson=id.clone() data-mark=kind title=title.clone()
                                                    data-answers=answers.map(|[r, w]| format!("{r}/{}", r + w))>
                                                    <span aria-hidden="true">{sign}</span>
                                                    {answers.map(|[r, w]| view! { <small class="answers" aria-hidden="true">{format!("{r}/{}", r + w)}</small> })}
                                                    <span class="sr-only">{title.clone()}</span>
                                                </td>
                                            }
                                        }).collect_view();
                                        view! {
                                            <tr data-testid="class-row" data-student=s.level.clone() aria-rowindex=(i + 2).to_string()>
                                                <th scope="row">
                                                    <span class="dot" class:online=online aria-hidden="true"></span>
                                                    <span data-testid="class-student-name">{s.name().to_string()}</span>
                                                    <span class="sr-only">" ("{l.t(if online { ClassText::Online } else { ClassText::Offline })}")"</span>
                                                    {s.progress.is_none().then(|| view! { <span class="muted">" · "{l.t(ClassText::Unreadable)}</span> })}
                                                </th>
                                                {cells}
                                                <td class="seen">{seen}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                    <tr class="spacer" aria-hidden="true" style:height=format!("{below}px")></tr>
                                </tbody>
                            </table>
                    }
                }}
                </div>
                {move || shown.with(Vec::is_empty).then(|| view! { <p class="muted" role="status" data-testid="class-no-match">{t(ClassText::NoMatch)}</p> })}
                <p class="hint" data-testid="class-legend">{t(ClassText::Legend)}</p>
                </Show>
            </div>
            <aside>
            <div class="panel" data-testid="class-misconceptions">
                <h3>{t(ClassText::Misconceptions)}</h3>
                {move || {
                    let l = lang.get();
                    let counted = students.with(|s| misconceptions(s));
                    if counted.is_empty() {
                        return view! { <p class="muted">{l.t(ClassText::NoMisconceptions)}</p> }.into_any();
                    }
                    view! {
                        <ol class="class-mistakes">
                            {counted.into_iter().map(|(m, n)| {
                                let (name, truth) = m.told(l);
                                view! {
                                    <li data-testid="class-misconception" data-name=m.name() data-count=n.to_string() title=truth>
                                        <strong>{name}</strong>" · "{ClassMsg::Showed(n).render(l)}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </div>
            <div class="panel">
                <h3>{t(ClassText::Topics)}</h3>
                {move || {
                    let lines = topics.get();
                    if lines.is_empty() {
                        return view! { <p class="muted">{t(ClassText::NoTopics)}</p> }.into_any();
                    }
                    // As the table: the lines in sight, between spacers.
                    let total = lines.len();
                    let first = ((tree_scroll.get() / LINE_PX) as usize).min(total.saturating_sub(LINES_SEEN));
                    let last = (first + LINES_SEEN + 4).min(total);
                    let (above, below) = (first as f64 * LINE_PX, (total - last) as f64 * LINE_PX);
                    view! {
                        <div class="class-tree-scroll" tabindex="0" role="region" aria-label=lang.get().t(ClassText::Topics)
                            on:scroll=move |ev| tree_scroll.set(f64::from(event_target::<web_sys::Element>(&ev).scroll_top()))>
                            <div aria-hidden="true" style:height=format!("{above}px")></div>
                            <ul class="class-tree" data-testid="class-tree">
                                {lines.into_iter().skip(first).take(last - first).map(|line| view! {
                                    <li style=format!("--depth:{}", line.depth)>
                                        <code translate="no">{line.level}</code>
                                        {line.value.map(|v| view! { " · "<span class="value" translate="no">{v}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <div aria-hidden="true" style:height=format!("{below}px")></div>
                        </div>
                    }.into_any()
                }}
            </div>
            <div class="panel">
                <LinkBox link=shown_link/>
            </div>
            </aside>
            </div>
        </section>
    }
    .into_any()
}
