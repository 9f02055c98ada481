//! The app-wide store: the core [`AppState`] plus how its changes reach the history,
//! and the notices about ignored URL parts. Provided by [`crate::app::App`] as a context;
//! components use [`use_store`].

use crate::dom::HistoryMode;
use corpus::state::{reduce, Action, AppState, Parsed};
use std::rc::Rc;
use yew::prelude::*;

/// The store.
#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    /// What the URL holds.
    pub state: AppState,
    /// How the last change enters the history.
    pub history: HistoryMode,
    /// What the last URL or host message asked for that could not be used.
    pub notices: Vec<String>,
}

/// Store messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// A reader action.
    Do(Action),
    /// A state read from the URL (first load, back/forward) or from a host message.
    FromUrl(Parsed),
    /// Hide the notices.
    DismissNotices,
}

impl Store {
    /// The initial store, read from the address bar.
    pub fn from_parsed(p: Parsed) -> Store {
        Store {
            state: p.state,
            history: HistoryMode::None,
            notices: p.ignored,
        }
    }
}

impl Reducible for Store {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        match msg {
            Msg::Do(action) => {
                // Typing and moving the timeline replace the history entry instead of adding one per step.
                let typing = matches!(action, Action::SetText(_) | Action::SetWindow(_));
                let state = reduce(&self.state, action);
                if state == self.state {
                    return self;
                }
                let history = if typing || state.embed {
                    HistoryMode::Replace
                } else {
                    HistoryMode::Push
                };
                Rc::new(Store {
                    state,
                    history,
                    notices: self.notices.clone(),
                })
            }
            Msg::FromUrl(p) => Rc::new(Store {
                history: if p.state.embed {
                    HistoryMode::Replace
                } else {
                    HistoryMode::None
                },
                state: p.state,
                notices: p.ignored,
            }),
            Msg::DismissNotices => {
                if self.notices.is_empty() {
                    return self;
                }
                Rc::new(Store {
                    notices: Vec::new(),
                    ..(*self).clone()
                })
            }
        }
    }
}

/// The store handle in context.
pub type StoreHandle = UseReducerHandle<Store>;

/// The app's store (must be used under [`crate::app::App`]).
#[hook]
pub fn use_store() -> StoreHandle {
    use_context::<StoreHandle>()
        .expect("components are rendered inside App, which provides the store")
}

/// A callback that dispatches a reader action.
#[hook]
pub fn use_dispatch() -> Callback<Action> {
    let store = use_store();
    let dispatcher = store.dispatcher();
    use_callback((), move |a: Action, _| dispatcher.dispatch(Msg::Do(a)))
}
