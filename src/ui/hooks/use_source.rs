use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::code::Source;

/// A code-panel source as it arrives.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceText {
    /// Being fetched.
    Loading,
    /// The file's text.
    Ready(Rc<str>),
    /// Why it could not be fetched.
    Failed(String),
}

thread_local! {
    /// Fetched files, for the life of the page: tab switches and re-renders never fetch again.
    static CACHE: RefCell<HashMap<&'static str, Rc<str>>> = RefCell::new(HashMap::new());
}

fn cached(url: &str) -> Option<Rc<str>> {
    CACHE.with(|c| c.borrow().get(url).cloned())
}

/// The text of `source`, fetched the first time any panel shows it.
///
/// The fetch is owned by the effect: if the component goes away (or shows another file) before
/// it answers, the answer is kept in the cache but not applied.
#[hook]
pub fn use_source(source: &'static Source) -> SourceText {
    let state = use_state(|| cached(source.url).map_or(SourceText::Loading, SourceText::Ready));
    {
        let state = state.clone();
        use_effect_with(source.url, move |&url| {
            let live = Rc::new(std::cell::Cell::new(true));
            match cached(url) {
                Some(text) => state.set(SourceText::Ready(text)),
                None => {
                    state.set(SourceText::Loading);
                    let live = live.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = crate::web::fetch_text(url).await;
                        let next = match result {
                            Ok(text) => {
                                let text: Rc<str> = Rc::from(text);
                                CACHE.with(|c| c.borrow_mut().insert(url, text.clone()));
                                SourceText::Ready(text)
                            }
                            Err(e) => SourceText::Failed(e),
                        };
                        if live.get() {
                            state.set(next);
                        }
                    });
                }
            }
            move || live.set(false)
        });
    }
    (*state).clone()
}
