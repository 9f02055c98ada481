//! The app-wide store, and how each component reads only what it shows.
//!
//! One [`Store`] holds the core's [`Model`] (the state the URL describes, and the
//! notices) and what is derived from it for everyone (the query results, computed once
//! per filter). It is provided once, by [`StoreProvider`], as a context that **never
//! changes**: reading the context re-renders nothing. Components read the store through
//! two hooks:
//!
//! - [`use_select`] takes a selector (`|s| s.state.article`) and re-renders its
//!   component only when what it selects changes, so a keystroke re-renders the results
//!   and the facets whose counts moved, and a card opening re-renders the card;
//! - [`use_dispatch`] gives the [`Dispatch`] handle, equal across renders, so callbacks
//!   built from it never make a child re-render.
//!
//! A message goes through [`corpus::update::update`]; the store swaps in the new model,
//! re-runs the query only if the filter changed, tells the subscribers, and runs the
//! effects the core returned (write the address, post to the host page). Leptos's
//! `examples/todomvc` and Yew's `examples/contexts` split readers from writers the same
//! way; a library such as `yewdux` offers selectors too, but its store is global (one per
//! type, across every app mounted on the page, which the in-browser tests do) and brings
//! serde with it; the store here is about a hundred lines and costs the wasm little.

use crate::dom;
use crate::engine;
use corpus::embed::AppMessage;
use corpus::state::Action;
use corpus::update::{update, Effect, Model, Msg};
use corpus::{Filter, Results};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What selectors read: the model and the current results.
pub struct Snapshot {
    /// The model (state and notices).
    pub model: Rc<Model>,
    /// The results of the state's filter (of the last one searched while the search
    /// index's files for the new one are loading).
    pub results: Rc<Results>,
    /// Whether the results are those of the state's search.
    pub search: SearchStatus,
    /// How many times a large corpus's text files came in: a view waiting for text, or
    /// showing that it failed, looks again ([`crate::hooks::use_text`]).
    pub texts: u32,
}

/// Whether the results are those of the state's search, when the search index is files
/// that load as searches need them ([`crate::index_files`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SearchStatus {
    /// The results are the state's.
    #[default]
    Ready,
    /// The files the search needs are loading; the results are the last search's.
    Loading,
    /// A file could not be loaded: the message, which names it.
    Failed(Rc<str>),
}

impl Snapshot {
    /// The state.
    pub fn state(&self) -> &corpus::state::AppState {
        &self.model.state
    }
}

type Check = Rc<dyn Fn(&Snapshot) -> bool>;

/// The store (see the module documentation).
pub struct Store {
    model: RefCell<Rc<Model>>,
    results: RefCell<(Filter, Rc<Results>)>,
    search: RefCell<SearchStatus>,
    /// [`Snapshot::texts`].
    texts: std::cell::Cell<u32>,
    /// Index files are being fetched (one fetch at a time; when it ends, the store looks
    /// again at what the current search needs).
    fetching: std::cell::Cell<bool>,
    /// Subscribers: each says, for a new snapshot, whether its component must re-render
    /// (and schedules it if so). Slots are reused.
    subs: RefCell<Vec<Option<Check>>>,
    /// Address changes not written yet, in order (`true`: a new history entry), and the
    /// timer that writes them: right after the frame for a new entry, once typing pauses
    /// for a replacement.
    pending: RefCell<Pending>,
    /// The store itself, for the timer that writes a pending replacement.
    me: std::rc::Weak<Store>,
}

/// Address changes waiting to be written.
#[derive(Default)]
struct Pending {
    /// The queries, in order, and whether each adds a history entry.
    changes: Vec<(String, bool)>,
    /// The timer that writes them.
    timer: Option<Timeout>,
}

/// How long typing must pause before the address is rewritten (ms). Browsers limit how
/// often a page may rewrite its address (Safari: 100 times in 30 seconds).
const REPLACE_DELAY_MS: u32 = 250;

impl Store {
    /// A store over the model read from the address.
    pub fn new(model: Model) -> Rc<Store> {
        let filter = model.state.filter();
        let need = engine().map_or_else(|_| Vec::new(), |e| e.chunks_needed(&filter.text));
        // A search in the address whose index files are not in yet: the results without
        // it are not shown as its results (the status says it is loading).
        let results = match engine() {
            Ok(e) => Rc::new(e.run(&filter)),
            Err(_) => Rc::default(),
        };
        let store = Rc::new_cyclic(|me| Store {
            model: RefCell::new(Rc::new(model)),
            results: RefCell::new((filter, results)),
            search: RefCell::new(if need.is_empty() {
                SearchStatus::Ready
            } else {
                SearchStatus::Loading
            }),
            fetching: std::cell::Cell::new(false),
            texts: std::cell::Cell::new(0),
            subs: RefCell::new(Vec::new()),
            pending: RefCell::default(),
            me: me.clone(),
        });
        if !need.is_empty() {
            store.fetch(need);
        }
        store
    }

