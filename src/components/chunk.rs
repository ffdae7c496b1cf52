//! A view whose code is in a wasm chunk (the pages of `pages::lazy`, the
//! recovery screen): loading until the chunk is there, then the view, or a
//! failure the caller shows with its own words.

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

#[derive(Clone, Copy, PartialEq)]
pub enum Phase {
    Loading,
    Failed,
    Ready,
}

#[derive(Clone, Copy)]
pub struct ChunkView {
    phase: RwSignal<Phase>,
    view: StoredValue<Option<AnyView>, LocalStorage>,
    owner: StoredValue<Owner, LocalStorage>,
}

impl ChunkView {
    /// Made by the component that shows the view: the view is built under
    /// its owner, so it sees that component's contexts and is disposed with it.
    pub fn new() -> ChunkView {
        ChunkView {
            phase: RwSignal::new(Phase::Loading),
            view: StoredValue::new_local(None),
            owner: StoredValue::new_local(
                Owner::current().expect("a chunk's view is shown under an owner"),
            ),
        }
    }

    /// Loads (again, after a failure): `build` fetches the chunk, then builds the view.
    pub fn load(self, build: impl Future<Output = Result<AnyView, SplitLoaderError>> + 'static) {
        self.phase.set(Phase::Loading);
        let build =
            self.owner.with_value(|owner| owner.with(|| ScopedFuture::new_untracked(build)));
        leptos::task::spawn_local(async move {
            match build.await {
                Ok(view) => {
                    if self.view.try_set_value(Some(view)).is_none() {
                        self.phase.try_set(Phase::Ready);
                    }
                }
                Err(_) => {
                    self.phase.try_set(Phase::Failed);
                }
            }
        });
    }

    pub fn phase(&self) -> Phase {
        self.phase.get()
    }

    /// The view, handed over once (what shows it takes it).
    pub fn take(&self) -> AnyView {
        self.view.try_update_value(|view| view.take()).flatten().unwrap_or_else(|| ().into_any())
    }
}
