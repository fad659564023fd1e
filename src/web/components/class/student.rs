//! A student's join bar: their name, and their progress retained on the broker as it
//! changes and every [`HEARTBEAT_S`] seconds, with a will that marks them offline.

use super::*;

const NAME_KEY: &str = "mqtt-playground-class-name";
/// Seconds between the student's progress heartbeats (for "last seen").
const HEARTBEAT_S: f64 = 30.0;

/// The bar of a student link: join with a name (and an account if the broker wants one); once
/// in, the progress is retained on the broker whenever it changes, and every 30 s.
#[component]
pub(super) fn StudentBar() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let real = Real::get();
    let t = move |k: ClassText| move || lang.get().t(k);
    let (link, class) = match linked_class(lang) {
        Ok(linked) => linked,
        Err(explained) => return explained,
    };
    let name = RwSignal::new(storage::load::<String>(NAME_KEY).unwrap_or_default());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Trouble>);
    let busy = RwSignal::new(false);
    let joined = RwSignal::new(None::<Claim>);
    let me = browser_id();
    let client = move || real.client.get_value();
    let status = status_of(real);
    // Goals met per lesson tried since joining (the most the run has met).
    let goals: StoredValue<BTreeMap<String, [u32; 2]>> = StoredValue::new(BTreeMap::new());
    // First answers per lesson tried, and the misconceptions they showed.
    let answers: StoredValue<BTreeMap<String, [u32; 2]>> = StoredValue::new(BTreeMap::new());
    let shown: StoredValue<Vec<String>> = StoredValue::new(Vec::new());
    // Teachers' lessons tried (their titles) and passed, since joining.
    let titles: StoredValue<BTreeMap<String, String>> = StoredValue::new(BTreeMap::new());
    let own_passed: StoredValue<Vec<String>> = StoredValue::new(Vec::new());
    let sent = StoredValue::new((String::new(), 0.0f64, false));
    let progress = {
        let me = me.clone();
        move |claim: &Claim| -> Progress {
            let lang = ctx.lang.get_untracked();
            let (lesson, now, score, own) = ctx.peek(|s| {
                let lesson = s.lesson_id().map(str::to_string);
                // A teacher's lesson: its title for the teacher's table, and passed here.
                let own = (s.own_lesson()).map(|f| (lang.lesson_text(f).title, s.goals.passed()));
                (lesson, s.goals.held.clone(), s.goals.score(), own)
            });
            if let (Some(id), Some((title, passed))) = (&lesson, own) {
                titles.update_value(|t| {
                    let title = title.unwrap_or_else(|| id.clone());
                    t.insert(id.clone(), title.chars().take(TITLE_MAX).collect());
                });
                if passed {
                    own_passed.update_value(|p| {
                        if !p.contains(id) {
                            p.push(id.clone());
                        }
                    });
                }
            }
            if let (Some(id), Some(score)) = (&lesson, score) {
                // First answers never change: the newest count is the whole story.
                let wrong = score.predictions_wrong + score.quiz_wrong;
                // A run started again keeps the first run's answers until it has answered more.
                if score.answered() > 0 {
                    answers.update_value(|a| {
                        let kept = a.get(id).map_or(0, |[r, w]| r + w);
                        if score.answered() > kept {
                            a.insert(id.clone(), [score.right(), wrong]);
                        }
                    });
                }
                shown.update_value(|all| {
                    for m in &score.shown {
                        if !all.iter().any(|n| n == m.name()) {
                            all.push(m.name().to_string());
                        }
                    }
                });
            }
            if let Some(id) = &lesson {
                if !now.is_empty() {
                    let met = now.iter().filter(|g| **g).count() as u32;
                    // The best so far: going back in time (or replaying) takes nothing away.
                    goals.update_value(|g| {
                        let kept = g.get(id).map_or(0, |[m, _]| *m);
                        g.insert(id.clone(), [met.max(kept), now.len() as u32]);
                    });
                }
            }
            Progress {
                v: PROGRESS_V,
                id: me.clone(),
                name: claim.name.clone(),
                lesson,
                passed: (ctx
                    .progress
                    .with_untracked(|p| p.keys().cloned().collect::<Vec<_>>()))
                .into_iter()
                .chain(own_passed.get_value())
                .collect(),
                goals: goals.get_value(),
                answers: answers.get_value(),
                shown: shown.get_value(),
                titles: titles.get_value(),
                seen: 0,
            }
        }
    };
    let class_p = class.clone();
    // Publishes the progress if it changed, or for the heartbeat, or after a reconnect.
    let publish = move |force: bool| {
        let Some(claim) = joined.get_untracked() else {
            return;
        };
        let c = client();
        if c.0.borrow().status != Status::Connected {
            sent.update_value(|s| s.2 = false);
            return;
        }
        let mut p = progress(&claim);
        let same = p.to_json();
        let (last, at, online) = sent.get_value();
        let now = crate::web::wall::now_ms();
        if !force && online && last == same && now - at < HEARTBEAT_S * 1000.0 {
            return;
        }
        p.seen = wall_ms();
        if !online {
            client_op_now(
                &c,
                ClientOp::Publish(
                    class_p.online_topic(&claim.level),
                    Bytes::from_static(b"1"),
                    1,
                    true,
                ),
            );
        }
        client_op_now(
            &c,
            ClientOp::Publish(
                class_p.progress_topic(&claim.level),
                Bytes::from(p.to_json()),
                1,
                true,
            ),
        );
        sent.set_value((same, now, true));
    };
    let publish = StoredValue::new_local(Box::new(publish) as Box<dyn Fn(bool)>);
    let publish = move |force: bool| publish.with_value(|p| p(force));
    Effect::new(move |_| {
        ctx.read(Part::Goals, |s| {
            (s.goals.count().0, s.goals.score().map(|x| x.answered()))
        });
        ctx.progress.track();
        status();
        publish(false);
    });
    let beat = set_interval_with_handle(move || publish(false), std::time::Duration::from_secs(5));
    on_cleanup(move || {
        if let Ok(h) = beat {
            h.clear();
        }
    });
    let class_j = class.clone();
    let devices = link.devices;
    let join = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = match DisplayName::new(&name.get_untracked()) {
            Ok(n) => n,
            Err(e) => return error.set(Some(e.into())),
        };
        let user = username.get_untracked();
        if !user.trim().is_empty() {
            if let Err(e) = crate::core::class::username_level(&user) {
                return error.set(Some(e.into()));
            }
        }
        if let Err(e) = BrokerUrl::parse(&link.broker) {
            return error.set(Some(e.into()));
        }
        storage::save(NAME_KEY, &wanted.as_str());
        error.set(None);
        busy.set(true);
        let (class, link, me) = (class_j.clone(), link.clone(), me.clone());
        let pass = password.get_untracked();
        spawn_local(async move {
            let c = client();
            let done = async {
                let mut taken: Vec<(String, String, String)> = Vec::new();
                if user.trim().is_empty() {
                    // Who is in the class already (their retained progress), to keep names apart.
                    client_op(&c, ClientOp::Connect(options(&link.broker, "", "", None))).await?;
                    until_connected(&c).await?;
                    let filter = class.progress_filter();
                    client_op(
                        &c,
                        ClientOp::Subscribe(
                            filter.clone(),
                            SubscriptionOptions::qos(QoS::AtLeastOnce),
                        ),
                    )
                    .await?;
                    while c.awaiting_suback() && c.next_change(3_000).await {}
                    // Retained messages follow the SUBACK.
                    gloo_timers::future::TimeoutFuture::new(400).await;
                    taken = topics_of(&c, |topics| roster(&class, topics))
                        .into_iter()
                        .filter_map(|s| s.progress.map(|p| (s.level, p.name, p.id)))
                        .collect();
                    client_op(&c, ClientOp::Unsubscribe(filter)).await?;
                }
                let list: Vec<_> = taken
                    .iter()
                    .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
                    .collect();
                let got = claim(&wanted, Some(user.as_str()), &me, &list)?;
                let will = Some(class.online_topic(&got.level));
                client_op(
                    &c,
                    ClientOp::Connect(options(&link.broker, &user, &pass, will)),
                )
                .await?;
                until_connected(&c).await?;
                Ok::<Claim, Trouble>(got)
            };
            match done.await {
                Ok(got) => {
                    if link.devices {
                        real.bridge.update(|b| {
                            b.prefix = class.student_root(&got.level);
                            b.all = true;
                        });
                    }
                    password.set(String::new());
                    joined.set(Some(got));
                    publish(true);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let class_l = class.clone();
    let leave = move |_| {
        let c = client();
        if let Some(claim) = joined.get_untracked() {
            client_op_now(
                &c,
                ClientOp::Publish(
                    class_l.online_topic(&claim.level),
                    Bytes::from_static(b"0"),
                    1,
                    true,
                ),
            );
        }
        client_op_now(&c, ClientOp::Close);
        real.bridge.update(|b| {
            b.all = false;
            b.prefix.clear();
        });
        sent.set_value(Default::default());
        joined.set(None);
    };
    let code = class.code().to_string();
    let code_j = code.clone();
    view! {
        <section class="class-bar panel" data-testid="class-bar" aria-labelledby="class-bar-title">
            <h2 id="class-bar-title">{move || ClassMsg::JoinTitle(&code).render(lang.get())}</h2>
            {move || match joined.get() {
                None => view! {
                    <form class="class-join" data-testid="class-join" on:submit=join.clone()>
                        <p class="hint">{t(ClassText::JoinHint)}</p>
                        <div class="row">
                            <label>{t(ClassText::NameField)}
                                <input data-testid="class-name" maxlength="32" required prop:value=move || name.get()
                                    autocomplete="nickname" on:input=move |ev| name.set(event_target_value(&ev))/>
                            </label>
                            {field(ClassText::UsernameField, username, "class-username", "text", lang)}
                            {field(ClassText::PasswordField, password, "class-password", "password", lang)}
                            <button type="submit" data-testid="class-join-button" disabled=move || busy.get()>{t(ClassText::Join)}</button>
                        </div>
                        <p class="muted" role="status">{move || busy.get().then(|| lang.get().t(ClassText::Connecting))}</p>
                        <p class="field-error" role="alert" data-testid="class-error">{move || error.get().map(|e| e.message(lang.get()))}</p>
                    </form>
                }.into_any(),
                Some(claim) => {
                    let (shown, code) = (claim.name.clone(), code_j.clone());
                    view! {
                        <p data-testid="class-joined" role="status">{move || ClassMsg::Joined(&shown, &code).render(lang.get())}</p>
                        <Show when=move || status() == Status::Reconnecting || status() == Status::Connecting>
                            <p class="warning" data-testid="class-reconnecting">{t(ClassText::Reconnecting)}</p>
                        </Show>
                        {devices.then(|| view! { <p class="hint">{t(ClassText::SharingDevices)}</p> })}
                        <button type="button" class="small secondary" data-testid="class-leave" on:click=leave.clone()>{t(ClassText::Leave)}</button>
                    }.into_any()
                }
            }}
        </section>
    }
    .into_any()
}
