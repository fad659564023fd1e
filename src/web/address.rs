//! What the address carries beyond a built-in lesson: a teacher's lesson (`#lesson=`, or
//! `?lessonfile=PATH` in its SCORM package), a shared run (`#share=`) or a teacher's
//! scenario (`?scenario=URL`). Each opens in the background; a failure is shown and the
//! default run stays. The code comes only when the address has one of them (most visits do
//! not).

use std::sync::Arc;

use leptos::prelude::Set;
use leptos::task::spawn_local;

use crate::core::sim::lessons::LessonFile;
use crate::core::sim::Share;
use crate::i18n::Text;
use crate::web::components::share::open_scenario;
use crate::web::files;
use crate::web::lang::query_flag;
use crate::web::say::{Say, Why};
use crate::web::state::{Ctx, Sim};

/// Opens what the address carries, if anything.
pub fn open(ctx: Ctx) {
    let scenario_url = query_flag("scenario");
    let lesson_file = query_flag("lessonfile");
    if !files::has_fragment() && scenario_url.is_none() && lesson_file.is_none() {
        return;
    }
    spawn_local(async move {
        if open_split(ctx, scenario_url, lesson_file).await.is_err() {
            ctx.fail(Text::ShareOpenFailed, Why::Text(Text::LoadPartFailed));
        }
    });
}

crate::web::lazy::split_fn!(
    open_address,
    fetch_open_address,
    fn open_split(ctx: Ctx, scenario_url: Option<String>, lesson_file: Option<String>) -> () {
        spawn_local(opened(ctx, scenario_url, lesson_file))
    }
);

async fn opened(ctx: Ctx, scenario_url: Option<String>, lesson_file: Option<String>) {
    // The builder opens a lesson link itself, to edit it.
    let building = query_flag("build").as_deref() == Some("1");
    let lesson = match lesson_file {
        Some(path) => Some(files::fetch(&path).await),
        None => files::lesson_from_fragment().await,
    };
    if let Some(lesson) = lesson.filter(|_| !building) {
        // A teacher's lesson link: a student plays it from its first step.
        let opened = lesson.map_err(Why::Browser).and_then(|json| {
            LessonFile::from_json(&json)
                .and_then(|file| Sim::from_lesson_file(Arc::new(file)))
                .map_err(Why::Scenario)
        });
        match opened {
            Ok(sim) => ctx.replace(sim, None),
            Err(why) => ctx.fail(Text::ShareOpenFailed, why),
        }
    } else if let Some(shared) = files::shared_from_fragment().await {
        let opened = shared.map_err(Why::Browser).and_then(|json| {
            Share::from_json(&json)
                .and_then(|share| Sim::from_share(&share))
                .map_err(Why::Scenario)
        });
        match opened {
            Ok(sim) => {
                ctx.replace(sim, None);
                // The run catches up frame by frame; say how far, then where it stopped.
                while let Some(done) = ctx.peek(|s| s.catching_up()) {
                    let percent = (done * 100.0).round().clamp(0.0, 100.0) as u8;
                    ctx.notice.set(Some(Say::Opening(percent)));
                    gloo_timers::future::TimeoutFuture::new(100).await;
                }
                // Every view shows where it stopped (frames no longer change anything).
                ctx.parts.bump(crate::page::Parts::all());
                let at = ctx.peek(|s| s.run.now().millis());
                ctx.notice.set(Some(Say::Opened(at)));
            }
            Err(why) => ctx.fail(Text::ShareOpenFailed, why),
        }
    } else if let Some(url) = scenario_url {
        // A network or CORS failure says only "Failed to fetch": explain the likely cause.
        let text = files::fetch(&url).await.map_err(|e| {
            if e.starts_with("HTTP ") {
                Why::Browser(e)
            } else {
                Why::Fetch(e)
            }
        });
        open_scenario(ctx, text, Some(url));
    }
}
