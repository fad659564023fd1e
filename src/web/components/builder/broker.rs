//! The builder's broker: anonymous access, its accounts (each with a practice password the
//! app makes up), the access rules for everyone (mosquitto's `pattern` lines, `%c` and `%u`
//! allowed), and its limits — messages kept per offline client, QoS 0 queued or not, the
//! longest keep-alive, a 5.0 client's receive maximum and topic aliases. Each field is taken
//! when it changes, checked as typed.

use leptos::prelude::*;

use crate::core::json_read::{err, Problem};
use crate::core::scenario::broker::BrokerConfig;
use crate::core::scenario::{practice_password, ScenarioError, PRACTICE};
use crate::core::sim::lessons::draft::Edit;
use crate::i18n::build::{BuildMsg, BuildText};

use super::Bench;

/// A change to the broker's settings, refused with the field and the reason.
type Change = dyn FnOnce(&mut BrokerConfig) -> Result<(), ScenarioError>;

/// The broker's card.
pub(super) fn broker(bench: Bench) -> impl IntoView {
    let t = move |k: BuildText| move || bench.t(k);
    let config = Memo::new(move |_| bench.read(|d| d.file().scenario.broker.clone()));
    let set = move |f: Box<Change>| {
        let mut next = config.get_untracked();
        match f(&mut next) {
            Ok(()) => {
                bench.edit(Edit::SetBroker(Box::new(next)));
            }
            Err(e) => bench.error.set(Some(ScenarioError {
                path: format!("scenario.broker.{}", e.path),
                ..e
            })),
        }
    };
    let number =
        move |label: BuildText,
              testid: &'static str,
              get: fn(&BrokerConfig) -> String,
              put: fn(&mut BrokerConfig, &str) -> Result<(), ScenarioError>| {
            view! {
                <label>{t(label)}
                    <input type="number" min="0" data-testid=testid prop:value=move || get(&config.get())
                        on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |b| put(b, &v))); }/>
                </label>
            }
        };
    view! {
        <details class="build-part" data-testid="build-broker-part">
            <summary>{t(BuildText::BrokerPart)}</summary>
            <label class="inline">
                <input type="checkbox" data-testid="broker-anonymous" prop:checked=move || config.get().allow_anonymous
                    on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |b| { b.allow_anonymous = on; Ok(()) })); }/>
                {t(BuildText::Anonymous)}
            </label>
            {accounts(bench, config, set)}
            <label>{t(BuildText::Rules)}
                <textarea rows="3" data-testid="broker-rules" prop:value=move || config.get().rules_text()
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |b| b.set_rules(&v))); }></textarea>
            </label>
            <div class="row">
                {number(BuildText::MaxQueued, "broker-max-queued", |b| b.max_queued.to_string(), |b, v| {
                    b.max_queued = whole(v, "max_queued", 1, 100_000)? as usize;
                    Ok(())
                })}
                {number(BuildText::MaxKeepAlive, "broker-max-keepalive", |b| b.max_keepalive.to_string(), |b, v| {
                    b.max_keepalive = whole(v, "max_keepalive", 0, 65_535)? as u16;
                    Ok(())
                })}
                {number(BuildText::ReceiveMaximum, "broker-receive-maximum", |b| b.receive_maximum.to_string(), |b, v| {
                    b.receive_maximum = whole(v, "receive_maximum", 1, 65_535)? as u16;
                    Ok(())
                })}
                {number(BuildText::TopicAliases, "broker-topic-aliases", |b| b.max_topic_alias.to_string(), |b, v| {
                    b.max_topic_alias = whole(v, "max_topic_alias", 0, 65_535)? as u16;
                    Ok(())
                })}
            </div>
            <label class="inline">
                <input type="checkbox" data-testid="broker-queue-qos0" prop:checked=move || config.get().queue_qos0
                    on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |b| { b.queue_qos0 = on; Ok(()) })); }/>
                {t(BuildText::QueueQos0)}
            </label>
        </details>
    }
}

/// The broker's accounts: a user name each, with the practice password the app makes up for
/// it (the file says only that there is one).
fn accounts(
    bench: Bench,
    config: Memo<BrokerConfig>,
    set: impl Fn(Box<Change>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = move |k: BuildText| move || bench.t(k);
    let seed = Memo::new(move |_| bench.read(|d| d.file().scenario.seed));
    let typed = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let user = typed.get_untracked().trim().to_string();
        set(Box::new(move |b| {
            let problem = if user.is_empty() || user.chars().any(char::is_whitespace) {
                Some(Problem::EmptyName)
            } else if b.users.contains_key(&user) {
                Some(Problem::DuplicateName(user.clone()))
            } else {
                None
            };
            match problem {
                Some(p) => Err(err("users", p)),
                None => {
                    b.users.insert(user, PRACTICE.to_string());
                    Ok(())
                }
            }
        }));
        if bench.error.get_untracked().is_none() {
            typed.set(String::new());
        }
    };
    view! {
        <fieldset data-testid="broker-accounts">
            <legend>{t(BuildText::Accounts)}</legend>
            <ul class="plain">
                {move || config.get().users.into_keys().map(|user| {
                    let shown = practice_password(seed.get(), &user);
                    let gone = user.clone();
                    view! {
                        <li data-testid="broker-account">
                            <strong translate="no">{user.clone()}</strong>" · "
                            {move || bench.msg(BuildMsg::Practice(&shown))}" "
                            <button type="button" class="small secondary" data-testid="broker-account-remove"
                                on:click=move |_| { let u = gone.clone(); set(Box::new(move |b| { b.users.remove(&u); Ok(()) })); }>
                                {t(BuildText::Remove)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="row" on:submit=add>
                <label>{t(BuildText::User)}
                    <input data-testid="broker-account-name" autocomplete="off" prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="small" data-testid="broker-account-add">{t(BuildText::AddAccount)}</button>
            </form>
            <p class="hint">{t(BuildText::AccountsHint)}</p>
        </fieldset>
    }
}

/// A whole number in a range, or the field and why not.
fn whole(v: &str, field: &str, min: u64, max: u64) -> Result<u64, ScenarioError> {
    (v.trim().parse::<u64>().ok())
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            err(
                field,
                Problem::WrongType {
                    expected: crate::core::json_read::Expected::WholeUpTo(max),
                    found: crate::core::json_read::Found::Text(v.to_string()),
                },
            )
        })
}
