//! The explorer's model and its update: what a message does to the state, and what the
//! browser must then do about it, as data (crux's habit: `update` returns effects that
//! the shell executes).
//!
//! The shell (the Yew app) owns one [`Model`], sends every [`Msg`] through [`update`],
//! and runs the [`Effect`]s it gets back: write the address (adding a history entry or
//! replacing the current one), tell the host page the new state, or tell it a message was
//! refused. The rules that used to be decisions in components live here and are tested
//! natively:
//!
//! - **history**: a reader's step (opening an article, ticking a filter) adds a history
//!   entry, so Back returns; typing and moving the timeline replace the current entry
//!   instead of adding one per keystroke or frame; an embedded explorer never adds
//!   entries to its host's history;
//! - **the address is the state**: back/forward and a pasted link are read with
//!   [`parse_query`], and what could not be used becomes the notices;
//! - **host messages are all or nothing**: a message is turned into a query and read like
//!   a URL; if any part of it cannot be used the whole message is refused and the host is
//!   told why, once per problem.

use crate::embed;
use crate::model::Corpus;
use crate::state::{parse_query, reduce, to_query, Action, AppState, Parsed};

/// What the explorer holds: the state the URL describes, and the notices about what the
/// last URL or host message asked for that could not be used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Model {
    /// The state (what the URL holds).
    pub state: AppState,
    /// What could not be used, one line each, for the notice banner.
    pub notices: Vec<String>,
}

impl Model {
    /// The model for a query string (the address at start-up).
    pub fn from_query(c: &Corpus, query: &str) -> Model {
        let Parsed { state, ignored } = parse_query(c, query);
        Model {
            state,
            notices: ignored,
        }
    }
}

/// What can happen to the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// A reader's action.
    Do(Action),
    /// The address changed under the app (back, forward): read it.
    Address(String),
    /// A message from the host page (`pce:...`): decoded, or why it could not be (see
    /// [`embed::HostMessage::decode_error`]).
    Host(Result<embed::HostMessage, String>),
    /// Hide the notices.
    DismissNotices,
}

/// What the shell must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write `?query` into the address bar: a new history entry (`push`) or in place of
    /// the current one.
    Address {
        /// The canonical query string (no `?`).
        query: String,
        /// Add a history entry rather than replace the current one.
        push: bool,
    },
    /// Tell the host page the state changed (`pce:state`, embedded only).
    PostState(String),
    /// Tell the host page a message was refused (`pce:error`).
    PostError(String),
}

/// The result of an update: the new model (`None` when nothing changed) and the effects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Update {
    /// The new model, or `None` if the message changed nothing.
    pub model: Option<Model>,
    /// What the shell must do, in order.
    pub effects: Vec<Effect>,
}

/// Does this action only refine what is already on screen (typing, moving the
/// timeline), so that it replaces the history entry instead of adding one?
pub fn replaces_history(action: &Action) -> bool {
    matches!(action, Action::SetText(_) | Action::SetWindow(_))
}

/// Apply a message.
pub fn update(c: &Corpus, m: &Model, msg: Msg) -> Update {
    match msg {
        Msg::Do(action) => {
            let push = !replaces_history(&action);
            let state = reduce(&m.state, action);
            if state == m.state {
                return Update::default();
            }
            let query = to_query(c, &state);
            let mut effects = vec![Effect::Address {
                query: query.clone(),
                // An embedded explorer never adds entries to its host's history.
                push: push && !state.embed,
            }];
            if state.embed {
                effects.push(Effect::PostState(query));
            }
            Update {
                model: Some(Model {
                    state,
                    notices: m.notices.clone(),
                }),
                effects,
            }
        }
        Msg::Address(q) => {
            let next = Model::from_query(c, &q);
            let mut effects = Vec::new();
            if next.state.embed && next.state != m.state {
                // The host follows the explorer's own history (an iframe's back button).
                effects.push(Effect::PostState(to_query(c, &next.state)));
            }
            Update {
                model: (next != *m).then_some(next),
                effects,
            }
        }
        Msg::Host(message) => host(c, m, message),
        Msg::DismissNotices => Update {
            model: (!m.notices.is_empty()).then(|| Model {
                state: m.state.clone(),
                notices: Vec::new(),
            }),
            effects: Vec::new(),
        },
    }
}

/// A host message: read like a URL, used whole or refused whole.
fn host(c: &Corpus, m: &Model, message: Result<embed::HostMessage, String>) -> Update {
    let change = match message.and_then(|msg| msg.change()) {
        Ok(change) => change,
        Err(why) => {
            return Update {
                model: None,
                effects: vec![Effect::PostError(why)],
            }
        }
    };
    let q = embed::apply(c, &m.state, &change);
    let parsed = parse_query(c, &q);
    if !parsed.ignored.is_empty() {
        return Update {
            model: None,
            effects: parsed.ignored.into_iter().map(Effect::PostError).collect(),
        };
    }
    if parsed.state == m.state {
        return Update {
            model: (!m.notices.is_empty()).then(|| Model {
                state: m.state.clone(),
                notices: Vec::new(),
            }),
            effects: Vec::new(),
        };
    }
    let query = to_query(c, &parsed.state);
    Update {
        model: Some(Model {
            state: parsed.state,
            notices: Vec::new(),
        }),
        effects: vec![
            Effect::Address {
                query: query.clone(),
                push: false,
            },
            Effect::PostState(query),
        ],
    }
}