    /// What selectors read, now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            model: self.model.borrow().clone(),
            results: self.results.borrow().1.clone(),
            search: self.search.borrow().clone(),
            texts: self.texts.get(),
        }
    }

    /// The state now, without subscribing to it: for what is computed when it is
    /// used (a link's address, a key press).
    pub fn state(&self) -> Rc<Model> {
        self.model.borrow().clone()
    }

    /// Send a message: update the model, tell who needs to know, run the effects.
    pub fn send(&self, msg: Msg) {
        let Ok(engine) = engine() else { return };
        let c = engine.corpus();
        let current = self.state();
        let up = update(c, &current, msg);
        if let Some(next) = up.model {
            let filter = next.state.filter();
            *self.model.borrow_mut() = Rc::new(next);
            if self.results.borrow().0 != filter {
                self.search(filter);
            }
            self.notify();
        }
        for e in up.effects {
            self.run(e);
        }
    }

    /// Run the search of `filter` if the index files it needs are in; else keep the last
    /// results, say they are loading, and fetch the files (the search runs when they come).
    fn search(&self, filter: Filter) {
        let Ok(engine) = engine() else { return };
        let need = engine.chunks_needed(&filter.text);
        if need.is_empty() {
            let results = Rc::new(engine.run(&filter));
            *self.results.borrow_mut() = (filter, results);
            *self.search.borrow_mut() = SearchStatus::Ready;
        } else {
            *self.search.borrow_mut() = SearchStatus::Loading;
            self.fetch(need);
        }
    }

    /// Fetch index files, unless a fetch is already running (when it ends, what the
    /// current search needs is looked at again).
    fn fetch(&self, need: Vec<u32>) {
        if self.fetching.replace(true) {
            return;
        }
        let me = self.me.clone();
        let text = self.model.borrow().state.filter().text;
        crate::index_files::load(need, move |r| {
            let Some(store) = me.upgrade() else { return };
            store.fetching.set(false);
            match r {
                Ok(()) => store.fetched(),
                // The reader typed on meanwhile: what the new search needs was not tried.
                Err(_) if store.model.borrow().state.filter().text != text => store.fetched(),
                Err(m) => {
                    *store.search.borrow_mut() = SearchStatus::Failed(Rc::from(format!(
                        "Part of the search index could not be loaded ({m}). The results below are not those of this search."
                    )));
                    store.notify();
                }
            }
        });
    }

    /// Files came in: search the current filter if it has what it needs (else fetch more:
    /// the word forms' table tells which other chunks a word's forms are in).
    fn fetched(&self) {
        let filter = self.model.borrow().state.filter();
        if self.results.borrow().0 != filter || *self.search.borrow() != SearchStatus::Ready {
            self.search(filter);
            self.notify();
        }
    }

    /// Try again to load what the current search needs (the message's button).
    pub fn retry_search(&self) {
        if matches!(*self.search.borrow(), SearchStatus::Failed(_)) {
            *self.search.borrow_mut() = SearchStatus::Loading;
            self.notify();
            let filter = self.model.borrow().state.filter();
            self.search(filter);
            self.notify();
        }
    }

    /// Text files came in: the views that wait for text (or failed to get some) look again.
    pub fn text_arrived(&self) {
        self.texts.set(self.texts.get().wrapping_add(1));
        self.notify();
    }

    fn notify(&self) {
        let snap = self.snapshot();
        // Cloned out first: a subscriber may subscribe or unsubscribe another.
        let subs: Vec<Check> = self.subs.borrow().iter().flatten().cloned().collect();
        for check in subs {
            check(&snap);
        }
    }

    fn run(&self, e: Effect) {
        match e {
            Effect::Address { query, push } => self.queue_address(query, push),
            Effect::PostState(query) => dom::post_to_host(&AppMessage::State { query }),
            Effect::PostError(message) => dom::post_to_host(&AppMessage::Error { message }),
        }
    }

    /// Queue an address change. Writing the address costs about a millisecond, so it
    /// waits until the change is drawn; typing replaces the entry only once it pauses.
    fn queue_address(&self, query: String, push: bool) {
        let mut p = self.pending.borrow_mut();
        match p.changes.last_mut() {
            Some(last) if !push && !last.1 => last.0 = query,
            _ => p.changes.push((query, push)),
        }
        let delay = if p.changes.iter().any(|x| x.1) {
            0
        } else {
            REPLACE_DELAY_MS
        };
        let me = self.me.clone();
        p.timer = Some(Timeout::new(delay, move || {
            if let Some(store) = me.upgrade() {
                store.flush_address();
            }
        }));
    }

    /// Write the pending address changes now.
    pub fn flush_address(&self) {
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        for (q, push) in pending.changes {
            dom::set_url(&q, push);
        }
    }

    /// Forget the pending address changes (the address changed under the app).
    pub fn drop_pending_address(&self) {
        let _ = std::mem::take(&mut *self.pending.borrow_mut());
    }

    fn subscribe(&self, check: Check) -> usize {
        let mut subs = self.subs.borrow_mut();
        match subs.iter().position(Option::is_none) {
            Some(i) => {
                subs[i] = Some(check);
                i
            }
            None => {
                subs.push(Some(check));
                subs.len() - 1
            }
        }
    }

    fn unsubscribe(&self, slot: usize) {
        if let Some(s) = self.subs.borrow_mut().get_mut(slot) {
            *s = None;
        }
    }
}

/// The store in context: one per app, equal to itself forever (so providing it never
/// re-renders a reader).
#[derive(Clone)]
pub struct StoreRef(pub Rc<Store>);

impl PartialEq for StoreRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for StoreRef {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.0
    }
}

/// Sends reader actions; equal across renders (it is the store's own handle).
#[derive(Clone, PartialEq)]
pub struct Dispatch(StoreRef);

impl Dispatch {
    /// Do an action.
    pub fn emit(&self, action: Action) {
        self.0.send(Msg::Do(action));
    }

    /// Send any message.
    pub fn send(&self, msg: Msg) {
        self.0.send(msg);
    }

    /// Try again to load the search index's files the current search needs.
    pub fn retry_search(&self) {
        self.0.retry_search();
    }

    /// A callback that does `action` whatever the event (a button's `onclick`).
    pub fn on<E: 'static>(&self, action: Action) -> Callback<E> {
        let d = self.clone();
        Callback::from(move |_: E| d.emit(action.clone()))
    }
}

/// Props of [`StoreProvider`].
#[derive(Properties, PartialEq)]
pub struct StoreProviderProps {
    /// The app.
    pub children: Html,
}

/// Provides the store, read from the address when the app starts.
#[component]
pub fn StoreProvider(props: &StoreProviderProps) -> Html {
    crate::rendered!("StoreProvider");
    let store = use_memo((), |_| {
        let model = match engine() {
            Ok(e) => Model::from_query(e.corpus(), &dom::location_search()),
            Err(_) => Model::default(),
        };
        StoreRef(Store::new(model))
    });
    html! {
        <ContextProvider<StoreRef> context={(*store).clone()}>
            { props.children.clone() }
        </ContextProvider<StoreRef>>
    }
}

/// The store (for what reads it when it is used, not when it renders).
#[hook]
pub fn use_store() -> StoreRef {
    use_context::<StoreRef>().expect("components are rendered inside StoreProvider")
}

/// The dispatcher.
#[hook]
pub fn use_dispatch() -> Dispatch {
    Dispatch(use_store())
}

/// A subscription, ended when dropped (with its component).
struct Subscription {
    store: StoreRef,
    slot: usize,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.store.unsubscribe(self.slot);
    }
}

/// Re-render when `changed` says so (non-generic: one copy of this code however many
/// selectors there are). Subscribed while the component first renders, not in an effect
/// (which Yew may run a frame later): a change that comes in between is not missed.
#[hook]
fn use_subscription(changed: Check) {
    let store = use_store();
    let redraw = use_force_update();
    let latest = use_mut_ref(|| changed.clone());
    *latest.borrow_mut() = changed;
    let _subscription = use_memo((), move |_| {
        let check: Check = Rc::new(move |snap: &Snapshot| {
            let changed = latest.borrow().clone();
            if changed(snap) {
                redraw.force_update();
            }
            false
        });
        Subscription {
            slot: store.subscribe(check),
            store,
        }
    });
}

/// What `select` picks from the store, now; the component re-renders when it changes
/// (compared with `PartialEq`, so select small values, ids, or `Rc`s compared by
/// pointer with [`crate::components::Shared`]).
#[hook]
pub fn use_select<T, F>(select: F) -> Rc<T>
where
    T: PartialEq + 'static,
    F: Fn(&Snapshot) -> T + 'static,
{
    let store = use_store();
    let now = Rc::new(select(&store.snapshot()));
    let shown = now.clone();
    use_subscription(Rc::new(move |s: &Snapshot| select(s) != *shown));
    now
}
